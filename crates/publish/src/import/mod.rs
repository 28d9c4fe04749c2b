//! A filled workbook and the latest snapshot become the next snapshot. The latest gives the
//! structure (ids, lists, what each row is); the workbook gives the figures and texts. Every
//! value read remembers its cell, so a rule the checker finds broken is reported where the clerk
//! typed it. Nothing is guessed: a cell that is not a number, a missing sheet or row, a changed
//! heading, merged cells, a formula without its result, or a published figure emptied is a problem.

mod answers;
mod city;
mod plan;
mod readings;
mod sheets;

use std::collections::{HashMap, HashSet};

use snapshot::{AsOf, Snapshot, Text};
use view_models::Locale;

use crate::problem::{Kind, SheetProblem};
use crate::workbook::{Book, Cell, CellRef, Sheet};

struct Importer {
    problems: Vec<SheetProblem>,
    /// Which cell each value of the new snapshot came from, by its path in the snapshot.
    origins: Vec<(String, &'static str, CellRef)>,
    /// Target years typed in this workbook (a new indicator's, or one changed from what was
    /// published), by 検証指標's cell: checked against the plan's period once it is read.
    typed_targets: Vec<(u16, CellRef)>,
}

/// A number as typed: half- or full-width digits, grouping commas as Excel writes them into a CSV.
pub fn parse_number(text: &str) -> Option<f64> {
    let ascii: String = text
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '，' => ',',
            '－' | '−' => '-',
            '＋' => '+',
            c => c,
        })
        .collect();
    let digits = ascii.trim_start_matches(['-', '+']);
    let int_part = digits.split('.').next().unwrap_or("");
    let grouped = int_part.contains(',')
        && int_part
            .split(',')
            .enumerate()
            .all(|(i, g)| (i == 0 && (1..=3).contains(&g.len())) || (i > 0 && g.len() == 3))
        && int_part.chars().all(|c| c.is_ascii_digit() || c == ',');
    let plain = if grouped { ascii.replace(',', "") } else { ascii };
    if plain.is_empty()
        || !plain
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
    {
        return None;
    }
    plain.parse::<f64>().ok().filter(|n| n.is_finite())
}

fn shown(v: Option<f64>) -> String {
    v.map_or("null".into(), view_models::format::number)
}

impl Importer {
    fn cell_ref(row: u32, col: u32) -> CellRef {
        CellRef { row, col }
    }

    fn from(&mut self, path: impl Into<String>, sheet: &'static str, row: u32, col: u32) {
        self.origins.push((path.into(), sheet, Self::cell_ref(row, col)));
    }

    /// A text typed in three columns from `col` (日本語, English, やさしい日本語): each language
    /// at its own cell.
    fn text_from(&mut self, path: String, sheet: &'static str, row: u32, col: u32) {
        for (lang, c) in [("ja", col), ("en", col + 1), ("ja_easy", col + 2)] {
            self.from(format!("{path}.{lang}"), sheet, row, c);
        }
        self.from(path, sheet, row, col);
    }

    fn report(&mut self, sheet: &str, row: u32, col: u32, kind: Kind) {
        self.problems.push(SheetProblem::at(sheet, Self::cell_ref(row, col), kind));
    }

    /// The sheet, with its headings as expected and no merged cells; else the problems, and `None`.
    fn sheet<'b>(&mut self, book: &'b Book, name: &'static str, headers: &[String]) -> Option<&'b Sheet> {
        let Some(sheet) = book.sheet(name) else {
            self.problems.push(SheetProblem::sheet(name, Kind::MissingSheet));
            return None;
        };
        for range in &sheet.merged {
            self.problems.push(SheetProblem::sheet(name, Kind::MergedCells(range.clone())));
        }
        let before = self.problems.len();
        for (c, expected) in headers.iter().enumerate() {
            let found = sheet.text(0, c as u32).unwrap_or_default();
            if found != *expected {
                self.report(
                    name,
                    0,
                    c as u32,
                    Kind::HeaderDiffers {
                        expected: expected.clone(),
                        found,
                    },
                );
            }
        }
        if let Some(extra) = sheet.cells.keys().find(|c| c.row == 0 && c.col as usize >= headers.len()) {
            let found = sheet.text(extra.row, extra.col).unwrap_or_default();
            self.report(
                name,
                0,
                extra.col,
                Kind::HeaderDiffers {
                    expected: String::new(),
                    found,
                },
            );
        }
        (self.problems.len() == before && sheet.merged.is_empty()).then_some(sheet)
    }

