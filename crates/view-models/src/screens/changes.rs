//! What changed between two snapshots: new actuals, changed values, changed targets —
//! for every indicator the two share.

use snapshot::{Indicator, Snapshot, YearValue};

use crate::format::{fiscal_year, maybe_quantity};
use crate::strings::strings;
use crate::Locale;

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

pub fn changes(previous: &Snapshot, current: &Snapshot, locale: Locale) -> Vec<ChangeRow> {
    let t = strings(locale);
    let mut rows = vec![];
    for cur in &current.indicators {
        let Some(prev) = previous.indicators.iter().find(|p| p.id == cur.id) else { continue };
        let q = |v| maybe_quantity(v, cur.unit, locale);
        let name = locale.pick(&cur.name).to_string();
        let before = published(prev);
        for yv in published(cur) {
            match before.iter().find(|p| p.fiscal_year == yv.fiscal_year) {
                None if yv.value.is_some() => rows.push(ChangeRow {
                    indicator: name.clone(),
                    kind: t.change_new,
                    period: fiscal_year(yv.fiscal_year, locale),
                    before: None,
                    after: q(yv.value),
                }),
                Some(p) if p.value != yv.value => rows.push(ChangeRow {
                    indicator: name.clone(),
                    kind: if p.value.is_none() { t.change_new } else { t.change_value },
                    period: fiscal_year(yv.fiscal_year, locale),
                    before: p.value.map(|v| q(Some(v))),
                    after: q(yv.value),
                }),
                _ => {}
            }
        }
        if prev.target != cur.target {
            rows.push(ChangeRow {
                indicator: name.clone(),
                kind: t.change_target,
                period: fiscal_year(cur.target.fiscal_year, locale),
                before: Some(format!("{} {}", fiscal_year(prev.target.fiscal_year, locale), q(prev.target.value))),
                after: q(cur.target.value),
            });
        }
    }
    rows
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
        k.actuals.push(YearValue { fiscal_year: FiscalYear(2023), value: Some(450000.0) });
        let c = cur.indicators.iter_mut().find(|i| i.id == "counter-satisfaction").unwrap();
        c.actuals[0].value = Some(88.0);
        c.target.value = Some(92.0);
        let rows = changes(&prev, &cur, Locale::Ja);
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert_eq!(rows[0].kind, "値の変更");
        assert_eq!((rows[0].before.as_deref(), rows[0].after.as_str()), (Some("87%"), "88%"));
        assert_eq!(rows[1].kind, "目標の変更");
        assert_eq!(rows[2].kind, "新しい実績");
        assert_eq!((rows[2].period.as_str(), rows[2].after.as_str()), ("令和5年度（2023年度）", "450,000件"));
    }
}
