//! The committed JSON Schemas are the ones generated from the Rust types.
//! Regenerate with `scripts/generate-schema.sh` when this fails.
#![cfg(feature = "schema")]

mod common;

#[test]
fn committed_schemas_are_fresh() {
    for (name, generated) in [
        ("snapshot", snapshot::schema::snapshot_schema()),
        ("manifest", snapshot::schema::manifest_schema()),
    ] {
        let path = common::repo_root().join(format!("public/schema/{name}.schema.json"));
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "{} is stale: run scripts/generate-schema.sh and commit the result",
            path.display()
        );
    }
}

#[test]
fn schemas_use_draft_2020_12() {
    let v: serde_json::Value = serde_json::from_str(&snapshot::schema::snapshot_schema()).unwrap();
    assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema");
}
