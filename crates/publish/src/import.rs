//! A filled workbook and the latest snapshot become the next snapshot. The latest gives the
//! structure (ids, lists, what each row is); the workbook gives the figures and texts. Every
//! value read remembers its cell, so a rule the checker finds broken is reported where the clerk
//! typed it. Nothing is guessed: a cell that is not a number, a missing sheet or row, a changed
//! heading, merged cells, a formula without its result, or a published figure emptied is a problem.

use std::collections::{HashMap, HashSet};

use snapshot::{AsOf, Breakdown, FiscalYear, MonthValue, Snapshot, Text, YearMonth, YearValue};
use view_models::Locale;

use crate::problem::{Kind, SheetProblem};
use crate::workbook::layout::*;
use crate::workbook::{Book, Cell, CellRef, Sheet};

struct Importer {
    problems: Vec<SheetProblem>,
    /// Which cell each value of the new snapshot came from, by its path in the snapshot.
    origins: Vec<(String, &'static str, CellRef)>,
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
        && int_part.split(',').enumerate().all(|(i, g)| (i == 0 && (1..=3).contains(&g.len())) || (i > 0 && g.len() == 3))
        && int_part.chars().all(|c| c.is_ascii_digit() || c == ',');
    let plain = if grouped { ascii.replace(',', "") } else { ascii };
    if plain.is_empty() || !plain.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E')) {
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
                self.report(name, 0, c as u32, Kind::HeaderDiffers { expected: expected.clone(), found });
            }
        }
        if let Some(extra) = sheet.cells.keys().find(|c| c.row == 0 && c.col as usize >= headers.len()) {
            let found = sheet.text(extra.row, extra.col).unwrap_or_default();
            self.report(name, 0, extra.col, Kind::HeaderDiffers { expected: String::new(), found });
        }
        (self.problems.len() == before && sheet.merged.is_empty()).then_some(sheet)
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
        let mut found = HashMap::new();
        for row in sheet.data_rows() {
            let Some(id) = sheet.text(row, col) else { continue };
            if !ids.contains(&id.as_str()) {
                self.report(&sheet.name, row, col, Kind::UnknownId(id));
            } else if found.insert(id.clone(), row).is_some() {
                self.report(&sheet.name, row, col, Kind::RowTwice(id));
            }
        }
        for id in ids {
            if !found.contains_key(*id) {
                self.problems.push(SheetProblem::sheet(&sheet.name, Kind::MissingRow(id.to_string())));
            }
        }
        found
    }

    fn indicators(&mut self, book: &Book, s: &mut Snapshot) {
        let headers = indicator_headers(s);
        let Some(sheet) = self.sheet(book, INDICATORS, &headers) else { return };
        let years = indicator_years(s);
        let ids: Vec<String> = s.indicators.iter().map(|i| i.id.clone()).collect();
        let rows = self.rows_by_id(sheet, 0, &ids.iter().map(String::as_str).collect::<Vec<_>>());
        let target_year_col = IND_FIRST_ACTUAL + years.len() as u32;
        for (i, ind) in s.indicators.iter_mut().enumerate() {
            let Some(&row) = rows.get(&ind.id) else { continue };
            let at = format!("indicators[{i}]");
            self.from(at.clone(), INDICATORS, row, 0);
            if let Ok(y) = self.year(sheet, row, IND_BASELINE_YEAR) {
                ind.baseline.fiscal_year = FiscalYear(y);
            }
            if let Ok(v) = self.figure(sheet, row, IND_BASELINE, ind.baseline.value) {
                ind.baseline.value = v;
            }
            self.from(format!("{at}.baseline.fiscal_year"), INDICATORS, row, IND_BASELINE_YEAR);
            self.from(format!("{at}.baseline"), INDICATORS, row, IND_BASELINE);
            let mut actuals = Vec::new();
            for (k, y) in years.iter().enumerate() {
                let col = IND_FIRST_ACTUAL + k as u32;
                let before = ind.actuals.iter().find(|a| a.fiscal_year.0 == *y);
                let Ok(v) = self.figure(sheet, row, col, before.and_then(|a| a.value)) else { continue };
                // An explicit "not yet published" stays as it was published.
                if v.is_some() || before.is_some() {
                    self.from(format!("{at}.actuals[{}]", actuals.len()), INDICATORS, row, col);
                    actuals.push(YearValue { fiscal_year: FiscalYear(*y), value: v });
                }
            }
            ind.actuals = actuals;
            if let Ok(y) = self.year(sheet, row, target_year_col) {
                ind.target.fiscal_year = FiscalYear(y);
            }
            if let Ok(v) = self.figure(sheet, row, target_year_col + 2, ind.target.value) {
                ind.target.value = v;
            }
            self.from(format!("{at}.target.fiscal_year"), INDICATORS, row, target_year_col);
            self.from(format!("{at}.target"), INDICATORS, row, target_year_col + 2);
        }
    }

    /// A series that repeats an indicator takes its yearly figures and target from it: each
    /// figure is typed once. Its cells are the indicator's.
    fn follow_indicator(&mut self, s: &Snapshot, indicator: &str, path: &str) -> Option<(Vec<YearValue>, YearValue)> {
        let (i, ind) = s.indicators.iter().enumerate().find(|(_, x)| x.id == indicator)?;
        let yearly: Vec<YearValue> = std::iter::once(ind.baseline).chain(ind.actuals.iter().copied()).collect();
        let origins: Vec<_> = self.origins.iter().filter(|(p, _, _)| p.starts_with(&format!("indicators[{i}]."))).cloned().collect();
        let cell_of = |p: String| origins.iter().find(|(o, _, _)| *o == p).map(|(_, s, c)| (*s, *c));
        let mut mine = vec![];
        if let Some(c) = cell_of(format!("indicators[{i}].baseline")) {
            mine.push((format!("{path}.yearly[0]"), c));
        }
        for k in 0..ind.actuals.len() {
            if let Some(c) = cell_of(format!("indicators[{i}].actuals[{k}]")) {
                mine.push((format!("{path}.yearly[{}]", k + 1), c));
            }
        }
        if let Some(c) = cell_of(format!("indicators[{i}].target")) {
            mine.push((format!("{path}.target"), c));
        }
        self.origins.extend(mine.into_iter().map(|(p, (s, c))| (p, s, c)));
        Some((yearly, ind.target))
    }

    fn counter(&mut self, book: &Book, s: &mut Snapshot) {
        if let Some((yearly, target)) = self.follow_indicator(s, &s.counter_survey.indicator.clone(), "counter_survey") {
            s.counter_survey.yearly = yearly;
            s.counter_survey.target = target;
        }
        let Some(sheet) = self.sheet(book, COUNTER, &counter_headers()) else { return };
        let mut rows = Vec::new();
        for row in sheet.data_rows() {
            if [0, 2, 3, 5, 7].iter().all(|c| sheet.get(row, *c).is_none()) {
                continue;
            }
            let at = format!("counter_survey.breakdown[{}]", rows.len());
            let (Ok(fy), Ok(month), Ok(value)) = (self.year(sheet, row, 0), self.opt_whole(sheet, row, 2), self.number(sheet, row, 7)) else { continue };
            let month = month.map(|m| YearMonth { year: if m >= 4 { fy } else { fy + 1 }, month: m.min(255) as u8 });
            self.from(at.clone(), COUNTER, row, 0);
            self.from(format!("{at}.month"), COUNTER, row, 2);
            self.from(format!("{at}.ward"), COUNTER, row, 3);
            self.from(format!("{at}.section"), COUNTER, row, 5);
            self.from(format!("{at}.value"), COUNTER, row, 7);
            rows.push(Breakdown { fiscal_year: FiscalYear(fy), month, ward: sheet.text(row, 3), section: sheet.text(row, 5), value });
        }
        let key = |b: &Breakdown| (b.fiscal_year, b.month, b.ward.clone(), b.section.clone());
        for old in s.counter_survey.breakdown.iter().filter(|b| b.value.is_some()) {
            if !rows.iter().any(|b| key(b) == key(old) && b.value.is_some()) {
                let what = format!("{}年度 {} {} {}", old.fiscal_year.0, old.month.map_or(String::new(), |m| format!("{}月", m.month)), old.ward.clone().unwrap_or_default(), old.section.clone().unwrap_or_default());
                self.problems.push(SheetProblem::sheet(COUNTER, Kind::MissingRow(what.split_whitespace().collect::<Vec<_>>().join(" "))));
            }
        }
        s.counter_survey.breakdown = rows;
    }

    fn konbini(&mut self, book: &Book, s: &mut Snapshot) {
        if let Some((yearly, target)) = self.follow_indicator(s, &s.konbini_certificates.indicator.clone(), "konbini_certificates") {
            s.konbini_certificates.yearly = yearly;
            s.konbini_certificates.target = target;
        }
        let Some(sheet) = self.sheet(book, KONBINI, &konbini_headers(s.konbini_certificates.unit)) else { return };
        let mut months = Vec::new();
        for row in sheet.data_rows() {
            if [0, 1, 3].iter().all(|c| sheet.get(row, *c).is_none()) {
                continue;
            }
            let at = format!("konbini_certificates.monthly[{}]", months.len());
            let (Ok(year), Ok(month), Ok(value)) = (self.year(sheet, row, 0), self.whole(sheet, row, 1), self.number(sheet, row, 3)) else { continue };
            self.from(at.clone(), KONBINI, row, 0);
            self.from(format!("{at}.month"), KONBINI, row, 1);
            self.from(format!("{at}.value"), KONBINI, row, 3);
            months.push(MonthValue { month: YearMonth { year, month: month.min(255) as u8 }, value });
        }
        for old in s.konbini_certificates.monthly.iter().filter(|m| m.value.is_some()) {
            if !months.iter().any(|m| m.month == old.month && m.value.is_some()) {
                self.problems.push(SheetProblem::sheet(KONBINI, Kind::MissingRow(format!("{}年{}月", old.month.year, old.month.month))));
            }
        }
        s.konbini_certificates.monthly = months;
    }

    fn staff(&mut self, book: &Book, s: &mut Snapshot) {
        if let Some(sheet) = self.sheet(book, STAFF_QUESTIONS, &staff_question_headers()) {
            let ids: Vec<String> = s.staff_survey.categories.iter().flat_map(|c| c.questions.iter().map(|q| q.id.clone())).collect();
            let rows = self.rows_by_id(sheet, 2, &ids.iter().map(String::as_str).collect::<Vec<_>>());
            for (c, cat) in s.staff_survey.categories.iter_mut().enumerate() {
                for (q, question) in cat.questions.iter_mut().enumerate() {
                    let Some(&row) = rows.get(&question.id) else { continue };
                    if let Ok(v) = self.figure(sheet, row, 4, question.score) {
                        question.score = v;
                    }
                    self.from(format!("staff_survey.categories[{c}].questions[{q}]"), STAFF_QUESTIONS, row, 4);
                }
            }
        }
        if let Some(sheet) = self.sheet(book, STAFF_CATEGORIES, &staff_category_headers()) {
            let ids: Vec<String> = s.staff_survey.categories.iter().map(|c| c.id.clone()).collect();
            let rows = self.rows_by_id(sheet, 0, &ids.iter().map(String::as_str).collect::<Vec<_>>());
            for (c, cat) in s.staff_survey.categories.iter_mut().enumerate() {
                let Some(&row) = rows.get(&cat.id) else { continue };
                if let Ok(v) = self.figure(sheet, row, 2, cat.average) {
                    cat.average = v;
                }
                self.from(format!("staff_survey.categories[{c}].average"), STAFF_CATEGORIES, row, 2);
            }
        }
    }

    fn progress(&mut self, book: &Book, s: &mut Snapshot) {
        let Some(sheet) = self.sheet(book, PROGRESS, &progress_headers()) else { return };
        let row = 1;
        let p = &mut s.previous_stage.progress;
        if let Ok(y) = self.year(sheet, row, 0) {
            p.as_of_end_of = FiscalYear(y);
        }
        for (col, field) in [(2u32, "on_plan"), (3, "changed_or_delayed"), (4, "total")] {
            let Ok(n) = self.whole(sheet, row, col) else { continue };
            match field {
                "on_plan" => p.on_plan = n,
                "changed_or_delayed" => p.changed_or_delayed = n,
                _ => p.total = n,
            }
            self.from(format!("previous_stage.progress.{field}"), PROGRESS, row, col);
        }
        self.from("previous_stage.progress", PROGRESS, row, 0);
    }

    fn other(&mut self, book: &Book, s: &mut Snapshot) {
        let Some(sheet) = self.sheet(book, OTHER, &other_headers()) else { return };
        let ids: Vec<&str> = OTHER_ITEMS.iter().map(|(id, _, _)| *id).collect();
        let rows = self.rows_by_id(sheet, 0, &ids);
        for (id, _, _) in OTHER_ITEMS {
            let Some(&row) = rows.get(id) else { continue };
            let Ok(n) = self.whole(sheet, row, 2) else { continue };
            let (small, path) = (n.min(u16::MAX as u32) as u16, match id {
                "staff-survey-year" | "staff-survey-month" => "staff_survey.conducted",
                "staff-survey-respondents" => "staff_survey.respondents",
                "requests-commenters" => "citizen_requests.commenters",
                "requests-respondents" => "citizen_requests.respondents",
                _ => "source.published",
            });
            match id {
                "staff-survey-year" => s.staff_survey.conducted.year = small,
                "staff-survey-month" => s.staff_survey.conducted.month = small.min(255) as u8,
                "staff-survey-respondents" => s.staff_survey.respondents = n,
                "requests-commenters" => s.citizen_requests.commenters = n,
                "requests-respondents" => s.citizen_requests.respondents = n,
                "source-published-year" => s.source.published.year = small,
                _ => s.source.published.month = small.min(255) as u8,
            }
            self.from(path, OTHER, row, 2);
        }
    }

    /// Texts first, on the snapshot as JSON (a text's place is its path); then back to the model.
    fn texts(&mut self, book: &Book, base: &Snapshot) -> Snapshot {
        let Some(sheet) = self.sheet(book, TEXTS, &text_headers()) else { return base.clone() };
        let places: Vec<(String, Text)> = texts(base);
        let ids: Vec<&str> = places.iter().map(|(p, _)| p.as_str()).collect();
        let rows = self.rows_by_id(sheet, 0, &ids);
        let mut value = serde_json::to_value(base).expect("a snapshot serialises");
        for (path, _) in &places {
            let Some(&row) = rows.get(path) else { continue };
            let Some(ja) = sheet.text(row, 1) else {
                self.report(TEXTS, row, 1, Kind::Required);
                continue;
            };
            let text = Text { ja, en: sheet.text(row, 2), ja_easy: sheet.text(row, 3) };
            if let Some(slot) = at_path_mut(&mut value, path) {
                *slot = serde_json::to_value(text).expect("a text serialises");
            }
            self.from(path.clone(), TEXTS, row, 1);
        }
        serde_json::from_value(value).unwrap_or_else(|_| base.clone())
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
    let mut im = Importer { problems: vec![], origins: vec![] };
    let mut s = im.texts(book, base);
    im.indicators(book, &mut s);
    im.counter(book, &mut s);
    im.konbini(book, &mut s);
    im.staff(book, &mut s);
    im.progress(book, &mut s);
    im.other(book, &mut s);
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
        .filter(|p| seen.insert(p.message(snapshot::Lang::Ja)))
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
