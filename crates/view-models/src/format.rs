//! Numbers, units, fiscal years and dates written the way the city writes them.

use std::borrow::Cow;

use snapshot::{AsOf, AsOfDate, FiscalYear, Unit, YearMonth};

use crate::strings::strings;
use crate::Locale;

/// Digits as published, with thousands separators: `107087` → `107,087`, `48.9` → `48.9`.
/// Rust prints the shortest form that reads back as the same number, so nothing is rounded.
pub fn number(value: f64) -> String {
    grouped(&format!("{value}"))
}

/// Fixed decimals, with thousands separators: `number_fixed(3.3, 2)` → `3.30`.
pub fn number_fixed(value: f64, decimals: usize) -> String {
    grouped(&format!("{value:.decimals$}"))
}

fn grouped(plain: &str) -> String {
    let (sign, rest) = plain.strip_prefix('-').map_or(("", plain), |r| ("-", r));
    let (int, frac) = rest.split_once('.').map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(plain.len() + int.len() / 3);
    out.push_str(sign);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// Decimal places a published value carries (`4.7` → 1, `2248` → 0).
fn decimals_of(value: f64) -> usize {
    format!("{value}").split_once('.').map_or(0, |(_, f)| f.len())
}

/// A value with its unit: `107,087件`, `48.9%`, `約10.7万件`, `2,248億円`; in English
/// `107,087 cases`, `about 107,000 cases`, `¥224.8 billion`.
pub fn quantity(value: f64, unit: Unit, approximate: bool, locale: Locale) -> String {
    let about = match (approximate, locale) {
        (false, _) => "",
        (true, Locale::En) => "about ",
        (true, _) => "約",
    };
    let body = match locale {
        Locale::En => english_quantity(value, unit),
        Locale::Ja | Locale::JaEasy | Locale::JaFurigana => {
            let n = if unit == Unit::Score {
                number_fixed(value, 2)
            } else {
                number(value)
            };
            format!("{n}{}", japanese_unit(unit))
        }
    };
    format!("{about}{body}")
}

/// The readings of the words a figure is written with besides its unit, for やさしい日本語.
const FIGURE_WORDS: [(&str, &str); 2] = [("約", "やく"), ("万", "まん")];

/// Each unit as Japanese writes it (`件`, `分/件`), with the readings of its words for
/// やさしい日本語: one table for the figure, the table header and the ruby.
fn unit_words(unit: Unit) -> (&'static str, &'static [(&'static str, &'static str)]) {
    match unit {
        Unit::Percent | Unit::RatioPercent => ("%", &[]),
        Unit::Cases => ("件", &[("件", "けん")]),
        Unit::TenThousandCases => ("万件", &[("万件", "まんけん")]),
        Unit::Days => ("日", &[("日", "にち")]),
        Unit::HundredMillionYen => ("億円", &[("億円", "おくえん")]),
        Unit::People => ("人", &[("人", "にん")]),
        Unit::MinutesPerCase => ("分/件", &[("分", "ふん"), ("件", "けん")]),
        Unit::Devices => ("台", &[("台", "だい")]),
        Unit::Times => ("回", &[("回", "かい")]),
        Unit::Procedures => ("手続", &[("手続", "てつづき")]),
        Unit::Processes => ("業務", &[("業務", "ぎょうむ")]),
        Unit::Score => ("点", &[("点", "てん")]),
    }
}

/// The reading of a word a figure is written with, if it is one.
fn figure_word_reading(word: &str) -> Option<&'static str> {
    FIGURE_WORDS
        .iter()
        .copied()
        .chain(Unit::ALL.iter().flat_map(|u| unit_words(*u).1.iter().copied()))
        .find(|(w, _)| *w == word)
        .map(|(_, reading)| reading)
}

