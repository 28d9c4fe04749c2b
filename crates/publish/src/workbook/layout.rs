//! The workbook's sheets and their headers, written once for the writer and the reader. Tables
//! follow 総務省「統計表における機械判読可能なデータの表記方法の統一ルール」: one value per cell,
//! one header row, units in the header (or a unit column where rows differ), no merged cells, the
//! Western year beside 令和. Each figure lives in one place: a series that repeats an indicator
//! (the counter survey's and the convenience-store yearly figures) is filled from the indicator.

use snapshot::{AnswerStatus, Direction, FiscalYear, OfficeKind, Snapshot, Unit};
use view_models::format::{fiscal_year, japanese_unit};
use view_models::Locale;

pub const GUIDE: &str = "説明";
pub const INDICATORS: &str = "検証指標";
pub const COUNTER: &str = "区役所窓口満足度";
pub const KONBINI: &str = "コンビニ交付";
pub const STAFF_QUESTIONS: &str = "職員満足度（設問）";
pub const STAFF_CATEGORIES: &str = "職員満足度（分類）";
pub const PROGRESS: &str = "取組の進捗";
pub const OTHER: &str = "その他の数値";
pub const TEXTS: &str = "テキスト";
/// The city's answers to citizens' voices: one row per answer. Optional on import (a workbook
/// written before it existed keeps the published answers); rows may be added.
pub const ANSWERS: &str = "市の対応";
/// The city's words for ふりがな (the snapshot's `readings`): one row per word. Optional on
/// import (a workbook written before it existed keeps the published words); rows may be added
/// and removed.
pub const READINGS: &str = "読み方";

/// The city that publishes (the snapshot's `city`): its name, introduction, homepage and licence,
/// one item per row. Optional on import (a workbook written before it existed keeps the city).
pub const CITY: &str = "市";
/// The city's offices (`city.offices`): one row per office; rows may be added and removed.
/// Optional on import, as 「市」.
pub const OFFICES: &str = "庁舎";
/// The counters a counter survey asks about (`counter_survey.sections`): one row per counter;
/// rows may be added and removed. Optional on import, as 「市」.
pub const COUNTERS: &str = "窓口";
/// The plan's policies (`plan.policies`): one row per policy; rows may be added (with no id: the
/// import makes one) and removed. Optional on import, as 「市」.
pub const POLICIES: &str = "方針";
/// The policies' example initiatives: one row per initiative, under its policy's id.
pub const INITIATIVES: &str = "取組";
/// The indicator groups (`indicator_groups`): one row per group; rows may be added (with no id:
/// the import makes one; a new indicator names its group by id or number) and removed.
pub const GROUPS: &str = "指標グループ";

/// The sheets the import reads, in the workbook's order (after the guide).
pub const DATA_SHEETS: [&str; 8] = [
    INDICATORS,
    COUNTER,
    KONBINI,
    STAFF_QUESTIONS,
    STAFF_CATEGORIES,
    PROGRESS,
    OTHER,
    TEXTS,
];

/// Every sheet a workbook holds, in the order the workbook is written: the guide, the data sheets,
/// then those with rows a clerk adds (the answers, the words, the city, its offices and counters).
/// What a CSV file may be named after.
pub fn all_sheets() -> impl Iterator<Item = &'static str> {
    std::iter::once(GUIDE)
        .chain(DATA_SHEETS)
        .chain([ANSWERS, READINGS, CITY, OFFICES, COUNTERS, POLICIES, INITIATIVES, GROUPS])
}

/// Marks a column a clerk must leave as it is (an id the import matches rows by).
pub const KEEP: &str = "（変更しないでください）";
/// Marks a column shown for reference only; the import does not read it.
pub const REFERENCE: &str = "（参考）";

pub fn is_reference(header: &str) -> bool {
    header.ends_with(REFERENCE)
}

/// `令和4年度（2022年度）`.
pub fn wareki_year(fy: u16) -> String {
    fiscal_year(FiscalYear(fy), Locale::Ja)
}

