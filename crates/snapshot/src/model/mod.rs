//! The typed snapshot model: what the city publishes, exactly as published.
//!
//! Rules that shape these types:
//! - every human-readable field is a [`Text`] with required Japanese;
//! - numbers are kept as published, with their [`Unit`]; a missing figure is `null`, never 0;
//! - years are fiscal years (April–March) named by the Western year they start in.

use serde::{Deserialize, Serialize};

#[cfg(feature = "schema")]
use schemars::JsonSchema;

mod as_of;
mod city;
mod figures;
mod manifest;
mod plan;
mod readings;
mod voices;

pub use as_of::{AsOf, AsOfDate};
pub use city::*;
pub use figures::*;
pub use manifest::*;
pub use plan::*;
pub use readings::*;
pub use voices::*;

/// A published figure, or `null` where the city has published none. The key must be present:
/// a missing figure is written as an explicit `null`, so a forgotten key is an error rather than
/// a silent gap (serde would read a missing `Option` as `None`).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default, Serialize)]
#[serde(transparent)]
pub struct Figure(pub Option<f64>);

impl<'de> Deserialize<'de> for Figure {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Figure, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Figure;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number or null")
            }
            fn visit_unit<E>(self) -> Result<Figure, E> {
                Ok(Figure(None))
            }
            fn visit_none<E>(self) -> Result<Figure, E> {
                Ok(Figure(None))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Figure, E> {
                Ok(Figure(Some(v)))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Figure, E> {
                Ok(Figure(Some(v as f64)))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Figure, E> {
                Ok(Figure(Some(v as f64)))
            }
        }
        // `any`, not `option`: a missing key answers `option` with none, and `any` with an error.
        d.deserialize_any(Visitor)
    }
}

#[cfg(feature = "schema")]
impl JsonSchema for Figure {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Figure".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": ["number", "null"] })
    }
}

impl std::ops::Deref for Figure {
    type Target = Option<f64>;
    fn deref(&self) -> &Option<f64> {
        &self.0
    }
}

impl PartialEq<Option<f64>> for Figure {
    fn eq(&self, other: &Option<f64>) -> bool {
        self.0 == *other
    }
}

impl From<Option<f64>> for Figure {
    fn from(v: Option<f64>) -> Figure {
        Figure(v)
    }
}

/// The format version this crate reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// Human-readable text: Japanese is required; English and やさしい日本語 are optional.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Japanese, as published.
    pub ja: String,
    /// English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    /// やさしい日本語 (Easy Japanese): common kanji, each with its reading, written
    /// `市役所《しやくしょ》` or `｜お年寄り《おとしより》` (see `ruby`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ja_easy: Option<String>,
}

/// A fiscal year (年度), April to March, named by the Western year it starts in:
/// `2021` is 令和3年度, April 2021 – March 2022.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(transparent)]
pub struct FiscalYear(pub u16);

/// A calendar month, for monthly points and survey dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct YearMonth {
    pub year: u16,
    pub month: u8,
}

/// Units as the city publishes them. Values are stored in these units (2,248 億円 is 2248 `oku_yen`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// %: a share of people or things, 0–100.
    Percent,
    /// %: a ratio that may exceed 100 (将来負担比率).
    RatioPercent,
    /// 件: certificates, cases.
    Cases,
    /// 万件: ten-thousands of cases.
    TenThousandCases,
    /// 日: days.
    Days,
    /// 億円: hundred-millions of yen.
    HundredMillionYen,
    /// 人: people.
    People,
    /// 分/件: minutes per case.
    MinutesPerCase,
    /// 台: devices.
    Devices,
    /// 回: times held.
    Times,
    /// 手続: procedures.
    Procedures,
    /// 業務: business processes.
    Processes,
    /// 点: survey score on the 1–5 scale.
    Score,
}

impl Unit {
    /// Every unit, for the tables that word each of them (a test holds it to the schema's list).
    pub const ALL: [Unit; 13] = [
        Unit::Percent,
        Unit::RatioPercent,
        Unit::Cases,
        Unit::TenThousandCases,
        Unit::Days,
        Unit::HundredMillionYen,
        Unit::People,
        Unit::MinutesPerCase,
        Unit::Devices,
        Unit::Times,
        Unit::Procedures,
        Unit::Processes,
        Unit::Score,
    ];
}

