//! The counter satisfaction screen: the yearly share satisfied, how it is counted, where it is
//! asked, what people said, and the ward × counter breakdown where the city published one.

use snapshot::{Snapshot, Text, Unit};

use crate::chart::ChartStyle;
use crate::format::{fiscal_year, maybe_quantity, year_month};
use crate::screens::series::{yearly_card, SeriesCard, SeriesSpec};
use crate::strings::strings;
use crate::Locale;

/// A two-way table of shares satisfied: wards down, sections across.
#[derive(Debug, Clone, PartialEq)]
pub struct BreakdownTable {
    pub period: String,
    pub columns: Vec<String>,
    pub rows: Vec<BreakdownRow>,
}

/// A ward (or all wards) and its share in each column.
#[derive(Debug, Clone, PartialEq)]
pub struct BreakdownRow {
    pub name: String,
    pub values: Vec<String>,
}

pub struct CounterView {
    pub chart: SeriesCard,
    pub definition: String,
    pub locations: String,
    pub sections: Vec<String>,
    pub satisfied: Vec<String>,
    pub not_satisfied: Vec<String>,
    pub breakdown: Option<BreakdownTable>,
}

pub fn counter(s: &Snapshot, locale: Locale) -> CounterView {
    let cs = &s.counter_survey;
    CounterView {
        chart: yearly_card(
            SeriesSpec {
                id: "counter-satisfaction",
                name: &cs.name,
                unit: Unit::Percent,
                style: ChartStyle::Line,
            },
            &cs.yearly,
            &cs.target,
            locale,
        ),
        // Shown as text: in やさしい日本語 with their readings (components::ruby).
        definition: locale.pick_marked(&cs.satisfied_definition).into_owned(),
        locations: locale.pick_marked(&cs.locations).into_owned(),
        sections: cs.sections.iter().map(|x| locale.pick_marked(&x.name).into_owned()).collect(),
        // Citizens' words as written; in やさしい日本語 with readings where the city added them.
        satisfied: cs.comments.satisfied.iter().map(|c| locale.pick_marked(c).into_owned()).collect(),
        not_satisfied: cs
            .comments
            .not_satisfied
            .iter()
            .map(|c| locale.pick_marked(c).into_owned())
            .collect(),
        breakdown: breakdown(s, locale),
    }
}

/// The latest period of the breakdown (a whole fiscal year when published, else its latest
/// month), as wards × sections. Cells not published say so; nothing is averaged or invented.
pub fn breakdown(s: &Snapshot, locale: Locale) -> Option<BreakdownTable> {
    let cs = &s.counter_survey;
    let latest_year = cs.breakdown.iter().map(|b| b.fiscal_year).max()?;
    let in_year = cs.breakdown.iter().filter(|b| b.fiscal_year == latest_year);
    let month = if in_year.clone().any(|b| b.month.is_none()) {
        None
    } else {
        in_year.clone().filter_map(|b| b.month).max()
    };
    let cells: Vec<_> = in_year.filter(|b| b.month == month).collect();
    let t = strings(locale);
    // Headings of a table shown through `ruby`: in やさしい日本語 with their readings.
    let shown = |t: &Text| locale.pick_marked(t).into_owned();
    let used_sections: Vec<_> = cs
        .sections
        .iter()
        .filter(|x| cells.iter().any(|b| b.section.as_deref() == Some(&x.id)))
        .collect();
    let has_all_column = cells.iter().any(|b| b.section.is_none());
    let mut columns: Vec<String> = used_sections.iter().map(|x| shown(&x.name)).collect();
    if has_all_column {
        columns.push(t.all.to_string());
    }
    let mut row_keys: Vec<(Option<String>, String)> = cs
        .wards
        .iter()
        .filter(|w| cells.iter().any(|b| b.ward.as_deref() == Some(&w.id)))
        .map(|w| (Some(w.id.clone()), shown(&w.name)))
        .collect();
    if cells.iter().any(|b| b.ward.is_none()) {
        row_keys.push((None, t.all.to_string()));
    }
    let cell = |ward: &Option<String>, section: Option<&str>| {
        let v = cells
            .iter()
            .find(|b| b.ward == *ward && b.section.as_deref() == section)
            .and_then(|b| *b.value);
        maybe_quantity(v, Unit::Percent, locale)
    };
    let rows = row_keys
        .into_iter()
        .map(|(ward, name)| {
            let mut values: Vec<String> = used_sections.iter().map(|x| cell(&ward, Some(&x.id))).collect();
            if has_all_column {
                values.push(cell(&ward, None));
            }
            BreakdownRow { name, values }
        })
        .collect();
    let period = match month {
        Some(m) => year_month(m, locale),
        None => fiscal_year(latest_year, locale),
    };
    Some(BreakdownTable { period, columns, rows })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screens::home::tests::seed;
    use snapshot::FiscalYear;

    #[test]
    fn counter_view_carries_definition_comments_and_no_invented_breakdown() {
        let v = counter(&seed(), Locale::Ja);
        assert_eq!(v.definition, "「とても満足」「ほぼ満足」と答えた人の合計");
        assert_eq!(v.sections, ["住民・戸籍", "国保", "福祉", "こども", "税"]);
        assert_eq!((v.satisfied.len(), v.not_satisfied.len()), (6, 3));
        assert!(v.breakdown.is_none());
        assert!(
            v.chart.summary.contains("87%から") && v.chart.summary.contains("変わりませんでした"),
            "{}",
            v.chart.summary
        );
    }

    #[test]
    fn breakdown_takes_the_latest_period_as_wards_by_sections() {
        let mut s = seed();
        let ward = |id: &str, ja: &str| snapshot::Section {
            id: id.into(),
            name: Text {
                ja: ja.into(),
                ..Default::default()
            },
        };
        s.counter_survey.wards = vec![ward("chuo", "中央区"), ward("higashi", "東区")];
        let b = |fy: u16, w: &str, sec: &str, v: f64| snapshot::Breakdown {
            fiscal_year: FiscalYear(fy),
            month: None,
            ward: Some(w.into()),
            section: Some(sec.into()),
            value: Some(v).into(),
        };
        s.counter_survey.breakdown = vec![
            b(2021, "chuo", "tax", 80.0),
            b(2022, "chuo", "tax", 91.5),
            b(2022, "higashi", "welfare", 88.0),
        ];
        let t = breakdown(&s, Locale::Ja).unwrap();
        assert_eq!(t.period, "令和4年度（2022年度）");
        assert_eq!(t.columns, ["福祉", "税"]);
        assert_eq!(
            t.rows[0],
            BreakdownRow {
                name: "中央区".into(),
                values: vec!["未公表".into(), "91.5%".into()]
            }
        );
        assert_eq!(
            t.rows[1],
            BreakdownRow {
                name: "東区".into(),
                values: vec!["88%".into(), "未公表".into()]
            }
        );
    }
}
