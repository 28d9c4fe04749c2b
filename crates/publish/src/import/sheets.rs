//! Each sheet of the workbook read into its part of the snapshot, every value with its cell.

use snapshot::{Breakdown, FiscalYear, Indicator, MonthValue, Snapshot, Text, YearMonth, YearValue};

use super::{at_path_mut, Importer};
use crate::problem::{Kind, SheetProblem};
use crate::workbook::layout::*;
use crate::workbook::{Book, CellRef, Sheet};

impl Importer {
    pub(super) fn indicators(&mut self, book: &Book, s: &mut Snapshot) {
        let mut headers = indicator_headers(s);
        let figures_len = headers.len() - INDICATOR_LIST_HEADERS.len();
        // A workbook written before the list's columns ends at 検証値: its list stays as published.
        let with_list = book
            .sheet(INDICATORS)
            .is_some_and(|sheet| sheet.get(0, figures_len as u32).is_some());
        if !with_list {
            headers.truncate(figures_len);
        }
        let Some(sheet) = self.sheet(book, INDICATORS, &headers) else {
            return;
        };
        let years = indicator_years(s);
        let ids: Vec<String> = s.indicators.iter().map(|i| i.id.clone()).collect();
        let rows = self.rows_by_id(sheet, 0, &ids.iter().map(String::as_str).collect::<Vec<_>>());
        let list_col = |c: u32| figures_len as u32 + c;
        // The list: the published indicators not ended, in order, then the new rows.
        let mut list: Vec<(Indicator, Option<u32>)> = Vec::new();
        for ind in std::mem::take(&mut s.indicators) {
            let row = rows.get(&ind.id).copied();
            let ended = with_list && row.is_some_and(|r| sheet.text(r, list_col(LIST_ENDED)).as_deref() == Some(ENDED));
            if !ended {
                list.push((ind, row));
            }
        }
        if with_list {
            for row in sheet.data_rows() {
                let blank = sheet.text(row, 0).is_none() && (1..headers.len() as u32).all(|c| sheet.get(row, c).is_none());
                if sheet.text(row, 0).is_none() && !blank {
                    let taken: Vec<&str> = ids
                        .iter()
                        .map(String::as_str)
                        .chain(list.iter().map(|(i, _)| i.id.as_str()))
                        .collect();
                    if let Some(ind) = self.new_indicator(sheet, row, s, &taken, list_col(0)) {
                        list.push((ind, Some(row)));
                    }
                }
            }
        }
        let target_year_col = IND_FIRST_ACTUAL + years.len() as u32;
        for (i, (ind, row)) in list.iter_mut().enumerate() {
            let Some(row) = *row else { continue };
            let at = format!("indicators[{i}]");
            self.from(at.clone(), INDICATORS, row, 0);
            if with_list {
                for (field, c) in [
                    (".group", LIST_GROUP),
                    (".name", LIST_NAME),
                    (".unit", LIST_UNIT),
                    (".direction", LIST_DIRECTION),
                ] {
                    if sheet.text(row, 0).is_none() {
                        self.from(format!("{at}{field}"), INDICATORS, row, list_col(c));
                    }
                }
            }
            if let Ok(y) = self.year(sheet, row, IND_BASELINE_YEAR) {
                ind.baseline.fiscal_year = FiscalYear(y);
            }
            if let Ok(v) = self.figure(sheet, row, IND_BASELINE, *ind.baseline.value) {
                ind.baseline.value = v.into();
            }
            self.from(format!("{at}.baseline.fiscal_year"), INDICATORS, row, IND_BASELINE_YEAR);
            self.from(format!("{at}.baseline"), INDICATORS, row, IND_BASELINE);
            let mut actuals = Vec::new();
            for (k, y) in years.iter().enumerate() {
                let col = IND_FIRST_ACTUAL + k as u32;
                let before = ind.actuals.iter().find(|a| a.fiscal_year.0 == *y);
                let Ok(v) = self.figure(sheet, row, col, before.and_then(|a| *a.value)) else {
                    continue;
                };
                // An explicit "not yet published" stays as it was published.
                if v.is_some() || before.is_some() {
                    self.from(format!("{at}.actuals[{}]", actuals.len()), INDICATORS, row, col);
                    actuals.push(YearValue {
                        fiscal_year: FiscalYear(*y),
                        value: v.into(),
                    });
                }
            }
            ind.actuals = actuals;
            if let Ok(y) = self.year(sheet, row, target_year_col) {
                if y != ind.target.fiscal_year.0 {
                    self.typed_targets.push((y, CellRef { row, col: target_year_col }));
                }
                ind.target.fiscal_year = FiscalYear(y);
            }
            if let Ok(v) = self.figure(sheet, row, target_year_col + 2, *ind.target.value) {
                ind.target.value = v.into();
            }
            self.from(format!("{at}.target.fiscal_year"), INDICATORS, row, target_year_col);
            self.from(format!("{at}.target"), INDICATORS, row, target_year_col + 2);
        }
        s.indicators = list.into_iter().map(|(i, _)| i).collect();
    }