    /// A sheet added after some workbooks were written (市の対応, 読み方, 市, …): `None`, so the
    /// published part is kept, when the workbook has none; else as [`Importer::sheet`].
    fn optional_sheet<'b>(&mut self, book: &'b Book, name: &'static str, headers: &[String]) -> Option<&'b Sheet> {
        book.sheet(name)?;
        self.sheet(book, name, headers)
    }

    /// A figure: `Ok(None)` for an empty cell (not published), `Err` once reported.
    fn number(&mut self, sheet: &Sheet, row: u32, col: u32) -> Result<Option<f64>, ()> {
        match sheet.get(row, col) {
            None => Ok(None),
            Some(Cell::Number(n)) => Ok(Some(*n)),
            Some(Cell::Text(t)) => match parse_number(t) {
                Some(n) => Ok(Some(n)),
                None => {
                    self.report(&sheet.name, row, col, Kind::NotANumber(t.trim().to_string()));
                    Err(())
                }
            },
            Some(Cell::FormulaWithoutResult(f)) => {
                self.report(&sheet.name, row, col, Kind::FormulaWithoutResult(f.clone()));
                Err(())
            }
            Some(Cell::Other(v)) => {
                self.report(&sheet.name, row, col, Kind::NotANumber(v.clone()));
                Err(())
            }
        }
    }

    /// A whole number that must be there (a year, a month, a count of people).
    fn whole(&mut self, sheet: &Sheet, row: u32, col: u32) -> Result<u32, ()> {
        match self.number(sheet, row, col)? {
            None => {
                self.report(&sheet.name, row, col, Kind::Required);
                Err(())
            }
            Some(n) if n.fract() == 0.0 && (0.0..=4_000_000_000.0).contains(&n) => Ok(n as u32),
            Some(n) => {
                self.report(&sheet.name, row, col, Kind::NotAWholeNumber(view_models::format::number(n)));
                Err(())
            }
        }
    }

    fn opt_whole(&mut self, sheet: &Sheet, row: u32, col: u32) -> Result<Option<u32>, ()> {
        if sheet.get(row, col).is_none() {
            return Ok(None);
        }
        self.whole(sheet, row, col).map(Some)
    }

    fn year(&mut self, sheet: &Sheet, row: u32, col: u32) -> Result<u16, ()> {
        self.whole(sheet, row, col).map(|y| y.min(u16::MAX as u32) as u16)
    }

    /// A figure that replaces a published one: emptying a published figure is refused.
    fn figure(&mut self, sheet: &Sheet, row: u32, col: u32, published: Option<f64>) -> Result<Option<f64>, ()> {
        let v = self.number(sheet, row, col)?;
        if v.is_none() && published.is_some() {
            self.report(&sheet.name, row, col, Kind::PublishedFigureEmptied(shown(published)));
            return Err(());
        }
        Ok(v)
    }

    /// Rows of a sheet keyed by the id in `col`: unknown ids, repeated rows and missing rows
    /// are problems. Returns each known id's row.
    fn rows_by_id(&mut self, sheet: &Sheet, col: u32, ids: &[&str]) -> HashMap<String, u32> {
        self.rows_by_id_except(sheet, col, ids, |_| false, &[])
    }

    /// As [`Importer::rows_by_id`], leaving out the rows whose id `skip` names, and not asking
    /// for the rows of `optional` (added to a sheet after some workbooks were written).
    fn rows_by_id_except(
        &mut self,
        sheet: &Sheet,
        col: u32,
        ids: &[&str],
        skip: fn(&str) -> bool,
        optional: &[&str],
    ) -> HashMap<String, u32> {
        let mut found = HashMap::new();
        for row in sheet.data_rows() {
            let Some(id) = sheet.text(row, col) else { continue };
            if skip(&id) {
                continue;
            }
            if !ids.contains(&id.as_str()) {
                self.report(&sheet.name, row, col, Kind::UnknownId(id));
            } else if found.insert(id.clone(), row).is_some() {
                self.report(&sheet.name, row, col, Kind::RowTwice(id));
            }
        }
        for id in ids {
            if !found.contains_key(*id) && !optional.contains(id) {
                self.problems
                    .push(SheetProblem::sheet(&sheet.name, Kind::MissingRow(id.to_string())));
            }
        }
        found
    }
    /// Where a checker problem at `path` was typed: the longest recorded place it lies under.
    fn place_of(&self, path: &str) -> Option<(&'static str, CellRef)> {
        self.origins
            .iter()
            .filter(|(o, _, _)| path == o || path.starts_with(&format!("{o}.")) || path.starts_with(&format!("{o}[")))
            .max_by_key(|(o, _, _)| o.len())
            .map(|(_, s, c)| (*s, *c))
    }
}

