//! 「みなさんの声と市の対応」: what the city publishes about citizens' voices, with the figures
//! and through the same second pair of eyes: how many voices it received per card and month
//! (counted from the store when a draft is made, small counts withheld), and its answers.
//! Optional: snapshots published before it existed have none.

use serde::{Deserialize, Serialize};

#[cfg(feature = "schema")]
use schemars::JsonSchema;

use super::{AsOf, Text, YearMonth};

/// The cards a voice or an answer can concern besides the indicators (whose ids are cards too):
/// the widget's chart cards.
pub const CHART_CARDS: [&str; 4] = ["konbini-yearly", "konbini-monthly", "counter-satisfaction", "staff-engagement"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Voices {
    /// Voices received per card and month (Japan time). A month whose count is below the
    /// publication's minimum is left out, never written as 0.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub received: Vec<VoicesReceived>,
    /// The city's answers (市の対応), newest first when shown.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<CityAnswer>,
}

impl Voices {
    pub fn is_empty(&self) -> bool {
        self.received.is_empty() && self.answers.is_empty()
    }
}

/// How many voices one card received in one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct VoicesReceived {
    /// A card or indicator id.
    pub card: String,
    pub month: YearMonth,
    pub count: u32,
}

/// One answer of the city's to what citizens said about a card or indicator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CityAnswer {
    /// Stable, unique in the snapshot (`fee-konbini`).
    pub id: String,
    /// The card or indicator it concerns.
    pub card: String,
    /// The theme, in the city's words (「コンビニ交付の手数料」).
    pub title: Text,
    /// What citizens said, summarised by staff: never a citizen's own words unless the citizen
    /// agreed when sending.
    pub voices_summary: Text,
    /// What the city does, or why it does not.
    pub answer: Text,
    pub status: AnswerStatus,
    /// Why the city does not act: required with `declined`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Text>,
    /// The date of the answer, `YYYY-MM-DD`.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub date: AsOf,
    /// The indicator the answer expects to move, if it names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expects: Option<String>,
}

/// Where an answer stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AnswerStatus {
    /// 検討しています.
    Considering,
    /// 対応しています.
    Acting,
    /// 対応しました.
    Done,
    /// 対応しません (with the reason).
    Declined,
}

impl AnswerStatus {
    pub const ALL: [AnswerStatus; 4] = [
        AnswerStatus::Considering,
        AnswerStatus::Acting,
        AnswerStatus::Done,
        AnswerStatus::Declined,
    ];

    /// As the file and the workbook write it.
    pub fn id(self) -> &'static str {
        match self {
            AnswerStatus::Considering => "considering",
            AnswerStatus::Acting => "acting",
            AnswerStatus::Done => "done",
            AnswerStatus::Declined => "declined",
        }
    }

    pub fn parse(text: &str) -> Option<AnswerStatus> {
        AnswerStatus::ALL.into_iter().find(|s| s.id() == text)
    }
}
