//! Staff sessions: a random token in an HttpOnly, SameSite=Strict cookie (`Secure` behind TLS),
//! expiring after a working day; only its hash is stored. `StaffAuth` is the extractor every
//! staff page takes, so no staff route can forget to ask. Every staff form is checked twice
//! against other sites: its origin, and the session's form token.

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};

use crate::staff::words::STAFF;
use crate::store::staff::{Role, Session};
use crate::AppState;

pub const COOKIE: &str = "widget-staff";
/// A working day.
pub const SESSION_SECONDS: i64 = 8 * 3600;

pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

fn token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|h| view_models::request::cookie_value(h, COOKIE))
        .filter(|t| t.len() == 64 && t.chars().all(|c| c.is_ascii_hexdigit()))
        .map(str::to_string)
}

/// Served over TLS (directly or behind a proxy that says so): the cookie is `Secure`.
fn over_tls(headers: &HeaderMap) -> bool {
    headers.get("x-forwarded-proto").and_then(|v| v.to_str().ok()) == Some("https")
}

pub fn set_cookie(headers: &HeaderMap, token: &str) -> HeaderValue {
    let secure = if over_tls(headers) { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={SESSION_SECONDS}{secure}"
    ))
    .expect("a plain cookie")
}

pub fn clear_cookie() -> HeaderValue {
    HeaderValue::from_str(&format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0")).expect("a plain cookie")
}

/// The signed-in member of staff, if the request carries a live session.
pub async fn session_of(app: &AppState, headers: &HeaderMap) -> Option<Session> {
    let token = token(headers)?;
    match app.store.session_get(&crate::token_hash(&token), now()).await {
        Ok(s) => s,
        Err(e) => {
            tracing::error!("reading a staff session failed: {e}");
            None
        }
    }
}

pub async fn sign_out(app: &AppState, headers: &HeaderMap) {
    if let Some(t) = token(headers) {
        if let Err(e) = app.store.session_delete(&crate::token_hash(&t)).await {
            tracing::error!("ending a staff session failed: {e}");
        }
    }
}

/// A signed-in member of staff. Without a session, a page asks to sign in and a form post is
/// refused.
pub struct StaffAuth(pub Session);

impl StaffAuth {
    pub fn is_publisher(&self) -> bool {
        self.0.role == Role::Publisher
    }

    /// Whether a citizen's contact address is shown: to publishers only, the fewest people
    /// who must be able to reply (docs/decisions.md).
    pub fn may_read_contact(&self) -> bool {
        self.0.role == Role::Publisher
    }
}

impl FromRequestParts<Arc<AppState>> for StaffAuth {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, app: &Arc<AppState>) -> Result<Self, Self::Rejection> {
        match session_of(app, &parts.headers).await {
            Some(s) => Ok(StaffAuth(s)),
            None if parts.method == Method::GET || parts.method == Method::HEAD => Err(Redirect::to("/staff/sign-in").into_response()),
            None => Err(super::page::render(StatusCode::FORBIDDEN, STAFF.sign_in_please, None, || {
                use leptos::prelude::*;
                view! {
                    <p>{STAFF.sign_in_needed}</p>
                    <p><a href="/staff/sign-in">{STAFF.sign_in}</a></p>
                }
            })),
        }
    }
}

/// A staff form comes from this site: its `Origin` (which browsers send with every post) names
/// this host, and it carries the session's form token. Either alone could be got round.
pub fn form_from_this_site(headers: &HeaderMap, expected_token: &str, given_token: &str) -> bool {
    origin_is_this_site(headers) && !expected_token.is_empty() && crate::same_secret(expected_token.as_bytes(), given_token.as_bytes())
}

/// The post's origin is this site: the API's same-origin rule (`crate::origin_allowed`), with no
/// other origin allowed. The sign-in form, which has no session yet, checks only this.
pub fn origin_is_this_site(headers: &HeaderMap) -> bool {
    crate::origin_allowed(headers, &[])
}

/// Largest staff form read, in bytes: a 2,000-character note written as percent escapes
/// (9 bytes a character) and the other fields fit.
const MAX_FORM_BYTES: usize = 64 * 1024;

/// A staff form's post: the signed-in member of staff and the form's fields, taken only when
/// the post comes from this site with the session's form token. Handlers that take it cannot
/// forget the check.
pub struct StaffForm<T>(pub StaffAuth, pub T);

#[derive(serde::Deserialize, Default)]
struct FormToken {
    #[serde(default)]
    csrf: String,
}

impl<T: serde::de::DeserializeOwned + Send> axum::extract::FromRequest<Arc<AppState>> for StaffForm<T> {
    type Rejection = Response;

    async fn from_request(req: axum::extract::Request, app: &Arc<AppState>) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = req.into_parts();
        let auth = StaffAuth::from_request_parts(&mut parts, app).await?;
        let Ok(bytes) = axum::body::to_bytes(body, MAX_FORM_BYTES).await else {
            return Err(super::refused(&auth, StatusCode::PAYLOAD_TOO_LARGE, STAFF.form_too_long));
        };
        let token: FormToken = serde_urlencoded::from_bytes(&bytes).unwrap_or_default();
        if !form_from_this_site(&parts.headers, &auth.0.csrf, &token.csrf) {
            return Err(super::other_site(&auth));
        }
        match serde_urlencoded::from_bytes::<T>(&bytes) {
            Ok(fields) => Ok(StaffForm(auth, fields)),
            Err(_) => Err(super::refused(&auth, StatusCode::BAD_REQUEST, STAFF.form_unreadable)),
        }
    }
}
