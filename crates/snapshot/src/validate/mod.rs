//! Validation beyond parsing: ids, ordering, sums, ranges and sizes.
//!
//! Every rule reports a [`Problem`] naming the JSON path it concerns, in the same
//! `a.b[0].c` form that parse errors use, so a publisher can find it in the file.

use std::collections::HashSet;

use crate::model::*;
use crate::params;

mod manifest;
mod readings;
mod snapshot;
mod voices;
pub use crate::problem::{Code, Problem};
pub use crate::Locale;
pub use readings::MAX_CITY_READINGS;
pub use snapshot::MAX_OFFICES;
pub use voices::card_ids;

/// Largest snapshot file accepted, in bytes. Ten years of monthly figures by ward and
/// section fit in well under a tenth of this.
pub const MAX_SNAPSHOT_BYTES: usize = 4 * 1024 * 1024;
/// Largest manifest file accepted, in bytes.
pub const MAX_MANIFEST_BYTES: usize = 256 * 1024;
/// Longest name or title, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest paragraph, in characters.
pub const MAX_PROSE_CHARS: usize = 1000;
/// Most entries in a list of texts (aims, comments, highlights...).
pub const MAX_LIST: usize = 100;
/// Most yearly points in one series.
pub const MAX_YEARS: usize = 100;
/// Most monthly points in one series (100 years).
pub const MAX_MONTHS: usize = 1200;
/// Most cells in a survey breakdown.
pub const MAX_BREAKDOWN: usize = 20_000;
/// Fiscal years accepted: from 平成元年度 to 2100.
pub const FISCAL_YEARS: std::ops::RangeInclusive<u16> = 1989..=2100;
/// A published category average may differ from the mean of its rounded question scores by this much.
const AVERAGE_TOLERANCE: f64 = 0.01 + 1e-9;

/// Collects problems while walking the model, keeping track of the current path.
struct Checker {
    path: Vec<String>,
    problems: Vec<Problem>,
}

impl Checker {
    fn new() -> Self {
        Checker {
            path: Vec::new(),
            problems: Vec::new(),
        }
    }

    fn here(&self) -> String {
        if self.path.is_empty() {
            return ".".to_string();
        }
        let mut s = String::new();
        for seg in &self.path {
            if !seg.starts_with('[') && !s.is_empty() {
                s.push('.');
            }
            s.push_str(seg);
        }
        s
    }

