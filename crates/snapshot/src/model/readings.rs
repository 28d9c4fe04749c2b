//! 「読み方」: the words the city reads its own way, for ふりがな on standard Japanese (ward and
//! district names, section names, the plan's own terms: 北区 as きたく, 広聴 as こうちょう).
//! Published with the figures, through the same second pair of eyes; a general dictionary's
//! reading gives way to these. Optional: snapshots published before it existed have none.

use serde::{Deserialize, Serialize};

#[cfg(feature = "schema")]
use schemars::JsonSchema;

/// One word and how the city reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CityReading {
    /// The word as written, with at least one kanji: `託麻`.
    pub word: String,
    /// How it is read, in hiragana or katakana: `たくま`.
    pub reading: String,
    /// Its part of speech (`名詞`, `地名`), for the people who keep the list.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub part_of_speech: String,
}
