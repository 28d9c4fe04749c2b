//! A city's first publication from a blank workbook, into an empty data folder: unfilled, every
//! empty text and the missing policy and office are problems by sheet and cell, and nothing is
//! published; filled in (synthetic words, for tests only), it is published as the folder's first.

mod common;

use common::*;
use publish::workbook::layout::*;
use publish::workbook::{read, Cell, CellRef};
use publish::DataFolder;
use snapshot::Locale;

fn blank_book() -> publish::workbook::Book {
    let blank = publish::blank::skeleton(2026);
    read::read_bytes(&publish::workbook::write::workbook(&blank).unwrap()).unwrap()
}

fn text(book: &mut publish::workbook::Book, sheet: &str, row: u32, col: u32, v: &str) {
    set(book, sheet, CellRef { row, col }, Some(Cell::Text(v.into())));
}

#[test]
fn a_blank_workbook_becomes_a_citys_first_publication_once_filled_in() {
    let dir = std::env::temp_dir().join(format!("widget-blank-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let folder = DataFolder::new(&dir);

    // Unfilled: each thing to fill in is named, and nothing is published.
    let mut book = blank_book();
    let problems = publish::prepare(&folder, &book, "2026-04", "2026-04-30").expect_err("problems");
    let m: Vec<String> = problems.iter().map(|p| p.message(Locale::Ja)).collect();
    assert!(m.iter().any(|x| x.starts_with("「テキスト」シート B")), "the empty texts: {m:?}");
    assert!(m.iter().any(|x| x.starts_with("「市」シート C2: ")), "the city's name: {m:?}");
    assert!(!dir.join("index.json").exists());

    // Filled in: every text, the city, an office, a counter, a policy and the first figure.
    let texts = book.sheet(TEXTS).unwrap().clone();
    for (n, row) in texts.data_rows().into_iter().enumerate() {
        text(&mut book, TEXTS, row, 1, &format!("テスト用の文{n}"));
    }
    let city = |id: &str, b: &publish::workbook::Book| cell_of(b, CITY, 0, id, "日本語");
    for (id, v) in [
        ("name", "テスト市"),
        ("introduction", "テスト市の計画と数字です。"),
        ("homepage", "https://test-city.example/"),
    ] {
        let at = city(id, &book);
        set(&mut book, CITY, at, Some(Cell::Text(v.into())));
    }
    for (col, v) in ["honcho", "区役所", "本庁舎"].into_iter().enumerate() {
        text(&mut book, OFFICES, 1, col as u32, v);
    }
    for (col, v) in ["madoguchi", "総合窓口"].into_iter().enumerate() {
        text(&mut book, COUNTERS, 1, col as u32, v);
    }
    text(&mut book, GROUPS, 1, 2, "テスト用の指標グループ");
    set(&mut book, POLICIES, CellRef { row: 1, col: 1 }, Some(Cell::Number(1.0)));
    text(&mut book, POLICIES, 1, 2, "テスト用の方針");
    let baseline = cell_of(&book, INDICATORS, 0, "counter-satisfaction", "基準値");
    set(&mut book, INDICATORS, baseline, Some(Cell::Number(70.0)));
    let draft = publish::prepare(&folder, &book, "2026-04", "2026-04-30")
        .unwrap_or_else(|p| panic!("{:?}", p.iter().map(|x| x.message(Locale::Ja)).collect::<Vec<_>>()));
    let city = draft.snapshot.city.as_ref().unwrap();
    assert_eq!((city.name.ja.as_str(), city.offices[0].id.as_str()), ("テスト市", "honcho"));
    assert_eq!(draft.snapshot.plan.policies[0].id, "policy-1");
    assert_eq!(
        draft.snapshot.counter_survey.yearly[0].value,
        Some(70.0),
        "the survey follows its indicator"
    );
    assert!(draft.snapshot.konbini_certificates.is_none() && draft.snapshot.staff_survey.is_none());

    // Published as the folder's first, as a second person would from a draft.
    let info = folder.save_draft(&draft, "clerk").unwrap();
    let entry = folder.publish_draft(&info.id, "publisher").unwrap();
    assert_eq!(entry.id, "2026-04");
    let latest = folder.latest().unwrap();
    assert_eq!((latest.manifest.latest.as_str(), latest.manifest.snapshots.len()), ("2026-04", 1));
    folder.check().expect("every rule holds");
    // And the next workbook is written from it, as for any city.
    let next = read::read_bytes(&publish::workbook::write::workbook(&latest.snapshot).unwrap()).unwrap();
    let mut again = publish::import::import(&next, &latest.snapshot, "2026-05", "2026-05-31").expect("no problems");
    again.id = latest.snapshot.id.clone();
    again.as_of = latest.snapshot.as_of.clone();
    assert_eq!(again, latest.snapshot);
    std::fs::remove_dir_all(&dir).ok();
}