/// A figure as [`quantity`] writes it, for reading on screen: in やさしい日本語 each run of kanji
/// it knows gets its reading (`約《やく》10.7｜万件《まんけん》`, shown by `components::ruby`);
/// the other languages, and any other text, unchanged.
pub fn figure_with_readings(text: &str, locale: Locale) -> Cow<'_, str> {
    if !locale.shows_readings() || !text.chars().any(snapshot::ruby::is_kanji) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() * 2);
    let mut rest = text;
    while let Some(start) = rest.find(snapshot::ruby::is_kanji) {
        out.push_str(&rest[..start]);
        let run_len = rest[start..]
            .find(|c: char| !snapshot::ruby::is_kanji(c))
            .unwrap_or(rest.len() - start);
        let run = &rest[start..start + run_len];
        match figure_word_reading(run) {
            Some(reading) => out.push_str(&format!("｜{run}《{reading}》")),
            None => out.push_str(run),
        }
        rest = &rest[start + run_len..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// A figure where ruby cannot be shown (a chart's SVG labels): in やさしい日本語 its known words
/// as they are read (`107,087けん`), the other languages unchanged.
pub fn figure_spoken(text: &str, locale: Locale) -> String {
    snapshot::ruby::spoken(&figure_with_readings(text, locale)).into_owned()
}

/// The unit as a Japanese table header writes it: `%`, `件`, `億円`.
pub fn japanese_unit(unit: Unit) -> &'static str {
    unit_words(unit).0
}

fn english_quantity(value: f64, unit: Unit) -> String {
    let plural = |one: &str, many: &str| if value == 1.0 { one.to_string() } else { many.to_string() };
    match unit {
        Unit::Percent | Unit::RatioPercent => format!("{}%", number(value)),
        Unit::Cases => format!("{} {}", number(value), plural("case", "cases")),
        Unit::TenThousandCases => {
            // 万 is 10,000: show the full number, keeping only the precision published.
            let places = decimals_of(value).saturating_sub(4);
            format!("{} cases", number_fixed(value * 10_000.0, places))
        }
        Unit::HundredMillionYen => {
            // 億 is 100 million: 2,248億円 is ¥224.8 billion, 4.7億円 is ¥470 million.
            let yen = value * 1e8;
            if yen >= 1e9 {
                let places = (decimals_of(value) + 1).min(6);
                let billions = format!("{:.places$}", value / 10.0);
                format!("¥{} billion", grouped(trim_zeros(&billions)))
            } else {
                let places = decimals_of(value).saturating_sub(2);
                format!("¥{} million", number_fixed(value * 100.0, places))
            }
        }
        Unit::Days => format!("{} {}", number(value), plural("day", "days")),
        Unit::People => format!("{} {}", number(value), plural("person", "people")),
        Unit::MinutesPerCase => format!("{} min per case", number(value)),
        Unit::Devices => format!("{} {}", number(value), plural("device", "devices")),
        Unit::Times => format!("{} {}", number(value), plural("time", "times")),
        Unit::Procedures => format!("{} {}", number(value), plural("procedure", "procedures")),
        Unit::Processes => format!("{} {}", number(value), plural("process", "processes")),
        Unit::Score => number_fixed(value, 2),
    }
}

fn trim_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

/// A difference between two values of `unit`: percentages differ by points
/// (「20.9ポイント」), everything else by the unit itself (「199,830件」).
pub fn difference(value: f64, unit: Unit, locale: Locale) -> String {
    match (unit, locale) {
        (Unit::Percent | Unit::RatioPercent, Locale::En) => format!("{} percentage points", number(value)),
        (Unit::Percent | Unit::RatioPercent, _) => format!("{}ポイント", number(value)),
        _ => quantity(value, unit, false, locale),
    }
}

/// A value that may be missing: missing figures are said to be missing, never shown as 0.
pub fn maybe_quantity(value: Option<f64>, unit: Unit, locale: Locale) -> String {
    match value {
        Some(v) => quantity(v, unit, false, locale),
        None => strings(locale).not_published.into(),
    }
}

/// The Japanese era (kanji, kana) and its year for a calendar month: 令和 from May 2019, 平成
/// before (from 1989).
fn era_of_month(ym: YearMonth) -> (&'static str, &'static str, u16) {
    if (ym.year, ym.month) >= (2019, 5) {
        ("令和", "れいわ", ym.year - 2018)
    } else {
        ("平成", "へいせい", ym.year.saturating_sub(1988))
    }
}

/// The Japanese era and its year for the fiscal year starting in April of `year`: the era of
/// most of it, so fiscal 2019 is 令和元年度 and 平成 covers fiscal 1989–2018.
fn era(year: u16) -> (&'static str, &'static str, u16) {
    era_of_month(YearMonth { year, month: 5 })
}

/// A calendar month in its era, as a clerk's workbook heads a column: `令和6年4月`, `平成31年4月`.
pub fn month_in_era(ym: YearMonth) -> String {
    let (kanji, _, n) = era_of_month(ym);
    format!("{kanji}{}年{}月", era_year_number(n), ym.month)
}

fn era_year_number(n: u16) -> String {
    if n == 1 {
        "元".into()
    } else {
        n.to_string()
    }
}

/// The fiscal year by its era name alone: `令和4年度`, `FY2022`, `れいわ4ねんど`.
pub fn fiscal_year_era(fy: FiscalYear, locale: Locale) -> String {
    let (kanji, kana, n) = era(fy.0);
    match locale {
        Locale::Ja => format!("{kanji}{}年度", era_year_number(n)),
        Locale::En => format!("FY{}", fy.0),
        // Where a date is a value in a sentence, a label or a chart, it is written as it is read.
        Locale::JaEasy | Locale::JaFurigana => format!("{kana}{n}ねんど"),
    }
}

/// `令和3年度（2021年度）`, `FY2021`, `れいわ3ねんど（2021ねんど）`.
pub fn fiscal_year(fy: FiscalYear, locale: Locale) -> String {
    let (kanji, kana, n) = era(fy.0);
    match locale {
        Locale::Ja => format!("{kanji}{}年度（{}年度）", era_year_number(n), fy.0),
        Locale::En => format!("FY{}", fy.0),
        Locale::JaEasy | Locale::JaFurigana => format!("{kana}{}ねんど（{}ねんど）", n, fy.0),
    }
}

/// Short form for chart axes and table headers: `R3年度`, `FY2021`, `2021ねんど`.
pub fn fiscal_year_short(fy: FiscalYear, locale: Locale) -> String {
    let (_, _, n) = era(fy.0);
    let initial = if fy.0 >= 2019 { "R" } else { "H" };
    match locale {
        Locale::Ja => format!("{initial}{n}年度"),
        Locale::En => format!("FY{}", fy.0),
        Locale::JaEasy | Locale::JaFurigana => format!("{}ねんど", fy.0),
    }
}

/// A span of fiscal years: `令和6年度（2024年度）～令和9年度（2027年度）`.
pub fn fiscal_period(from: FiscalYear, to: FiscalYear, locale: Locale) -> String {
    let sep = if locale == Locale::En { " – " } else { "～" };
    format!("{}{sep}{}", fiscal_year(from, locale), fiscal_year(to, locale))
}

pub(crate) const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `2023年8月`, `August 2023`, `2023ねん 8がつ`.
pub fn year_month(ym: YearMonth, locale: Locale) -> String {
    let month = usize::from(ym.month.clamp(1, 12)) - 1;
    match locale {
        Locale::Ja => format!("{}年{}月", ym.year, ym.month),
        Locale::En => format!("{} {}", MONTHS_EN[month], ym.year),
        Locale::JaEasy | Locale::JaFurigana => format!("{}ねん {}がつ", ym.year, ym.month),
    }
}

/// The snapshot's as-of date (`YYYY-MM` or `YYYY-MM-DD`, parsed once as [`AsOf`]) as a phrase:
/// `2023年12月時点`. A text that is not a date is shown as it is.
pub fn as_of(date: impl Into<AsOf>, locale: Locale) -> String {
    let date: AsOf = date.into();
    let Some(AsOfDate { year, month, day }) = date.date() else {
        return date.text().to_string();
    };
    // English names the month; Japanese numbers it.
    let month = if locale == Locale::En {
        MONTHS_EN[usize::from(month) - 1].to_string()
    } else {
        month.to_string()
    };
    let t = strings(locale);
    let (year, day) = (year.to_string(), day.map(|d| d.to_string()));
    match day {
        Some(day) => t.as_of_day(&year, &month, &day),
        None => t.as_of_month(&year, &month),
    }
}

/// A share as a percentage with one decimal: `percent_of(108, 137)` → `78.8%`.
/// A moment in Japan time (UTC+9, no daylight saving).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JapanTime {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
}

