//! The counter survey summarized for publishing: answers per ward × counter × month (Japan
//! time) with the share satisfied, counted as the city's indicator counts it (「とても満足」 and
//! 「ほぼ満足」, the two best answers). Written in the snapshot's own format (`breakdown` cells and
//! the `wards` they name), so a clerk pastes them into the next snapshot and `snapshot-check`
//! accepts it. A cell with fewer answers than the minimum is withheld, so no one's answer can be
//! read out of it.

use serde::Serialize;
use snapshot::validate::fiscal_year_of;
use snapshot::{Breakdown, Section, YearMonth};
use view_models::screens::contexts::wards;
use view_models::screens::feedback_form::counts_as_satisfied;

/// Answers of one ward, counter and month, as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Counted {
    pub month: YearMonth,
    pub ward: String,
    pub section: String,
    pub answers: u32,
    pub satisfied: u32,
}

/// One cell for staff: the count and share, or neither when withheld.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Cell {
    pub month: YearMonth,
    pub ward: String,
    pub section: String,
    pub answers: Option<u32>,
    pub satisfied_share: Option<f64>,
    pub withheld: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Summary {
    /// Paste into `counter_survey.breakdown` (withheld cells left out).
    pub breakdown: Vec<Breakdown>,
    /// Paste into `counter_survey.wards`: the wards the cells name.
    pub wards: Vec<Section>,
    pub cells: Vec<Cell>,
    pub min_count: u32,
}

/// The share satisfied in percent, one decimal, as the city publishes shares.
fn share(satisfied: u32, answers: u32) -> f64 {
    (f64::from(satisfied) * 1000.0 / f64::from(answers)).round() / 10.0
}

pub fn summarize(counted: &[Counted], min_count: u32) -> Summary {
    let mut cells = vec![];
    let mut breakdown = vec![];
    for c in counted {
        let withheld = c.answers < min_count.max(1);
        let value = (!withheld).then(|| share(c.satisfied, c.answers));
        if let Some(v) = value {
            breakdown.push(Breakdown {
                fiscal_year: fiscal_year_of(c.month),
                month: Some(c.month),
                ward: Some(c.ward.clone()),
                section: Some(c.section.clone()),
                value: Some(v),
            });
        }
        cells.push(Cell {
            month: c.month,
            ward: c.ward.clone(),
            section: c.section.clone(),
            answers: (!withheld).then_some(c.answers),
            satisfied_share: value,
            withheld,
        });
    }
    let named: Vec<Section> = wards()
        .into_iter()
        .filter(|(id, _)| breakdown.iter().any(|b| b.ward.as_deref() == Some(*id)))
        .map(|(id, name)| Section { id: id.to_string(), name })
        .collect();
    Summary {
        breakdown,
        wards: named,
        cells,
        min_count,
    }
}

/// `satisfaction` as stored (1–5) counted the indicator's way.
pub fn satisfied(level: i64) -> bool {
    u8::try_from(level).is_ok_and(counts_as_satisfied)
}

/// `YYYY-MM` from a query, or a message saying what is wrong with it.
pub fn parse_month(text: &str) -> Result<YearMonth, String> {
    let bad = || format!("{text:?} is not a month like 2024-04");
    let (y, m) = text.split_once('-').ok_or_else(bad)?;
    let (year, month): (u16, u8) = (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if y.len() != 4 || m.len() != 2 || !(1..=12).contains(&month) || !(2000..=2100).contains(&year) {
        return Err(bad());
    }
    Ok(YearMonth { year, month })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counted(month: u8, ward: &str, answers: u32, satisfied: u32) -> Counted {
        Counted {
            month: YearMonth { year: 2025, month },
            ward: ward.into(),
            section: "tax".into(),
            answers,
            satisfied,
        }
    }

    #[test]
    fn small_cells_are_withheld_and_the_rest_are_snapshot_cells() {
        let s = summarize(
            &[counted(3, "chuo", 12, 11), counted(4, "chuo", 9, 9), counted(4, "kita", 10, 7)],
            10,
        );
        assert_eq!(s.breakdown.len(), 2);
        assert_eq!(s.breakdown[0].fiscal_year.0, 2024, "March 2025 is in fiscal year 2024");
        assert_eq!(s.breakdown[0].value, Some(91.7));
        assert_eq!(s.breakdown[1].value, Some(70.0));
        assert!(
            s.cells[1].withheld && s.cells[1].answers.is_none() && s.cells[1].satisfied_share.is_none(),
            "9 answers: nothing of it shown"
        );
        assert_eq!(s.wards.iter().map(|w| w.id.as_str()).collect::<Vec<_>>(), ["chuo", "kita"]);
        assert!(satisfied(5) && satisfied(4) && !satisfied(3) && !satisfied(-1) && !satisfied(300));
    }

    #[test]
    fn months_are_checked() {
        assert_eq!(parse_month("2024-04"), Ok(YearMonth { year: 2024, month: 4 }));
        for bad in ["2024-13", "2024-00", "24-04", "2024-4", "abcd-ef", "2024"] {
            assert!(parse_month(bad).is_err(), "{bad}");
        }
    }
}
