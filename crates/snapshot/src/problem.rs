//! What is wrong with a published file: a code and its parameters, worded in each language from
//! one table (as `validator`'s `ValidationError { code, params }`). The checker prints it in
//! Japanese for the clerk who publishes; the widget words it for citizens in three languages.

use crate::Locale;
use std::fmt;

use crate::template::fill;

macro_rules! codes {
    ($($code:ident: $en:literal, $ja:literal, $easy:literal;)*) => {
        /// Every kind of problem. The templates name their parameters (`{max}`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Code { $($code),* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$code),*];

            pub fn template(self, lang: Locale) -> &'static str {
                match (self, lang) {
                    $(
                        (Code::$code, Locale::En) => $en,
                        (Code::$code, Locale::Ja | Locale::JaFurigana) => $ja,
                        (Code::$code, Locale::JaEasy) => $easy,
                    )*
                }
            }
        }
    };
}

codes! {
    FileTooLarge: "the file is {bytes} bytes; at most {max} are allowed",
        "ファイルが{bytes}バイトあります。{max}バイト以下にしてください",
        "ファイルが おおきすぎます";
    FileEndsEarly: "the file ends too early; it may be cut off {at}",
        "ファイルが途中で終わっています。途中で切れている可能性があります{at}",
        "ファイルが とちゅうで おわって います";
    NotJson: "this is not valid JSON: {detail}",
        "JSONとして正しくありません：{detail}",
        "データの かたちが まちがって います";
    WrongShape: "{detail}",
        "項目の形式が正しくありません：{detail}",
        "データの かたちが まちがって います";
    Unreadable: "could not be read: {detail}",
        "読み込めませんでした：{detail}",
        "よみこめません でした";
    Empty: "must not be empty",
        "空にはできません",
        "なにか かいて ください";
    TooLong: "is {chars} characters long; at most {max} are allowed",
        "{chars}文字あります。{max}文字以下にしてください",
        "ながすぎます";
    ControlCharacter: "contains the invisible or control character U+{codepoint}; remove it",
        "見えない文字または制御文字（U+{codepoint}）が含まれています。削除してください",
        "つかえない もじが あります";
    TooFewOne: "needs at least 1 entry; has {len}",
        "1件以上必要です（{len}件）",
        "ひとつも ありません";
    TooFew: "needs at least {min} entries; has {len}",
        "{min}件以上必要です（{len}件）",
        "たりません";
    TooMany: "has {len} entries; at most {max} are allowed",
        "{len}件あります。{max}件以下にしてください",
        "おおすぎます";
    BadId: "id {id} must be 1–64 characters of a–z, 0–9 and '-', not starting with '-'",
        "ID {id} は、a–z・0–9・「-」の1〜64文字で、「-」で始めないでください",
        "ID が まちがって います";
    DuplicateId: "id {id} is used twice",
        "ID {id} が2回使われています",
        "おなじ ID が ふたつ あります";
    NumberOrder: "is {number}; expected {expected} (numbers run 1, 2, 3… in order)",
        "{number}になっています。{expected}のはずです（番号は1, 2, 3…の順です）",
        "ばんごうの じゅんばんが ちがいます";
    FiscalYearRange: "fiscal year {year} is outside {from}–{to}; write the Western year the fiscal year starts in (2021 for 令和3年度)",
        "年度 {year} が{from}〜{to}の範囲外です。年度が始まる年を西暦で書いてください（令和3年度なら2021）",
        "ねんどが まちがって います";
    YearRange: "year {year} is outside {from}–{to}",
        "{year}年は{from}〜{to}の範囲外です",
        "としが まちがって います";
    MonthRange: "month {month} must be 1–12",
        "{month}月は正しくありません。1〜12にしてください",
        "つきが まちがって います";
    NotFinite: "must be a finite number",
        "数値を書いてください",
        "すうじで かいて ください";
    NotPercent: "{value} is not a percentage; it must be 0–100",
        "{value}は割合（0〜100）ではありません",
        "わりあいが まちがって います";
    NotScore: "{value} is not a survey score; it must be 1–5",
        "{value}は調査の点数（1〜5）ではありません",
        "てんすうが まちがって います";
    Negative: "{value} is negative; counts and amounts cannot be",
        "{value}はマイナスです。件数や金額はマイナスになりません",
        "マイナスに なって います";
    YearsOrder: "years must be in order, oldest first: {year} comes after {previous}",
        "年度は古い順に並べてください：{year}が{previous}の後にあります",
        "ねんどの じゅんばんが ちがいます";
    NotDate: "{text} is not a date; write YYYY-MM-DD, or YYYY-MM for a month",
        "{text}は日付ではありません。YYYY-MM-DD（月だけならYYYY-MM）で書いてください",
        "ひづけが まちがって います";
    UnsupportedVersion: "format version {found} is not supported; this checker reads version {supported}",
        "形式のバージョン{found}には対応していません。このチェッカーはバージョン{supported}を読みます",
        "データの バージョンが ちがいます";
    NotHttps: "must be an https:// address of at most 2000 characters",
        "2000文字以下の https:// で始まるアドレスにしてください",
        "アドレスが まちがって います";
    CommentersExceedRespondents: "{commenters} commenters cannot exceed {respondents} respondents",
        "自由記述の回答者（{commenters}人）が回答者数（{respondents}人）を超えています",
        "こたえた ひとの かずが あいません";
    PeriodBackwards: "the period ends ({to}) before it starts ({from})",
        "期間の終わり（{to}）が始まり（{from}）より前です",
        "きかんが まちがって います";
    ProgressSum: "on_plan ({on_plan}) + changed_or_delayed ({changed}) = {sum}, but total is {total}",
        "on_plan（{on_plan}）+ changed_or_delayed（{changed}）= {sum} ですが、total は {total} です",
        "かずの ごうけいが あいません";
    BeforeWithoutAfter: "a figure before needs at least one figure after",
        "「前」の数値には「後」の数値が1つ以上必要です",
        "あとの すうじが ありません";
    GroupIdIsIndicatorId: "id {id} is also an indicator's id",
        "ID {id} は指標のIDと同じです",
        "おなじ ID が あります";
    NoSuchGroup: "no indicator group has the id {id}",
        "ID {id} の指標グループがありません",
        "グループが みつかりません";
    ActualBeforeBaseline: "actual results must come after the baseline year {year}",
        "実績は基準年度（{year}）より後にしてください",
        "けっかの ねんどが まちがって います";
    TargetBeforeBaseline: "the target year must come after the baseline year {year}",
        "目標年度は基準年度（{year}）より後にしてください",
        "めあての ねんどが まちがって います";
    NoSuchIndicator: "no indicator has the id {id}",
        "ID {id} の指標がありません",
        "しひょうが みつかりません";
    UnitDiffers: "indicator {id} is measured in a different unit",
        "指標 {id} と単位が違います",
        "たんいが ちがいます";
    FigureDiffers: "{value} differs from indicator {id}, which gives {other} for fiscal year {year}",
        "{value}は、指標 {id} の{year}年度の値（{other}）と違います",
        "すうじが あいません";
    TargetDiffers: "differs from the target of indicator {id}",
        "指標 {id} の目標と違います",
        "めあてが あいません";
    MonthNotInFiscalYear: "{month} is not in fiscal year {year} (April {year} – March {next})",
        "{month}は{year}年度（{year}年4月〜{next}年3月）に入っていません",
        "つきが ねんどに あいません";
    NoSuchWard: "no ward has the id {id}",
        "ID {id} の区がありません",
        "くが みつかりません";
    NoSuchSection: "no section has the id {id}",
        "ID {id} の窓口がありません",
        "まどぐちが みつかりません";
    CellNamesNothing: "a breakdown cell names a ward, a section, or both",
        "内訳の各欄には区・窓口のどちらか（または両方）を書いてください",
        "くか まどぐちを かいて ください";
    CellTwice: "the same period, ward and section appear twice",
        "同じ期間・区・窓口の組み合わせが2回あります",
        "おなじ ものが ふたつ あります";
    MonthsOrder: "months must be in order, oldest first, each once",
        "月は古い順に、1回ずつ並べてください",
        "つきの じゅんばんが ちがいます";
    ScaleNotOneToFive: "the scale is {min}–{max}; scores are on the 1–5 scale",
        "尺度が{min}〜{max}になっています。点数は1〜5の尺度です",
        "てんすうの はばが ちがいます";
    QuestionTwice: "question id {id} is used twice in the survey",
        "設問ID {id} が調査の中で2回使われています",
        "おなじ しつもんが ふたつ あります";
    NotTheAverage: "{average} is not the average of its questions' scores ({mean})",
        "{average}は設問の点数の平均（{mean}）と合いません",
        "へいきんが あいません";
    BadFilePath: "{file} must be a relative path to a .json file inside the data folder (no '..', no '/' at the start, no address)",
        "{file}は、データフォルダ内の .json ファイルへの相対パスにしてください（「..」、先頭の「/」、アドレスは使えません）",
        "ファイルの ばしょが まちがって います";
    BadHash: "must be 'sha256-' followed by 64 lowercase hexadecimal digits",
        "「sha256-」に続けて小文字の16進数64桁を書いてください",
        "ハッシュが まちがって います";
    NoSuchSnapshot: "no snapshot in the list has the id {id}",
        "一覧にID {id} のスナップショットがありません",
        "データが みつかりません";
    FileMissing: "{file} does not exist or cannot be read",
        "{file}がないか、読み込めません",
        "ファイルが みつかりません";
    HashMismatch: "does not match the file; its hash is {hash}",
        "ファイルと一致しません。ファイルのハッシュは {hash} です",
        "ハッシュが あいません";
    IdMismatch: "the file's id is {id}",
        "ファイルのIDは {id} です",
        "ID が あいません";
    KanjiWithoutReading: "「{kanji}」 has no reading: easy Japanese gives every kanji one, written ｜漢字《かんじ》",
        "「{kanji}」に読みがありません。やさしい日本語では、漢字に ｜漢字《かんじ》 の形で読みを付けてください",
        "かんじに よみかたが ありません";
    RubyUnbalanced: "the reading marks ｜《》 do not pair up near 「{near}」; write ｜漢字《かんじ》",
        "「{near}」のあたりで、読みの記号（｜《》）が対になっていません。｜漢字《かんじ》 の形で書いてください",
        "よみかたの きごうが あいません";
    RubyEmpty: "a reading, or the text it belongs to, is empty near 「{near}」",
        "「{near}」のあたりで、読み、または読みを付ける文字が空です",
        "よみかたが からっぽです";
    ReadingNotKana: "the reading 「{reading}」 must be written in hiragana or katakana",
        "読み「{reading}」は、ひらがなかカタカナで書いてください",
        "よみかたは ひらがなで かいて ください";
    WordWithoutKanji: "「{word}」 has no kanji: the reading list holds words written with kanji",
        "「{word}」には漢字がありません。読み方の一覧には、漢字を含む語を書いてください",
        "かんじの ない ことばです";
    WordTwice: "「{word}」 is listed twice; keep one reading",
        "「{word}」が2回あります。読み方は1つにしてください",
        "おなじ ことばが 2かい あります";
    NoSuchCard: "no card or indicator has the id {id}",
        "ID {id} のカード・指標はありません",
        "その カードは ありません";
    VoicesTwice: "the same card and month appear twice",
        "同じカードと月が2回あります",
        "おなじ ものが ふたつ あります";
    DeclinedWithoutReason: "an answer the city declines (declined) needs its reason",
        "「対応しません」の対応には理由が必要です",
        "りゆうを かいて ください";
    AsOfMismatch: "the file says as of {as_of}",
        "ファイルの時点は {as_of} です",
        "じてんが あいません";
    LogoNotSvg: "the logo is not an SVG image with a viewBox: {detail}",
        "ロゴが viewBox のある SVG 画像になっていません：{detail}",
        "ロゴの かたちが まちがって います";
    LogoScript: "the logo contains script ({what}); a logo may only draw",
        "ロゴにスクリプト（{what}）があります。ロゴは絵だけにしてください",
        "ロゴに プログラムが はいって います";
    LogoOutsideReference: "the logo refers to something outside itself ({what}); it must hold everything it draws",
        "ロゴがロゴの外のもの（{what}）を参照しています。ロゴの中にあるものだけで描いてください",
        "ロゴが そとの ものを つかって います";
    LogoNotAllowed: "the logo uses {what}, which a logo may not: shapes, paths, text and gradients, with their attributes (no style sheet, no image, no animation)",
        "ロゴに使えないもの（{what}）があります。図形・パス・文字・グラデーションと、その属性だけにしてください（スタイルシート、画像、アニメーションは使えません）",
        "ロゴに つかえない ものが あります";
    NotColour: "{text} is not a colour; write #RRGGBB (for example #1d6b3a)",
        "{text}は色ではありません。#RRGGBB の形で書いてください（例：#1d6b3a）",
        "いろの かきかたが まちがって います";
    AccentContrast: "{colour} has a contrast of only {ratio}:1 with the background {background}; text in it needs at least 4.5:1 (choose a darker colour)",
        "{colour}は背景の色 {background} とのコントラスト比が{ratio}:1しかありません。文字が読めるよう4.5:1以上にしてください（もっと濃い色にします）",
        "いろが うすすぎます";
}

