//! The API against a real SQLite file: validation, limits, idempotency, rate limit, CORS,
//! export auth, headers and static serving. Requests go through the full router.

use std::path::PathBuf;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::{json, Value};
use server::config::Config;

mod common;
use common::{harness, send};

fn post(body: &Value) -> Request<Body> {
    Request::post("/api/feedback").header(header::CONTENT_TYPE, "application/json").header(header::HOST, "127.0.0.1:8080").body(Body::from(body.to_string())).unwrap()
}

fn key(n: u32) -> String {
    format!("00000000-0000-4000-8000-{n:012}")
}

fn rows_in_file(db: &PathBuf) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT COUNT(*) FROM feedback", [], |r| r.get(0)).unwrap()
}

fn json_of(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).unwrap()
}

#[tokio::test]
async fn a_valid_message_is_stored_and_a_retry_returns_the_same_receipt() {
    let h = harness("idem", |_| {});
    let body = json!({ "key": key(1), "message": "窓口がとても丁寧でした", "satisfaction": 5, "topic": "counter-satisfaction" });
    let (s1, _, b1) = send(&h, post(&body)).await;
    assert_eq!(s1, StatusCode::CREATED);
    let first = json_of(&b1);
    assert_eq!(first["duplicate"], false);
    let (s2, _, b2) = send(&h, post(&body)).await;
    assert_eq!(s2, StatusCode::OK);
    assert_eq!(json_of(&b2)["receipt"], first["receipt"]);
    assert_eq!(json_of(&b2)["duplicate"], true);
    assert_eq!(rows_in_file(&h.db), 1);
    let conn = rusqlite::Connection::open(&h.db).unwrap();
    let (msg, mode): (String, String) = conn.query_row("SELECT message, (SELECT journal_mode FROM pragma_journal_mode) FROM feedback", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    assert_eq!(msg, "窓口がとても丁寧でした");
    assert_eq!(mode, "wal");
}

#[tokio::test]
async fn invalid_fields_are_named_and_nothing_is_stored() {
    let h = harness("invalid", |_| {});
    let (s, _, b) = send(&h, post(&json!({ "key": key(2), "message": "  " }))).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(json_of(&b)["errors"][0], json!({ "field": "message", "problem": "required" }));
    let (s, _, b) = send(&h, post(&json!({ "key": key(3), "message": "あ".repeat(2001) }))).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(json_of(&b)["errors"][0], json!({ "field": "message", "problem": "too_long", "limit": 2000 }));
    let (s, _, b) = send(&h, post(&json!({ "key": key(4), "message": "ok", "email": "a@example.jp" }))).await;
    assert_eq!((s, json_of(&b)["errors"][0]["problem"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("email_without_consent")));
    let (s, _, _) = send(&h, post(&json!({ "key": "not-a-uuid", "message": "ok" }))).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(rows_in_file(&h.db), 0);
}

#[tokio::test]
async fn malformed_unknown_and_oversized_bodies_are_refused() {
    let h = harness("bodies", |_| {});
    let raw = |b: String| Request::post("/api/feedback").header(header::CONTENT_TYPE, "application/json").body(Body::from(b)).unwrap();
    assert_eq!(send(&h, raw("{not json".into())).await.0, StatusCode::BAD_REQUEST);
    assert_eq!(send(&h, raw(json!({ "key": key(5), "message": "m", "admin": true }).to_string())).await.0, StatusCode::BAD_REQUEST);
    let huge = json!({ "key": key(6), "message": "x".repeat(20_000) }).to_string();
    assert_eq!(send(&h, raw(huge)).await.0, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(rows_in_file(&h.db), 0);
}

#[tokio::test]
async fn the_honeypot_is_answered_but_not_stored() {
    let h = harness("honeypot", |_| {});
    let (s, _, _) = send(&h, post(&json!({ "key": key(7), "message": "buy now", "website": "http://spam.example" }))).await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(rows_in_file(&h.db), 0);
}

#[tokio::test]
async fn the_rate_limit_answers_429_with_retry_after() {
    let h = harness("rate", |c| c.rate_limit_per_minute = 3);
    for n in 0..3 {
        assert_eq!(send(&h, post(&json!({ "key": key(100 + n), "message": "m" }))).await.0, StatusCode::CREATED);
    }
    let (s, headers, b) = send(&h, post(&json!({ "key": key(200), "message": "m" }))).await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(json_of(&b)["error"], "rate_limited");
    let wait: u64 = headers[header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait));
    assert_eq!(rows_in_file(&h.db), 3);
}

#[tokio::test]
async fn only_the_own_and_configured_origins_may_post() {
    let h = harness("cors", |c| c.allowed_origins = vec!["https://www.city.kumamoto.jp".into()]);
    let with_origin = |origin: &str, n: u32| {
        Request::post("/api/feedback")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::HOST, "127.0.0.1:8080")
            .header(header::ORIGIN, origin)
            .body(Body::from(json!({ "key": key(n), "message": "m" }).to_string()))
            .unwrap()
    };
    let (s, _, b) = send(&h, with_origin("https://evil.example", 300)).await;
    assert_eq!((s, json_of(&b)["error"].clone()), (StatusCode::FORBIDDEN, json!("origin_not_allowed")));
    let (s, headers, _) = send(&h, with_origin("https://www.city.kumamoto.jp", 301)).await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "https://www.city.kumamoto.jp");
    assert_eq!(send(&h, with_origin("http://127.0.0.1:8080", 302)).await.0, StatusCode::CREATED, "same origin");
    let preflight = Request::options("/api/feedback")
        .header(header::ORIGIN, "https://www.city.kumamoto.jp")
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
        .header(header::ACCESS_CONTROL_REQUEST_HEADERS, "content-type")
        .body(Body::empty())
        .unwrap();
    let (s, headers, _) = send(&h, preflight).await;
    assert!(s.is_success());
    assert_eq!(headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "https://www.city.kumamoto.jp");
    let foreign_preflight = Request::options("/api/feedback")
        .header(header::ORIGIN, "https://evil.example")
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
        .body(Body::empty())
        .unwrap();
    assert!(!send(&h, foreign_preflight).await.1.contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN));
    assert_eq!(rows_in_file(&h.db), 2);
}

