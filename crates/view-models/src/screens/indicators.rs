//! The indicators screen: every verification indicator, grouped as in the city's table, each
//! with its headline card and its chart.

use snapshot::{Direction, Snapshot, YearValue};

use crate::chart::ChartStyle;
use crate::screens::home::{headline_card, HeadlineCard};
use crate::screens::series::{yearly_card, SeriesCard, SeriesSpec};
use crate::Locale;

/// One indicator: its card, its chart, and whether a falling figure is the good direction.
pub struct IndicatorDetail {
    pub headline: HeadlineCard,
    pub chart: SeriesCard,
    pub lower_is_better: bool,
}

pub struct IndicatorGroupView {
    pub id: String,
    pub title: String,
    pub assessment: Option<String>,
    pub cards: Vec<IndicatorDetail>,
}

pub fn indicators(s: &Snapshot, locale: Locale) -> Vec<IndicatorGroupView> {
    s.indicator_groups
        .iter()
        .map(|g| IndicatorGroupView {
            id: g.id.clone(),
            title: format!("{} {}", g.number, locale.pick_marked(&g.name)),
            assessment: g.assessment.as_ref().map(|a| locale.pick_marked(a).to_string()),
            cards: s
                .indicators
                .iter()
                .filter(|i| i.group == g.id)
                .map(|i| {
                    let series: Vec<YearValue> = std::iter::once(i.baseline).chain(i.actuals.iter().copied()).collect();
                    let spec = SeriesSpec {
                        id: &i.id,
                        name: &i.name,
                        unit: i.unit,
                        style: ChartStyle::Line,
                    };
                    IndicatorDetail {
                        headline: headline_card(s, i, locale),
                        chart: yearly_card(spec, &series, &i.target, locale),
                        lower_is_better: i.direction == Direction::LowerIsBetter,
                    }
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screens::home::tests::seed;

    #[test]
    fn every_indicator_is_listed_in_its_group() {
        let groups = indicators(&seed(), Locale::Ja);
        assert_eq!(groups.len(), 3);
        assert_eq!(groups.iter().map(|g| g.cards.len()).sum::<usize>(), 9);
        let fiscal = &groups[2];
        assert_eq!(fiscal.assessment.as_deref(), Some("概ね中期見通しに沿った水準で推移"));
        let debt = fiscal.cards.iter().find(|c| c.headline.id == "municipal-debt-balance").unwrap();
        assert_eq!(
            (debt.headline.baseline.as_str(), debt.headline.target.as_str()),
            ("2,248億円", "2,430億円")
        );
        assert!(debt.lower_is_better);
        assert_eq!(debt.headline.status_text, "達成");
    }
}