    /// A target year typed in this workbook lies in the plan's period: a new target is for this
    /// plan. Targets published before are left as they were (Kumamoto's outline of the 2024–2027
    /// plan measures its indicators against 令和5年度 targets, and a new stage starts with them).
    pub(super) fn targets_in_period(&mut self, s: &Snapshot) {
        let (from, to) = (s.plan.period.from.0, s.plan.period.to.0);
        for (year, at) in std::mem::take(&mut self.typed_targets) {
            if year != 0 && !(from..=to).contains(&year) {
                self.report(INDICATORS, at.row, at.col, Kind::TargetOutsidePlan { year, from, to });
            }
        }
    }

    /// A row of 検証指標 with no 指標ID: a new indicator, from its particulars (the figures are
    /// read after, as any row's). Its id is made here, the first free `indicator-N`, and the next
    /// workbook shows it, so it stays.
    fn new_indicator(&mut self, sheet: &Sheet, row: u32, s: &Snapshot, taken: &[&str], first: u32) -> Option<Indicator> {
        let required = |im: &mut Importer, c: u32| {
            let v = sheet.text(row, first + c);
            if v.is_none() {
                im.report(INDICATORS, row, first + c, Kind::Required);
            }
            v
        };
        let (group, name, unit, direction) = (
            required(self, LIST_GROUP),
            required(self, LIST_NAME),
            required(self, LIST_UNIT),
            required(self, LIST_DIRECTION),
        );
        let one_of = |im: &mut Importer, c: u32, found: &str, allowed: Vec<String>| {
            im.report(
                INDICATORS,
                row,
                first + c,
                Kind::NotOneOf {
                    found: found.to_string(),
                    allowed: format!("「{}」", allowed.join("」「")),
                },
            );
        };
        // By id, or by number (a group added in the same workbook has no id yet).
        let group = group.and_then(|g| {
            let found = s
                .indicator_groups
                .iter()
                .find(|x| x.id == g || x.number.to_string() == g)
                .map(|x| x.id.clone());
            if found.is_none() {
                one_of(self, LIST_GROUP, &g, s.indicator_groups.iter().map(|x| x.id.clone()).collect());
            }
            found
        });
        let unit = unit.and_then(|u| {
            let found = unit_of(&u);
            if found.is_none() {
                one_of(self, LIST_UNIT, &u, snapshot::Unit::ALL.iter().map(|u| unit_word(*u)).collect());
            }
            found
        });
        let direction = direction.and_then(|d| {
            let found = direction_of(&d);
            if found.is_none() {
                let words = [snapshot::Direction::HigherIsBetter, snapshot::Direction::LowerIsBetter];
                one_of(
                    self,
                    LIST_DIRECTION,
                    &d,
                    words.iter().map(|d| direction_word(*d).to_string()).collect(),
                );
            }
            found
        });
        let id = super::plan::fresh_id("indicator", |id| taken.contains(&id));
        let empty = YearValue {
            fiscal_year: FiscalYear(0),
            value: None.into(),
        };
        Some(Indicator {
            id,
            group: group?,
            marker: None,
            name: Text {
                ja: name?,
                en: None,
                ja_easy: None,
            },
            unit: unit?,
            direction: direction?,
            baseline: empty,
            actuals: vec![],
            target: empty,
            source: None,
            assessment: None,
        })
    }

