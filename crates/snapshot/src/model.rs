//! The typed snapshot model: what the city publishes, exactly as published.
//!
//! Rules that shape these types:
//! - every human-readable field is a [`Text`] with required Japanese;
//! - numbers are kept as published, with their [`Unit`]; a missing figure is `null`, never 0;
//! - years are fiscal years (April–March) named by the Western year they start in.

use serde::{Deserialize, Serialize};

#[cfg(feature = "schema")]
use schemars::JsonSchema;

/// Deserialises an `Option` that must be present in the JSON: a missing figure is written
/// as an explicit `null`, so a forgotten key is an error rather than a silent gap.
fn required<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d)
}

/// A figure's schema: a number, or `null` where none was published.
#[cfg(feature = "schema")]
fn nullable_number(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "type": ["number", "null"] })
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
    /// やさしい日本語 (Easy Japanese).
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
    #[serde(deserialize_with = "required")]
    #[cfg_attr(feature = "schema", schemars(required, schema_with = "nullable_number"))]
    pub value: Option<f64>,
}

/// One figure for one calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MonthValue {
    pub month: YearMonth,
    #[serde(deserialize_with = "required")]
    #[cfg_attr(feature = "schema", schemars(required, schema_with = "nullable_number"))]
    pub value: Option<f64>,
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
    pub as_of: String,
    /// Where the figures come from.
    pub source: Source,
    pub plan: Plan,
    pub previous_stage: PreviousStage,
    pub indicator_groups: Vec<IndicatorGroup>,
    pub indicators: Vec<Indicator>,
    pub counter_survey: CounterSurvey,
    pub konbini_certificates: KonbiniCertificates,
    pub staff_survey: StaffSurvey,
    pub citizen_requests: CitizenRequests,
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

/// The plan now in force (or about to be).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub name: Text,
    pub stage: Text,
    pub stage_number: u8,
    pub period: Period,
    /// The city's goal for the town the reform serves (めざすまちの姿).
    pub city_vision: Text,
    pub mission: Statement,
    pub vision: Statement,
    pub values: Statement,
    /// What the reform aims the city hall to become (市役所改革によりめざす姿).
    pub aims: Vec<Text>,
    pub policies: Vec<Policy>,
    /// How the reform is driven (市役所改革を推進するために).
    pub driving: Driving,
    pub schedule: Vec<ScheduleItem>,
}

/// A span of fiscal years, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub from: FiscalYear,
    pub to: FiscalYear,
}

/// A titled statement: mission, vision or values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Statement {
    /// What kind of statement it is (ミッション（市役所改革の使命・役割）).
    pub label: Text,
    /// The statement itself, as published (上質な生活都市の実現).
    pub title: Text,
    /// What it means, in the widget's own words.
    pub summary: Text,
}

/// One of the plan's basic policies (基本方針).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub id: String,
    pub number: u8,
    pub name: Text,
    /// めざす姿, in the widget's own words.
    pub aims: Vec<Text>,
    /// 考え方, in the widget's own words.
    pub approach: Vec<Text>,
    /// 主な取組例: example initiatives, names as published.
    pub initiatives: Vec<Initiative>,
    /// Caveat published with the examples.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initiatives_note: Option<Text>,
}

/// An example initiative under a policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Initiative {
    pub number: u8,
    pub name: Text,
}

/// The structure that drives the reform.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Driving {
    pub summary: Text,
    pub parts: Vec<DrivingPart>,
}

/// One part of how the reform is driven (推進本部, 外部有識者の参画, ...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DrivingPart {
    pub id: String,
    pub name: Text,
    pub summary: Text,
}

/// A step of the published schedule. `when` is as published (「令和6年1月又は2月」).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ScheduleItem {
    pub when: Text,
    pub event: Text,
}

/// The previous stage of the reform and how far it got.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PreviousStage {
    pub name: Text,
    pub stage_number: u8,
    pub goal: Text,
    /// The goal explained, in the widget's own words.
    pub goal_points: Vec<Text>,
    pub promotion_items: Vec<PromotionItem>,
    /// Number of 取組 (initiatives) behind the items.
    pub initiative_count: u32,
    pub progress: ItemProgress,
    pub highlights: Vec<Highlight>,
    pub delayed: Vec<DelayedItem>,
}

/// One of the previous stage's promotion items (推進項目).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PromotionItem {
    pub number: u8,
    pub name: Text,
    pub summary: Text,
}

/// How the initiative items (取組項目) stood at the end of a fiscal year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ItemProgress {
    /// The fiscal year whose end the counts describe.
    pub as_of_end_of: FiscalYear,
    /// 計画通り進捗.
    pub on_plan: u32,
    /// 一部変更・遅れ.
    pub changed_or_delayed: u32,
    /// 合計; must equal the sum of the two.
    pub total: u32,
}

/// A result the city highlighted, with its figures when it published some.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Highlight {
    pub id: String,
    pub title: Text,
    /// The responsible bureau(s) or ward, as published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Text>,
    /// The figure before, when published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<Measure>,
    /// The figure(s) after; empty when the city gave none.
    #[serde(default)]
    pub after: Vec<Measure>,
    /// What the result was when it is not a figure (「都市建設局森の都推進部へ導入」).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// An initiative that changed or fell behind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DelayedItem {
    pub id: String,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Text>,
}

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
    #[serde(deserialize_with = "required")]
    #[cfg_attr(feature = "schema", schemars(required, schema_with = "nullable_number"))]
    pub value: Option<f64>,
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
    #[serde(deserialize_with = "required")]
    #[cfg_attr(feature = "schema", schemars(required, schema_with = "nullable_number"))]
    pub average: Option<f64>,
    pub questions: Vec<StaffQuestion>,
}

/// One question of the staff survey and its average score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StaffQuestion {
    pub id: String,
    pub text: Text,
    #[serde(deserialize_with = "required")]
    #[cfg_attr(feature = "schema", schemars(required, schema_with = "nullable_number"))]
    pub score: Option<f64>,
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

/// The manifest `data/index.json`: which snapshots exist and which is latest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format_version: u32,
    /// Id of the snapshot shown by default.
    pub latest: String,
    pub snapshots: Vec<ManifestEntry>,
}

/// One snapshot listed in the manifest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ManifestEntry {
    pub id: String,
    /// As in the snapshot: `YYYY-MM-DD` or `YYYY-MM`.
    pub as_of: String,
    /// Path relative to the manifest, e.g. `snapshots/2023-12.json`.
    pub file: String,
    pub title: Text,
    /// `sha256-` followed by 64 lowercase hex digits of the file's bytes.
    pub sha256: String,
}
