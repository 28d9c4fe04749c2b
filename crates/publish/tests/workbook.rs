//! The clerks' workbook, written and read back: an unchanged workbook imports to the same
//! figures, a new figure reaches the indicator and its series, and each kind of broken workbook
//! gets its own problem, named by sheet and cell in Japanese (and in English on request).

mod common;

use common::*;
use publish::import::import;
use publish::workbook::layout::*;
use publish::workbook::{read, Cell, CellRef};
use publish::Kind;
use snapshot::{FiscalYear, Locale};

fn messages(r: Result<snapshot::Snapshot, Vec<publish::SheetProblem>>, lang: Locale) -> Vec<String> {
    r.expect_err("problems expected").iter().map(|p| p.message(lang)).collect()
}

#[test]
fn an_unchanged_workbook_imports_to_the_same_figures() {
    let base = base();
    let mut next = import(&book(), &base, "2024-03-test", "2024-03-31").expect("no problems");
    assert_eq!((next.id.as_str(), next.as_of.text()), ("2024-03-test", "2024-03-31"));
    next.id = base.id.clone();
    next.as_of = base.as_of.clone();
    assert_eq!(next, base, "every figure and text as published");
}

#[test]
fn the_workbook_follows_the_machine_readable_rules() {
    let book = book();
    let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names[0], GUIDE);
    assert_eq!(&names[1..=DATA_SHEETS.len()], &DATA_SHEETS);
    assert_eq!(
        &names[names.len() - 8..],
        [ANSWERS, READINGS, CITY, OFFICES, COUNTERS, POLICIES, INITIATIVES, GROUPS],
        "the city's answers, its words for ふりがな, then the city, its offices and counters, and the plan's policies and initiatives, last"
    );
    assert!(names.iter().copied().eq(all_sheets()), "written as the list says");
    assert!(book.sheets.iter().all(|s| s.merged.is_empty()), "no merged cells");
    // Figures are numbers; a figure not yet published is an empty cell, never 0.
    let at = cell_of(&book, INDICATORS, 0, "konbini-certificates", &actual_header(2022));
    assert_eq!(book.sheet(INDICATORS).unwrap().get(at.row, at.col), Some(&Cell::Number(300170.0)));
    let at = cell_of(&book, INDICATORS, 0, "konbini-certificates", &actual_header(2023));
    assert_eq!(book.sheet(INDICATORS).unwrap().get(at.row, at.col), None);
    // The Western year beside 令和.
    assert!(indicator_headers(&base()).contains(&"実績 令和4年度（2022年度）".to_string()));
    // The konbini yearly figures are typed once, in 検証指標, not again in コンビニ交付.
    let konbini = book.sheet(KONBINI).unwrap();
    assert!(konbini.data_rows().is_empty(), "no monthly figures are published yet");
}

#[test]
fn a_new_actual_fills_the_indicator_and_its_series() {
    let mut book = book();
    // Synthetic, for this test only.
    let at = cell_of(&book, INDICATORS, 0, "konbini-certificates", &actual_header(2023));
    set(&mut book, INDICATORS, at, Some(Cell::Text("412,345".into())));
    let at = cell_of(&book, INDICATORS, 0, "counter-satisfaction", &actual_header(2023));
    set(&mut book, INDICATORS, at, Some(Cell::Number(88.5)));
    let next = import(&book, &base(), "2024-03-test", "2024-03-31").expect("no problems");
    let konbini = next.indicators.iter().find(|i| i.id == "konbini-certificates").unwrap();
    assert_eq!(
        konbini.actuals.last().map(|a| (a.fiscal_year, *a.value)),
        Some((FiscalYear(2023), Some(412345.0)))
    );
    assert_eq!(
        next.konbini_certificates
            .as_ref()
            .unwrap()
            .yearly
            .last()
            .map(|a| (a.fiscal_year, *a.value)),
        Some((FiscalYear(2023), Some(412345.0)))
    );
    assert_eq!(
        next.counter_survey.yearly.last().map(|a| (a.fiscal_year, *a.value)),
        Some((FiscalYear(2023), Some(88.5)))
    );
}

#[test]
fn text_in_a_number_cell_is_named_by_sheet_and_cell() {
    let mut book = book();
    let at = cell_of(&book, INDICATORS, 0, "telework-ease", &actual_header(2023));
    set(&mut book, INDICATORS, at, Some(Cell::Text("abc".into())));
    let r = import(&book, &base(), "x-test", "2024-03-31");
    assert_eq!(
        messages(r.clone(), Locale::Ja),
        vec![format!("「検証指標」シート {at}: 数値ではありません（\"abc\"）")]
    );
    assert_eq!(
        messages(r, Locale::En),
        vec![format!("sheet \"検証指標\" {at}: not a number (\"abc\")")]
    );
}

#[test]
fn a_negative_count_and_a_percentage_over_100_are_named_where_they_were_typed() {
    let mut book = book();
    let count = cell_of(&book, INDICATORS, 0, "konbini-certificates", &actual_header(2023));
    set(&mut book, INDICATORS, count, Some(Cell::Number(-5.0)));
    let share = cell_of(&book, INDICATORS, 0, "citizen-satisfaction", &actual_header(2023));
    set(&mut book, INDICATORS, share, Some(Cell::Number(120.0)));
    let found = messages(import(&book, &base(), "x-test", "2024-03-31"), Locale::Ja);
    assert!(
        found
            .iter()
            .any(|m| m.starts_with(&format!("「検証指標」シート {count}: ")) && m.contains("マイナス")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|m| m.starts_with(&format!("「検証指標」シート {share}: ")) && m.contains("100")),
        "{found:?}"
    );
}

#[test]
fn a_missing_sheet_a_renamed_heading_and_a_deleted_row_are_problems() {
    let mut book = book();
    book.sheets.retain(|s| s.name != PROGRESS);
    set(
        &mut book,
        STAFF_CATEGORIES,
        CellRef { row: 0, col: 2 },
        Some(Cell::Text("平均".into())),
    );
    let row = cell_of(&book, STAFF_QUESTIONS, 2, "q-job-fits", "平均点（点）").row;
    book.sheets
        .iter_mut()
        .find(|s| s.name == STAFF_QUESTIONS)
        .unwrap()
        .cells
        .retain(|c, _| c.row != row);
    let found = messages(import(&book, &base(), "x-test", "2024-03-31"), Locale::Ja);
    assert!(
        found.contains(&"「取組の進捗」シート: このシートがありません。シートの名前を変えたり、消したりしないでください".to_string()),
        "{found:?}"
    );
    assert!(
        found.contains(
            &"「職員満足度（分類）」シート C1: 見出しは「分類の平均点（点）」のはずですが「平均」になっています。1行目は変えないでください"
                .to_string()
        ),
        "{found:?}"
    );
    assert!(found.iter().any(|m| m.contains("「q-job-fits」の行がありません")), "{found:?}");
}

