//! The API document, generated: schemas from the same Rust types the server answers with
//! (`feedback::api`, `summary`) and the submission schema from the rules `validate` applies
//! (`feedback::contract`). The committed `openapi.json` is this document; a test fails when it
//! is stale (`cargo run -p server --bin widget-openapi > crates/server/openapi.json`).

use feedback::api::{ApiError, Health, Receipt};
use schemars::generate::SchemaSettings;
use serde_json::{json, Map, Value};

use crate::summary::Summary;

/// A month in a query, as `summary::parse_month` reads it.
pub const MONTH_PATTERN: &str = "^(20[0-9]{2}|2100)-(0[1-9]|1[0-2])$";

fn reply(description: &str, schema: &str) -> Value {
    json!({ "description": description, "content": { "application/json": { "schema": { "$ref": format!("#/components/schemas/{schema}") } } } })
}

fn error(description: &str) -> Value {
    reply(description, "ApiError")
}

pub fn document() -> Value {
    let mut generator = SchemaSettings::draft2020_12().with(|s| s.definitions_path = "/components/schemas".into()).into_generator();
    generator.subschema_for::<Receipt>();
    generator.subschema_for::<ApiError>();
    generator.subschema_for::<Health>();
    generator.subschema_for::<Summary>();
    let mut schemas: Map<String, Value> = generator.take_definitions(true);
    schemas.insert("Submission".into(), feedback::contract::submission_schema());
    let month = |name: &str, description: &str| json!({ "name": name, "in": "query", "required": false, "description": description, "schema": { "type": "string", "pattern": MONTH_PATTERN } });
    let staff_failures = |extra: &[(&str, Value)]| {
        let mut r = Map::new();
        for (code, value) in extra {
            r.insert((*code).into(), value.clone());
        }
        r.insert("401".into(), error("No bearer token, or not the right one"));
        r.insert("404".into(), error("A token was given, but this server has none configured (export_disabled)"));
        r.insert("503".into(), error("The database cannot be reached"));
        Value::Object(r)
    };
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Kumamoto City Hall Reform widget API",
            "version": "1.1.0",
            "description": "Receives citizens' feedback on the City Hall Reform Plan. Submissions are idempotent: the client chooses a UUID key, and a retry with the same key returns the same receipt without a second record. Generated from the server's types; do not edit by hand."
        },
        "paths": {
            "/api/feedback": { "post": {
                "summary": "Send feedback",
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Submission" } } } },
                "responses": {
                    "201": reply("Stored (or, for a filled-in honeypot, answered as if stored)", "Receipt"),
                    "200": reply("Already stored under this key: the same receipt", "Receipt"),
                    "400": error("Not JSON, or a field the API does not know (malformed_body)"),
                    "403": error("Posted from an origin that may not post (origin_not_allowed)"),
                    "413": error(&format!("Body over {} bytes, more than any submission within the rules can take in any encoding (body_too_large)", feedback::MAX_BODY_BYTES)),
                    "422": error("A rule was broken (invalid); errors names each field and problem"),
                    "429": {
                        "description": "Too many submissions from this client (rate_limited)",
                        "headers": { "Retry-After": { "description": "Seconds to wait", "schema": { "type": "integer" } } },
                        "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ApiError" } } }
                    },
                    "503": error("The database cannot be reached; nothing was stored (store_unavailable)")
                }
            } },
            "/api/health": { "get": {
                "summary": "Health check (the database answers)",
                "responses": { "200": reply("Ready", "Health"), "503": error("The database cannot be reached") }
            } },
            "/api/openapi.json": { "get": {
                "summary": "This document",
                "responses": { "200": { "description": "OpenAPI 3.1", "content": { "application/json": { "schema": { "type": "object" } } } } }
            } },
            "/api/feedback.csv": { "get": {
                "summary": "All feedback as CSV (staff only): UTF-8 with BOM, formula-safe",
                "security": [{ "bearer": [] }],
                "responses": staff_failures(&[("200", json!({ "description": "The CSV file", "content": { "text/csv": { "schema": { "type": "string" } } } }))])
            } },
            "/api/counter-survey/summary": { "get": {
                "summary": "Counter survey answers per ward × counter × month (Japan time), with the share satisfied (「とても満足」+「ほぼ満足」), in the snapshot's own format for counter_survey.breakdown and counter_survey.wards. Cells with fewer answers than the server's minimum (default 10) are withheld. from and to may come in either order.",
                "security": [{ "bearer": [] }],
                "parameters": [month("from", "First month, e.g. 2024-04 (default: all)"), month("to", "Last month, e.g. 2025-03 (default: all)")],
                "responses": staff_failures(&[("200", reply("The summary", "Summary")), ("400", error("from or to is not a month like 2024-04 (bad_month)"))])
            } }
        },
        "components": {
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } },
            "schemas": schemas
        }
    })
}

/// The document as committed: pretty JSON with a final newline.
pub fn document_text() -> String {
    let mut text = serde_json::to_string_pretty(&document()).expect("a JSON value serialises");
    text.push('\n');
    text
}
