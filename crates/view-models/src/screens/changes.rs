//! What changed between two snapshots: new actuals, changed values, changed targets for every
//! indicator the two share, and the indicators added and ended. [`diff`] finds them without words (small enough to travel
//! inside a page instead of the whole earlier snapshot); [`word`] says them in a language.

use serde::{Deserialize, Serialize};
use snapshot::{FiscalYear, Indicator, Snapshot, Text, Unit, YearValue};

use crate::format::{fiscal_year, maybe_quantity};
use crate::strings::strings;
use crate::Locale;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChangeKind {
    /// An actual published for the first time.
    New,
    /// A published actual now reads differently.
    Value,
    /// The target (検証値) or its year changed.
    Target,
    /// An indicator the earlier snapshot did not have: its latest figure.
    Added,
    /// An indicator the city ended: its last published figure.
    Ended,
}

/// One change, in figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub indicator: Text,
    pub unit: Unit,
    pub kind: ChangeKind,
    pub fiscal_year: FiscalYear,
    /// What it was: the earlier value, or the earlier target with its year; `None` for a new actual.
    pub before: Option<YearValue>,
    pub after: Option<f64>,
}

/// One change, in words.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeRow {
    pub indicator: String,
    pub kind: &'static str,
    pub period: String,
    /// Before → after; `None` before for a new actual.
    pub before: Option<String>,
    pub after: String,
}

fn published(i: &Indicator) -> Vec<YearValue> {
    std::iter::once(i.baseline).chain(i.actuals.iter().copied()).collect()
}

/// The latest published figure of an indicator (its baseline while no result is).
fn latest(i: &Indicator) -> YearValue {
    published(i).into_iter().rev().find(|v| v.value.is_some()).unwrap_or(i.baseline)
}

pub fn diff(previous: &Snapshot, current: &Snapshot) -> Vec<Change> {
    let mut found = vec![];
    for cur in &current.indicators {
        let Some(prev) = previous.indicators.iter().find(|p| p.id == cur.id) else {
            let l = latest(cur);
            found.push(Change {
                indicator: cur.name.clone(),
                unit: cur.unit,
                kind: ChangeKind::Added,
                fiscal_year: l.fiscal_year,
                before: None,
                after: *l.value,
            });
            continue;
        };
        let change = |kind, fiscal_year, before, after| Change {
            indicator: cur.name.clone(),
            unit: cur.unit,
            kind,
            fiscal_year,
            before,
            after,
        };
        let before = published(prev);
        for yv in published(cur) {
            match before.iter().find(|p| p.fiscal_year == yv.fiscal_year) {
                None if yv.value.is_some() => found.push(change(ChangeKind::New, yv.fiscal_year, None, *yv.value)),
                Some(p) if p.value != yv.value => {
                    let was = p.value.is_some().then_some(*p);
                    found.push(change(
                        if was.is_none() { ChangeKind::New } else { ChangeKind::Value },
                        yv.fiscal_year,
                        was,
                        *yv.value,
                    ));
                }
                _ => {}
            }
        }
        if prev.target != cur.target {
            found.push(change(
                ChangeKind::Target,
                cur.target.fiscal_year,
                Some(prev.target),
                *cur.target.value,
            ));
        }
    }
    for prev in previous
        .indicators
        .iter()
        .filter(|p| !current.indicators.iter().any(|c| c.id == p.id))
    {
        let l = latest(prev);
        found.push(Change {
            indicator: prev.name.clone(),
            unit: prev.unit,
            kind: ChangeKind::Ended,
            fiscal_year: l.fiscal_year,
            before: Some(l),
            after: None,
        });
    }
    found
}

pub fn word(changes: &[Change], locale: Locale) -> Vec<ChangeRow> {
    let t = strings(locale);
    changes
        .iter()
        .map(|c| {
            let q = |v| maybe_quantity(v, c.unit, locale);
            ChangeRow {
                indicator: locale.pick_marked(&c.indicator).to_string(),
                kind: match c.kind {
                    ChangeKind::New => t.change_new,
                    ChangeKind::Value => t.change_value,
                    ChangeKind::Target => t.change_target,
                    ChangeKind::Added => t.change_added,
                    ChangeKind::Ended => t.change_ended,
                },
                period: fiscal_year(c.fiscal_year, locale),
                before: c.before.map(|b| match c.kind {
                    ChangeKind::Target => format!("{} {}", fiscal_year(b.fiscal_year, locale), q(*b.value)),
                    _ => q(*b.value),
                }),
                // An ended indicator has nothing after.
                after: if c.kind == ChangeKind::Ended { "—".into() } else { q(c.after) },
            }
        })
        .collect()
}

pub fn changes(previous: &Snapshot, current: &Snapshot, locale: Locale) -> Vec<ChangeRow> {
    word(&diff(previous, current), locale)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screens::home::tests::seed;
    use snapshot::FiscalYear;

    #[test]
    fn the_same_snapshot_has_no_changes() {
        assert!(changes(&seed(), &seed(), Locale::Ja).is_empty());
    }

    #[test]
    fn new_actuals_changed_values_and_targets_are_listed() {
        let prev = seed();
        let mut cur = seed();
        let k = cur.indicators.iter_mut().find(|i| i.id == "konbini-certificates").unwrap();
        k.actuals.push(YearValue {
            fiscal_year: FiscalYear(2023),
            value: Some(450000.0).into(),
        });
        let c = cur.indicators.iter_mut().find(|i| i.id == "counter-satisfaction").unwrap();
        c.actuals[0].value = Some(88.0).into();
        c.target.value = Some(92.0).into();
        let rows = changes(&prev, &cur, Locale::Ja);
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert_eq!(rows[0].kind, "値の変更");
        assert_eq!((rows[0].before.as_deref(), rows[0].after.as_str()), (Some("87%"), "88%"));
        assert_eq!(rows[1].kind, "目標の変更");
        assert_eq!(rows[2].kind, "新しい実績");
        assert_eq!(
            (rows[2].period.as_str(), rows[2].after.as_str()),
            ("令和5年度（2023年度）", "450,000件")
        );
    }

    #[test]
    fn an_indicator_added_or_ended_is_listed_with_its_latest_figure() {
        let prev = seed();
        let mut cur = seed();
        cur.indicators.retain(|i| i.id != "telework-ease");
        let mut added = prev.indicators[0].clone();
        added.id = "indicator-1".into();
        added.name.ja = "オンライン申請の割合".into();
        cur.indicators.push(added);
        let rows = changes(&prev, &cur, Locale::Ja);
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!((rows[0].indicator.as_str(), rows[0].kind), ("オンライン申請の割合", "新しい指標"));
        assert_eq!(rows[1].kind, "終了した指標");
        assert_eq!((rows[1].before.as_deref(), rows[1].after.as_str()), (Some("45%"), "—"));
    }
}