    /// A series that repeats an indicator takes its yearly figures and target from it: each
    /// figure is typed once. Its cells are the indicator's.
    fn follow_indicator(&mut self, s: &Snapshot, indicator: &str, path: &str) -> Option<(Vec<YearValue>, YearValue)> {
        let (i, ind) = s.indicators.iter().enumerate().find(|(_, x)| x.id == indicator)?;
        let yearly: Vec<YearValue> = std::iter::once(ind.baseline).chain(ind.actuals.iter().copied()).collect();
        let origins: Vec<_> = self
            .origins
            .iter()
            .filter(|(p, _, _)| p.starts_with(&format!("indicators[{i}].")))
            .cloned()
            .collect();
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

    pub(super) fn counter(&mut self, book: &Book, s: &mut Snapshot) {
        if let Some((yearly, target)) = self.follow_indicator(s, &s.counter_survey.indicator.clone(), "counter_survey") {
            s.counter_survey.yearly = yearly;
            s.counter_survey.target = target;
        }
        let Some(sheet) = self.sheet(book, COUNTER, &counter_headers()) else {
            return;
        };
        let mut rows = Vec::new();
        for row in sheet.data_rows() {
            if [0, 2, 3, 5, 7].iter().all(|c| sheet.get(row, *c).is_none()) {
                continue;
            }
            let at = format!("counter_survey.breakdown[{}]", rows.len());
            let (Ok(fy), Ok(month), Ok(value)) = (self.year(sheet, row, 0), self.opt_whole(sheet, row, 2), self.number(sheet, row, 7))
            else {
                continue;
            };
            let month = month.map(|m| YearMonth {
                year: if m >= 4 { fy } else { fy + 1 },
                month: m.min(255) as u8,
            });
            self.from(at.clone(), COUNTER, row, 0);
            self.from(format!("{at}.month"), COUNTER, row, 2);
            self.from(format!("{at}.ward"), COUNTER, row, 3);
            self.from(format!("{at}.section"), COUNTER, row, 5);
            self.from(format!("{at}.value"), COUNTER, row, 7);
            rows.push(Breakdown {
                fiscal_year: FiscalYear(fy),
                month,
                ward: sheet.text(row, 3),
                section: sheet.text(row, 5),
                value: value.into(),
            });
        }
        let key = |b: &Breakdown| (b.fiscal_year, b.month, b.ward.clone(), b.section.clone());
        for old in s.counter_survey.breakdown.iter().filter(|b| b.value.is_some()) {
            if !rows.iter().any(|b| key(b) == key(old) && b.value.is_some()) {
                let what = format!(
                    "{}年度 {} {} {}",
                    old.fiscal_year.0,
                    old.month.map_or(String::new(), |m| format!("{}月", m.month)),
                    old.ward.clone().unwrap_or_default(),
                    old.section.clone().unwrap_or_default()
                );
                self.problems.push(SheetProblem::sheet(
                    COUNTER,
                    Kind::MissingRow(what.split_whitespace().collect::<Vec<_>>().join(" ")),
                ));
            }
        }
        s.counter_survey.breakdown = rows;
    }

    /// The konbini series, where the city publishes one (its workbook then has the sheet).
    pub(super) fn konbini(&mut self, book: &Book, s: &mut Snapshot) {
        let Some(indicator) = s.konbini_certificates.as_ref().map(|k| k.indicator.clone()) else {
            return;
        };
        let followed = self.follow_indicator(s, &indicator, "konbini_certificates");
        let Some(k) = s.konbini_certificates.as_mut() else {
            return;
        };
        if let Some((yearly, target)) = followed {
            k.yearly = yearly;
            k.target = target;
        }
        let Some(sheet) = self.sheet(book, KONBINI, &konbini_headers(k.unit)) else {
            return;
        };
        let mut months = Vec::new();
        for row in sheet.data_rows() {
            if [0, 1, 3].iter().all(|c| sheet.get(row, *c).is_none()) {
                continue;
            }
            let at = format!("konbini_certificates.monthly[{}]", months.len());
            let (Ok(year), Ok(month), Ok(value)) = (self.year(sheet, row, 0), self.whole(sheet, row, 1), self.number(sheet, row, 3)) else {
                continue;
            };
            self.from(at.clone(), KONBINI, row, 0);
            self.from(format!("{at}.month"), KONBINI, row, 1);
            self.from(format!("{at}.value"), KONBINI, row, 3);
            months.push(MonthValue {
                month: YearMonth {
                    year,
                    month: month.min(255) as u8,
                },
                value: value.into(),
            });
        }
        for old in k.monthly.iter().filter(|m| m.value.is_some()) {
            if !months.iter().any(|m| m.month == old.month && m.value.is_some()) {
                self.problems.push(SheetProblem::sheet(
                    KONBINI,
                    Kind::MissingRow(format!("{}年{}月", old.month.year, old.month.month)),
                ));
            }
        }
        k.monthly = months;
    }

    /// The staff survey's sheets, where the city publishes one.
    pub(super) fn staff(&mut self, book: &Book, s: &mut Snapshot) {
        let Some(survey) = s.staff_survey.as_mut() else {
            return;
        };
        if let Some(sheet) = self.sheet(book, STAFF_QUESTIONS, &staff_question_headers()) {
            let ids: Vec<String> = survey
                .categories
                .iter()
                .flat_map(|c| c.questions.iter().map(|q| q.id.clone()))
                .collect();
            let rows = self.rows_by_id(sheet, 2, &ids.iter().map(String::as_str).collect::<Vec<_>>());
            for (c, cat) in survey.categories.iter_mut().enumerate() {
                for (q, question) in cat.questions.iter_mut().enumerate() {
                    let Some(&row) = rows.get(&question.id) else { continue };
                    if let Ok(v) = self.figure(sheet, row, 4, *question.score) {
                        question.score = v.into();
                    }
                    self.from(format!("staff_survey.categories[{c}].questions[{q}]"), STAFF_QUESTIONS, row, 4);
                }
            }
        }
        if let Some(sheet) = self.sheet(book, STAFF_CATEGORIES, &staff_category_headers()) {
            let ids: Vec<String> = survey.categories.iter().map(|c| c.id.clone()).collect();
            let rows = self.rows_by_id(sheet, 0, &ids.iter().map(String::as_str).collect::<Vec<_>>());
            for (c, cat) in survey.categories.iter_mut().enumerate() {
                let Some(&row) = rows.get(&cat.id) else { continue };
                if let Ok(v) = self.figure(sheet, row, 2, *cat.average) {
                    cat.average = v.into();
                }
                self.from(format!("staff_survey.categories[{c}].average"), STAFF_CATEGORIES, row, 2);
            }
        }
    }

    /// The previous stage's progress, where the plan has a previous stage.
    pub(super) fn progress(&mut self, book: &Book, s: &mut Snapshot) {
        let Some(stage) = s.previous_stage.as_mut() else {
            return;
        };
        let Some(sheet) = self.sheet(book, PROGRESS, &progress_headers()) else {
            return;
        };
        let row = 1;
        let p = &mut stage.progress;
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

    pub(super) fn other(&mut self, book: &Book, s: &mut Snapshot) {
        let Some(sheet) = self.sheet(book, OTHER, &other_headers()) else {
            return;
        };
        let items = other_items(s);
        let ids: Vec<&str> = items.iter().map(|(id, _, _)| *id).collect();
        let rows = self.rows_by_id_except(sheet, 0, &ids, |_| false, &LATER_OTHER_ITEMS);
        for (id, _, _) in items {
            let Some(&row) = rows.get(id) else { continue };
            let Ok(n) = self.whole(sheet, row, 2) else { continue };
            let (small, path) = (
                n.min(u16::MAX as u32) as u16,
                match id {
                    "staff-survey-year" | "staff-survey-month" => "staff_survey.conducted",
                    "staff-survey-respondents" => "staff_survey.respondents",
                    "requests-commenters" => "citizen_requests.commenters",
                    "requests-respondents" => "citizen_requests.respondents",
                    "plan-stage-number" => "plan.stage_number",
                    "plan-period-from" => "plan.period.from",
                    "plan-period-to" => "plan.period.to",
                    _ => "source.published",
                },
            );
            match id {
                "staff-survey-year" => s.staff_survey.iter_mut().for_each(|x| x.conducted.year = small),
                "staff-survey-month" => s.staff_survey.iter_mut().for_each(|x| x.conducted.month = small.min(255) as u8),
                "staff-survey-respondents" => s.staff_survey.iter_mut().for_each(|x| x.respondents = n),
                "requests-commenters" => s.citizen_requests.iter_mut().for_each(|x| x.commenters = n),
                "requests-respondents" => s.citizen_requests.iter_mut().for_each(|x| x.respondents = n),
                "source-published-year" => s.source.published.year = small,
                "plan-stage-number" => s.plan.stage_number = small.min(255) as u8,
                "plan-period-from" => s.plan.period.from = FiscalYear(small),
                "plan-period-to" => s.plan.period.to = FiscalYear(small),
                _ => s.source.published.month = small.min(255) as u8,
            }
            self.from(path, OTHER, row, 2);
        }
    }

    /// Texts first, on the snapshot as JSON (a text's place is its path); then back to the model.
    pub(super) fn texts(&mut self, book: &Book, base: &Snapshot) -> Snapshot {
        let Some(sheet) = self.sheet(book, TEXTS, &text_headers()) else {
            return base.clone();
        };
        let places: Vec<(String, Text)> = texts(base);
        let ids: Vec<&str> = places.iter().map(|(p, _)| p.as_str()).collect();
        // A workbook written before a text had its own sheet still lists it here: left unread.
        let rows = self.rows_by_id_except(sheet, 0, &ids, has_own_sheet, &[]);
        let mut value = serde_json::to_value(base).expect("a snapshot serialises");
        for (path, _) in &places {
            let Some(&row) = rows.get(path) else { continue };
            let Some(ja) = sheet.text(row, 1) else {
                self.report(TEXTS, row, 1, Kind::Required);
                continue;
            };
            let text = Text {
                ja,
                en: sheet.text(row, 2),
                ja_easy: sheet.text(row, 3),
            };
            if let Some(slot) = at_path_mut(&mut value, path) {
                *slot = serde_json::to_value(text).expect("a text serialises");
            }
            self.from(path.clone(), TEXTS, row, 1);
        }
        serde_json::from_value(value).unwrap_or_else(|_| base.clone())
    }
}
