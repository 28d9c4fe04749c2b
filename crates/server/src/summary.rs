//! The counter survey summarized for publishing: answers per ward × counter × month (Japan
//! time) with the share satisfied, counted as the city's indicator counts it (「とても満足」 and
//! 「ほぼ満足」, the two best answers). Written in the snapshot's own format (`breakdown` cells and
//! the `wards` they name), so a clerk pastes them into the next snapshot and `snapshot-check`
//! accepts it. A cell with fewer answers than the minimum is withheld, so no one's answer can be
//! read out of it.

use serde::Serialize;
use snapshot::validate::{fiscal_year_of, FISCAL_YEARS};
use snapshot::{Breakdown, Office, Section, Text, YearMonth};
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

/// `offices`: the latest publication's, which name the wards; answers for an office it no longer
/// lists are counted all the same, under their id, as a former office.
pub fn summarize(counted: &[Counted], min_count: u32, offices: &[Office]) -> Summary {
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
                value: Some(v).into(),
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
    let mut named: Vec<Section> = offices
        .iter()
        .filter(|o| breakdown.iter().any(|b| b.ward.as_deref() == Some(o.id.as_str())))
        .map(|o| Section {
            id: o.id.clone(),
            name: o.name.clone(),
        })
        .collect();
    for b in &breakdown {
        if let Some(id) = b.ward.as_deref().filter(|id| !named.iter().any(|s| s.id == *id)) {
            named.push(former_office(id));
        }
    }
    Summary {
        breakdown,
        wards: named,
        cells,
        min_count,
    }
}

/// A ward the answers name but the latest publication no longer lists: kept, and said to be former.
fn former_office(id: &str) -> Section {
    Section {
        id: id.to_string(),
        name: Text {
            ja: format!("{id}（以前の窓口）"),
            en: Some(format!("{id} (former office)")),
            ja_easy: Some(format!("{id}（まえの 窓口《まどぐち》）")),
        },
    }
}

/// `satisfaction` as stored (1–5) counted the indicator's way.
pub fn satisfied(level: i64) -> bool {
    u8::try_from(level).is_ok_and(counts_as_satisfied)
}

/// A month as an address, a form or the store writes it (`2024-04`), read by one parser for the
/// API's range, the staff pages' ranges and filters, and the store's counts. Its years are the
/// fiscal years a snapshot may hold (`snapshot::validate::FISCAL_YEARS`, 平成元年 to 2100), so a
/// summary of any month it accepts is one the checker accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Month(pub YearMonth);

impl Month {
    /// The first and last months a range may name: an open end of a range.
    pub const FIRST: Month = Month(YearMonth {
        year: *FISCAL_YEARS.start(),
        month: 1,
    });
    pub const LAST: Month = Month(YearMonth {
        year: *FISCAL_YEARS.end(),
        month: 12,
    });
}

impl std::str::FromStr for Month {
    type Err = String;

    /// `YYYY-MM`, white space around it forgiven; anything else says what is wrong with it.
    fn from_str(text: &str) -> Result<Month, String> {
        let text = text.trim();
        let bad = || format!("{text:?} is not a month like 2024-04 from {} to {}", Month::FIRST, Month::LAST);
        let (y, m) = text.split_once('-').ok_or_else(bad)?;
        if y.len() != 4 || m.len() != 2 || !y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let (year, month): (u16, u8) = (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
        if !(1..=12).contains(&month) || !FISCAL_YEARS.contains(&year) {
            return Err(bad());
        }
        Ok(Month(YearMonth { year, month }))
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.0.year, self.0.month)
    }
}

impl<'de> serde::Deserialize<'de> for Month {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Month, D::Error> {
        String::deserialize(deserializer)?.parse().map_err(serde::de::Error::custom)
    }
}

/// A range of months from an address (`?from=2024-04&to=2025-03`): either end may be left open,
/// and two months in either order name the same range.
#[derive(Debug, Clone, Copy, Default, serde::Deserialize)]
pub struct MonthRange {
    pub from: Option<Month>,
    pub to: Option<Month>,
}

impl MonthRange {
    /// The first and the last month, in order.
    pub fn ordered(self) -> (Month, Month) {
        let (a, b) = (self.from.unwrap_or(Month::FIRST), self.to.unwrap_or(Month::LAST));
        (a.min(b), a.max(b))
    }
}

