//! Paths to the repository's shared data, for the snapshot crate's tests.
#![allow(dead_code)]

use std::path::PathBuf;

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn default_snapshot_bytes() -> Vec<u8> {
    std::fs::read(repo_root().join("public/data/snapshots/2023-12.json")).expect("default snapshot is committed")
}

pub fn default_snapshot_value() -> serde_json::Value {
    serde_json::from_slice(&default_snapshot_bytes()).unwrap()
}

/// Rows of a fixture folder's EXPECTED.tsv: (file, path, message fragment).
pub fn expectations(folder: &str) -> Vec<(PathBuf, String, String)> {
    let dir = repo_root().join(folder);
    let tsv = std::fs::read_to_string(dir.join("EXPECTED.tsv")).expect("EXPECTED.tsv");
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut cols = l.split('\t');
            let file = cols.next().unwrap();
            let path = cols.next().expect("path column").to_string();
            let fragment = cols.next().unwrap_or("").to_string();
            (dir.join(file), path, fragment)
        })
        .collect()
}
