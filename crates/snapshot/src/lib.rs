//! The city's published snapshot format (version 1): typed model, parsing with JSON paths
//! in every error, and validation beyond parsing. Used by the app, the checker and the server.

pub mod model;
pub mod validate;

pub use model::*;
pub use validate::{check_manifest, check_snapshot, Problem, MAX_MANIFEST_BYTES, MAX_SNAPSHOT_BYTES};

use serde::de::DeserializeOwned;

/// Parses and validates a snapshot file's bytes. Never panics, whatever the input.
pub fn parse_snapshot(bytes: &[u8]) -> Result<Snapshot, Vec<Problem>> {
    let snapshot: Snapshot = parse_json(bytes, MAX_SNAPSHOT_BYTES)?;
    let problems = check_snapshot(&snapshot);
    if problems.is_empty() {
        Ok(snapshot)
    } else {
        Err(problems)
    }
}

/// Parses and validates a manifest file's bytes. Never panics, whatever the input.
pub fn parse_manifest(bytes: &[u8]) -> Result<Manifest, Vec<Problem>> {
    let manifest: Manifest = parse_json(bytes, MAX_MANIFEST_BYTES)?;
    let problems = check_manifest(&manifest);
    if problems.is_empty() {
        Ok(manifest)
    } else {
        Err(problems)
    }
}

/// Size limit first (so a gigantic file costs nothing), then JSON with the path of any
/// type error. serde_json's own recursion limit turns deep nesting into an error.
fn parse_json<T: DeserializeOwned>(bytes: &[u8], limit: usize) -> Result<T, Vec<Problem>> {
    let whole = |message: String| vec![Problem { path: ".".into(), message }];
    if bytes.len() > limit {
        return Err(whole(format!("the file is {} bytes; at most {limit} are allowed", bytes.len())));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        // serde_path_to_error writes `?` for a segment it could not name (the file ended there).
        let path = e.path().to_string();
        let path = path.trim_end_matches(".?").trim_end_matches('?').to_string();
        let path = if path.is_empty() { ".".to_string() } else { path };
        vec![Problem { path, message: describe_json_error(e.inner()) }]
    })?;
    de.end().map_err(|e| whole(describe_json_error(&e)))?;
    Ok(value)
}

fn describe_json_error(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let at = format!("(line {}, column {})", e.line(), e.column());
    match e.classify() {
        Category::Eof => format!("the file ends too early; it may be cut off {at}"),
        Category::Syntax => format!("this is not valid JSON: {e}"),
        Category::Data => format!("{e}"),
        Category::Io => format!("could not be read: {e}"),
    }
}

/// JSON Schema generation, for publishers' editors and independent validators.
#[cfg(feature = "schema")]
pub mod schema {
    /// The snapshot schema as pretty JSON, ending in a newline.
    pub fn snapshot_schema() -> String {
        render(schemars::schema_for!(crate::Snapshot))
    }

    /// The manifest schema as pretty JSON, ending in a newline.
    pub fn manifest_schema() -> String {
        render(schemars::schema_for!(crate::Manifest))
    }

    fn render(schema: schemars::Schema) -> String {
        let mut s = serde_json::to_string_pretty(&schema).expect("a schema always serialises");
        s.push('\n');
        s
    }
}
