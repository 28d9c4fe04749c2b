//! 「市」: which city publishes, in its own words: its name, the home page's opening lines, its
//! homepage, the offices where it serves and surveys citizens, and the licence of its figures.
//! Data, not code, so another city publishes its own widget without a fork. Optional in the
//! format: publications made before it existed have none, and are shown without a city name.

use serde::{Deserialize, Serialize};

#[cfg(feature = "schema")]
use schemars::JsonSchema;

use super::*;

/// The city behind the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct City {
    /// The city's name: `熊本市`, `Kumamoto City`, `熊本市《くまもとし》`.
    pub name: Text,
    /// What the home page opens with, and what a search result or a shared link says of the site.
    pub introduction: Text,
    /// The city's own homepage, `https://`.
    pub homepage: String,
    /// Where the city serves citizens at a counter (区役所, 支所, 出張所): the offices a counter
    /// survey answer and a kiosk may name, by the id they store.
    pub offices: Vec<Office>,
    /// The licence the city publishes its figures under, as an `https://` address (a Creative
    /// Commons licence's page). None where the city has not chosen one: never assumed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence: Option<String>,
    /// The city's emblem or logo, as the text of an SVG image with a `viewBox`: shapes only, no
    /// script, no style sheet, no reference outside itself (the checker's `logo` rules). Shown
    /// beside the city's name, as an image, never as the page's own markup.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
    /// The city's colour for links and buttons on light pages, `#RRGGBB`, dark enough to keep
    /// 4.5:1 against every light background the pages use (the checker's `accent` rule). Dark
    /// pages keep the shared colours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accent: Option<String>,
}

/// One office where citizens are served.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Office {
    /// What answers store: lower-case letters, digits and hyphens (`chuo`).
    pub id: String,
    pub kind: OfficeKind,
    /// `中央区役所`, `Chuo Ward Office`, `中央区《ちゅうおうく》`.
    pub name: Text,
}

/// What sort of office it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum OfficeKind {
    /// 区役所.
    WardOffice,
    /// 支所, 総合出張所.
    Branch,
    /// 出張所.
    SubBranch,
}

impl City {
    /// The office with this id, if the city has it.
    pub fn office(&self, id: &str) -> Option<&Office> {
        self.offices.iter().find(|o| o.id == id)
    }
}