/// The fiscal years that get an actual-result column: after the earliest baseline, through the
/// plan's last year, any target year and any year already published.
pub fn indicator_years(s: &Snapshot) -> Vec<u16> {
    let first = s
        .indicators
        .iter()
        .map(|i| i.baseline.fiscal_year.0)
        .min()
        .unwrap_or(s.plan.period.from.0)
        + 1;
    let last = s
        .indicators
        .iter()
        .flat_map(|i| i.actuals.iter().map(|a| a.fiscal_year.0).chain([i.target.fiscal_year.0]))
        .chain([s.plan.period.to.0])
        .max()
        .unwrap_or(first);
    (first..=last.max(first)).collect()
}

pub fn actual_header(fy: u16) -> String {
    format!("実績 {}", wareki_year(fy))
}

/// 検証指標: one row per indicator, one column per 年度.
pub fn indicator_headers(s: &Snapshot) -> Vec<String> {
    let mut h: Vec<String> = [
        "指標ID",
        "番号",
        "指標名",
        "単位",
        "基準値の年度（西暦）",
        "基準値の年度（和暦）",
        "基準値",
    ]
    .iter()
    .map(|x| x.to_string())
    .collect();
    h[0] += KEEP;
    h[1] += REFERENCE;
    h[2] += REFERENCE;
    h[3] += REFERENCE;
    h[5] += REFERENCE;
    h.extend(indicator_years(s).into_iter().map(actual_header));
    h.extend([
        "検証値の年度（西暦）".to_string(),
        format!("検証値の年度（和暦）{REFERENCE}"),
        "検証値".to_string(),
    ]);
    h.extend(INDICATOR_LIST_HEADERS.iter().map(|x| x.to_string()));
    h
}

/// 検証指標's last columns change the list of indicators: a new indicator's particulars (on a row
/// whose 指標ID is left empty; its id is made by the import and shown in the next workbook), and
/// the mark that ends one. Optional on import: a workbook written before them has none.
pub const INDICATOR_LIST_HEADERS: [&str; 5] = [
    "新しい指標：グループ（IDか番号）",
    "新しい指標：指標名",
    "新しい指標：単位（%・件・日など）",
    "新しい指標：向き（高いほどよい・低いほどよい）",
    "終了（この指標を終えるとき「終了」）",
];
/// Column positions within [`INDICATOR_LIST_HEADERS`].
pub const LIST_GROUP: u32 = 0;
pub const LIST_NAME: u32 = 1;
pub const LIST_UNIT: u32 = 2;
pub const LIST_DIRECTION: u32 = 3;
pub const LIST_ENDED: u32 = 4;
/// The word that ends an indicator.
pub const ENDED: &str = "終了";

/// A unit as a clerk types it: its Japanese sign (`%` is a share, `%（比率）` a ratio) or its id.
pub fn unit_of(text: &str) -> Option<Unit> {
    let text = text.trim();
    Unit::ALL
        .into_iter()
        .find(|u| unit_word(*u) == text || serde_json::to_value(u).ok().and_then(|v| v.as_str().map(|s| s == text)) == Some(true))
}

/// A unit as 検証指標 offers it to a clerk (the two kinds of % told apart).
pub fn unit_word(u: Unit) -> String {
    match u {
        Unit::RatioPercent => "%（比率）".into(),
        u => japanese_unit(u).to_string(),
    }
}

/// A direction as the sheet names it.
pub fn direction_word(d: Direction) -> &'static str {
    match d {
        Direction::HigherIsBetter => "高いほどよい",
        Direction::LowerIsBetter => "低いほどよい",
    }
}

pub fn direction_of(text: &str) -> Option<Direction> {
    let text = text.trim();
    [Direction::HigherIsBetter, Direction::LowerIsBetter]
        .into_iter()
        .find(|d| direction_word(*d) == text || serde_json::to_value(d).ok().and_then(|v| v.as_str().map(|s| s == text)) == Some(true))
}

/// Column positions in 検証指標 after the fixed ones.
pub const IND_BASELINE_YEAR: u32 = 4;
pub const IND_BASELINE: u32 = 6;
pub const IND_FIRST_ACTUAL: u32 = 7;