/// One thing wrong with a file, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// JSON path, `.` for the whole document.
    pub path: String,
    pub code: Code,
    pub params: Vec<(&'static str, String)>,
    /// In English, for logs and tests.
    pub message: String,
}

impl Problem {
    pub fn new(path: impl Into<String>, code: Code, params: Vec<(&'static str, String)>) -> Problem {
        let message = render(code, &params, Locale::En);
        Problem {
            path: path.into(),
            code,
            params,
            message,
        }
    }

    /// The problem worded in `lang`.
    pub fn message_in(&self, lang: Locale) -> String {
        render(self.code, &self.params, lang)
    }
}

fn render(code: Code, params: &[(&'static str, String)], lang: Locale) -> String {
    let args: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
    fill(code.template(lang), &args)
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Parameters as text: `params!["max" => 200, "chars" => n]`.
#[macro_export]
#[doc(hidden)]
macro_rules! params {
    ($($name:literal => $value:expr),* $(,)?) => { vec![$(($name, $value.to_string())),*] };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(template: &str) -> Vec<&str> {
        let mut n = crate::template::placeholders(template);
        n.sort();
        n.dedup();
        n
    }

    #[test]
    fn japanese_templates_name_the_english_ones_parameters() {
        for code in Code::ALL {
            let en = names(code.template(Locale::En));
            assert_eq!(names(code.template(Locale::Ja)), en, "{code:?}");
            // Plain Japanese says what is wrong without the figures; it never names others.
            assert!(names(code.template(Locale::JaEasy)).iter().all(|n| en.contains(n)), "{code:?}");
        }
    }

    #[test]
    fn a_problem_is_worded_in_each_language() {
        let p = Problem::new("plan.name.ja", Code::TooLong, params!["chars" => 201, "max" => 200]);
        assert_eq!(p.to_string(), "plan.name.ja: is 201 characters long; at most 200 are allowed");
        assert_eq!(p.message_in(Locale::Ja), "201文字あります。200文字以下にしてください");
        assert_eq!(p.message_in(Locale::JaEasy), "ながすぎます");
    }
}
