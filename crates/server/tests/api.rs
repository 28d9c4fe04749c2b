//! The API against a real SQLite file: validation, limits, idempotency, rate limit, CORS,
//! export auth, headers and static serving. Requests go through the full router.

use std::path::PathBuf;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use feedback::api::{ApiError, ErrorCode, Health, HealthStatus, Receipt};
use feedback::{Field, FieldError, Kind, Problem, Submission};
use server::config::Config;

mod common;
use common::{harness, send};

fn post(submission: &Submission) -> Request<Body> {
    Request::post("/api/feedback")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::HOST, "127.0.0.1:8080")
        .body(Body::from(serde_json::to_string(submission).unwrap()))
        .unwrap()
}

/// A general message with this key and text.
fn message(n: u32, text: &str) -> Submission {
    Submission {
        key: key(n),
        message: text.into(),
        ..Default::default()
    }
}

fn key(n: u32) -> String {
    format!("00000000-0000-4000-8000-{n:012}")
}

fn rows_in_file(db: &PathBuf) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT COUNT(*) FROM feedback", [], |r| r.get(0)).unwrap()
}

fn receipt(bytes: &[u8]) -> Receipt {
    serde_json::from_slice(bytes).unwrap()
}

fn api_error(bytes: &[u8]) -> ApiError {
    serde_json::from_slice(bytes).unwrap()
}

fn field_error(field: Field, problem: Problem, limit: Option<usize>) -> FieldError {
    FieldError { field, problem, limit }
}

#[tokio::test]
async fn a_valid_message_is_stored_and_a_retry_returns_the_same_receipt() {
    let h = harness("idem", |_| {}).await;
    let body = Submission {
        satisfaction: Some(5),
        topic: "counter-satisfaction".into(),
        ..message(1, "窓口がとても丁寧でした")
    };
    let (s1, _, b1) = send(&h, post(&body)).await;
    assert_eq!(s1, StatusCode::CREATED);
    let first = receipt(&b1);
    assert!(!first.duplicate);
    let (s2, _, b2) = send(&h, post(&body)).await;
    assert_eq!(s2, StatusCode::OK);
    // Sent without a token, the first got one made for it, which only its hash remembers: a
    // retry gets no link (the browser sends its own token, and gets it back: tests/follow.rs).
    assert!(first.follow.is_some());
    assert_eq!(
        receipt(&b2),
        Receipt {
            duplicate: true,
            follow: None,
            ..first
        }
    );
    assert_eq!(rows_in_file(&h.db), 1);
    let conn = rusqlite::Connection::open(&h.db).unwrap();
    let (msg, mode): (String, String) = conn
        .query_row(
            "SELECT message, (SELECT journal_mode FROM pragma_journal_mode) FROM feedback",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(msg, "窓口がとても丁寧でした");
    assert_eq!(mode, "wal");
}

#[tokio::test]
async fn invalid_fields_are_named_and_nothing_is_stored() {
    let h = harness("invalid", |_| {}).await;
    let (s, _, b) = send(&h, post(&message(2, "  "))).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        api_error(&b),
        ApiError {
            errors: vec![field_error(Field::Message, Problem::Required, None)],
            ..ApiError::new(ErrorCode::Invalid)
        }
    );
    let (s, _, b) = send(&h, post(&message(3, &"あ".repeat(2001)))).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(api_error(&b).errors, [field_error(Field::Message, Problem::TooLong, Some(2000))]);
    let (s, _, b) = send(
        &h,
        post(&Submission {
            email: "a@example.jp".into(),
            ..message(4, "ok")
        }),
    )
    .await;
    assert_eq!(
        (s, api_error(&b).errors),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![field_error(Field::Consent, Problem::EmailWithoutConsent, None)]
        )
    );
    let (s, _, _) = send(
        &h,
        post(&Submission {
            key: "not-a-uuid".into(),
            ..message(0, "ok")
        }),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(rows_in_file(&h.db), 0);
}