#[tokio::test]
async fn export_needs_the_configured_token() {
    let disabled = harness("export-off", |_| {});
    let get = |auth: Option<&str>| {
        let mut r = Request::get("/api/feedback.csv");
        if let Some(a) = auth {
            r = r.header(header::AUTHORIZATION, a);
        }
        r.body(Body::empty()).unwrap()
    };
    assert_eq!(send(&disabled, get(Some("Bearer anything-at-all-long"))).await.0, StatusCode::NOT_FOUND);
    let h = harness("export-on", |c| c.export_token = Some("s3cret-token-for-staff".into()));
    send(&h, post(&json!({ "key": key(400), "message": "=1+1 はセルの式ではなく文字", "satisfaction": 4 }))).await;
    assert_eq!(send(&h, get(None)).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(send(&h, get(Some("Bearer wrong-token-for-staff!"))).await.0, StatusCode::UNAUTHORIZED);
    let (s, headers, body) = send(&h, get(Some("Bearer s3cret-token-for-staff"))).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    let text = String::from_utf8(body).unwrap();
    assert!(text.starts_with("\u{FEFF}receipt,received_at,kind,topic,satisfaction,message,email,ward,section\r\nKR-0000001,"), "{text}");
    assert!(text.contains(",general,,4,'=1+1 はセルの式ではなく文字,,,\r\n"), "{text}");
}

#[tokio::test]
async fn health_openapi_headers_and_static_files() {
    let h = harness("static", |c| c.frame_ancestors = "'self' https://www.city.kumamoto.jp".into());
    let get = |p: &str| Request::get(p).body(Body::empty()).unwrap();
    assert_eq!(send(&h, get("/api/health")).await.0, StatusCode::OK);
    let (s, _, b) = send(&h, get("/api/openapi.json")).await;
    assert_eq!(s, StatusCode::OK);
    let doc = json_of(&b);
    assert_eq!(doc["openapi"], "3.1.0");
    assert!(doc["paths"]["/api/feedback"]["post"].is_object());
    let (s, headers, b) = send(&h, get("/plan")).await;
    assert_eq!(s, StatusCode::OK, "app routes get their page");
    assert!(String::from_utf8(b).unwrap().contains("<title>プランの内容｜熊本市 市役所改革プラン</title>"));
    let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval'") && !csp.contains("unsafe-inline"), "{csp}");
    assert!(csp.ends_with("frame-ancestors 'self' https://www.city.kumamoto.jp"), "{csp}");
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(headers[header::REFERRER_POLICY], "strict-origin-when-cross-origin");
    assert_eq!(send(&h, get("/data/index.json")).await.0, StatusCode::OK);
    assert_eq!(send(&h, get("/data/missing.json")).await.0, StatusCode::NOT_FOUND, "missing files are 404, not the app");
    assert_eq!(send(&h, get("/api/nothing")).await.0, StatusCode::NOT_FOUND);
}

#[test]
fn config_reads_flags_and_refuses_nonsense() {
    let c = Config::from_env_and_args(["--listen", "127.0.0.1:9000", "--allow-origin", "https://a.example/", "--rate-limit", "5"].map(String::from)).unwrap();
    assert_eq!(c.listen.port(), 9000);
    assert_eq!(c.allowed_origins, ["https://a.example"]);
    assert_eq!(c.rate_limit_per_minute, 5);
    assert!(Config::from_env_and_args(["--listen", "nowhere"].map(String::from)).is_err());
    assert!(Config::from_env_and_args(["--frame-ancestors", "'self'; script-src *"].map(String::from)).is_err());
    assert!(Config::from_env_and_args(["--bogus"].map(String::from)).is_err());
}

#[tokio::test]
async fn a_counter_survey_answer_keeps_ward_and_section() {
    let h = harness("survey", |_| {});
    let (s, _, _) = send(&h, post(&json!({ "key": key(500), "kind": "counter_survey", "message": "", "satisfaction": 5, "ward": "chuo", "section": "tax" }))).await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, _, b) = send(&h, post(&json!({ "key": key(501), "kind": "counter_survey", "message": "", "satisfaction": 5 }))).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(json_of(&b)["errors"][0], json!({ "field": "ward", "problem": "required" }));
    let conn = rusqlite::Connection::open(&h.db).unwrap();
    let row: (String, String, String, i64) = conn.query_row("SELECT kind, ward, section, satisfaction FROM feedback", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).unwrap();
    assert_eq!(row, ("counter_survey".into(), "chuo".into(), "tax".into(), 5));
}
