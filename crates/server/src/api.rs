//! The JSON API: `POST /api/feedback`, health, the OpenAPI document, and the staff endpoints
//! (the feedback CSV and the counter survey summary, behind a bearer token). Handlers answer
//! `Result<_, Failure>`: a refusal is a `?` away, and always the `ApiError` body the API document
//! lists.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{ConnectInfo, FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use feedback::api::{ApiError, ErrorCode, Health, HealthStatus, Receipt, BOT_RECEIPT};
use feedback::{validate, Submission, Verdict};

use crate::{origin_allowed, same_secret, store, summary, AppState};

/// A refusal: its status, the body the API document lists, and the headers it asks for.
#[derive(Debug)]
pub struct Failure {
    status: StatusCode,
    body: ApiError,
    headers: Vec<(header::HeaderName, HeaderValue)>,
}

impl Failure {
    /// A refusal with `code`'s status (`ErrorCode::status`, which the API document reads too).
    pub fn new(code: ErrorCode) -> Failure {
        Failure {
            status: status_of(code),
            body: ApiError::new(code),
            headers: vec![],
        }
    }

    fn with_message(code: ErrorCode, message: impl Into<String>) -> Failure {
        Failure {
            status: status_of(code),
            body: ApiError::with_message(code, message),
            headers: vec![],
        }
    }

    fn header(mut self, name: header::HeaderName, value: HeaderValue) -> Failure {
        self.headers.push((name, value));
        self
    }

    /// The store failed: its own message is logged (never a submission's text) and the client
    /// is told nothing was stored, to try again.
    fn store(what: &'static str) -> impl FnOnce(store::StoreError) -> Failure {
        move |error| {
            tracing::error!("{what} failed: {error}");
            Failure::new(ErrorCode::StoreUnavailable)
        }
    }
}

fn status_of(code: ErrorCode) -> StatusCode {
    StatusCode::from_u16(code.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(self.body)).into_response();
        for (name, value) in self.headers {
            response.headers_mut().insert(name, value);
        }
        response
    }
}

pub async fn post_feedback(
    State(app): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Failure> {
    if !origin_allowed(&headers, &app.config.allowed_origins) {
        return Err(Failure::new(ErrorCode::OriginNotAllowed));
    }
    if let Err(wait) = app.limit.check(app.config.client_ip(peer.ip(), &headers)) {
        return Err(Failure::new(ErrorCode::RateLimited).header(header::RETRY_AFTER, HeaderValue::from(wait)));
    }
    let body = body.map_err(|e| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => Failure::new(ErrorCode::BodyTooLarge),
        _ => Failure::new(ErrorCode::MalformedBody),
    })?;
    let submission = serde_json::from_slice::<Submission>(&body).map_err(|_| Failure::new(ErrorCode::MalformedBody))?;
    let offices = crate::pages::office_ids(&app);
    let feedback = match validate(&submission, &offices.iter().map(String::as_str).collect::<Vec<_>>()) {
        Verdict::Valid(f) => f,
        Verdict::Invalid(errors) => {
            let mut refusal = Failure::new(ErrorCode::Invalid);
            refusal.body.errors = errors;
            return Err(refusal);
        }
        // Answer as if accepted so the sender learns nothing; store nothing.
        // Its link looks like any other and leads nowhere.
        Verdict::Bot => {
            let follow = (!submission.message.trim().is_empty()).then(|| feedback::follow_path(&crate::follow::new_token()));
            return Ok((
                StatusCode::CREATED,
                Json(Receipt {
                    receipt: BOT_RECEIPT.into(),
                    duplicate: false,
                    follow,
                }),
            )
                .into_response());
        }
    };
    let feedback = crate::follow::with_token(feedback);
    let stored = app
        .store
        .insert(crate::pages::with_card_topic(&app, feedback.clone()))
        .await
        .map_err(Failure::store("storing feedback"))?;
    let status = if stored.created { StatusCode::CREATED } else { StatusCode::OK };
    let follow = crate::follow::link(&feedback, &stored);
    Ok((
        status,
        Json(Receipt {
            receipt: stored.receipt,
            duplicate: !stored.created,
            follow,
        }),
    )
        .into_response())
}

pub async fn health(State(app): State<Arc<AppState>>) -> Result<Json<Health>, Failure> {
    app.store.count().await.map_err(Failure::store("the health check's count"))?;
    Ok(Json(Health { status: HealthStatus::Ok }))
}

/// The API document for the running city: the offices of its latest publication.
pub async fn openapi(State(app): State<Arc<AppState>>) -> Response {
    let offices = crate::pages::office_ids(&app);
    let text = crate::openapi::document_text(&offices.iter().map(String::as_str).collect::<Vec<_>>());
    ([(header::CONTENT_TYPE, "application/json")], text).into_response()
}

/// A staff endpoint's caller: the configured bearer token, compared in constant time. No token
/// given is always 401; a token given to a server that has none configured is told the export
/// is off.
pub struct StaffToken;

impl FromRequestParts<Arc<AppState>> for StaffToken {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, app: &Arc<AppState>) -> Result<StaffToken, Failure> {
        let unauthorized = || Failure::new(ErrorCode::Unauthorized).header(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        let given = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or_else(unauthorized)?;
        let token = app
            .config
            .export_token
            .as_ref()
            .ok_or_else(|| Failure::with_message(ErrorCode::ExportDisabled, "this server has no staff token configured"))?;
        if !same_secret(given.as_bytes(), token.as_bytes()) {
            return Err(unauthorized());
        }
        Ok(StaffToken)
    }
}

/// `GET /api/counter-survey/summary[?from=YYYY-MM&to=YYYY-MM]`: see `summary`.
pub async fn counter_survey_summary(
    _: StaffToken,
    State(app): State<Arc<AppState>>,
    range: Result<Query<summary::MonthRange>, QueryRejection>,
) -> Result<Response, Failure> {
    // A query that does not read as months (a wrong month, a name given twice, broken encoding)
    // is the documented refusal, saying what is wrong.
    let Query(range) = range.map_err(|e| Failure::with_message(ErrorCode::BadMonth, e.body_text()))?;
    let (from, to) = range.ordered();
    let counted = app
        .store
        .counter_survey_counts(from.to_string(), to.to_string())
        .await
        .map_err(Failure::store("counting the counter survey"))?;
    Ok((
        [(header::CACHE_CONTROL, "no-store")],
        Json(summary::summarize(
            &counted,
            app.config.summary_min_count,
            &crate::pages::offices(&app),
        )),
    )
        .into_response())
}

pub async fn export_csv(_: StaffToken, State(app): State<Arc<AppState>>) -> Result<Response, Failure> {
    let csv = app.store.export_csv().await.map_err(Failure::store("the staff export"))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"feedback.csv\""),
            (header::CACHE_CONTROL, "no-store"),
        ],
        csv,
    )
        .into_response())
}