/// The API document's pattern for a month: exactly the years [`Month`] accepts, whole decades
/// and centuries written as such (`1989|199[0-9]|20[0-9]{2}|2100`).
pub fn month_pattern() -> String {
    let (first, last) = (*FISCAL_YEARS.start(), *FISCAL_YEARS.end());
    let mut parts: Vec<String> = vec![];
    let mut century = first / 100;
    while century <= last / 100 {
        let whole = |lo: u16, hi: u16| first <= lo && hi <= last;
        if whole(century * 100, century * 100 + 99) {
            parts.push(format!("{century}[0-9]{{2}}"));
        } else {
            for decade in (century * 10..century * 10 + 10).filter(|d| d * 10 + 9 >= first && d * 10 <= last) {
                if whole(decade * 10, decade * 10 + 9) {
                    parts.push(format!("{decade}[0-9]"));
                } else {
                    parts.extend(
                        (decade * 10..=decade * 10 + 9)
                            .filter(|y| FISCAL_YEARS.contains(y))
                            .map(|y| y.to_string()),
                    );
                }
            }
        }
        century += 1;
    }
    format!("^({})-(0[1-9]|1[0-2])$", parts.join("|"))
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

    fn office(id: &str, ja: &str) -> Office {
        Office {
            id: id.into(),
            kind: snapshot::OfficeKind::WardOffice,
            name: Text {
                ja: ja.into(),
                ..Text::default()
            },
        }
    }

    #[test]
    fn small_cells_are_withheld_and_the_rest_are_snapshot_cells() {
        let offices = [office("chuo", "中央区役所"), office("kita", "北区役所")];
        let s = summarize(
            &[counted(3, "chuo", 12, 11), counted(4, "chuo", 9, 9), counted(4, "kita", 10, 7)],
            10,
            &offices,
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
        assert_eq!(s.wards[1].name.ja, "北区役所", "named as the city publishes it");
        assert!(satisfied(5) && satisfied(4) && !satisfied(3) && !satisfied(-1) && !satisfied(300));
    }

    #[test]
    fn answers_for_an_office_the_city_no_longer_lists_are_counted_as_a_former_office() {
        let s = summarize(
            &[counted(4, "tomiai", 10, 8), counted(4, "chuo", 10, 9)],
            10,
            &[office("chuo", "中央区役所")],
        );
        assert_eq!(s.breakdown.len(), 2, "nothing dropped");
        assert_eq!(s.wards.iter().map(|w| w.id.as_str()).collect::<Vec<_>>(), ["chuo", "tomiai"]);
        assert_eq!(s.wards[1].name.ja, "tomiai（以前の窓口）");
        let mut draft = snapshot::parse_snapshot(include_bytes!("../../../public/data/snapshots/2023-12.json")).unwrap();
        draft.counter_survey.wards = s.wards.clone();
        draft.counter_survey.breakdown = s.breakdown.clone();
        assert_eq!(snapshot::check_snapshot(&draft), vec![], "the checker takes it as it is");
    }

    #[test]
    fn months_are_read_one_way_and_ranges_in_either_order() {
        assert_eq!("2024-04".parse::<Month>(), Ok(Month(YearMonth { year: 2024, month: 4 })));
        assert_eq!(
            " 1989-01 ".parse::<Month>().map(|m| m.to_string()),
            Ok("1989-01".into()),
            "平成元年 on, trimmed"
        );
        for bad in [
            "2024-13",
            "2024-00",
            "24-04",
            "2024-4",
            "abcd-ef",
            "2024",
            "1988-12",
            "2101-01",
            "+202-04",
            "2024-+4",
            "２０２４-04",
        ] {
            assert!(bad.parse::<Month>().is_err(), "{bad}");
        }
        let pattern = regex::Regex::new(&month_pattern()).unwrap();
        for year in 1980..2110 {
            for month in ["00", "01", "12", "13"] {
                let text = format!("{year}-{month}");
                assert_eq!(
                    pattern.is_match(&text),
                    text.parse::<Month>().is_ok(),
                    "the document says what the parser reads: {text}"
                );
            }
        }
        let m = |t: &str| t.parse::<Month>().ok();
        assert_eq!(
            MonthRange {
                from: m("2025-03"),
                to: m("2024-04")
            }
            .ordered(),
            (m("2024-04").unwrap(), m("2025-03").unwrap())
        );
        assert_eq!(MonthRange::default().ordered(), (Month::FIRST, Month::LAST));
        assert_eq!(Month::FIRST.to_string(), "1989-01");
    }
}
