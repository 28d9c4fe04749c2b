//! The widget's server: `POST /api/feedback` (validated by the shared `feedback` rules,
//! idempotent, rate-limited, origin-checked, into SQLite or PostgreSQL), health, the generated
//! OpenAPI document, the staff CSV export and the counter survey summary, the rendered pages, and
//! the built widget itself with strict security headers.

pub mod config;
pub mod export;
pub mod openapi;
pub mod page_cache;
pub mod pages;
pub mod rate_limit;
pub mod serve;
pub mod share;
pub mod staff;
pub mod summary;
pub mod store;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use axum::extract::rejection::BytesRejection;
use feedback::api::{ApiError, ErrorCode, Health, HealthStatus, Receipt, BOT_RECEIPT};
use feedback::{validate, Submission, Verdict, MAX_BODY_BYTES};
use view_models::route::Screen;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

pub use config::Config;
use rate_limit::RateLimit;
use store::Store;

pub struct AppState {
    pub config: Config,
    pub store: Store,
    pub limit: RateLimit,
    pub pages: page_cache::PageCache,
    pub staff: staff::StaffState,
    pub images: share::Images,
}

impl AppState {
    pub fn new(config: Config, store: Store) -> AppState {
        AppState { limit: RateLimit::new(config.rate_limit_per_minute), config, store, pages: Default::default(), staff: Default::default(), images: Default::default() }
    }
}

const OPENAPI: &str = include_str!("../openapi.json");

fn api_error(status: StatusCode, error: ApiError) -> Response {
    (status, Json(error)).into_response()
}

/// Logs why the store failed (the database's own message, never a submission's text) and
/// answers 503: nothing was stored, the client tries again.
fn store_unavailable(what: &str, error: store::StoreError) -> Response {
    tracing::error!("{what} failed: {error}");
    api_error(StatusCode::SERVICE_UNAVAILABLE, ApiError::new(ErrorCode::StoreUnavailable))
}

/// Only the server's own origin and the configured ones may post: a browser on another site
/// could otherwise send feedback in a visitor's name.
pub fn origin_allowed(headers: &HeaderMap, allowed: &[String]) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) else {
        return true; // not a browser cross-site request (curl, server-to-server)
    };
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
    let same = origin.strip_prefix("http://").or_else(|| origin.strip_prefix("https://")).is_some_and(|o| o == host);
    same || allowed.iter().any(|a| a == origin)
}

async fn post_feedback(State(app): State<Arc<AppState>>, ConnectInfo(peer): ConnectInfo<SocketAddr>, headers: HeaderMap, body: Result<Bytes, BytesRejection>) -> Response {
    if !origin_allowed(&headers, &app.config.allowed_origins) {
        return api_error(StatusCode::FORBIDDEN, ApiError::new(ErrorCode::OriginNotAllowed));
    }
    if let Err(wait) = app.limit.check(app.config.client_ip(peer.ip(), &headers)) {
        let mut r = api_error(StatusCode::TOO_MANY_REQUESTS, ApiError::new(ErrorCode::RateLimited));
        r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(wait));
        return r;
    }
    let body = match body {
        Ok(b) => b,
        Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return api_error(StatusCode::PAYLOAD_TOO_LARGE, ApiError::new(ErrorCode::BodyTooLarge)),
        Err(_) => return api_error(StatusCode::BAD_REQUEST, ApiError::new(ErrorCode::MalformedBody)),
    };
    let Ok(submission) = serde_json::from_slice::<Submission>(&body) else {
        return api_error(StatusCode::BAD_REQUEST, ApiError::new(ErrorCode::MalformedBody));
    };
    let feedback = match validate(&submission) {
        Verdict::Valid(f) => f,
        Verdict::Invalid(errors) => return api_error(StatusCode::UNPROCESSABLE_ENTITY, ApiError { errors, ..ApiError::new(ErrorCode::Invalid) }),
        // Answer as if accepted so the sender learns nothing; store nothing.
        Verdict::Bot => return (StatusCode::CREATED, Json(Receipt { receipt: BOT_RECEIPT.into(), duplicate: false })).into_response(),
    };
    match app.store.insert(feedback).await {
        Ok(stored) => {
            let status = if stored.created { StatusCode::CREATED } else { StatusCode::OK };
            (status, Json(Receipt { receipt: stored.receipt, duplicate: !stored.created })).into_response()
        }
        Err(e) => store_unavailable("storing feedback", e),
    }
}