#[test]
fn emptying_a_published_figure_is_refused() {
    let mut book = book();
    let at = cell_of(&book, INDICATORS, 0, "annual-leave-days", &actual_header(2022));
    set(&mut book, INDICATORS, at, None);
    let found = messages(import(&book, &base(), "x-test", "2024-03-31"), Locale::Ja);
    assert_eq!(
        found,
        vec![format!(
            "「検証指標」シート {at}: 空欄ですが、公開済みの数値（15）があります。公開した数値は消せません"
        )]
    );
}

#[test]
fn merged_cells_are_found_and_refused() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name(INDICATORS).unwrap();
    ws.merge_range(1, 1, 2, 3, "結合", &rust_xlsxwriter::Format::new()).unwrap();
    let read = read::read_bytes(&wb.save_to_buffer().unwrap()).unwrap();
    assert_eq!(read.sheet(INDICATORS).unwrap().merged, vec!["B2:D3".to_string()]);
    let mut book = book();
    book.sheets
        .iter_mut()
        .find(|s| s.name == INDICATORS)
        .unwrap()
        .merged
        .push("B2:D3".into());
    let found = messages(import(&book, &base(), "x-test", "2024-03-31"), Locale::Ja);
    assert_eq!(
        found,
        vec!["「検証指標」シート: セル B2:D3 が結合されています。結合を解除してください（1つのセルに1つの値）".to_string()]
    );
}