pub fn counter_headers() -> Vec<String> {
    vec![
        "年度（西暦）".into(),
        format!("年度（和暦）{REFERENCE}"),
        "月（空欄は年度全体）".into(),
        "区ID（空欄は全区）".into(),
        format!("区{REFERENCE}"),
        "窓口ID（空欄は全窓口）".into(),
        format!("窓口{REFERENCE}"),
        "満足と答えた人の割合（%）".into(),
    ]
}

pub fn konbini_headers(unit: Unit) -> Vec<String> {
    vec![
        "年（西暦）".into(),
        "月".into(),
        format!("年月（和暦）{REFERENCE}"),
        format!("発行件数（{}）", japanese_unit(unit)),
    ]
}

pub fn staff_question_headers() -> Vec<String> {
    vec![
        format!("分類ID{REFERENCE}"),
        format!("分類{REFERENCE}"),
        format!("設問ID{KEEP}"),
        format!("設問{REFERENCE}"),
        "平均点（点）".into(),
    ]
}

pub fn staff_category_headers() -> Vec<String> {
    vec![format!("分類ID{KEEP}"), format!("分類{REFERENCE}"), "分類の平均点（点）".into()]
}

pub fn progress_headers() -> Vec<String> {
    vec![
        "年度末の年度（西暦）".into(),
        format!("年度（和暦）{REFERENCE}"),
        "計画通り進捗（項目）".into(),
        "一部変更・遅れ（項目）".into(),
        "合計（項目）".into(),
    ]
}

pub fn other_headers() -> Vec<String> {
    vec![
        format!("項目ID{KEEP}"),
        format!("項目{REFERENCE}"),
        "値".into(),
        format!("単位{REFERENCE}"),
    ]
}

/// The single figures of その他の数値: id, what it is, its unit.
pub const OTHER_ITEMS: [(&str, &str, &str); 10] = [
    ("staff-survey-year", "職員満足度調査を行った年（西暦）", "年"),
    ("staff-survey-month", "職員満足度調査を行った月", "月"),
    ("staff-survey-respondents", "職員満足度調査の回答者数", "人"),
    ("requests-commenters", "市民アンケートで市役所について書いた人数", "人"),
    ("requests-respondents", "市民アンケートの回答者数", "人"),
    ("source-published-year", "出典の公表年（西暦）", "年"),
    ("source-published-month", "出典の公表月", "月"),
    ("plan-stage-number", "計画の段階（第何ステージか）", "段階"),
    ("plan-period-from", "計画の期間の始まりの年度（西暦）", "年度"),
    ("plan-period-to", "計画の期間の終わりの年度（西暦）", "年度"),
];

/// Items of その他の数値 a workbook written before them lacks: their row may be missing.
pub const LATER_OTHER_ITEMS: [&str; 3] = ["plan-stage-number", "plan-period-from", "plan-period-to"];

/// The items of その他の数値 this publication has: the staff survey's and the citizens' requests'
/// only where it publishes them.
pub fn other_items(s: &Snapshot) -> Vec<(&'static str, &'static str, &'static str)> {
    OTHER_ITEMS
        .into_iter()
        .filter(|(id, _, _)| {
            if id.starts_with("staff-survey") {
                s.staff_survey.is_some()
            } else if id.starts_with("requests") {
                s.citizen_requests.is_some()
            } else {
                true
            }
        })
        .collect()
}

/// 市の対応: one row per answer; each text in three languages side by side.
pub fn answer_headers() -> Vec<String> {
    let mut h: Vec<String> = vec!["対応ID".into(), "カード・指標ID".into(), "状態".into(), "日付（YYYY-MM-DD）".into()];
    for what in ["テーマ", "市民の声の要約", "市の対応", "対応しない理由"] {
        h.extend([
            format!("{what}（日本語）"),
            format!("{what}（English）"),
            format!("{what}（やさしい日本語）"),
        ]);
    }
    h.push("動くと見込む指標ID".into());
    h
}