    fn report(&mut self, code: Code, params: Vec<(&'static str, String)>) {
        let path = self.here();
        self.problems.push(Problem::new(path, code, params));
    }

    /// Runs `f` with `field` appended to the path.
    fn at<R>(&mut self, field: &str, f: impl FnOnce(&mut Self) -> R) -> R {
        self.path.push(field.to_string());
        let r = f(self);
        self.path.pop();
        r
    }

    /// Checks each of the first `max` items at its own index (`[i]` in the path).
    fn each<'a, T>(&mut self, items: &'a [T], max: usize, mut f: impl FnMut(&mut Self, usize, &'a T)) {
        for (i, item) in items.iter().enumerate().take(max) {
            self.index(i, |c| f(c, i, item));
        }
    }

    fn index<R>(&mut self, i: usize, f: impl FnOnce(&mut Self) -> R) -> R {
        self.path.push(format!("[{i}]"));
        let r = f(self);
        self.path.pop();
        r
    }

    // ---- primitive rules -------------------------------------------------------------

    fn string(&mut self, s: &str, max_chars: usize) {
        if s.trim().is_empty() {
            self.report(Code::Empty, vec![]);
            return;
        }
        let n = s.chars().count();
        if n > max_chars {
            self.report(Code::TooLong, params!["chars" => n, "max" => max_chars]);
        }
        if let Some(c) = s.chars().find(|&c| forbidden_char(c, max_chars > MAX_NAME_CHARS)) {
            self.report(Code::ControlCharacter, params!["codepoint" => format!("{:04X}", c as u32)]);
        }
    }

    fn text(&mut self, t: &Text, max_chars: usize) {
        self.at("ja", |c| {
            c.string(&t.ja, max_chars);
            c.readings(&t.ja, false);
        });
        if let Some(en) = &t.en {
            self.at("en", |c| c.string(en, max_chars));
        }
        if let Some(easy) = &t.ja_easy {
            self.at("ja_easy", |c| {
                c.string(easy, max_chars);
                c.readings(easy, true);
            });
        }
    }

    /// Readings written ｜漢字《かんじ》 (crate::ruby) pair up and are kana; in easy Japanese,
    /// every kanji has one (the national guideline: 漢字にはふりがなを).
    fn readings(&mut self, s: &str, easy: bool) {
        use crate::ruby::{kanji_without_reading, RubyError};
        match kanji_without_reading(s) {
            Ok(bare) if easy && !bare.is_empty() => {
                let kanji: String = bare.iter().take(8).collect();
                self.report(Code::KanjiWithoutReading, params!["kanji" => kanji]);
            }
            Ok(_) => {}
            Err(RubyError::Unbalanced { near }) => self.report(Code::RubyUnbalanced, params!["near" => near]),
            Err(RubyError::Empty { near }) => self.report(Code::RubyEmpty, params!["near" => near]),
            Err(RubyError::ReadingNotKana { reading }) => self.report(Code::ReadingNotKana, params!["reading" => reading]),
        }
    }

    fn opt_text(&mut self, field: &str, t: &Option<Text>, max_chars: usize) {
        if let Some(t) = t {
            self.at(field, |c| c.text(t, max_chars));
        }
    }

    fn texts(&mut self, field: &str, list: &[Text], max_chars: usize, min: usize) {
        self.at(field, |c| {
            c.list_len(list.len(), min, MAX_LIST);
            c.each(list, MAX_LIST, |c, _i, t| c.text(t, max_chars));
        });
    }

    fn list_len(&mut self, len: usize, min: usize, max: usize) {
        if len < min {
            self.report(
                if min == 1 { Code::TooFewOne } else { Code::TooFew },
                params!["min" => min, "len" => len],
            );
        }
        if len > max {
            self.report(Code::TooMany, params!["len" => len, "max" => max]);
        }
    }

    fn id(&mut self, id: &str) {
        let ok = !id.is_empty()
            && id.len() <= 64
            && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !id.starts_with('-');
        if !ok {
            self.report(Code::BadId, params!["id" => quoted(id)]);
        }
    }

    /// Checks each id's form and that none repeats, in `field` of each element.
    fn unique_ids<'a>(&mut self, field: &str, ids: impl Iterator<Item = &'a str>) -> HashSet<String> {
        let mut seen = HashSet::new();
        self.at(field, |c| {
            for (i, id) in ids.enumerate() {
                c.index(i, |c| {
                    c.at("id", |c| {
                        c.id(id);
                        if !seen.insert(id.to_string()) {
                            c.report(Code::DuplicateId, params!["id" => quoted(id)]);
                        }
                    })
                });
            }
        });
        seen
    }

    fn numbered(&mut self, field: &str, numbers: impl Iterator<Item = u8>) {
        self.at(field, |c| {
            for (i, n) in numbers.enumerate() {
                c.index(i, |c| {
                    if usize::from(n) != i + 1 {
                        c.at("number", |c| {
                            c.report(Code::NumberOrder, params!["number" => n, "expected" => i + 1])
                        })
                    }
                });
            }
        });
    }

    fn fiscal_year(&mut self, fy: FiscalYear) {
        if !FISCAL_YEARS.contains(&fy.0) {
            self.report(
                Code::FiscalYearRange,
                params!["year" => fy.0, "from" => FISCAL_YEARS.start(), "to" => FISCAL_YEARS.end()],
            );
        }
    }

    fn year_month(&mut self, ym: YearMonth) {
        if !FISCAL_YEARS.contains(&ym.year) {
            self.at("year", |c| {
                c.report(
                    Code::YearRange,
                    params!["year" => ym.year, "from" => FISCAL_YEARS.start(), "to" => FISCAL_YEARS.end()],
                )
            });
        }
        if !(1..=12).contains(&ym.month) {
            self.at("month", |c| c.report(Code::MonthRange, params!["month" => ym.month]));
        }
    }

