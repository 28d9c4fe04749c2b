//! The plan as published: mission, vision, values, policies and their initiatives, how it is
//! driven and its schedule; and what the previous stage achieved.

use serde::{Deserialize, Serialize};

#[cfg(feature = "schema")]
use schemars::JsonSchema;

use super::*;

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