/// Columns of 市の対応: where each text's three languages start, and the last one.
pub const ANS_TITLE: u32 = 4;
pub const ANS_SUMMARY: u32 = 7;
pub const ANS_ANSWER: u32 = 10;
pub const ANS_REASON: u32 = 13;
pub const ANS_EXPECTS: u32 = 16;

/// An answer's status as the sheet writes it: the words the public page shows.
pub fn answer_status_word(s: AnswerStatus) -> &'static str {
    match s {
        AnswerStatus::Considering => "検討しています",
        AnswerStatus::Acting => "対応しています",
        AnswerStatus::Done => "対応しました",
        AnswerStatus::Declined => "対応しません",
    }
}

/// A status as a clerk types it: the sheet's words or the file's id.
pub fn answer_status_of(text: &str) -> Option<AnswerStatus> {
    let text = text.trim();
    AnswerStatus::ALL
        .into_iter()
        .find(|s| answer_status_word(*s) == text || s.id() == text)
}

/// 市: one item per row, its text in three languages (an address in 日本語 only).
pub fn city_headers() -> Vec<String> {
    vec![
        format!("項目ID{KEEP}"),
        format!("項目{REFERENCE}"),
        "日本語".into(),
        "English".into(),
        "やさしい日本語".into(),
    ]
}

/// The items of 市, in order: id, what it is, whether it is required.
pub const CITY_ITEMS: [(&str, &str, bool); 6] = [
    ("name", "市の名前", true),
    ("introduction", "ホームの最初に出る紹介文", true),
    ("homepage", "市のホームページ（https:// で始まるアドレス。日本語の列だけ）", true),
    ("licence", "数値のライセンスのアドレス（https://。任意。日本語の列だけ）", false),
    (
        "logo",
        "ロゴ（任意。SVG ファイルの中身をそのまま貼ります。図形・文字だけで、スクリプトや外のファイルの参照は使えません。日本語の列だけ）",
        false,
    ),
    (
        "accent",
        "リンクやボタンの色（任意。#1d6b3a のような #RRGGBB。白や薄い背景の文字として読める濃さ（4.5:1 以上）。日本語の列だけ）",
        false,
    ),
];

/// Items of 市 added after some workbooks were written: a workbook without their rows keeps
/// what was published.
pub const LATER_CITY_ITEMS: [&str; 2] = ["logo", "accent"];

/// 庁舎: the office's id, its kind, its name in three languages.
pub fn office_headers() -> Vec<String> {
    vec![
        "庁舎ID（英小文字・数字・-）".into(),
        "種類（区役所・支所・出張所）".into(),
        "名前（日本語）".into(),
        "名前（English）".into(),
        "名前（やさしい日本語）".into(),
    ]
}

/// 窓口: the counter's id, its name in three languages.
pub fn section_headers() -> Vec<String> {
    vec![
        "窓口ID（英小文字・数字・-）".into(),
        "名前（日本語）".into(),
        "名前（English）".into(),
        "名前（やさしい日本語）".into(),
    ]
}

/// Where a text is kept on a sheet of its own, not on 「テキスト」: the city's (市, 庁舎), the
/// counters' (窓口) and the answers' (市の対応).
pub fn has_own_sheet(place: &str) -> bool {
    let under = |p: &str| place == p || place.starts_with(&format!("{p}.")) || place.starts_with(&format!("{p}["));
    // What follows `list[N].` in a place under `list`.
    let of_each = |list: &str| {
        place
            .strip_prefix(list)
            .and_then(|rest| rest.strip_prefix('['))
            .and_then(|rest| rest.split_once("]."))
            .filter(|(n, _)| n.bytes().all(|b| b.is_ascii_digit()))
            .map(|(_, rest)| rest)
    };
    let name = |rest: &str| rest == "name" || rest.starts_with("name.");
    // A policy's name and initiatives are on 方針 and 取組, a group's name on 指標グループ; their
    // aims, approach and assessment stay here.
    of_each("plan.policies").is_some_and(|rest| name(rest) || rest.starts_with("initiatives"))
        || of_each("indicator_groups").is_some_and(name)
        || ["city", "voices", "counter_survey.sections"].into_iter().any(under)
}