#[test]
fn a_formula_saved_without_its_result_is_a_problem_not_a_zero() {
    let xlsx = minimal_xlsx(
        INDICATORS,
        &mut |w| {
            w.write_all(br#"<row r="2"><c r="H2"><f>SUM(A1:A2)</f></c><c r="I2"><f>1+1</f><v>2</v></c></row>"#)
                .unwrap()
        },
        0,
    );
    let read = read::read_bytes(&xlsx).unwrap();
    let sheet = read.sheet(INDICATORS).unwrap();
    assert_eq!(sheet.get(1, 7), Some(&Cell::FormulaWithoutResult("=SUM(A1:A2)".into())));
    assert_eq!(
        sheet.get(1, 8),
        Some(&Cell::Number(2.0)),
        "a formula with its saved result is read by the result"
    );
    let mut book = book();
    let at = cell_of(&book, INDICATORS, 0, "staff-fulfilment", &actual_header(2023));
    set(&mut book, INDICATORS, at, Some(Cell::FormulaWithoutResult("=SUM(A1:A2)".into())));
    let found = messages(import(&book, &base(), "x-test", "2024-03-31"), Locale::Ja);
    assert_eq!(found.len(), 1);
    assert!(
        found[0].starts_with(&format!(
            "「検証指標」シート {at}: 数式（=SUM(A1:A2)）の計算結果が保存されていません"
        )),
        "{found:?}"
    );
}

#[test]
fn a_million_rows_stop_at_the_bound() {
    let xlsx = minimal_xlsx(
        INDICATORS,
        &mut |w| {
            for r in 1..=1_000_000u32 {
                write!(w, r#"<row r="{r}"><c r="A{r}"><v>1</v></c></row>"#).unwrap();
            }
        },
        0,
    );
    let problems = read::read_bytes(&xlsx).expect_err("too many rows");
    assert_eq!(problems[0].kind, Kind::TooManyRows { max: read::MAX_ROWS });
    assert_eq!(problems[0].message(Locale::Ja), "「検証指標」シート: 行が多すぎます（10000行まで）");
}

#[test]
fn a_zip_bomb_stops_at_the_bound() {
    let xlsx = minimal_xlsx(INDICATORS, &mut |_| {}, (read::MAX_UNZIPPED_BYTES + (1 << 20)) as usize);
    assert!(xlsx.len() < 1 << 20, "small on disk: {} bytes", xlsx.len());
    let problems = read::read_bytes(&xlsx).expect_err("refused");
    assert_eq!(problems[0].kind, Kind::Unzipped { max_mib: 64 });
    assert!(read::read_bytes(b"not a zip at all").is_err());
}

#[test]
fn csv_comes_as_japanese_excel_saves_it() {
    let text = "年（西暦）,月\r\n2024,4\r\n";
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(text);
    assert!(std::str::from_utf8(&sjis).is_err(), "really Shift_JIS");
    assert_eq!(read::decode(&sjis).as_deref(), Some(text));
    assert_eq!(read::decode(format!("\u{feff}{text}").as_bytes()).as_deref(), Some(text));
    assert_eq!(read::decode(text.as_bytes()).as_deref(), Some(text));
    assert_eq!(read::decode(b"\xff\xfe\x00\x00\x81"), None, "neither is a problem, not a guess");
}

#[test]
fn a_folder_of_shift_jis_csv_files_imports_like_the_workbook() {
    let book = book();
    let dir = std::env::temp_dir().join(format!("widget-publish-csv-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    // Excel writes numbers as shown, grouping commas and all; in Shift_JIS where it can.
    let shown = |sheet: &str, v: String| {
        if sheet == INDICATORS {
            v.parse::<f64>().map_or(v.clone(), view_models::format::number)
        } else {
            v
        }
    };
    let shift_jis = |text: &str| {
        let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text);
        if unmappable {
            format!("\u{feff}{text}").into_bytes()
        } else {
            bytes.into_owned()
        }
    };
    publish::testing::csv_files_of(&book, &dir, shown, shift_jis);
    let read = read::read_path(&dir).unwrap();
    let base = base();
    let mut next = import(&read, &base, "2024-03-test", "2024-03-31").expect("no problems");
    next.id = base.id.clone();
    next.as_of = base.as_of.clone();
    assert_eq!(next, base);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_ods_file_is_read_like_a_workbook() {
    let ods = publish::testing::minimal_ods(
        INDICATORS,
        r#"<table:table-row><table:table-cell office:value-type="string"><text:p>指標ID</text:p></table:table-cell><table:table-cell/><table:table-cell office:value-type="float" office:value="412345"><text:p>412,345</text:p></table:table-cell></table:table-row>"#,
    );
    let book = read::read_bytes(&ods).expect("an .ods file reads");
    let sheet = book.sheet(INDICATORS).unwrap();
    assert_eq!(sheet.get(0, 0), Some(&Cell::Text("指標ID".into())));
    assert_eq!(sheet.get(0, 1), None, "an empty cell is no cell");
    assert_eq!(sheet.get(0, 2), Some(&Cell::Number(412345.0)));
}

/// The published snapshot with one synthetic answer (for tests only).
fn with_an_answer() -> snapshot::Snapshot {
    let mut s = base();
    s.voices.answers.push(snapshot::CityAnswer {
        id: "fee-konbini".into(),
        card: "konbini-yearly".into(),
        title: snapshot::Text {
            ja: "コンビニ交付の手数料".into(),
            en: Some("The convenience-store fee".into()),
            ja_easy: Some("コンビニの お金《かね》".into()),
        },
        voices_summary: snapshot::Text {
            ja: "手数料を下げてほしいという声がありました。".into(),
            en: None,
            ja_easy: None,
        },
        answer: snapshot::Text {
            ja: "手数料の見直しを検討しています。".into(),
            en: None,
            ja_easy: None,
        },
        status: snapshot::AnswerStatus::Considering,
        reason: None,
        date: snapshot::AsOf::parse("2023-11-30"),
        expects: Some("konbini-certificates".into()),
    });
    s
}

#[test]
fn the_citys_answers_round_trip_through_their_own_sheet_and_rows_can_be_added() {
    let base = with_an_answer();
    let mut book = read::read_bytes(&publish::workbook::write::workbook(&base).unwrap()).unwrap();
    let next = import(&book, &base, "2024-03-test", "2024-03-31").expect("no problems");
    assert_eq!(next.voices, base.voices, "read back as written");
    // The answers' texts are on 市の対応 only, not again on テキスト.
    assert!(book.sheet(TEXTS).unwrap().data_rows().iter().all(|r| !book
        .sheet(TEXTS)
        .unwrap()
        .text(*r, 0)
        .unwrap_or_default()
        .starts_with("voices")));
    // A clerk adds a row; the date typed into a spreadsheet is kept as a date serial.
    let row = 2;
    for (col, cell) in [
        (0, Cell::Text("wait-counter".into())),
        (1, Cell::Text("counter-satisfaction".into())),
        (2, Cell::Text("対応しました".into())),
        (3, Cell::Number(45382.0)),
        (ANS_TITLE, Cell::Text("窓口の待ち時間".into())),
        (ANS_SUMMARY, Cell::Text("待ち時間が長いという声".into())),
        (ANS_ANSWER, Cell::Text("番号札の案内を増やしました。".into())),
    ] {
        set(&mut book, ANSWERS, CellRef { row, col }, Some(cell));
    }
    let next = import(&book, &base, "2024-03-test", "2024-03-31").expect("no problems");
    let added = &next.voices.answers[1];
    assert_eq!(
        (added.id.as_str(), added.status, added.date.text()),
        ("wait-counter", snapshot::AnswerStatus::Done, "2024-03-31")
    );
}

#[test]
fn an_answer_row_with_problems_is_named_by_sheet_and_cell() {
    let base = with_an_answer();
    let mut book = read::read_bytes(&publish::workbook::write::workbook(&base).unwrap()).unwrap();
    set(&mut book, ANSWERS, CellRef { row: 1, col: 2 }, Some(Cell::Text("たぶん".into())));
    let m = messages(import(&book, &base, "2024-03-test", "2024-03-31"), Locale::Ja);
    assert_eq!(m, vec!["「市の対応」シート C2: 「たぶん」は使えません。「検討しています」「対応しています」「対応しました」「対応しません」のどれかにしてください"]);
    set(
        &mut book,
        ANSWERS,
        CellRef { row: 1, col: 2 },
        Some(Cell::Text("対応しません".into())),
    );
    set(&mut book, ANSWERS, CellRef { row: 1, col: 1 }, Some(Cell::Text("atlantis".into())));
    set(
        &mut book,
        ANSWERS,
        CellRef {
            row: 1,
            col: ANS_TITLE + 2,
        },
        Some(Cell::Text("手数料".into())),
    );
    let m = messages(import(&book, &base, "2024-03-test", "2024-03-31"), Locale::Ja);
    assert!(
        m.contains(&"「市の対応」シート B2: ID \"atlantis\" のカード・指標はありません".to_string()),
        "{m:?}"
    );
    assert!(
        m.contains(&"「市の対応」シート N2: 「対応しません」の対応には理由が必要です".to_string()),
        "{m:?}"
    );
    assert!(
        m.iter()
            .any(|x| x.starts_with("「市の対応」シート G2: 「手数料」に読みがありません")),
        "{m:?}"
    );
    let en = messages(import(&book, &base, "2024-03-test", "2024-03-31"), Locale::En);
    assert!(
        en.contains(&"sheet \"市の対応\" N2: an answer the city declines (declined) needs its reason".to_string()),
        "{en:?}"
    );
}

#[test]
fn a_workbook_from_before_the_answers_sheet_keeps_the_published_answers() {
    let base = with_an_answer();
    let mut book = read::read_bytes(&publish::workbook::write::workbook(&base).unwrap()).unwrap();
    book.sheets.retain(|s| s.name != ANSWERS);
    let next = import(&book, &base, "2024-03-test", "2024-03-31").expect("no problems");
    assert_eq!(next.voices.answers, base.voices.answers);
}

#[test]
fn the_citys_words_round_trip_through_their_own_sheet_and_rows_can_be_added_and_removed() {
    let base = base();
    assert!(!base.readings.is_empty(), "the default data reads the wards its own way");
    let mut book = read::read_bytes(&publish::workbook::write::workbook(&base).unwrap()).unwrap();
    let next = import(&book, &base, "2024-03-test", "2024-03-31").expect("no problems");
    assert_eq!(next.readings, base.readings, "read back as written");
    // A clerk adds a word at the end and empties the first row.
    let row = base.readings.len() as u32 + 1;
    set(&mut book, READINGS, CellRef { row, col: 0 }, Some(Cell::Text("市場".into())));
    set(&mut book, READINGS, CellRef { row, col: 1 }, Some(Cell::Text("シジョウ".into())));
    for col in 0..3 {
        set(&mut book, READINGS, CellRef { row: 1, col }, None);
    }
    let next = import(&book, &base, "2024-03-test", "2024-03-31").expect("no problems");
    assert_eq!(next.readings.len(), base.readings.len());
    assert_eq!(next.readings[0], base.readings[1], "the emptied row is gone");
    let added = next.readings.last().unwrap();
    assert_eq!(
        (added.word.as_str(), added.reading.as_str(), added.part_of_speech.as_str()),
        ("市場", "シジョウ", "")
    );
}

#[test]
fn a_malformed_word_is_named_by_sheet_and_cell_and_nothing_is_published() {
    let base = base();
    let mut book = read::read_bytes(&publish::workbook::write::workbook(&base).unwrap()).unwrap();
    set(&mut book, READINGS, CellRef { row: 1, col: 1 }, Some(Cell::Text("chuouku".into())));
    set(&mut book, READINGS, CellRef { row: 2, col: 0 }, Some(Cell::Text("ひがし".into())));
    set(&mut book, READINGS, CellRef { row: 3, col: 0 }, Some(Cell::Text("中央区".into())));
    let m = messages(import(&book, &base, "2024-03-test", "2024-03-31"), Locale::Ja);
    assert_eq!(
        m,
        vec![
            "「読み方」シート B2: 読み「chuouku」は、ひらがなかカタカナで書いてください",
            "「読み方」シート A3: 「ひがし」には漢字がありません。読み方の一覧には、漢字を含む語を書いてください",
            "「読み方」シート A4: 「中央区」が2回あります。読み方は1つにしてください",
        ]
    );
    // A word without its reading, and too many words.
    let mut book = read::read_bytes(&publish::workbook::write::workbook(&base).unwrap()).unwrap();
    set(&mut book, READINGS, CellRef { row: 1, col: 1 }, None);
    let m = messages(import(&book, &base, "2024-03-test", "2024-03-31"), Locale::Ja);
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].starts_with("「読み方」シート B2: "), "{m:?}");
    let mut many = base.clone();
    many.readings = (0..=snapshot::validate::MAX_CITY_READINGS)
        .map(|i| snapshot::CityReading {
            word: format!("語{i}"),
            reading: "ご".into(),
            part_of_speech: String::new(),
        })
        .collect();
    let book = read::read_bytes(&publish::workbook::write::workbook(&many).unwrap()).unwrap();
    let m = messages(import(&book, &base, "2024-03-test", "2024-03-31"), Locale::Ja);
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].starts_with("「読み方」シート A1: ") && m[0].contains("1000"), "{m:?}");
}

