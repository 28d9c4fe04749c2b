//! Stage 3 results: the 6 promotion items, 108 / 29 of 137 items, and the highlights.

use snapshot::{Measure, Snapshot};

use crate::format::{figure_with_readings, fiscal_year, percent_of, quantity};
use crate::strings::strings;
use crate::Locale;

#[derive(Debug, Clone, PartialEq)]
pub struct ItemProgressView {
    pub as_of: String,
    pub on_plan: u32,
    pub changed_or_delayed: u32,
    pub total: u32,
    pub on_plan_share: String,
    pub changed_share: String,
    /// 0–1, width of the "on plan" part of the bar.
    pub on_plan_fraction: f64,
    /// The chart in words.
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FigureView {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HighlightView {
    pub id: String,
    pub title: String,
    pub owner: Option<String>,
    pub before: Option<FigureView>,
    pub after: Vec<FigureView>,
    pub note: Option<String>,
}

/// The previous stage's items and how they went, where the plan has a previous stage.
pub fn item_progress(s: &Snapshot, locale: Locale) -> Option<ItemProgressView> {
    let p = s.previous_stage.as_ref()?.progress;
    let t = strings(locale);
    let on_share = percent_of(p.on_plan, p.total);
    let ch_share = percent_of(p.changed_or_delayed, p.total);
    let when = fiscal_year(p.as_of_end_of, locale);
    let (total, on_plan, changed) = (p.total.to_string(), p.on_plan.to_string(), p.changed_or_delayed.to_string());
    let summary = t.items_summary(&when, &total, &on_plan, &on_share, &changed, &ch_share);
    Some(ItemProgressView {
        as_of: when,
        on_plan: p.on_plan,
        changed_or_delayed: p.changed_or_delayed,
        total: p.total,
        on_plan_share: on_share,
        changed_share: ch_share,
        on_plan_fraction: if p.total == 0 {
            0.0
        } else {
            f64::from(p.on_plan) / f64::from(p.total)
        },
        summary,
    })
}

fn figure(m: &Measure, locale: Locale) -> FigureView {
    FigureView {
        label: locale.pick_marked(&m.label).to_string(),
        value: figure_with_readings(&quantity(m.value, m.unit, m.approximate, locale), locale).into_owned(),
    }
}

pub fn highlights(s: &Snapshot, locale: Locale) -> Vec<HighlightView> {
    s.previous_stage
        .iter()
        .flat_map(|p| &p.highlights)
        .map(|h| HighlightView {
            id: h.id.clone(),
            title: locale.pick_marked(&h.title).to_string(),
            owner: h.owner.as_ref().map(|o| locale.pick_marked(o).to_string()),
            before: h.before.as_ref().map(|m| figure(m, locale)),
            after: h.after.iter().map(|m| figure(m, locale)).collect(),
            note: h.note.as_ref().map(|n| locale.pick_marked(n).to_string()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screens::home::tests::seed;

    #[test]
    fn item_progress_adds_up_and_says_so() {
        let v = item_progress(&seed(), Locale::Ja).unwrap();
        assert_eq!((v.on_plan, v.changed_or_delayed, v.total), (108, 29, 137));
        assert_eq!((v.on_plan_share.as_str(), v.changed_share.as_str()), ("78.8%", "21.2%"));
        assert_eq!(
            v.summary,
            "令和4年度（2022年度）末時点で、137の取組項目のうち108項目（78.8%）が計画どおり進捗、29項目（21.2%）が一部変更・遅れです。"
        );
    }

    #[test]
    fn highlights_show_before_and_after_as_published() {
        let h = highlights(&seed(), Locale::Ja);
        assert_eq!(h.len(), 10);
        let k = &h[0];
        assert_eq!(k.before.as_ref().unwrap().value, "約10.7万件");
        assert_eq!(k.after[0].value, "約30万件");
        let pcs = h.iter().find(|x| x.id == "mobile-pcs").unwrap();
        assert_eq!(
            (pcs.before.as_ref().unwrap().value.as_str(), pcs.after[0].value.as_str()),
            ("約3,000台", "約5,800台")
        );
        let free = h.iter().find(|x| x.id == "free-address").unwrap();
        assert!(free.before.is_none() && free.after.is_empty() && free.note.is_some());
    }
}