/// 方針: the policy's id, its number, its name in three languages.
pub fn policy_headers() -> Vec<String> {
    vec![
        "方針ID（新しい方針は空欄）".into(),
        "番号".into(),
        "名前（日本語）".into(),
        "名前（English）".into(),
        "名前（やさしい日本語）".into(),
    ]
}

/// 指標グループ: the group's id, its number, its name in three languages.
pub fn group_headers() -> Vec<String> {
    vec![
        "グループID（新しいグループは空欄）".into(),
        "番号".into(),
        "名前（日本語）".into(),
        "名前（English）".into(),
        "名前（やさしい日本語）".into(),
    ]
}

/// 取組: the policy it belongs to, its number under that policy, its name in three languages.
pub fn initiative_headers() -> Vec<String> {
    vec![
        "方針ID".into(),
        "番号".into(),
        "名前（日本語）".into(),
        "名前（English）".into(),
        "名前（やさしい日本語）".into(),
    ]
}

/// An office's kind as the sheet writes it.
pub fn office_kind_word(k: OfficeKind) -> &'static str {
    match k {
        OfficeKind::WardOffice => "区役所",
        OfficeKind::Branch => "支所",
        OfficeKind::SubBranch => "出張所",
    }
}

/// A kind as a clerk types it: the sheet's word or the file's id.
pub fn office_kind_of(text: &str) -> Option<OfficeKind> {
    let text = text.trim();
    [OfficeKind::WardOffice, OfficeKind::Branch, OfficeKind::SubBranch]
        .into_iter()
        .find(|k| office_kind_word(*k) == text || serde_json::to_value(k).ok().and_then(|v| v.as_str().map(|s| s == text)) == Some(true))
}

/// 読み方: the word, how it is read, its part of speech.
pub fn reading_headers() -> Vec<String> {
    vec![
        "語（漢字を含む）".into(),
        "読み方（ひらがな・カタカナ）".into(),
        "品詞（任意）".into(),
    ]
}

pub fn text_headers() -> Vec<String> {
    vec![format!("場所{KEEP}"), "日本語".into(), "English".into(), "やさしい日本語".into()]
}

/// Every text of the snapshot with its place (`plan.policies[0].name`), in a stable order.
pub fn texts(s: &Snapshot) -> Vec<(String, snapshot::Text)> {
    let value = serde_json::to_value(s).expect("a snapshot serialises");
    let mut out = Vec::new();
    walk_texts(&value, String::new(), &mut out);
    out
}

/// Whether a JSON object is a `Text`: `ja`, and nothing but `en` and `ja_easy` beside it.
pub fn is_text(map: &serde_json::Map<String, serde_json::Value>) -> bool {
    map.get("ja").is_some_and(|v| v.is_string()) && map.keys().all(|k| matches!(k.as_str(), "ja" | "en" | "ja_easy"))
}