async fn health(State(app): State<Arc<AppState>>) -> Response {
    match app.store.count().await {
        Ok(_) => Json(Health { status: HealthStatus::Ok }).into_response(),
        Err(e) => store_unavailable("the health check's count", e),
    }
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

/// Compares without stopping at the first difference, so timing reveals nothing of the token.
pub(crate) fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Staff endpoints: the configured bearer token, compared in constant time. No token given is
/// always 401; a token given to a server that has none configured is told the export is off.
fn staff_only(app: &AppState, headers: &HeaderMap) -> Result<(), Response> {
    let unauthorized = || {
        let mut r = api_error(StatusCode::UNAUTHORIZED, ApiError::new(ErrorCode::Unauthorized));
        r.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        r
    };
    let Some(given) = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer ")) else {
        return Err(unauthorized());
    };
    let Some(token) = app.config.export_token.as_ref() else {
        return Err(api_error(StatusCode::NOT_FOUND, ApiError::with_message(ErrorCode::ExportDisabled, "this server has no staff token configured")));
    };
    if !same_secret(given.as_bytes(), token.as_bytes()) {
        return Err(unauthorized());
    }
    Ok(())
}

/// `GET /api/counter-survey/summary[?from=YYYY-MM&to=YYYY-MM]`: see `summary`.
async fn counter_survey_summary(State(app): State<Arc<AppState>>, headers: HeaderMap, uri: axum::http::Uri) -> Response {
    if let Err(r) = staff_only(&app, &headers) {
        return r;
    }
    let query = view_models::request::parse_form(uri.query().unwrap_or(""));
    let month = |name: &str, default: &str| match query.iter().find(|(k, _)| k == name) {
        Some((_, v)) => summary::parse_month(v.trim()).map(|m| format!("{:04}-{:02}", m.year, m.month)).map_err(|e| format!("{name}: {e}")),
        None => Ok(default.to_string()),
    };
    // Two months in either order name the same range.
    let (from, to) = match (month("from", "2000-01"), month("to", "2100-12")) {
        (Ok(f), Ok(t)) => (f.clone().min(t.clone()), f.max(t)),
        (Err(e), _) | (_, Err(e)) => return api_error(StatusCode::BAD_REQUEST, ApiError::with_message(ErrorCode::BadMonth, e)),
    };
    match app.store.counter_survey_counts(from, to).await {
        Ok(counted) => ([(header::CACHE_CONTROL, "no-store")], Json(summary::summarize(&counted, app.config.summary_min_count))).into_response(),
        Err(e) => store_unavailable("counting the counter survey", e),
    }
}

async fn export_csv(State(app): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    if let Err(r) = staff_only(&app, &headers) {
        return r;
    }
    match app.store.export_csv().await {
        Ok(csv) => (
            [(header::CONTENT_TYPE, "text/csv; charset=utf-8"), (header::CONTENT_DISPOSITION, "attachment; filename=\"feedback.csv\""), (header::CACHE_CONTROL, "no-store")],
            csv,
        )
            .into_response(),
        Err(e) => store_unavailable("the staff export", e),
    }
}

/// Paths without a file extension are app routes, answered with the rendered page.
pub fn is_app_route(path: &str) -> bool {
    !path.rsplit('/').next().unwrap_or("").contains('.') && !path.starts_with("/api/")
}