    fn value(&mut self, v: Option<f64>, unit: Unit) {
        let Some(v) = v else { return };
        if !v.is_finite() {
            self.report(Code::NotFinite, vec![]);
        } else if unit == Unit::Percent && !(0.0..=100.0).contains(&v) {
            self.report(Code::NotPercent, params!["value" => v]);
        } else if unit == Unit::Score && !(1.0..=5.0).contains(&v) {
            self.report(Code::NotScore, params!["value" => v]);
        } else if v < 0.0 {
            self.report(Code::Negative, params!["value" => v]);
        }
    }

    fn year_value(&mut self, yv: &YearValue, unit: Unit) {
        self.at("fiscal_year", |c| c.fiscal_year(yv.fiscal_year));
        self.at("value", |c| c.value(*yv.value, unit));
    }

    /// A yearly series: each point valid, years strictly increasing.
    fn yearly(&mut self, field: &str, series: &[YearValue], unit: Unit, min: usize) {
        self.at(field, |c| {
            c.list_len(series.len(), min, MAX_YEARS);
            let mut prev: Option<FiscalYear> = None;
            for (i, yv) in series.iter().enumerate().take(MAX_YEARS) {
                c.index(i, |c| {
                    c.year_value(yv, unit);
                    if let Some(p) = prev {
                        if yv.fiscal_year <= p {
                            c.at("fiscal_year", |c| {
                                c.report(Code::YearsOrder, params!["year" => yv.fiscal_year.0, "previous" => p.0])
                            });
                        }
                    }
                });
                prev = Some(yv.fiscal_year);
            }
        });
    }

    fn measure(&mut self, m: &Measure) {
        self.at("label", |c| c.text(&m.label, MAX_NAME_CHARS));
        self.at("value", |c| c.value(Some(m.value), m.unit));
    }

    fn date(&mut self, date: &AsOf) {
        if date.date().is_none() {
            self.report(Code::NotDate, params!["text" => quoted(date.text())]);
        }
    }
}

/// Characters that must not appear in published text: controls (tab and, in prose, newline
/// allowed), bidirectional overrides that could make text read differently than stored, and
/// other invisible format characters.
fn forbidden_char(c: char, prose: bool) -> bool {
    match c {
        '\n' => !prose,
        '\t' => false,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' => true,
        c => c.is_control(),
    }
}

/// A text from the file as a problem quotes it: shortened, in quotes, with anything unprintable
/// escaped.
fn quoted(s: &str) -> String {
    format!("{:?}", truncate(s))
}

fn truncate(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(MAX).collect();
        t.push('…');
        t
    }
}

fn show(v: Option<f64>) -> String {
    v.map_or_else(|| "null".to_string(), |v| v.to_string())
}

/// The fiscal year a month belongs to: January–March belong to the year before.
pub fn fiscal_year_of(m: YearMonth) -> FiscalYear {
    FiscalYear(if m.month >= 4 { m.year } else { m.year.saturating_sub(1) })
}

/// `YYYY-MM-DD` with a real day of the month, or `YYYY-MM`.
pub fn is_iso_date(s: &str) -> bool {
    if s.len() == 7 {
        return is_iso_date(&format!("{s}-01"));
    }
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=2100).contains(&y) && (1..=days).contains(&d)
}

fn is_safe_relative_path(p: &str) -> bool {
    !p.is_empty()
        && p.len() <= 200
        && p.ends_with(".json")
        && !p.starts_with('/')
        && p.split('/').all(|seg| !seg.is_empty() && seg != "." && seg != "..")
        && p.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_./".contains(&b))
}

fn is_sha256(s: &str) -> bool {
    s.strip_prefix("sha256-")
        .is_some_and(|h| h.len() == 64 && h.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
}

/// Every rule applied to a parsed snapshot.
pub fn check_snapshot(s: &Snapshot) -> Vec<Problem> {
    let mut c = Checker::new();
    c.snapshot(s);
    c.problems
}

/// Every rule applied to a parsed manifest (files and hashes are checked by the caller, who has the files).
pub fn check_manifest(m: &Manifest) -> Vec<Problem> {
    let mut c = Checker::new();
    c.manifest(m);
    c.problems
}