fn walk_texts(v: &serde_json::Value, path: String, out: &mut Vec<(String, snapshot::Text)>) {
    match v {
        serde_json::Value::Object(map) if is_text(map) => {
            if let Ok(t) = serde_json::from_value(v.clone()) {
                out.push((path, t));
            }
        }
        serde_json::Value::Object(map) => {
            for (k, child) in map.iter() {
                let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                // Each text in one place: those with a sheet of their own are not repeated here.
                if !has_own_sheet(&p) {
                    walk_texts(child, p, out);
                }
            }
        }
        serde_json::Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                walk_texts(child, format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

/// The guide sheet's lines, in Japanese, for the clerk who fills the workbook in.
pub fn guide(s: &Snapshot) -> Vec<String> {
    vec![
        "市役所改革プラン ウィジェット 公開用ワークブック".into(),
        format!("元にした公開データ: {}（{}時点）", s.id, s.as_of),
        String::new(),
        "【入力するところ】".into(),
        format!("・「{CITY}」: 市の名前、ホームの紹介文、ホームページ、数値のライセンス、ロゴとリンクの色（どちらも任意）です。「{OFFICES}」: 窓口アンケートで選ぶ庁舎を1行に1つ書きます。「{COUNTERS}」: 窓口アンケートで選ぶ窓口を1行に1つ書きます。どちらも行を足したり消したりできます（消した庁舎・窓口あてのこれまでの回答は残ります）。"),
        format!("・「{POLICIES}」「{INITIATIVES}」: 計画の方針と、方針ごとの取組例です。行を足したり消したりできます。新しい方針は方針IDを空けておくと、公開のときにIDが付きます（その取組は、次のワークブックでそのIDの下に書きます）。計画の段階と期間は「{OTHER}」にあります。"),
        format!("・「{GROUPS}」: 指標のグループです。行を足したり消したりできます。新しいグループはIDを空けておき、新しい指標の「グループ」の列にはその番号を書きます。"),
        format!("・「{INDICATORS}」: 指標ごとの実績を、その年度の列に数値で入力します。基準値・検証値もここで直します。"),
        "　指標を加えるときは、指標IDを空けた行を足し、「新しい指標：」の列（グループID・指標名・単位・向き）と基準値・検証値を入力します。IDは公開のときに付きます。".into(),
        "　指標を終えるときは、行を消さずに「終了」の列に「終了」と書きます（公開済みの数値は、これまでの公開データに残ります）。".into(),
        format!("　区役所窓口満足度とコンビニ交付の年度ごとの数値も「{INDICATORS}」に入力します（グラフにも自動で反映されます）。"),
        format!("・「{COUNTER}」: 区別・窓口別・月別の満足度を、1行に1つ入力します。行を足してかまいません。"),
        format!("・「{KONBINI}」: 月別の発行件数を、1行に1か月ずつ入力します。古い月から順に並べます。"),
        format!("・「{STAFF_QUESTIONS}」「{STAFF_CATEGORIES}」「{PROGRESS}」「{OTHER}」: 数値の列を直します。"),
        format!("・「{TEXTS}」: 日本語・英語・やさしい日本語の文章を直します。日本語は空にできません。"),
        format!("・「{ANSWERS}」: 市民の声への市の対応を、1行に1つ書きます。行を足せます。状態は「検討しています」「対応しています」「対応しました」「対応しません」のどれかで、「対応しません」には理由を書きます。"),
        "　市民が書いた文をそのまま載せないでください（送るときに同意した場合を除きます）。やさしい日本語の漢字には読みを《》で付けます。".into(),
        format!("・「{READINGS}」: 「ふりがなをつける」を選んだ人に、区や地域の名前、市の用語を正しく読んでもらうための一覧です。1行に1語、漢字を含む語と、その読み方（ひらがなかカタカナ）を書きます。行を足したり消したりできます。"),
        "　文章の中で読みを決めたいところは、テキストに ｜漢字《かんじ》 の形で書くこともできます（その読みが優先されます）。".into(),
        String::new(),
        "【守ること】".into(),
        "・数値は半角でも全角でもかまいませんが、数値だけを入力します（「件」「%」などの単位は見出しにあります）。".into(),
        "・まだ公表されていない数値は空欄のままにします。0を入れると「0件」と公開されます。".into(),
        "・セルを結合しないでください。見出しの行（1行目）を変えないでください。".into(),
        format!("・見出しに「{KEEP}」とある列は変えないでください。行を探す手がかりです。"),
        format!("・見出しに「{REFERENCE}」とある列は確認用です。変えても公開データには反映されません。"),
        "・数式を使う場合は、Excelで保存してください（計算結果が保存されます）。".into(),
        "・シートの名前を変えたり、シートを消したりしないでください。".into(),
        String::new(),
        "【公開の流れ】".into(),
        "・職員ページで、このファイルをアップロードします。問題があれば、シート名とセルの番地で知らせます。".into(),
        "・問題がなければ下書きになり、全画面をプレビューできます。別の職員（公開担当）が確認して公開します。".into(),
        "・CSVで保存する場合は、シートごとに「シート名.csv」として1つのフォルダに保存します（UTF-8でもShift_JISでもかまいません）。LibreOfficeで全シートをまとめて保存した「ブック名-シート名.csv」もそのまま使えます。".into(),
    ]
}