/// App routes get their page, rendered here; a form posted without script gets its answer.
/// Missing files are 404, so the app can tell "not found" from "not JSON".
async fn page_or_not_found(State(app): State<Arc<AppState>>, ConnectInfo(peer): ConnectInfo<SocketAddr>, req: Request) -> Response {
    if !is_app_route(req.uri().path()) {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    }
    match *req.method() {
        Method::GET | Method::HEAD => pages::page(&app, req).await,
        // Only the two forms' own addresses take a post: the feedback form and the kiosk's start.
        Method::POST if matches!(view_models::route::screen_for(req.uri().path()), Screen::Feedback | Screen::Start) => pages::posted_form(&app, peer, req).await,
        _ => (StatusCode::METHOD_NOT_ALLOWED, "").into_response(),
    }
}

/// In the data folder, only the manifest and snapshots are for the public; a draft's preview
/// files are for signed-in staff.
async fn published_files_only(State(app): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let parts: Vec<&str> = req.uri().path().split('/').filter(|p| !p.is_empty()).collect();
    let json = parts.last().is_some_and(|p| p.ends_with(".json")) && !parts.iter().any(|p| p.starts_with('.'));
    let allowed = match parts.as_slice() {
        [_] | [publish::folder::SNAPSHOTS, _] => json,
        [publish::drafts::DRAFTS, ..] => json && staff::session::session_of(&app, req.headers()).await.is_some(),
        _ => false,
    };
    if allowed {
        next.run(req).await
    } else {
        (StatusCode::NOT_FOUND, "not found").into_response()
    }
}

/// One line per request: method, path, status, time. Never bodies, query strings or addresses
/// (feedback text and contact data stay out of logs).
async fn log_requests(req: Request, next: Next) -> Response {
    let (method, path) = (req.method().clone(), req.uri().path().to_string());
    let started = Instant::now();
    let response = next.run(req).await;
    tracing::info!("{method} {path} {} {}ms", response.status().as_u16(), started.elapsed().as_millis());
    response
}

pub fn csp(frame_ancestors: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors {frame_ancestors}"
    )
}

pub fn app(state: Arc<AppState>) -> Router {
    let allowed: Vec<HeaderValue> = state.config.allowed_origins.iter().filter_map(|o| HeaderValue::from_str(o).ok()).collect();
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::list(allowed))
        .allow_methods([Method::POST, Method::GET, Method::OPTIONS])
        .allow_headers([header::CONTENT_TYPE]);
    let api = Router::new()
        .route("/api/feedback", post(post_feedback))
        .route("/api/health", get(health))
        .route("/api/openapi.json", get(openapi))
        .route("/api/feedback.csv", get(export_csv))
        .route("/api/counter-survey/summary", get(counter_survey_summary))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(cors);
    // The published data is the data folder's, whatever the build carries in its own data/:
    // its JSON files only (not the publication log, not a publication's temporary files), and
    // drafts only to signed-in staff.
    let data = Router::new().fallback_service(ServeDir::new(&state.config.data_dir)).layer(middleware::from_fn_with_state(state.clone(), published_files_only));
    let files = ServeDir::new(&state.config.static_dir)
        .precompressed_br()
        .precompressed_gzip()
        .call_fallback_on_method_not_allowed(true)
        .fallback(axum::handler::Handler::with_state(page_or_not_found, state.clone()));
    let csp = HeaderValue::from_str(&csp(&state.config.frame_ancestors)).expect("frame-ancestors validated in config");
    // Rendered pages are compressed as they go out (built files are already precompressed, and
    // a response that has an encoding is left alone): the home page is 60 KB, 14 KB in brotli.
    let compression = tower_http::compression::CompressionLayer::new()
        .br(true)
        .gzip(true)
        .quality(tower_http::CompressionLevel::Precise(5));
    Router::new()
        .merge(api)
        .merge(staff::routes())
        .merge(share::routes())
        .nest("/data", data)
        .fallback_service(files)
        .layer(compression)
        .layer(SetResponseHeaderLayer::overriding(header::CONTENT_SECURITY_POLICY, csp))
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::overriding(header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin")))
        .layer(SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static("no-cache")))
        // A whole request at most this long (408 after it), whatever the handler waits for.
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, std::time::Duration::from_secs(state.config.request_timeout_secs)))
        .layer(middleware::from_fn(log_requests))
        .with_state(state)
}
