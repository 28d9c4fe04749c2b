//! A citizen's private link to their own message (`/voices/mine/<token>`): the token a message
//! is stored with (the browser's, else one made here), the receipt's link, the page itself
//! (no-store, noindex, no referrer, looked up at most `FOLLOWS_PER_MINUTE` times a minute per
//! address) and the QR code a kiosk shows. Only the token's hash is in the store.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, Path, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use feedback::{follow_path, is_follow_token, Feedback, FOLLOW_PATH_PREFIX};
use view_models::screens::my_voice::{FollowedVoice, Progress};

use crate::staff::password::random_hex;
use crate::staff::session::now;
use crate::store::voices::Status;
use crate::store::Stored;
use crate::{token_hash, AppState};

/// Private pages one address may open in a minute: enough for a family's few messages and
/// their reloads, far too few to try tokens (which have at least 128 random bits anyway).
pub const FOLLOWS_PER_MINUTE: u32 = 20;

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route(&format!("{FOLLOW_PATH_PREFIX}{{token}}"), get(page))
        .route(&format!("{FOLLOW_PATH_PREFIX}{{token}}/qr.svg"), get(qr))
}

/// Gives a message with text its private link's token, when the sender chose none; a rating
/// without words has nothing to follow, and keeps none.
pub fn with_token(mut f: Feedback) -> Feedback {
    if f.message.is_empty() {
        f.follow = None;
    } else if f.follow.is_none() {
        f.follow = Some(new_token());
    }
    f
}

/// 256 random bits from the system, as 64 hex characters.
pub(crate) fn new_token() -> String {
    random_hex(32)
}

/// The token sent (or made) for this message, if it is the one the record was stored with. A
/// retry with another token gets none; nobody can attach a token of their own to someone else's
/// message.
pub fn kept_token<'a>(f: &'a Feedback, stored: &Stored) -> Option<&'a str> {
    let token = f.follow.as_deref()?;
    (stored.follow_hash.as_deref() == Some(token_hash(token).as_str())).then_some(token)
}

/// The receipt's private link (`kept_token`'s page).
pub fn link(f: &Feedback, stored: &Stored) -> Option<String> {
    kept_token(f, stored).map(follow_path)
}

/// Where a voice stands, in the citizen's page's terms: every status of the inbox has one.
fn progress(status: Status) -> Progress {
    match status {
        Status::New => Progress::Received,
        Status::Seen => Progress::Read,
        Status::Considering => Progress::Considering,
        Status::Answered => Progress::Answered,
        Status::Declined => Progress::Declined,
    }
}

/// What the log may say of a path: a private link's token is a secret, kept out of every log.
/// Anywhere in the path: a token could also stand inside another address (`/qr/ja/voices/mine/…`).
pub fn loggable(path: &str) -> std::borrow::Cow<'_, str> {
    match path.find(FOLLOW_PATH_PREFIX) {
        Some(at) => format!("{}…", &path[..at + FOLLOW_PATH_PREFIX.len()]).into(),
        None => path.into(),
    }
}

fn private(mut response: Response) -> Response {
    let headers = response.headers_mut();
    // Never kept by a browser, the service worker or a proxy; never indexed; never sent on.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert("x-robots-tag", HeaderValue::from_static("noindex, nofollow"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    response
}

/// `GET /voices/mine/<token>`: the page in the reader's language, or 404 in it.
async fn page(
    State(app): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(token): Path<String>,
    req: Request,
) -> Response {
    if app.follows.check(app.config.client_ip(peer.ip(), req.headers())).is_err() {
        let r = crate::pages::refusal(
            StatusCode::TOO_MANY_REQUESTS,
            "表示の求めが多すぎます。しばらくしてからお試しください",
            "Too many requests. Please try again in a minute.",
        );
        return private(r);
    }
    let found = if is_follow_token(&token) {
        match app.store.followed(&token, now()).await {
            Ok(found) => found,
            Err(e) => {
                tracing::error!("looking up a private link failed: {e}");
                let r = crate::pages::refusal(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "ただいま表示できません。時間をおいてもう一度お試しください",
                    "This page cannot be shown right now. Please try again later.",
                );
                return private(r);
            }
        }
    } else {
        None
    };
    let followed = found.map(|f| FollowedVoice {
        received_at: f.received_at,
        topic: f.topic,
        progress: progress(f.status),
        theme_id: f.theme_id,
    });
    private(crate::pages::private_page(&app, req, followed).await)
}

