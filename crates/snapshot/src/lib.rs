//! The city's published snapshot format (version 1): typed model, parsing with JSON paths
//! in every error, and validation beyond parsing. Used by the app, the checker and the server.

pub mod model;
pub mod problem;
pub mod template;
pub mod validate;

pub use model::*;
pub use problem::{Code, Lang, Problem};
pub use validate::{check_manifest, check_snapshot, MAX_MANIFEST_BYTES, MAX_SNAPSHOT_BYTES};

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
    let whole = |(code, params)| vec![Problem::new(".", code, params)];
    if bytes.len() > limit {
        return Err(whole((Code::FileTooLarge, params!["bytes" => bytes.len(), "max" => limit])));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        // serde_path_to_error writes `?` for a segment it could not name (the file ended there).
        let path = e.path().to_string();
        let path = path.trim_end_matches(".?").trim_end_matches('?').to_string();
        let path = if path.is_empty() { ".".to_string() } else { path };
        let (code, params) = describe_json_error(e.inner());
        vec![Problem::new(path, code, params)]
    })?;
    de.end().map_err(|e| whole(describe_json_error(&e)))?;
    Ok(value)
}

fn describe_json_error(e: &serde_json::Error) -> (Code, Vec<(&'static str, String)>) {
    use serde_json::error::Category;
    match e.classify() {
        Category::Eof => (Code::FileEndsEarly, params!["at" => format!("(line {}, column {})", e.line(), e.column())]),
        Category::Syntax => (Code::NotJson, params!["detail" => e]),
        Category::Data => (Code::WrongShape, params!["detail" => e]),
        Category::Io => (Code::Unreadable, params!["detail" => e]),
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