/// `file` converted by LibreOffice (Debian's `libreoffice-calc-nogui`, headless) to `to`, as a
/// clerk who opens the workbook in LibreOffice and saves it in that format would leave it.
fn through_libreoffice(file: &std::path::Path, to: &str) -> std::path::PathBuf {
    let dir = file.parent().unwrap();
    // A profile of its own, so tests converting at once do not wait on each other's lock.
    let profile = dir.join(format!("lo-profile-{}", to.split(':').next().unwrap_or(to)));
    let out = std::process::Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--convert-to", to, "--outdir"])
        .arg(dir)
        .arg(file)
        .output()
        .expect("scripts/setup.sh installs libreoffice-calc-nogui");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    file.with_extension(to)
}

#[test]
fn the_workbook_saved_by_libreoffice_reads_back_the_same_figures_texts_and_words() {
    let base = base();
    let dir = std::env::temp_dir().join(format!("widget-libreoffice-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let xlsx = dir.join("workbook.xlsx");
    std::fs::write(&xlsx, publish::workbook::write::workbook(&base).unwrap()).unwrap();
    for to in ["ods", "xlsx"] {
        // Saved as .xlsx by LibreOffice: its own writer, over ours (a copy, so the source stays).
        let source = if to == "xlsx" {
            let copy = dir.join("from-libreoffice.ods");
            std::fs::copy(through_libreoffice(&xlsx, "ods"), &copy).unwrap();
            copy
        } else {
            xlsx.clone()
        };
        let saved = through_libreoffice(&source, to);
        let book = read::read_path(&saved).unwrap_or_else(|e| panic!("{to}: {e:?}"));
        let mut next =
            import(&book, &base, "2024-03-test", "2024-03-31").unwrap_or_else(|p| panic!("{to}: {:?}", messages(Err(p), Locale::Ja)));
        next.id = base.id.clone();
        next.as_of = base.as_of.clone();
        assert_eq!(next.readings, base.readings, "{to}: 「読み方」 as written");
        assert_eq!(next, base, "{to}: every figure, text and word as published");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn every_sheet_exported_by_libreoffice_as_csv_imports_under_its_book_sheet_names() {
    let base = base();
    let dir = std::env::temp_dir().join(format!("widget-libreoffice-csv-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let xlsx = dir.join("workbook.xlsx");
    std::fs::write(&xlsx, publish::workbook::write::workbook(&base).unwrap()).unwrap();
    // LibreOffice's "every sheet" CSV export (sheet -1, UTF-8): one `workbook-<sheet>.csv` each.
    through_libreoffice(
        &xlsx,
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
    );
    std::fs::remove_file(&xlsx).unwrap();
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".csv"))
        .collect();
    files.sort();
    assert!(files.contains(&format!("workbook-{INDICATORS}.csv")), "{files:?}");
    let book = read::read_path(&dir).unwrap_or_else(|e| panic!("{:?}", messages(Err(e), Locale::Ja)));
    let mut next = import(&book, &base, "2024-03-test", "2024-03-31").unwrap_or_else(|p| panic!("{:?}", messages(Err(p), Locale::Ja)));
    next.id = base.id.clone();
    next.as_of = base.as_of.clone();
    assert_eq!(next, base, "every figure, text and word as published");

    // A file named after no sheet is named in the problem, not hidden behind missing sheets.
    std::fs::write(dir.join("メモ.csv"), "a,b\n").unwrap();
    let m = messages(read::read_path(&dir).map(|_| base.clone()), Locale::Ja);
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(
        m[0].contains("「メモ.csv」") && m[0].contains("シートの名前とも合いません"),
        "{m:?}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_city_without_a_konbini_series_has_no_sheet_for_it_and_its_workbook_imports() {
    let mut base = base();
    base.konbini_certificates = None;
    base.staff_survey = None;
    base.previous_stage = None;
    base.citizen_requests = None;
    let book = read::read_bytes(&publish::workbook::write::workbook(&base).unwrap()).unwrap();
    assert!(book.sheet(INDICATORS).is_some());
    assert!(
        book.sheet(publish::workbook::layout::KONBINI).is_none(),
        "no sheet for a series the city does not publish"
    );
    let mut next = import(&book, &base, "2024-03-test", "2024-03-31").expect("no problems, no missing sheet");
    next.id = base.id.clone();
    next.as_of = base.as_of.clone();
    assert_eq!(next, base);
}

#[test]
fn the_city_and_its_offices_are_edited_in_their_own_sheets_with_rows_added_and_removed() {
    let base = base();
    let mut book = read::read_bytes(&publish::workbook::write::workbook(&base).unwrap()).unwrap();
    assert!(
        !book
            .sheet(TEXTS)
            .unwrap()
            .data_rows()
            .into_iter()
            .any(|r| { book.sheet(TEXTS).unwrap().text(r, 0).is_some_and(|p| p.starts_with("city")) }),
        "the city's texts are on its own sheets only"
    );
    // A clerk renames the city in English, removes the first office and adds a branch.
    let name_en = cell_of(&book, CITY, 0, "name", "English");
    set(&mut book, CITY, name_en, Some(Cell::Text("Kumamoto".into())));
    let last = base.city.as_ref().unwrap().offices.len() as u32 + 1;
    for (col, v) in ["tomiai", "支所", "富合支所", "Tomiai Branch", "富合《とみあい》"]
        .into_iter()
        .enumerate()
    {
        set(
            &mut book,
            OFFICES,
            CellRef {
                row: last,
                col: col as u32,
            },
            Some(Cell::Text(v.into())),
        );
    }
    for col in 0..5 {
        set(&mut book, OFFICES, CellRef { row: 1, col }, None);
    }
    let next = import(&book, &base, "2024-03-test", "2024-03-31").unwrap_or_else(|p| panic!("{:?}", messages(Err(p), Locale::Ja)));
    let city = next.city.as_ref().unwrap();
    assert_eq!(city.name.en.as_deref(), Some("Kumamoto"));
    assert_eq!(city.name.ja, "熊本市", "the rest as published");
    let ids: Vec<&str> = city.offices.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, ["higashi", "nishi", "minami", "kita", "tomiai"]);
    assert_eq!(city.offices[4].kind, snapshot::OfficeKind::Branch);

    // An id reused, an unknown kind, a name missing and an address that is not https: each at
    // its cell, and nothing is published.
    set(&mut book, OFFICES, CellRef { row: last, col: 0 }, Some(Cell::Text("kita".into())));
    set(&mut book, OFFICES, CellRef { row: 2, col: 1 }, Some(Cell::Text("城".into())));
    set(&mut book, OFFICES, CellRef { row: 3, col: 2 }, None);
    let homepage = cell_of(&book, CITY, 0, "homepage", "日本語");
    set(&mut book, CITY, homepage, Some(Cell::Text("http://www.city.kumamoto.jp/".into())));
    let m = messages(import(&book, &base, "2024-03-test", "2024-03-31"), Locale::Ja);
    assert!(
        m.iter()
            .any(|x| x.starts_with("「庁舎」シート B3: ") && x.contains("「区役所」「支所」「出張所」")),
        "{m:?}"
    );
    assert!(m.iter().any(|x| x.starts_with("「庁舎」シート C4: ")), "{m:?}");
    let m = {
        set(&mut book, OFFICES, CellRef { row: 2, col: 1 }, Some(Cell::Text("区役所".into())));
        set(&mut book, OFFICES, CellRef { row: 3, col: 2 }, Some(Cell::Text("西区役所".into())));
        messages(import(&book, &base, "2024-03-test", "2024-03-31"), Locale::Ja)
    };
    assert!(
        m.iter()
            .any(|x| x.starts_with(&format!("「庁舎」シート A{}: ", last + 1)) && x.contains("kita")),
        "{m:?}"
    );
    assert!(
        m.iter()
            .any(|x| x.starts_with(&format!("「市」シート {homepage}: ")) && x.contains("https://")),
        "{m:?}"
    );
}

#[test]
fn a_publication_without_a_city_keeps_none_and_a_published_city_cannot_be_emptied_away() {
    let mut legacy = base();
    legacy.city = None;
    let book = read::read_bytes(&publish::workbook::write::workbook(&legacy).unwrap()).unwrap();
    let next = import(&book, &legacy, "2024-03-test", "2024-03-31").expect("no problems");
    assert_eq!(next.city, None, "a 「市」 left empty names no city, as before");

    let base = base();
    let mut book = read::read_bytes(&publish::workbook::write::workbook(&base).unwrap()).unwrap();
    for row in 1..=CITY_ITEMS.len() as u32 {
        for col in 2..5 {
            set(&mut book, CITY, CellRef { row, col }, None);
        }
    }
    let m = messages(import(&book, &base, "2024-03-test", "2024-03-31"), Locale::Ja);
    assert!(m.iter().any(|x| x.starts_with("「市」シート C2: ")), "the name is required: {m:?}");
    assert!(m.iter().any(|x| x.starts_with("「市」シート C4: ")), "and the homepage: {m:?}");
}

#[test]
fn the_counters_are_edited_in_their_own_sheet_and_an_older_workbook_still_imports() {
    let base = base();
    let mut book = read::read_bytes(&publish::workbook::write::workbook(&base).unwrap()).unwrap();
    // Add a counter, drop the first, rename the second in English.
    let last = base.counter_survey.sections.len() as u32 + 1;
    for (col, v) in ["pension", "年金", "Pension", "年金《ねんきん》"].into_iter().enumerate() {
        set(
            &mut book,
            COUNTERS,
            CellRef {
                row: last,
                col: col as u32,
            },
            Some(Cell::Text(v.into())),
        );
    }
    for col in 0..4 {
        set(&mut book, COUNTERS, CellRef { row: 1, col }, None);
    }
    set(
        &mut book,
        COUNTERS,
        CellRef { row: 2, col: 2 },
        Some(Cell::Text("Health insurance".into())),
    );
    let next = import(&book, &base, "2024-03-test", "2024-03-31").unwrap_or_else(|p| panic!("{:?}", messages(Err(p), Locale::Ja)));
    let ids: Vec<&str> = next.counter_survey.sections.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["health-insurance", "welfare", "children", "tax", "pension"]);
    assert_eq!(next.counter_survey.sections[0].name.en.as_deref(), Some("Health insurance"));
    // A counter id used twice is named at its cell.
    set(&mut book, COUNTERS, CellRef { row: last, col: 0 }, Some(Cell::Text("tax".into())));
    let m = messages(import(&book, &base, "2024-03-test", "2024-03-31"), Locale::Ja);
    assert!(
        m.iter()
            .any(|x| x.starts_with(&format!("「窓口」シート A{}: ", last + 1)) && x.contains("tax")),
        "{m:?}"
    );

    // A workbook written before these sheets: the counters' names on 「テキスト」, no 「窓口」.
    let mut older = read::read_bytes(&publish::workbook::write::workbook(&base).unwrap()).unwrap();
    older.sheets.retain(|s| ![CITY, OFFICES, COUNTERS].contains(&s.name.as_str()));
    let texts = older.sheets.iter_mut().find(|s| s.name == TEXTS).unwrap();
    let row = texts.data_rows().last().copied().unwrap() + 1;
    texts
        .cells
        .insert(CellRef { row, col: 0 }, Cell::Text("counter_survey.sections[0].name".into()));
    texts.cells.insert(CellRef { row, col: 1 }, Cell::Text("住民・戸籍".into()));
    let mut next = import(&older, &base, "2024-03-test", "2024-03-31").unwrap_or_else(|p| panic!("{:?}", messages(Err(p), Locale::Ja)));
    next.id = base.id.clone();
    next.as_of = base.as_of.clone();
    assert_eq!(next, base, "kept as published");
}

#[test]
fn an_indicator_is_added_and_ended_through_the_workbook_and_never_lost_silently() {
    let base = base();
    let mut book = read::read_bytes(&publish::workbook::write::workbook(&base).unwrap()).unwrap();
    let headers = indicator_headers(&base);
    let col = |h: &str| headers.iter().position(|x| x == h).unwrap() as u32;
    let list = |c: u32| (headers.len() - INDICATOR_LIST_HEADERS.len()) as u32 + c;
    // A new indicator on a row with no id: its particulars, a baseline, a result and a target.
    let row = base.indicators.len() as u32 + 1;
    let group = base.indicator_groups[0].id.clone();
    for (c, v) in [
        (list(LIST_GROUP), Cell::Text(group.clone())),
        (list(LIST_NAME), Cell::Text("オンライン申請の割合".into())),
        (list(LIST_UNIT), Cell::Text("%".into())),
        (list(LIST_DIRECTION), Cell::Text("高いほどよい".into())),
        (IND_BASELINE_YEAR, Cell::Number(2022.0)),
        (IND_BASELINE, Cell::Number(12.5)),
        (col(&actual_header(2023)), Cell::Number(20.0)),
        (col("検証値の年度（西暦）"), Cell::Number(2027.0)),
        (col("検証値"), Cell::Number(60.0)),
    ] {
        set(&mut book, INDICATORS, CellRef { row, col: c }, Some(v));
    }
    // And the city ends one with published figures, by the mark.
    let ended = cell_of(&book, INDICATORS, 0, "telework-ease", INDICATOR_LIST_HEADERS[LIST_ENDED as usize]);
    set(&mut book, INDICATORS, ended, Some(Cell::Text(ENDED.into())));
    let next = import(&book, &base, "2024-03-test", "2024-03-31").unwrap_or_else(|p| panic!("{:?}", messages(Err(p), Locale::Ja)));
    assert!(!next.indicators.iter().any(|i| i.id == "telework-ease"), "ended");
    assert_eq!(next.indicators.len(), base.indicators.len());
    let added = next.indicators.last().unwrap();
    assert_eq!(
        (added.id.as_str(), added.name.ja.as_str(), added.group.as_str()),
        ("indicator-1", "オンライン申請の割合", group.as_str())
    );
    assert_eq!(
        (added.unit, added.direction),
        (snapshot::Unit::Percent, snapshot::Direction::HigherIsBetter)
    );
    assert_eq!((added.baseline.fiscal_year.0, *added.baseline.value), (2022, Some(12.5)));
    assert_eq!(
        added.actuals.iter().map(|a| (a.fiscal_year.0, *a.value)).collect::<Vec<_>>(),
        [(2023, Some(20.0))]
    );
    assert_eq!((added.target.fiscal_year.0, *added.target.value), (2027, Some(60.0)));
    // The next workbook shows its id, so it stays the same indicator.
    let again = read::read_bytes(&publish::workbook::write::workbook(&next).unwrap()).unwrap();
    let mut after = import(&again, &next, "2024-04-test", "2024-04-30").expect("no problems");
    after.id = next.id.clone();
    after.as_of = next.as_of.clone();
    assert_eq!(after, next, "the added indicator reads back under its id");

    // An indicator removed without the mark is a problem, not a silent loss; a new row with an
    // unknown unit, group or direction is named at its cells.
    let mut book = read::read_bytes(&publish::workbook::write::workbook(&base).unwrap()).unwrap();
    let gone = cell_of(&book, INDICATORS, 0, "telework-ease", "基準値");
    book.sheets
        .iter_mut()
        .find(|s| s.name == INDICATORS)
        .unwrap()
        .cells
        .retain(|c, _| c.row != gone.row);
    for (c, v) in [
        (list(LIST_GROUP), "nowhere"),
        (list(LIST_NAME), "x"),
        (list(LIST_UNIT), "km"),
        (list(LIST_DIRECTION), "上"),
    ] {
        set(&mut book, INDICATORS, CellRef { row, col: c }, Some(Cell::Text(v.into())));
    }
    let m = messages(import(&book, &base, "2024-03-test", "2024-03-31"), Locale::Ja);
    assert!(m.iter().any(|x| x.contains("「telework-ease」の行がありません")), "{m:?}");
    for c in [LIST_GROUP, LIST_UNIT, LIST_DIRECTION] {
        let at = CellRef { row, col: list(c) };
        assert!(
            m.iter().any(|x| x.starts_with(&format!("「検証指標」シート {at}: "))),
            "{at}: {m:?}"
        );
    }
}

#[test]
fn the_plans_next_stage_is_made_in_the_workbook_policies_initiatives_and_period() {
    let base = base();
    let mut book = read::read_bytes(&publish::workbook::write::workbook(&base).unwrap()).unwrap();
    // The next stage: its number and period, the last policy dropped, a new one with initiatives.
    let other = |id: &str| cell_of(&book, OTHER, 0, id, "値");
    let (stage, from, to) = (other("plan-stage-number"), other("plan-period-from"), other("plan-period-to"));
    set(&mut book, OTHER, stage, Some(Cell::Number(5.0)));
    set(&mut book, OTHER, from, Some(Cell::Number(2028.0)));
    set(&mut book, OTHER, to, Some(Cell::Number(2031.0)));
    let last = base.plan.policies.len() as u32;
    for col in 0..5 {
        set(&mut book, POLICIES, CellRef { row: last, col }, None);
    }
    for (col, v) in [
        (1, Cell::Number(3.0)),
        (2, Cell::Text("テスト用の新しい方針".into())),
        (3, Cell::Text("A new policy (test)".into())),
    ] {
        set(&mut book, POLICIES, CellRef { row: last + 1, col }, Some(v));
    }
    // Its initiatives go under the id the import makes; the dropped policy's rows go too.
    let initiatives = book.sheet(INITIATIVES).unwrap().clone();
    let dropped = &base.plan.policies[last as usize - 1].id;
    let book_sheet = book.sheets.iter_mut().find(|s| s.name == INITIATIVES).unwrap();
    book_sheet
        .cells
        .retain(|c, _| initiatives.text(c.row, 0).as_deref() != Some(dropped.as_str()));
    let next_row = initiatives.data_rows().last().unwrap() + 1;
    for (n, name) in ["取組その1（テスト）", "取組その2（テスト）"].into_iter().enumerate() {
        for (col, v) in [
            (0, Cell::Text("policy-1".into())),
            (1, Cell::Number(n as f64 + 1.0)),
            (2, Cell::Text(name.into())),
        ] {
            set(
                &mut book,
                INITIATIVES,
                CellRef {
                    row: next_row + n as u32,
                    col,
                },
                Some(v),
            );
        }
    }
    let next = import(&book, &base, "2028-04-test", "2028-04-30").unwrap_or_else(|p| panic!("{:?}", messages(Err(p), Locale::Ja)));
    assert_eq!(
        (next.plan.stage_number, next.plan.period.from.0, next.plan.period.to.0),
        (5, 2028, 2031)
    );
    let ids: Vec<&str> = next.plan.policies.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        [base.plan.policies[0].id.as_str(), base.plan.policies[1].id.as_str(), "policy-1"]
    );
    let added = &next.plan.policies[2];
    assert_eq!(
        (added.number, added.name.ja.as_str(), added.initiatives.len()),
        (3, "テスト用の新しい方針", 2)
    );
    assert_eq!(
        next.plan.policies[0].aims, base.plan.policies[0].aims,
        "a kept policy keeps its aims from 「テキスト」"
    );
    assert_eq!(next.plan.policies[0].initiatives, base.plan.policies[0].initiatives);

    // An initiative under a policy that is not there, and a number out of order, at their cells.
    set(
        &mut book,
        INITIATIVES,
        CellRef { row: next_row, col: 0 },
        Some(Cell::Text("no-such-policy".into())),
    );
    let m = messages(import(&book, &base, "2028-04-test", "2028-04-30"), Locale::Ja);
    assert!(
        m.iter()
            .any(|x| x.starts_with(&format!("「取組」シート A{}: ", next_row + 1)) && x.contains("no-such-policy")),
        "{m:?}"
    );

    // A workbook written before these sheets and items keeps the published plan.
    let mut older = read::read_bytes(&publish::workbook::write::workbook(&base).unwrap()).unwrap();
    older.sheets.retain(|s| ![POLICIES, INITIATIVES].contains(&s.name.as_str()));
    let other_sheet = older.sheets.iter_mut().find(|s| s.name == OTHER).unwrap();
    let plan_rows: Vec<u32> = other_sheet
        .data_rows()
        .into_iter()
        .filter(|r| other_sheet.text(*r, 0).is_some_and(|id| id.starts_with("plan-")))
        .collect();
    other_sheet.cells.retain(|c, _| !plan_rows.contains(&c.row));
    let mut kept = import(&older, &base, "2024-03-test", "2024-03-31").unwrap_or_else(|p| panic!("{:?}", messages(Err(p), Locale::Ja)));
    kept.id = base.id.clone();
    kept.as_of = base.as_of.clone();
    assert_eq!(kept, base);
}

#[test]
fn an_indicator_group_is_added_and_a_new_indicator_goes_into_it_by_its_number() {
    let base = base();
    let mut book = read::read_bytes(&publish::workbook::write::workbook(&base).unwrap()).unwrap();
    let row = base.indicator_groups.len() as u32 + 1;
    set(&mut book, GROUPS, CellRef { row, col: 1 }, Some(Cell::Number(4.0)));
    set(
        &mut book,
        GROUPS,
        CellRef { row, col: 2 },
        Some(Cell::Text("テスト用の新しいグループ".into())),
    );
    let headers = indicator_headers(&base);
    let list = |c: u32| (headers.len() - INDICATOR_LIST_HEADERS.len()) as u32 + c;
    let col = |h: &str| headers.iter().position(|x| x == h).unwrap() as u32;
    let at = base.indicators.len() as u32 + 1;
    for (c, v) in [
        (list(LIST_GROUP), Cell::Text("4".into())),
        (list(LIST_NAME), Cell::Text("テスト用の指標".into())),
        (list(LIST_UNIT), Cell::Text("件".into())),
        (list(LIST_DIRECTION), Cell::Text("高いほどよい".into())),
        (IND_BASELINE_YEAR, Cell::Number(2023.0)),
        (col("検証値の年度（西暦）"), Cell::Number(2027.0)),
    ] {
        set(&mut book, INDICATORS, CellRef { row: at, col: c }, Some(v));
    }
    let next = import(&book, &base, "2024-03-test", "2024-03-31").unwrap_or_else(|p| panic!("{:?}", messages(Err(p), Locale::Ja)));
    let group = next.indicator_groups.last().unwrap();
    assert_eq!(
        (group.id.as_str(), group.number, group.name.ja.as_str()),
        ("group-1", 4, "テスト用の新しいグループ")
    );
    assert_eq!(next.indicators.last().unwrap().group, "group-1", "named by its number");
    assert_eq!(
        next.indicator_groups[0].assessment, base.indicator_groups[0].assessment,
        "kept from 「テキスト」"
    );
    // A group removed while an indicator still names it is a problem, not a silent loss.
    let mut book = read::read_bytes(&publish::workbook::write::workbook(&base).unwrap()).unwrap();
    for c in 0..5 {
        set(&mut book, GROUPS, CellRef { row: 3, col: c }, None);
    }
    assert!(import(&book, &base, "2024-03-test", "2024-03-31").is_err());
}

/// The row of an item of 市 (1 is the first data row).
fn city_row(id: &str) -> u32 {
    CITY_ITEMS.iter().position(|(i, _, _)| *i == id).unwrap() as u32 + 1
}

#[test]
fn a_logo_and_an_accent_are_taken_from_the_city_sheet_and_checked_by_cell() {
    let base = base();
    let fresh = || read::read_bytes(&publish::workbook::write::workbook(&base).unwrap()).unwrap();
    let (logo, accent) = (city_row("logo"), city_row("accent"));
    let put =
        |book: &mut publish::workbook::Book, row: u32, text: &str| set(book, CITY, CellRef { row, col: 2 }, Some(Cell::Text(text.into())));
    // A test logo (synthetic: no city's emblem) and a dark green.
    let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><circle cx="20" cy="20" r="18" fill="#1d6b3a"/></svg>"##;
    let mut book = fresh();
    put(&mut book, logo, svg);
    put(&mut book, accent, "#1d6b3a");
    let next = import(&book, &base, "2024-03-test", "2024-03-31").expect("no problems");
    let city = next.city.as_ref().unwrap();
    assert_eq!((city.logo.as_deref(), city.accent.as_deref()), (Some(svg), Some("#1d6b3a")));

    // Written back, they read the same (the next workbook starts from what was published).
    let again = read::read_bytes(&publish::workbook::write::workbook(&next).unwrap()).unwrap();
    assert_eq!(import(&again, &next, "2024-04-test", "2024-04-30").unwrap().city, next.city);

    // A workbook written before the rows existed keeps them.
    let mut older = fresh();
    for col in 0..5 {
        for row in [logo, accent] {
            set(&mut older, CITY, CellRef { row, col }, None);
        }
    }
    assert_eq!(import(&older, &next, "2024-04-test", "2024-04-30").unwrap().city, next.city);

    // Script, an outside reference and a colour too light: each named at its cell, nothing published.
    let mut bad = fresh();
    put(
        &mut bad,
        logo,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1" onload="alert(1)"><image href="https://example.com/x.png"/></svg>"#,
    );
    put(&mut bad, accent, "#ff9900");
    let m = messages(import(&bad, &base, "2024-03-test", "2024-03-31"), Locale::Ja);
    let (logo_cell, accent_cell) = (format!("「市」シート C{}: ", logo + 1), format!("「市」シート C{}: ", accent + 1));
    assert!(
        m.iter().any(|x| x.starts_with(&logo_cell) && x.contains("スクリプト（onload）")),
        "{m:?}"
    );
    assert!(
        m.iter().any(|x| x.starts_with(&logo_cell) && x.contains("使えないもの（<image>）")),
        "{m:?}"
    );
    assert!(
        m.iter()
            .any(|x| x.starts_with(&accent_cell) && x.contains("#ff9900") && x.contains("4.5:1")),
        "{m:?}"
    );
    let mut not_colour = fresh();
    put(&mut not_colour, accent, "緑");
    let m = messages(import(&not_colour, &base, "2024-03-test", "2024-03-31"), Locale::En);
    assert!(m.iter().any(|x| x.contains("緑 is not a colour")), "{m:?}");
}

#[test]
fn a_target_year_typed_outside_the_plans_period_is_named_and_a_published_one_is_left() {
    let base = base();
    let (from, to) = (base.plan.period.from.0, base.plan.period.to.0);
    let headers = indicator_headers(&base);
    let target_col = headers.iter().position(|x| x == "検証値の年度（西暦）").unwrap() as u32;
    // Kumamoto's published targets (令和5年度) lie before its 2024–2027 plan: left as they are.
    assert!(base.indicators.iter().any(|i| i.target.fiscal_year.0 < from));
    let fresh = || read::read_bytes(&publish::workbook::write::workbook(&base).unwrap()).unwrap();
    import(&fresh(), &base, "2024-03-test", "2024-03-31").expect("published targets stand");

    // A target moved outside the period is named at its cell, in both languages.
    let mut book = fresh();
    let at = cell_of(&book, INDICATORS, 0, "telework-ease", "検証値の年度（西暦）");
    assert_eq!(at.col, target_col);
    set(&mut book, INDICATORS, at, Some(Cell::Number(f64::from(to + 1))));
    let m = messages(import(&book, &base, "2024-03-test", "2024-03-31"), Locale::Ja);
    assert_eq!(
        m,
        [format!("「検証指標」シート {at}: 目標年度の{}年度が、計画の期間（{from}〜{to}年度）の外です。期間の中の年度にしてください（年度は始まる年の西暦で書きます）", to + 1)]
    );
    let en = messages(import(&book, &base, "2024-03-test", "2024-03-31"), Locale::En);
    assert!(
        en[0].contains(&format!("the target year {} is outside the plan's period ({from}–{to})", to + 1)),
        "{en:?}"
    );
    // Moved within it, it is taken.
    set(&mut book, INDICATORS, at, Some(Cell::Number(f64::from(to))));
    let next = import(&book, &base, "2024-03-test", "2024-03-31").expect("within the period");
    assert_eq!(
        next.indicators
            .iter()
            .find(|i| i.id == "telework-ease")
            .unwrap()
            .target
            .fiscal_year
            .0,
        to
    );
}
