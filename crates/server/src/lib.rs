//! The widget's server: the router over the API (`api`: feedback into SQLite or PostgreSQL,
//! health, the OpenAPI document, the staff endpoints), the rendered pages, the staff pages, the
//! figures that travel, the data folder and the built widget itself, with strict security
//! headers.

pub mod api;
pub mod city_files;
pub mod config;
pub mod follow;
pub mod openapi;
pub mod page_cache;
pub mod pages;
pub mod publications;
pub mod rate_limit;
pub mod readings;
pub mod serve;
pub mod share;
pub mod staff;
pub mod static_site;
pub mod store;
pub mod summary;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use axum::extract::{ConnectInfo, DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use feedback::MAX_BODY_BYTES;
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
    /// `?data=` previews per client address: each is read and rendered, never kept.
    pub previews: RateLimit,
    /// Kiosk survey steps posted without script, per client address: each is rendered, never kept.
    pub survey_steps: RateLimit,
    /// Private pages (`/voices/mine/<token>`) looked up per client address.
    pub follows: RateLimit,
    pub pages: page_cache::PageCache,
    pub staff: staff::StaffState,
    pub images: share::Images,
    /// Where staff changes to publications go: the data folder, or the shared database.
    pub publications: publications::Publications,
}

impl AppState {
    pub fn new(config: Config, store: Store) -> AppState {
        let config_dir = config.data_dir.clone();
        AppState {
            limit: RateLimit::new(config.rate_limit_per_minute),
            previews: RateLimit::new(pages::PREVIEWS_PER_MINUTE),
            survey_steps: RateLimit::new(pages::SURVEY_STEPS_PER_MINUTE),
            follows: RateLimit::new(follow::FOLLOWS_PER_MINUTE),
            config,
            store,
            pages: Default::default(),
            staff: Default::default(),
            images: Default::default(),
            publications: publications::Publications::folder(&config_dir),
        }
    }

    /// The same state with publications kept in the shared database.
    pub fn with_publications(self, publications: publications::Publications) -> AppState {
        AppState { publications, ..self }
    }
}

/// Only the server's own origin and the configured ones may post: a browser on another site
/// could otherwise send feedback in a visitor's name.
pub fn origin_allowed(headers: &HeaderMap, allowed: &[String]) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) else {
        return true; // not a browser cross-site request (curl, server-to-server)
    };
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
    let same = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))
        .is_some_and(|o| o == host);
    same || allowed.iter().any(|a| a == origin)
}

/// What is stored of a secret token (a session's, a private link's): its SHA-256, hex. A token
/// has at least 128 random bits, so a fast hash suffices: nobody can try enough tokens to find one.
pub fn token_hash(token: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares in constant time (`subtle`, already in the tree through the password hashing), so
/// timing reveals nothing of a token.
pub(crate) fn same_secret(a: &[u8], b: &[u8]) -> bool {
    subtle::ConstantTimeEq::ct_eq(a, b).into()
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
        Method::GET | Method::HEAD => pages::page(&app, peer, req).await,
        // Only the two forms' own addresses take a post: the feedback form and the kiosk's start.
        Method::POST if view_models::route::entry(view_models::route::screen_for(req.uri().path())).is_some_and(|e| e.takes_post) => {
            pages::posted_form(&app, peer, req).await
        }
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

/// One line per request: method, path, status, time. Never bodies, query strings, addresses or
/// a private link's token (feedback text, contact data and secrets stay out of logs).
async fn log_requests(req: Request, next: Next) -> Response {
    let (method, path) = (req.method().clone(), follow::loggable(req.uri().path()).into_owned());
    let started = Instant::now();
    let response = next.run(req).await;
    tracing::info!("{method} {path} {} {}ms", response.status().as_u16(), started.elapsed().as_millis());
    response
}

/// The header's policy: the page's own (written once, `render::PAGE_CSP`, also into each page
/// for static hosting) and who may frame it, which only a header can say.
pub fn csp(frame_ancestors: &str) -> String {
    format!("{}; frame-ancestors {frame_ancestors}", reform_widget::render::PAGE_CSP)
}

pub fn app(state: Arc<AppState>) -> Router {
    let allowed: Vec<HeaderValue> = state
        .config
        .allowed_origins
        .iter()
        .filter_map(|o| HeaderValue::from_str(o).ok())
        .collect();
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::list(allowed))
        .allow_methods([Method::POST, Method::GET, Method::OPTIONS])
        .allow_headers([header::CONTENT_TYPE]);
    let api = Router::new()
        .route("/api/feedback", post(api::post_feedback))
        .route("/api/health", get(api::health))
        .route("/api/openapi.json", get(api::openapi))
        .route("/api/feedback.csv", get(api::export_csv))
        .route("/api/counter-survey/summary", get(api::counter_survey_summary))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(cors);
    // The published data is the data folder's, whatever the build carries in its own data/:
    // its JSON files only (not the publication log, not a publication's temporary files), and
    // drafts only to signed-in staff.
    let data = Router::new()
        .fallback_service(ServeDir::new(&state.config.data_dir))
        .layer(middleware::from_fn_with_state(state.clone(), published_files_only));
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
        .merge(city_files::routes())
        .merge(follow::routes())
        .nest("/data", data)
        .fallback_service(files)
        .layer(compression)
        // Unless a response carries a stricter one of its own (the city's logo).
        .layer(SetResponseHeaderLayer::if_not_present(header::CONTENT_SECURITY_POLICY, csp))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        // A private page sends none at all (`follow`).
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ))
        // A whole request at most this long (408 after it), whatever the handler waits for.
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            std::time::Duration::from_secs(state.config.request_timeout_secs),
        ))
        .layer(middleware::from_fn(log_requests))
        .with_state(state)
}