#[cfg(test)]
#[test]
fn a_figure_must_be_written_even_when_none_was_published() {
    let read = |json: &str| serde_json::from_str::<YearValue>(json);
    assert_eq!(read(r#"{"fiscal_year": 2023, "value": 107087}"#).unwrap().value, Some(107087.0));
    assert_eq!(read(r#"{"fiscal_year": 2023, "value": 4.7}"#).unwrap().value, Some(4.7));
    assert_eq!(read(r#"{"fiscal_year": 2023, "value": null}"#).unwrap().value, None);
    let missing = read(r#"{"fiscal_year": 2023}"#).unwrap_err().to_string();
    assert!(missing.contains("missing field `value`"), "{missing}");
    assert!(read(r#"{"fiscal_year": 2023, "value": "5"}"#).is_err(), "a number, not text");
    let written = serde_json::to_string(&YearValue {
        fiscal_year: FiscalYear(2023),
        value: Figure(None),
    })
    .unwrap();
    assert_eq!(written, r#"{"fiscal_year":2023,"value":null}"#);
}

#[cfg(all(test, feature = "schema"))]
#[test]
fn every_unit_is_in_the_list_of_all() {
    // The schema names every variant serde reads, so a unit left out of ALL fails here.
    let schema = serde_json::to_value(schemars::schema_for!(Unit)).unwrap();
    let mut named: Vec<String> = schema["oneOf"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|v| {
            v["enum"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .chain(v.get("const").cloned())
        })
        .filter_map(|v| v.as_str().map(String::from))
        .collect();
    named.sort();
    let mut listed: Vec<String> = Unit::ALL
        .iter()
        .map(|u| serde_json::to_value(u).unwrap().as_str().unwrap().to_string())
        .collect();
    listed.sort();
    assert_eq!(listed, named);
}

/// Which direction of change is an improvement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
}

/// One figure for one fiscal year; `value` is `null` when the city has not published it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct YearValue {
    pub fiscal_year: FiscalYear,
    pub value: Figure,
}

/// One figure for one calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MonthValue {
    pub month: YearMonth,
    pub value: Figure,
}

/// A labelled figure, used where the seed states a before → after change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// When or what the figure is, as published (「R3年度」, 「導入前」).
    pub label: Text,
    pub value: f64,
    pub unit: Unit,
    /// The city wrote 「約」 (about).
    #[serde(default)]
    pub approximate: bool,
}

/// The whole snapshot: one publication of the plan and its figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    /// Must equal [`FORMAT_VERSION`].
    pub format_version: u32,
    /// Unique id of this snapshot, e.g. `2023-12`.
    pub id: String,
    /// The date the figures are as of: `YYYY-MM-DD`, or `YYYY-MM` when the city gave only a month.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub as_of: AsOf,
    /// Where the figures come from.
    pub source: Source,
    /// 「市」: the city that publishes, its offices and licence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<City>,
    pub plan: Plan,
    /// What the previous stage achieved, where the plan has one: without it the widget has no
    /// results screen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_stage: Option<PreviousStage>,
    pub indicator_groups: Vec<IndicatorGroup>,
    pub indicators: Vec<Indicator>,
    pub counter_survey: CounterSurvey,
    /// Certificates issued at convenience stores, where the city publishes them: without them the
    /// widget has no konbini screen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub konbini_certificates: Option<KonbiniCertificates>,
    /// The staff survey, where the city publishes one: without it no staff screen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff_survey: Option<StaffSurvey>,
    /// What citizens asked of City Hall in a survey, where the city publishes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citizen_requests: Option<CitizenRequests>,
    /// 「みなさんの声と市の対応」: voices received per card and month, and the city's answers.
    #[serde(default, skip_serializing_if = "Voices::is_empty")]
    pub voices: Voices,
    /// 「読み方」: the words the city reads its own way, for ふりがな on standard Japanese.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub readings: Vec<CityReading>,
}

/// The published document the snapshot was taken from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub title: Text,
    pub publisher: Text,
    /// Publication month.
    pub published: YearMonth,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}