/// The value at a snapshot path like `plan.policies[0].name`.
fn at_path_mut<'v>(value: &'v mut serde_json::Value, path: &str) -> Option<&'v mut serde_json::Value> {
    let mut v = value;
    for part in path.split('.') {
        let (key, indexes) = part.split_once('[').map_or((part, ""), |(k, rest)| (k, rest));
        v = v.get_mut(key)?;
        for index in indexes.split('[').filter(|x| !x.is_empty()) {
            v = v.get_mut(index.trim_end_matches(']').parse::<usize>().ok()?)?;
        }
    }
    Some(v)
}

/// The manifest entry's title for a publication: the plan's name and the date of its figures.
pub fn title_for(s: &Snapshot) -> Text {
    let in_ = |l: Locale| view_models::format::as_of(s.as_of.clone(), l);
    Text {
        ja: format!("{}（{}）", s.plan.name.ja, in_(Locale::Ja)),
        en: s.plan.name.en.as_ref().map(|n| format!("{n} ({})", in_(Locale::En))),
        ja_easy: s.plan.name.ja_easy.as_ref().map(|n| format!("{n}（{}）", in_(Locale::JaEasy))),
    }
}

/// Builds the next snapshot from a read workbook and the latest published one, with every rule
/// the checker has. Problems are named by sheet and cell wherever the value came from one.
pub fn import(book: &Book, base: &Snapshot, id: &str, as_of: &str) -> Result<Snapshot, Vec<SheetProblem>> {
    let mut im = Importer {
        problems: vec![],
        origins: vec![],
        typed_targets: vec![],
    };
    let mut s = im.texts(book, base);
    // The groups first: a new indicator may name a new group by its number.
    im.groups(book, &mut s);
    im.indicators(book, &mut s);
    im.counter(book, &mut s);
    im.konbini(book, &mut s);
    im.staff(book, &mut s);
    im.progress(book, &mut s);
    im.other(book, &mut s);
    im.answers(book, &mut s);
    im.city_readings(book, &mut s);
    im.city(book, &mut s);
    im.counters(book, &mut s);
    im.policies(book, &mut s);
    im.targets_in_period(&s);
    s.id = id.to_string();
    s.as_of = AsOf::parse(as_of);
    if !im.problems.is_empty() {
        return Err(im.problems);
    }
    let mut seen = HashSet::new();
    let problems: Vec<SheetProblem> = snapshot::check_snapshot(&s)
        .into_iter()
        .map(|p| match im.place_of(&p.path) {
            Some((sheet, cell)) => SheetProblem::at(sheet, cell, Kind::Rule(p)),
            None => SheetProblem::file(Kind::Rule(p)),
        })
        .filter(|p| seen.insert(p.message(snapshot::Locale::Ja)))
        .collect();
    if problems.is_empty() {
        Ok(s)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_as_clerks_type_them() {
        assert_eq!(parse_number("107087"), Some(107087.0));
        assert_eq!(parse_number("107,087"), Some(107087.0));
        assert_eq!(parse_number("１０７，０８７"), Some(107087.0));
        assert_eq!(parse_number(" 48.9 "), Some(48.9));
        assert_eq!(parse_number("-1"), Some(-1.0));
        assert_eq!(parse_number("1,07,087"), None);
        assert_eq!(parse_number("abc"), None);
        assert_eq!(parse_number("87%"), None);
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number(""), None);
    }

    #[test]
    fn paths_reach_into_the_snapshot() {
        let mut v = serde_json::json!({"plan": {"policies": [{"name": {"ja": "a"}}]}});
        *at_path_mut(&mut v, "plan.policies[0].name").unwrap() = serde_json::json!({"ja": "b"});
        assert_eq!(v["plan"]["policies"][0]["name"]["ja"], "b");
        assert!(at_path_mut(&mut v, "plan.policies[3].name").is_none());
    }
}
