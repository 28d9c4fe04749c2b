//! The city's published snapshot format (version 1): typed model, parsing with JSON paths
//! in every error, and validation beyond parsing. Used by the app, the checker and the server.

pub mod colour;
pub mod locale;
pub mod logo;
pub mod model;
pub mod problem;
pub mod readings;
pub mod ruby;
pub mod template;
pub mod validate;

pub use locale::Locale;
pub use model::*;
pub use problem::{Code, Problem};
pub use validate::{check_manifest, check_snapshot, MAX_MANIFEST_BYTES, MAX_SNAPSHOT_BYTES};

use serde::de::DeserializeOwned;

/// Parses and validates a snapshot file's bytes. Never panics, whatever the input.
pub fn parse_snapshot(bytes: &[u8]) -> Result<Snapshot, Vec<Problem>> {
    checked(parse_json(bytes, MAX_SNAPSHOT_BYTES)?, check_snapshot)
}

/// Parses and validates a manifest file's bytes. Never panics, whatever the input.
pub fn parse_manifest(bytes: &[u8]) -> Result<Manifest, Vec<Problem>> {
    checked(parse_json(bytes, MAX_MANIFEST_BYTES)?, check_manifest)
}

/// Like [`parse_snapshot`], but a file that is not JSON of the right shape gets one problem at
/// `.` instead of its path: no path tracking, so much less code (the browser's main module uses
/// this and asks [`parse_snapshot`] for the path only when a file is broken; docs/decisions.md).
pub fn parse_snapshot_untracked(bytes: &[u8]) -> Result<Snapshot, Vec<Problem>> {
    checked(parse_json_untracked(bytes, MAX_SNAPSHOT_BYTES)?, check_snapshot)
}

/// [`parse_manifest`] without path tracking, as [`parse_snapshot_untracked`].
pub fn parse_manifest_untracked(bytes: &[u8]) -> Result<Manifest, Vec<Problem>> {
    checked(parse_json_untracked(bytes, MAX_MANIFEST_BYTES)?, check_manifest)
}

/// `value` if `check` finds nothing wrong with it, else what it found.
fn checked<T>(value: T, check: fn(&T) -> Vec<Problem>) -> Result<T, Vec<Problem>> {
    let problems = check(&value);
    if problems.is_empty() {
        Ok(value)
    } else {
        Err(problems)
    }
}

/// Whether `problems` say the file is not JSON of the right shape (rather than breaking a
/// rule): then [`parse_snapshot`] / [`parse_manifest`] can tell where.
pub fn is_shape_problem(problems: &[Problem]) -> bool {
    problems
        .iter()
        .any(|p| matches!(p.code, Code::WrongShape | Code::NotJson | Code::FileEndsEarly))
}

fn whole((code, params): (Code, Vec<(&'static str, String)>)) -> Vec<Problem> {
    vec![Problem::new(".", code, params)]
}

/// The size limit, then the text after any byte-order mark.
fn within_limit(bytes: &[u8], limit: usize) -> Result<&[u8], Vec<Problem>> {
    if bytes.len() > limit {
        return Err(whole((Code::FileTooLarge, params!["bytes" => bytes.len(), "max" => limit])));
    }
    Ok(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
}

/// From a `&str`, as Leptos reads the data carried in the page: the browser then holds one copy
/// of the model's parsing code, not two.
fn parse_json_untracked<T: DeserializeOwned>(bytes: &[u8], limit: usize) -> Result<T, Vec<Problem>> {
    let bytes = within_limit(bytes, limit)?;
    let text = std::str::from_utf8(bytes).map_err(|e| whole((Code::NotJson, params!["detail" => e])))?;
    serde_json::from_str(text).map_err(|e| whole(describe_json_error(&e)))
}

/// Size limit first (so a gigantic file costs nothing), then JSON with the path of any
/// type error. serde_json's own recursion limit turns deep nesting into an error.
fn parse_json<T: DeserializeOwned>(bytes: &[u8], limit: usize) -> Result<T, Vec<Problem>> {
    let bytes = within_limit(bytes, limit)?;
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
        Category::Eof => (
            Code::FileEndsEarly,
            params!["at" => format!("(line {}, column {})", e.line(), e.column())],
        ),
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