#[tokio::test]
async fn malformed_unknown_and_oversized_bodies_are_refused() {
    let h = harness("bodies", |_| {}).await;
    let raw = |b: String| {
        Request::post("/api/feedback")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(b))
            .unwrap()
    };
    assert_eq!(send(&h, raw("{not json".into())).await.0, StatusCode::BAD_REQUEST);
    let (s, _, b) = send(&h, raw(format!(r#"{{"key":"{}","message":"m","admin":true}}"#, key(5)))).await;
    assert_eq!(
        (s, api_error(&b).error),
        (StatusCode::BAD_REQUEST, ErrorCode::MalformedBody),
        "unknown fields"
    );
    let huge = serde_json::to_string(&message(6, &"x".repeat(feedback::MAX_BODY_BYTES + 1))).unwrap();
    let (s, headers, b) = send(&h, raw(huge)).await;
    assert_eq!((s, api_error(&b).error), (StatusCode::PAYLOAD_TOO_LARGE, ErrorCode::BodyTooLarge));
    assert_eq!(headers[header::CONTENT_TYPE], "application/json", "as documented");
    assert_eq!(rows_in_file(&h.db), 0);
}

#[tokio::test]
async fn the_honeypot_is_answered_but_not_stored() {
    let h = harness("honeypot", |_| {}).await;
    let (s, _, b) = send(
        &h,
        post(&Submission {
            website: "http://spam.example".into(),
            ..message(7, "buy now")
        }),
    )
    .await;
    assert_eq!((s, receipt(&b).duplicate), (StatusCode::CREATED, false));
    // A filled honeypot with a broken rule is told about the rule, like anyone.
    let (s, _, _) = send(
        &h,
        post(&Submission {
            website: "http://spam.example".into(),
            ..message(8, "")
        }),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(rows_in_file(&h.db), 0);
}

#[tokio::test]
async fn the_rate_limit_answers_429_with_retry_after() {
    let h = harness("rate", |c| c.rate_limit_per_minute = 3).await;
    for n in 0..3 {
        assert_eq!(send(&h, post(&message(100 + n, "m"))).await.0, StatusCode::CREATED);
    }
    let (s, headers, b) = send(&h, post(&message(200, "m"))).await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(api_error(&b).error, ErrorCode::RateLimited);
    let wait: u64 = headers[header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait));
    assert_eq!(rows_in_file(&h.db), 3);
}

#[tokio::test]
async fn only_the_own_and_configured_origins_may_post() {
    let h = harness("cors", |c| c.allowed_origins = vec!["https://www.city.kumamoto.jp".into()]).await;
    let with_origin = |origin: &str, n: u32| {
        Request::post("/api/feedback")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::HOST, "127.0.0.1:8080")
            .header(header::ORIGIN, origin)
            .body(Body::from(serde_json::to_string(&message(n, "m")).unwrap()))
            .unwrap()
    };
    let (s, _, b) = send(&h, with_origin("https://evil.example", 300)).await;
    assert_eq!((s, api_error(&b).error), (StatusCode::FORBIDDEN, ErrorCode::OriginNotAllowed));
    let (s, headers, _) = send(&h, with_origin("https://www.city.kumamoto.jp", 301)).await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "https://www.city.kumamoto.jp");
    assert_eq!(
        send(&h, with_origin("http://127.0.0.1:8080", 302)).await.0,
        StatusCode::CREATED,
        "same origin"
    );
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
    assert!(!send(&h, foreign_preflight)
        .await
        .1
        .contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN));
    assert_eq!(rows_in_file(&h.db), 2);
}

