//! The figures that show whether the plan works: the verification indicators, the counter
//! survey, convenience-store certificates and the staff survey.

use serde::{Deserialize, Serialize};

#[cfg(feature = "schema")]
use schemars::JsonSchema;

use super::*;

/// A numbered group of verification indicators (検証指標), e.g. 「1 市役所のサービスに満足している市民の割合」.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct IndicatorGroup {
    pub id: String,
    pub number: u8,
    pub name: Text,
    /// The city's own reading of the group's trend, when it gave one for the group as a whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment: Option<Text>,
}

/// One verification indicator (検証指標) with its baseline, actuals and target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: String,
    /// The group it belongs to.
    pub group: String,
    /// The sub-number as published (「①」); absent for the group's own headline figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
    pub name: Text,
    pub unit: Unit,
    pub direction: Direction,
    /// 基準値.
    pub baseline: YearValue,
    /// Actual results after the baseline, oldest first.
    pub actuals: Vec<YearValue>,
    /// 検証値.
    pub target: YearValue,
    /// Where the figure comes from (「総合計画市民アンケートより」).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
    /// The city's own reading of the trend (「低下傾向」).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment: Option<Text>,
}

/// The ward-office counter satisfaction survey (区役所窓口市民満足度調査).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CounterSurvey {
    pub name: Text,
    /// The indicator this survey feeds.
    pub indicator: String,
    /// Where it is asked (調査場所).
    pub locations: Text,
    /// Counter sections asked (住民・戸籍, 国保, ...).
    pub sections: Vec<Section>,
    /// Wards, when breakdowns by ward are published.
    #[serde(default)]
    pub wards: Vec<Section>,
    /// What counts as satisfied.
    pub satisfied_definition: Text,
    /// Yearly share satisfied, percent, oldest first.
    pub yearly: Vec<YearValue>,
    pub target: YearValue,
    /// Share satisfied by ward and/or section, when published.
    #[serde(default)]
    pub breakdown: Vec<Breakdown>,
    pub comments: SurveyComments,
}

/// A named part of a breakdown: a ward or a counter section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub name: Text,
}

/// One cell of a breakdown: a fiscal year (or one month of it), optionally a ward and a
/// section, and the share satisfied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Breakdown {
    pub fiscal_year: FiscalYear,
    /// A month within the fiscal year, when the figure is monthly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<YearMonth>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ward: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    pub value: Figure,
}

/// Short free-text comments from a survey, quoted as published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SurveyComments {
    pub satisfied: Vec<Text>,
    pub not_satisfied: Vec<Text>,
}

/// Certificates issued at convenience stores (証明書コンビニ発行件数).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct KonbiniCertificates {
    pub name: Text,
    /// The indicator this series feeds.
    pub indicator: String,
    pub unit: Unit,
    pub yearly: Vec<YearValue>,
    pub target: YearValue,
    /// Monthly issuance, when published, oldest first.
    #[serde(default)]
    pub monthly: Vec<MonthValue>,
}

/// The staff engagement survey (職員満足度調査).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StaffSurvey {
    pub name: Text,
    pub conducted: YearMonth,
    /// Who was asked (正規職員).
    pub population: Text,
    pub respondents: u32,
    /// The answer scale, lowest and highest score.
    pub scale_min: u8,
    pub scale_max: u8,
    /// What the city found, in the widget's own words.
    pub findings: Vec<Text>,
    pub categories: Vec<StaffCategory>,
}

/// A category (分類) of the staff survey.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StaffCategory {
    pub id: String,
    pub name: Text,
    /// 分類別 average; `null` where the city published none (「—」 for one-question categories).
    pub average: Figure,
    pub questions: Vec<StaffQuestion>,
}

/// One question of the staff survey and its average score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StaffQuestion {
    pub id: String,
    pub text: Text,
    pub score: Figure,
}

/// Citizens' main requests from a survey's free-text answers (主要要望内容).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CitizenRequests {
    /// The survey and field quoted (総合計画市民アンケート自由記載欄).
    pub source: Text,
    /// When it was asked, as published (「R5.1~2」).
    pub conducted: Text,
    /// People who wrote about the city's administration.
    pub commenters: u32,
    /// All respondents.
    pub respondents: u32,
    pub requests: Vec<Text>,
}
