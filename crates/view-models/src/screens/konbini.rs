//! The convenience-store certificates screen: certificates issued at convenience stores by
//! year (and by month where published), and the distance to the target.

use snapshot::Snapshot;

use crate::chart::ChartStyle;
use crate::screens::home::headline_card;
use crate::screens::series::{monthly_card, yearly_card, SeriesCard, SeriesSpec};
use crate::Locale;

pub struct KonbiniView {
    pub yearly: SeriesCard,
    pub monthly: Option<SeriesCard>,
    pub remaining: Option<String>,
}

/// The screen, where the city publishes the series (`None`: no konbini screen).
pub fn konbini(s: &Snapshot, locale: Locale) -> Option<KonbiniView> {
    let k = s.konbini_certificates.as_ref()?;
    let name = &k.name;
    let remaining = s
        .indicators
        .iter()
        .find(|i| i.id == k.indicator)
        .and_then(|i| headline_card(s, i, locale).remaining);
    Some(KonbiniView {
        yearly: yearly_card(
            SeriesSpec {
                id: "konbini-yearly",
                name,
                unit: k.unit,
                style: ChartStyle::Bars,
            },
            &k.yearly,
            &k.target,
            locale,
        ),
        monthly: (!k.monthly.is_empty()).then(|| {
            monthly_card(
                SeriesSpec {
                    id: "konbini-monthly",
                    name,
                    unit: k.unit,
                    style: ChartStyle::Bars,
                },
                &k.monthly,
                locale,
            )
        }),
        remaining,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screens::home::tests::seed;

    #[test]
    fn konbini_card_has_target_row_and_distance() {
        let v = konbini(&seed(), Locale::Ja).unwrap();
        assert_eq!(v.remaining.as_deref(), Some("目標まであと199,830件"));
        assert!(v.monthly.is_none());
        let rows = &v.yearly.table.rows;
        assert_eq!(
            rows.last().unwrap(),
            &vec!["令和5年度（2023年度）".to_string(), "目標".into(), "500,000件".into()]
        );
        assert!(
            v.yearly
                .csv
                .starts_with("\u{FEFF}期間,区分,値\r\n2021,actual,107087\r\n2022,actual,300170\r\n2023,target,500000\r\n"),
            "{}",
            v.yearly.csv
        );
        let json: serde_json::Value = serde_json::from_str(&v.yearly.json).unwrap();
        assert_eq!(json["points"][1]["value"], 300170.0);
        assert_eq!(json["unit"], "cases");
    }
}