#[tokio::test]
async fn export_needs_the_configured_token() {
    let disabled = harness("export-off", |_| {}).await;
    let get = |auth: Option<&str>| {
        let mut r = Request::get("/api/feedback.csv");
        if let Some(a) = auth {
            r = r.header(header::AUTHORIZATION, a);
        }
        r.body(Body::empty()).unwrap()
    };
    // No token is always 401, as documented; a token for a server without one says so.
    let (s, headers, _) = send(&disabled, get(None)).await;
    assert_eq!(
        (s, headers[header::WWW_AUTHENTICATE].to_str().unwrap()),
        (StatusCode::UNAUTHORIZED, "Bearer")
    );
    let (s, _, b) = send(&disabled, get(Some("Bearer anything-at-all-long"))).await;
    assert_eq!((s, api_error(&b).error), (StatusCode::NOT_FOUND, ErrorCode::ExportDisabled));
    let h = harness("export-on", |c| c.export_token = Some("s3cret-token-for-staff".into())).await;
    send(
        &h,
        post(&Submission {
            satisfaction: Some(4),
            ..message(400, "=1+1 はセルの式ではなく文字")
        }),
    )
    .await;
    assert_eq!(send(&h, get(None)).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(
        send(&h, get(Some("Bearer wrong-token-for-staff!"))).await.0,
        StatusCode::UNAUTHORIZED
    );
    let (s, headers, body) = send(&h, get(Some("Bearer s3cret-token-for-staff"))).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    let text = String::from_utf8(body).unwrap();
    assert!(
        text.starts_with("\u{FEFF}receipt,received_at,kind,topic,satisfaction,message,email,ward,section\r\nKR-0000001,"),
        "{text}"
    );
    assert!(text.contains(",general,,4,'=1+1 はセルの式ではなく文字,,,\r\n"), "{text}");
}

#[tokio::test]
async fn health_openapi_headers_and_static_files() {
    let h = harness("static", |c| c.frame_ancestors = "'self' https://www.city.kumamoto.jp".into()).await;
    let get = |p: &str| Request::get(p).body(Body::empty()).unwrap();
    let (s, _, b) = send(&h, get("/api/health")).await;
    assert_eq!(
        (s, serde_json::from_slice::<Health>(&b).unwrap().status),
        (StatusCode::OK, HealthStatus::Ok)
    );
    let (s, _, b) = send(&h, get("/api/openapi.json")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        String::from_utf8(b).unwrap(),
        default_document(),
        "the served document is the generated one, with the running city's offices"
    );
    let (s, headers, b) = send(&h, get("/plan")).await;
    assert_eq!(s, StatusCode::OK, "app routes get their page");
    assert!(String::from_utf8(b)
        .unwrap()
        .contains("<title>プランの内容｜熊本市 市役所改革プラン</title>"));
    let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert!(csp.ends_with("frame-ancestors 'self' https://www.city.kumamoto.jp"), "{csp}");
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(headers[header::REFERRER_POLICY], "strict-origin-when-cross-origin");
    assert_eq!(send(&h, get("/data/index.json")).await.0, StatusCode::OK);
    assert_eq!(
        send(&h, get("/data/missing.json")).await.0,
        StatusCode::NOT_FOUND,
        "missing files are 404, not the app"
    );
    assert_eq!(send(&h, get("/api/nothing")).await.0, StatusCode::NOT_FOUND);
}

#[test]
fn config_reads_flags_and_refuses_nonsense() {
    let c = Config::from_env_and_args(
        [
            "--listen",
            "127.0.0.1:9000",
            "--allow-origin",
            "https://a.example/",
            "--rate-limit",
            "5",
        ]
        .map(String::from),
    )
    .unwrap();
    assert_eq!(c.listen.port(), 9000);
    assert_eq!(c.allowed_origins, ["https://a.example"]);
    assert_eq!(c.rate_limit_per_minute, 5);
    assert!(Config::from_env_and_args(["--listen", "nowhere"].map(String::from)).is_err());
    assert!(Config::from_env_and_args(["--frame-ancestors", "'self'; script-src *"].map(String::from)).is_err());
    assert!(Config::from_env_and_args(["--bogus"].map(String::from)).is_err());
}

#[tokio::test]
async fn a_counter_survey_answer_keeps_ward_and_section() {
    let h = harness("survey", |_| {}).await;
    let answer = Submission {
        kind: Kind::CounterSurvey,
        satisfaction: Some(5),
        ward: "chuo".into(),
        section: "tax".into(),
        ..message(500, "")
    };
    let (s, _, _) = send(&h, post(&answer)).await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, _, b) = send(
        &h,
        post(&Submission {
            key: key(501),
            ward: String::new(),
            section: String::new(),
            ..answer
        }),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(api_error(&b).errors[0], field_error(Field::Ward, Problem::Required, None));
    let conn = rusqlite::Connection::open(&h.db).unwrap();
    let row: (String, String, String, i64) = conn
        .query_row("SELECT kind, ward, section, satisfaction FROM feedback", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .unwrap();
    assert_eq!(row, ("counter_survey".into(), "chuo".into(), "tax".into(), 5));
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_rate_limit_counts_the_forwarded_client() {
    // The harness's peer is 127.0.0.1: here it is the proxy.
    let h = harness("proxy", |c| {
        c.rate_limit_per_minute = 2;
        c.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    })
    .await;
    let via_proxy = |n: u32, forwarded: &str| {
        let mut r = post(&message(n, "m"));
        r.headers_mut().insert("x-forwarded-for", forwarded.parse().unwrap());
        r
    };
    // Two clients behind one proxy each get their own allowance.
    for n in 0..2 {
        assert_eq!(send(&h, via_proxy(600 + n, "203.0.113.7")).await.0, StatusCode::CREATED);
        assert_eq!(send(&h, via_proxy(610 + n, "198.51.100.20")).await.0, StatusCode::CREATED);
    }
    assert_eq!(send(&h, via_proxy(620, "203.0.113.7")).await.0, StatusCode::TOO_MANY_REQUESTS);
    // A client cannot escape by writing its own header: the proxy appends the real address.
    assert_eq!(
        send(&h, via_proxy(621, "10.9.9.9, 203.0.113.7")).await.0,
        StatusCode::TOO_MANY_REQUESTS
    );

    // Without the setting the header is ignored: everyone behind it is the one peer.
    let plain = harness("no-proxy", |c| c.rate_limit_per_minute = 2).await;
    for (n, client) in ["203.0.113.7", "198.51.100.20"].into_iter().enumerate() {
        assert_eq!(send(&plain, via_proxy(700 + n as u32, client)).await.0, StatusCode::CREATED);
    }
    assert_eq!(send(&plain, via_proxy(702, "192.0.2.1")).await.0, StatusCode::TOO_MANY_REQUESTS);
}

fn default_document() -> String {
    let offices = server::openapi::default_offices();
    server::openapi::document_text(&offices.iter().map(String::as_str).collect::<Vec<_>>())
}

#[test]
fn the_committed_api_document_is_the_generated_one() {
    let committed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.json")).unwrap();
    assert!(
        committed == default_document(),
        "crates/server/openapi.json is stale: run `cargo run -p server --bin widget-openapi > crates/server/openapi.json`"
    );
}

#[test]
fn every_error_code_the_api_can_answer_is_documented_at_the_status_it_is_answered_with() {
    let document = server::openapi::document(&["chuo"]);
    // The codes as the body's schema lists them: derived from the enum, so a new code is here.
    let listed: Vec<String> = document["components"]["schemas"]["ErrorCode"]["oneOf"]
        .as_array()
        .expect("the ErrorCode schema lists its codes")
        .iter()
        .filter_map(|c| c["const"].as_str().map(String::from))
        .collect();
    assert!(
        listed.contains(&"bad_month".to_string()) && listed.contains(&"rate_limited".to_string()),
        "{listed:?}"
    );
    let responses: Vec<(String, String)> = document["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|p| p.as_object().unwrap().values())
        .flat_map(|op| {
            op["responses"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(status, r)| (status.clone(), r["description"].as_str().unwrap_or("").to_string()))
        })
        .collect();
    for name in listed {
        let code: ErrorCode = serde_json::from_value(serde_json::Value::String(name.clone())).unwrap();
        let documented: Vec<&String> = responses
            .iter()
            .filter(|(_, d)| d.ends_with(&format!("({name})")))
            .map(|(s, _)| s)
            .collect();
        assert!(!documented.is_empty(), "{name} is answered somewhere, and documented");
        assert!(
            documented.iter().all(|s| **s == code.status().to_string()),
            "{name} at {}: {documented:?}",
            code.status()
        );
    }
}

#[test]
fn a_postgres_url_selects_postgres_and_logs_without_its_password() {
    use server::store::Location;
    let c = Config::from_env_and_args(
        [
            "--db",
            "postgres://widget:secret@db.example:5432/feedback",
            "--trusted-proxy",
            "10.0.0.5",
        ]
        .map(String::from),
    )
    .unwrap();
    assert_eq!(c.db, Location::Postgres("postgres://widget:secret@db.example:5432/feedback".into()));
    assert_eq!(c.db.describe(), "postgres://widget@db.example:5432/feedback");
    assert_eq!(c.trusted_proxies, ["10.0.0.5".parse::<std::net::IpAddr>().unwrap()]);
    assert_eq!(
        Config::from_env_and_args(["--db", "var/x.sqlite3"].map(String::from)).unwrap().db,
        Location::Sqlite("var/x.sqlite3".into())
    );
    assert!(Config::from_env_and_args(["--trusted-proxy", "proxy.local"].map(String::from)).is_err());
}

#[tokio::test]
async fn two_thousand_emoji_written_as_escapes_are_accepted_and_one_more_is_a_listed_error() {
    let h = harness("escapes", |_| {}).await;
    // Every character as a JSON escape pair: 12 bytes each, the worst legal encoding.
    let body = |n: usize, k: u32| {
        let message = "\\ud83d\\ude00".repeat(n);
        format!(
            r#"{{"key":"{}","message":"{message}","topic":"{}","email":"","consent":false}}"#,
            key(k),
            "\\ud83d\\ude00".repeat(100)
        )
    };
    let post_raw = |b: String| {
        Request::post("/api/feedback")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::HOST, "127.0.0.1:8080")
            .body(Body::from(b))
            .unwrap()
    };
    assert!(body(2000, 1).len() > 16 * 1024, "larger than the old limit");
    let (s, _, b) = send(&h, post_raw(body(2000, 1))).await;
    assert_eq!(s, StatusCode::CREATED, "{}", String::from_utf8_lossy(&b));
    let (s, _, b) = send(&h, post_raw(body(2001, 2))).await;
    assert_eq!(
        s,
        StatusCode::UNPROCESSABLE_ENTITY,
        "too long is a rule, answered as the document lists"
    );
    assert_eq!(api_error(&b).errors[0].field, Field::Message);
    let documented: serde_json::Value = serde_json::from_str(include_str!("../openapi.json")).unwrap();
    for status in ["413", "422"] {
        assert!(
            documented["paths"]["/api/feedback"]["post"]["responses"][status].is_object(),
            "{status} is listed"
        );
    }
}