/// A stored UTC time (`2026-12-31T15:05:09Z`) in Japan time (2027-01-01 0:05), across days,
/// months and leap years; `None` for anything else.
pub fn japan_time_of(utc: &str) -> Option<JapanTime> {
    let n = |r: std::ops::Range<usize>| utc.get(r).and_then(|s| s.parse::<u32>().ok());
    let (y, mo, d, h, mi) = (n(0..4)?, n(5..7)?, n(8..10)?, n(11..13)?, n(14..16)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 {
        return None;
    }
    let days_in = |y: u32, m: u32| match m {
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    let (mut y, mut mo, mut d, mut h) = (y, mo, d, h + 9);
    if h >= 24 {
        h -= 24;
        d += 1;
        if d > days_in(y, mo) {
            d = 1;
            mo += 1;
            if mo > 12 {
                mo = 1;
                y += 1;
            }
        }
    }
    Some(JapanTime {
        year: y as i32,
        month: mo as u8,
        day: d as u8,
        hour: h as u8,
        minute: mi as u8,
    })
}

pub fn percent_of(part: u32, whole: u32) -> String {
    if whole == 0 {
        return "—".into();
    }
    format!("{:.1}%", f64::from(part) * 100.0 / f64::from(whole))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Locale::*;

    #[test]
    fn numbers_keep_published_digits_with_separators() {
        assert_eq!(number(107087.0), "107,087");
        assert_eq!(number(500000.0), "500,000");
        assert_eq!(number(48.9), "48.9");
        assert_eq!(number(87.0), "87");
        assert_eq!(number(2248.0), "2,248");
        assert_eq!(number(104.6), "104.6");
        assert_eq!(number(-1234.5), "-1,234.5");
        assert_eq!(number(0.0), "0");
        assert_eq!(number_fixed(3.3, 2), "3.30");
    }

    #[test]
    fn japanese_quantities_follow_the_city() {
        assert_eq!(quantity(107087.0, Unit::Cases, false, Ja), "107,087件");
        assert_eq!(quantity(48.9, Unit::Percent, false, Ja), "48.9%");
        assert_eq!(quantity(10.7, Unit::TenThousandCases, true, Ja), "約10.7万件");
        assert_eq!(quantity(2248.0, Unit::HundredMillionYen, false, Ja), "2,248億円");
        assert_eq!(quantity(13.0, Unit::MinutesPerCase, true, Ja), "約13分/件");
        assert_eq!(quantity(3.3, Unit::Score, false, Ja), "3.30点");
        assert_eq!(quantity(14.0, Unit::Days, false, JaEasy), "14日");
    }

    #[test]
    fn english_quantities_spell_out_japanese_units() {
        assert_eq!(quantity(107087.0, Unit::Cases, false, En), "107,087 cases");
        assert_eq!(quantity(10.7, Unit::TenThousandCases, true, En), "about 107,000 cases");
        assert_eq!(quantity(30.0, Unit::TenThousandCases, true, En), "about 300,000 cases");
        assert_eq!(quantity(2248.0, Unit::HundredMillionYen, false, En), "¥224.8 billion");
        assert_eq!(quantity(2430.0, Unit::HundredMillionYen, false, En), "¥243 billion");
        assert_eq!(quantity(4.7, Unit::HundredMillionYen, true, En), "about ¥470 million");
        assert_eq!(quantity(1.0, Unit::HundredMillionYen, true, En), "about ¥100 million");
        assert_eq!(quantity(1.0, Unit::Days, false, En), "1 day");
        assert_eq!(quantity(3.56, Unit::Score, false, En), "3.56");
    }

    #[test]
    fn differences_of_percentages_are_points() {
        assert_eq!(difference(20.9, Unit::Percent, Ja), "20.9ポイント");
        assert_eq!(difference(3.0, Unit::Percent, En), "3 percentage points");
        assert_eq!(difference(199830.0, Unit::Cases, Ja), "199,830件");
    }

    #[test]
    fn missing_values_are_never_zero() {
        assert_eq!(maybe_quantity(None, Unit::Cases, Ja), "未公表");
        assert_eq!(maybe_quantity(None, Unit::Cases, En), "not published");
        assert_eq!(maybe_quantity(Some(0.0), Unit::Cases, Ja), "0件");
    }

    #[test]
    fn figures_in_easy_japanese_carry_the_readings_of_their_units() {
        let easy = |v, unit, about| figure_with_readings(&quantity(v, unit, about, JaEasy), JaEasy).into_owned();
        assert_eq!(easy(107087.0, Unit::Cases, false), "107,087｜件《けん》");
        assert_eq!(easy(10.7, Unit::TenThousandCases, true), "｜約《やく》10.7｜万件《まんけん》");
        assert_eq!(easy(4.7, Unit::HundredMillionYen, true), "｜約《やく》4.7｜億円《おくえん》");
        assert_eq!(easy(3.5, Unit::MinutesPerCase, false), "3.5｜分《ふん》/｜件《けん》");
        assert_eq!(easy(78.8, Unit::Percent, false), "78.8%");
        for unit in Unit::ALL {
            let marked = easy(2.5, unit, true);
            let bare = snapshot::ruby::kanji_without_reading(&marked).unwrap();
            assert!(bare.is_empty(), "{unit:?}: {bare:?} without a reading in {marked}");
        }
        assert_eq!(
            snapshot::ruby::plain(&easy(14.0, Unit::Days, false)),
            quantity(14.0, Unit::Days, false, JaEasy),
            "the same figure without its readings"
        );
        assert_eq!(
            figure_with_readings("107,087件", Ja),
            "107,087件",
            "standard Japanese has no readings"
        );
        assert_eq!(figure_spoken("約4.7億円", JaEasy), "やく4.7おくえん");
        assert_eq!(figure_spoken("約4.7億円", Ja), "約4.7億円");
        assert_eq!(
            figure_with_readings("未定の値", JaEasy),
            "未定の値",
            "words it does not know stay as they are"
        );
    }

    #[test]
    fn fiscal_years_use_the_era_and_the_western_year() {
        assert_eq!(fiscal_year(FiscalYear(2021), Ja), "令和3年度（2021年度）");
        assert_eq!(fiscal_year(FiscalYear(2019), Ja), "令和元年度（2019年度）");
        let month = |year, month| month_in_era(YearMonth { year, month });
        assert_eq!(
            [month(2019, 4), month(2019, 5), month(2024, 4), month(1989, 1)],
            ["平成31年4月", "令和元年5月", "令和6年4月", "平成元年1月"]
        );
        assert_eq!(fiscal_year(FiscalYear(2018), Ja), "平成30年度（2018年度）");
        assert_eq!(fiscal_year(FiscalYear(1989), Ja), "平成元年度（1989年度）");
        assert_eq!(fiscal_year(FiscalYear(2021), En), "FY2021");
        assert_eq!(fiscal_year(FiscalYear(2021), JaEasy), "れいわ3ねんど（2021ねんど）");
        assert_eq!(fiscal_year_short(FiscalYear(2022), Ja), "R4年度");
        assert_eq!(
            fiscal_period(FiscalYear(2024), FiscalYear(2027), Ja),
            "令和6年度（2024年度）～令和9年度（2027年度）"
        );
    }

    #[test]
    fn dates_read_naturally() {
        assert_eq!(as_of("2023-12", Ja), "2023年12月時点");
        assert_eq!(as_of("2024-03-31", En), "as of 31 March 2024");
        assert_eq!(as_of("garbage", En), "garbage");
        assert_eq!(year_month(YearMonth { year: 2023, month: 8 }, En), "August 2023");
        assert_eq!(percent_of(108, 137), "78.8%");
        assert_eq!(percent_of(29, 137), "21.2%");
        assert_eq!(percent_of(1, 0), "—");
    }
}
