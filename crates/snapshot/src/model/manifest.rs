//! The manifest (`index.json`): which snapshots are published, and which is the latest.

use serde::{Deserialize, Serialize};

#[cfg(feature = "schema")]
use schemars::JsonSchema;

use super::*;

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
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub as_of: AsOf,
    /// Path relative to the manifest, e.g. `snapshots/2023-12.json`.
    pub file: String,
    pub title: Text,
    /// `sha256-` followed by 64 lowercase hex digits of the file's bytes.
    pub sha256: String,
}
