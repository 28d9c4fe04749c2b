//! The API document, generated: schemas from the same Rust types the server answers with
//! (`feedback::api`, `summary`) and the submission schema from the rules `validate` applies
//! (`feedback::contract`). The committed `openapi.json` is this document; a test fails when it
//! is stale (`cargo run -p server --bin widget-openapi > crates/server/openapi.json`). The committed
//! one lists the default data's offices; the server answers with its own city's.

use feedback::api::{ApiError, ErrorCode, Health, Receipt};
use schemars::generate::SchemaSettings;
use serde_json::{json, Map, Value};

use crate::summary::Summary;

fn reply(description: &str, schema: &str) -> Value {
    json!({ "description": description, "content": { "application/json": { "schema": { "$ref": format!("#/components/schemas/{schema}") } } } })
}

fn error(description: &str) -> Value {
    reply(description, "ApiError")
}

/// An endpoint's responses: `ok` as given, then each refusal it may answer with, at the status
/// and in the words `ErrorCode::status_and_meaning` gives (the server's `Failure` reads the same).
fn responses(ok: &[(&str, Value)], refusals: &[ErrorCode]) -> Value {
    let mut r = Map::new();
    for (status, value) in ok {
        r.insert((*status).into(), value.clone());
    }
    for &code in refusals {
        let (status, meaning) = code.status_and_meaning();
        let limit = if code == ErrorCode::BodyTooLarge {
            format!(": {} bytes", feedback::MAX_BODY_BYTES)
        } else {
            String::new()
        };
        let mut value = error(&format!("{meaning}{limit} ({})", code.name()));
        if code == ErrorCode::RateLimited {
            value["headers"] = json!({ "Retry-After": { "description": "Seconds to wait", "schema": { "type": "integer" } } });
        }
        r.insert(status.to_string(), value);
    }
    Value::Object(r)
}

/// The document for a city whose latest publication lists `offices` (their ids are the only
/// places a counter survey answer may name).
pub fn document(offices: &[&str]) -> Value {
    let mut generator = SchemaSettings::draft2020_12()
        .with(|s| s.definitions_path = "/components/schemas".into())
        .into_generator();
    generator.subschema_for::<Receipt>();
    generator.subschema_for::<ApiError>();
    generator.subschema_for::<Health>();
    generator.subschema_for::<Summary>();
    let mut schemas: Map<String, Value> = generator.take_definitions(true);
    schemas.insert("Submission".into(), feedback::contract::submission_schema(offices));
    let month = |name: &str, description: &str| json!({ "name": name, "in": "query", "required": false, "description": description, "schema": { "type": "string", "pattern": crate::summary::month_pattern() } });
    use ErrorCode::*;
    let staff = [Unauthorized, ExportDisabled, StoreUnavailable];
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "City Hall Reform widget API",
            "version": "1.1.0",
            "description": "Receives citizens' feedback on the City Hall Reform Plan. Submissions are idempotent: the client chooses a UUID key, and a retry with the same key returns the same receipt without a second record. Generated from the server's types; do not edit by hand."
        },
        "paths": {
            "/api/feedback": { "post": {
                "summary": "Send feedback",
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Submission" } } } },
                "responses": responses(
                    &[("201", reply("Stored (or, for a filled-in honeypot, answered as if stored)", "Receipt")), ("200", reply("Already stored under this key: the same receipt", "Receipt"))],
                    &[MalformedBody, OriginNotAllowed, BodyTooLarge, Invalid, RateLimited, StoreUnavailable]
                )
            } },
            "/api/health": { "get": {
                "summary": "Health check (the database answers)",
                "responses": responses(&[("200", reply("Ready", "Health"))], &[StoreUnavailable])
            } },
            "/api/openapi.json": { "get": {
                "summary": "This document",
                "responses": { "200": { "description": "OpenAPI 3.1", "content": { "application/json": { "schema": { "type": "object" } } } } }
            } },
            "/api/feedback.csv": { "get": {
                "summary": "All feedback as CSV (staff only): UTF-8 with BOM, formula-safe",
                "security": [{ "bearer": [] }],
                "responses": responses(&[("200", json!({ "description": "The CSV file", "content": { "text/csv": { "schema": { "type": "string" } } } }))], &staff)
            } },
            "/api/counter-survey/summary": { "get": {
                "summary": "Counter survey answers per ward × counter × month (Japan time), with the share satisfied (「とても満足」+「ほぼ満足」), in the snapshot's own format for counter_survey.breakdown and counter_survey.wards. Cells with fewer answers than the server's minimum (default 10) are withheld. from and to may come in either order.",
                "security": [{ "bearer": [] }],
                "parameters": [month("from", "First month, e.g. 2024-04 (default: all)"), month("to", "Last month, e.g. 2025-03 (default: all)")],
                "responses": responses(&[("200", reply("The summary", "Summary"))], &[&staff[..], &[BadMonth]].concat())
            } }
        },
        "components": {
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } },
            "schemas": schemas
        }
    })
}

/// The document as committed: pretty JSON with a final newline.
/// The offices of the default data (`public/data`), which the committed document lists.
pub fn default_offices() -> Vec<String> {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/data/snapshots/2023-12.json");
    let bytes = std::fs::read(file).expect("the default data, beside the sources");
    let s = snapshot::parse_snapshot(&bytes).expect("the default data reads");
    view_models::city::office_ids(&s).into_iter().map(String::from).collect()
}

pub fn document_text(offices: &[&str]) -> String {
    let mut text = serde_json::to_string_pretty(&document(offices)).expect("a JSON value serialises");
    text.push('\n');
    text
}