/// `GET /voices/mine/<token>/qr.svg?lang=`: the page's address as a QR code, for a kiosk's
/// thank-you. Made for any well-formed token (it looks nothing up, so it tells nothing).
async fn qr(Path(token): Path<String>, req: Request) -> Response {
    if !is_follow_token(&token) {
        return private((StatusCode::NOT_FOUND, "not found").into_response());
    }
    let params = view_models::request::Params::parse(req.uri().query().unwrap_or(""));
    let lang = params.lang.as_deref().and_then(view_models::Locale::from_code);
    let address = format!(
        "{}{}{}",
        crate::share::origin(req.headers()),
        follow_path(&token),
        lang.filter(|l| *l != view_models::Locale::Ja)
            .map(|l| format!("?lang={}", l.code()))
            .unwrap_or_default()
    );
    match crate::share::qr_svg(&address) {
        Some(svg) => private(([(header::CONTENT_TYPE, "image/svg+xml")], svg).into_response()),
        None => (StatusCode::INTERNAL_SERVER_ERROR, "").into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_with_words_gets_a_token_and_a_rating_alone_none() {
        let f = with_token(Feedback {
            message: "m".into(),
            ..Default::default()
        });
        assert!(f.follow.as_deref().is_some_and(is_follow_token), "{:?}", f.follow);
        assert_ne!(
            with_token(Feedback {
                message: "m".into(),
                ..Default::default()
            })
            .follow,
            f.follow,
            "random"
        );
        let mine = "ab".repeat(32);
        assert_eq!(
            with_token(Feedback {
                message: "m".into(),
                follow: Some(mine.clone()),
                ..Default::default()
            })
            .follow,
            Some(mine.clone()),
            "the browser's is kept"
        );
        assert_eq!(
            with_token(Feedback {
                follow: Some(mine),
                ..Default::default()
            })
            .follow,
            None
        );
    }

    #[test]
    fn the_receipt_links_only_to_the_token_the_record_holds() {
        let token = "cd".repeat(32);
        let f = Feedback {
            message: "m".into(),
            follow: Some(token.clone()),
            ..Default::default()
        };
        let stored = |hash: Option<String>| Stored {
            receipt: "KR-0000001".into(),
            created: false,
            follow_hash: hash,
        };
        assert_eq!(link(&f, &stored(Some(token_hash(&token)))), Some(format!("/voices/mine/{token}")));
        assert_eq!(
            link(&f, &stored(Some(token_hash(&"ef".repeat(32))))),
            None,
            "a retry with another token"
        );
        assert_eq!(link(&f, &stored(None)), None);
    }

    #[test]
    fn each_status_of_the_inbox_is_its_own_step_for_the_citizen() {
        let steps: Vec<Progress> = Status::ALL.into_iter().map(progress).collect();
        assert_eq!(
            steps,
            [
                Progress::Received,
                Progress::Read,
                Progress::Considering,
                Progress::Answered,
                Progress::Declined
            ]
        );
    }

    #[test]
    fn a_private_links_token_never_reaches_the_log() {
        assert_eq!(loggable(&format!("/voices/mine/{}", "ab".repeat(32))), "/voices/mine/…");
        assert_eq!(loggable(&format!("/voices/mine/{}/qr.svg", "ab".repeat(32))), "/voices/mine/…");
        assert_eq!(
            loggable(&format!("/qr/ja/voices/mine/{}.svg", "ab".repeat(32))),
            "/qr/ja/voices/mine/…"
        );
        assert_eq!(loggable("/voices"), "/voices");
    }
}
