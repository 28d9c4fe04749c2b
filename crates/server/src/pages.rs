//! The widget's pages, rendered here with the same components the browser hydrates, in the
//! reader's language (`?lang=`, else the switch's cookie); and the two forms posted without
//! script, judged by the same `feedback` rules and answered with the same page: the error
//! summary, or the receipt.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use feedback::{validate, Submission, Verdict, MAX_BODY_BYTES};
use reform_widget::data::ServerData;
use reform_widget::forms::PostedForm;
use reform_widget::render::{render_page, PageOptions, RenderedPage};
use view_models::request::{cookie_value, parse_form, PageRequest, FURIGANA_COOKIE, LANG_COOKIE, LANG_COOKIE_ATTRIBUTES};
use view_models::Locale;

use crate::{origin_allowed, page_cache, AppState};

/// The page request as the app sees it: path, query and this site's origin.
fn page_request(headers: &HeaderMap, uri: &Uri) -> PageRequest {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("127.0.0.1");
    let https = headers.get("x-forwarded-proto").and_then(|v| v.to_str().ok()) == Some("https");
    let origin = format!("{}://{host}", if https { "https" } else { "http" });
    PageRequest::new(uri.path(), uri.query().unwrap_or(""), &origin)
}

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    let all: Vec<&str> = headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).collect();
    all.iter().find_map(|h| cookie_value(h, name)).map(str::to_string)
}

fn lang_cookie(headers: &HeaderMap) -> Option<String> {
    cookie(headers, LANG_COOKIE)
}

/// The ふりがな switch's cookie.
fn furigana_cookie(headers: &HeaderMap) -> Option<String> {
    cookie(headers, FURIGANA_COOKIE)
}

/// `drafts_allowed`: the reader is signed-in staff, who may preview a draft with `?data=`.
async fn render(app: &AppState, request: PageRequest, options: PageOptions, drafts_allowed: bool) -> RenderedPage {
    let data = ServerData {
        static_dir: app.config.static_dir.clone(),
        data_dir: app.config.data_dir.clone(),
        drafts_allowed,
    };
    render_page(request, data, options).await
}

fn html_response(status: StatusCode, body: Body, request: &PageRequest) -> Response {
    let mut response = (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response();
    let headers = response.headers_mut();
    // The same address answers in each reader's language.
    headers.insert(header::VARY, HeaderValue::from_static("Cookie"));
    // A language chosen with a plain link (no script) is remembered like the switch's choice.
    if let Some(l) = request.params.lang.as_deref().and_then(Locale::from_code) {
        if let Ok(v) = HeaderValue::from_str(&format!("{LANG_COOKIE}={}; {LANG_COOKIE_ATTRIBUTES}", l.code())) {
            headers.append(header::SET_COOKIE, v);
        }
    }
    // So is ふりがな, where the server gives them.
    if let Some(on) = request.params.furigana.as_deref().filter(|v| matches!(*v, "on" | "off")) {
        if snapshot::readings::offered() {
            if let Ok(v) = HeaderValue::from_str(&format!("{FURIGANA_COOKIE}={on}; {LANG_COOKIE_ATTRIBUTES}")) {
                headers.append(header::SET_COOKIE, v);
            }
        }
    }
    response
}

/// Kiosk survey steps posted without script that one address may send in a minute.
pub const SURVEY_STEPS_PER_MINUTE: u32 = 120;

/// `?data=` previews a client address may ask for in a minute (signed-in staff are not
/// counted). A preview reads and checks its files and renders every time; published pages are
/// kept, so only previews can make the server work per request.
pub const PREVIEWS_PER_MINUTE: u32 = 30;

/// `GET` on an app route: its page, 404 for an unknown address. Pages without a form are kept
/// with their brotli copy until the manifest changes (`page_cache`).
pub async fn page(app: &Arc<AppState>, peer: SocketAddr, req: Request) -> Response {
    // Rendered and kept under its canonical address: tracking and unknown parameters make no
    // page of their own, and never appear in one.
    let request = page_request(req.headers(), req.uri());
    let cookie = lang_cookie(req.headers());
    let furigana = furigana_cookie(req.headers());
    let locale = request.locale_shown(cookie.as_deref(), furigana.as_deref(), snapshot::readings::offered());
    let accepts_br = req
        .headers()
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.split(',').any(|e| e.trim().starts_with("br")));
    // Previews (`?data=`) read other files; they are rendered every time.
    let key = match (
        request.params.data.as_deref(),
        std::fs::read(app.config.data_dir.join(publish::folder::MANIFEST)),
    ) {
        // The origin too: printed pages and embed snippets name the site as it was reached.
        (None, Ok(manifest)) => {
            // A new publication may bring new words of the city's own: read before its pages ask.
            crate::readings::follow(&manifest, &app.config.data_dir);
            // A reader who chose ふりがな gets pages with readings (in another language, the app's
            // readings for the way back): kept apart, per set of readings (new words, new readings).
            let language = if snapshot::readings::offered() && request.furigana(furigana.as_deref()) {
                format!("{}#{}", locale.page_code(), snapshot::readings::generation())
            } else {
                locale.page_code().to_string()
            };
            Some(page_cache::key(&request.canonical_url(), &language, &manifest))
        }
        _ => None,
    };
    let Some(cached) = key.as_ref().and_then(|k| app.pages.get(k)) else {
        let options = PageOptions {
            lang_cookie: cookie,
            furigana_cookie: furigana,
            hydrate: true,
            data_license: app.config.data_license.clone(),
            ..Default::default()
        };
        // Only a preview can name a draft, and only staff may see one.
        let staff = key.is_none() && crate::staff::session::session_of(app, req.headers()).await.is_some();
        if request.params.data.is_some() && !staff && app.previews.check(app.config.client_ip(peer.ip(), req.headers())).is_err() {
            return refusal(
                StatusCode::TOO_MANY_REQUESTS,
                "表示の求めが多すぎます。しばらくしてからお試しください",
                "Too many previews. Please try again in a minute.",
            );
        }
        let page = render(app, request.clone(), options, staff).await;
        // Kept once its brotli copy is made, off this request's path: this reader gets the page at
        // once (compressed on the way out, more quickly and less tightly). When every turn is
        // taken, the page is not kept this time: work is skipped, never queued without end.
        if let (Some(k), true, Some(turn)) = (key, page.shareable, app.pages.turn_to_compress()) {
            let (app, html, status) = (app.clone(), page.html.clone(), page.status);
            tokio::task::spawn_blocking(move || {
                let brotli = page_cache::compress(&html);
                app.pages.put(k, page_cache::CachedPage { status, html, brotli });
                drop(turn);
            });
        }
        let status = StatusCode::from_u16(page.status).unwrap_or(StatusCode::OK);
        let mut response = html_response(status, page.html.into(), &request);
        if staff {
            // A draft's preview holds figures not yet published: no copy anywhere, the service
            // worker's included.
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        }
        return response;
    };
    let status = StatusCode::from_u16(cached.status).unwrap_or(StatusCode::OK);
    let mut response = if accepts_br && !cached.brotli.is_empty() {
        let mut r = html_response(status, Body::from(cached.brotli.clone()), &request);
        r.headers_mut().insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
        r
    } else {
        html_response(status, Body::from(cached.html.clone()), &request)
    };
    response
        .headers_mut()
        .append(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    response
}

/// A private page (`follow`): rendered for its one reader every time, never kept, in the
/// reader's language; 404 when nothing was found. It starts no app.
pub(crate) async fn private_page(
    app: &AppState,
    req: Request,
    followed: Option<view_models::screens::my_voice::FollowedVoice>,
) -> Response {
    let request = page_request(req.headers(), req.uri());
    let options = PageOptions {
        lang_cookie: lang_cookie(req.headers()),
        furigana_cookie: furigana_cookie(req.headers()),
        hydrate: true,
        data_license: app.config.data_license.clone(),
        followed,
        ..Default::default()
    };
    let page = render(app, request.clone(), options, false).await;
    html_response(
        StatusCode::from_u16(page.status).unwrap_or(StatusCode::NOT_FOUND),
        page.html.into(),
        &request,
    )
}

/// A topic that names a card in words (as the card's feedback link fills the form) is stored as
/// the card's id: voices are counted per card, and staff read the card's name for it. Any other
/// topic is kept as the citizen wrote it.
pub(crate) fn with_card_topic(app: &AppState, mut f: feedback::Feedback) -> feedback::Feedback {
    if f.topic.is_empty() || f.kind != feedback::Kind::General {
        return f;
    }
    if let Some(card) = published(app).and_then(|s| view_models::screens::voices::card_for_topic(&s, &f.topic)) {
        f.topic = card;
    }
    f
}

/// The latest publication, parsed once per publication (the pages' own cache), for what the
/// server words or checks outside a page: a topic's card, the staff pages' names.
pub(crate) fn published(app: &AppState) -> Option<Arc<snapshot::Snapshot>> {
    let data = ServerData {
        static_dir: app.config.static_dir.clone(),
        data_dir: app.config.data_dir.clone(),
        drafts_allowed: false,
    };
    match reform_widget::data::files::load(&data, None, None) {
        reform_widget::data::LoadState::Ready { snapshot, .. } => Some(snapshot),
        _ => None,
    }
}

/// The offices the latest publication lists: the only places a counter survey answer may name.
pub(crate) fn offices(app: &AppState) -> Vec<snapshot::Office> {
    published(app).map_or_else(Vec::new, |s| view_models::city::offices(&s).to_vec())
}

/// Their ids, as the feedback rules take them.
pub(crate) fn office_ids(app: &AppState) -> Vec<String> {
    offices(app).into_iter().map(|o| o.id).collect()
}

pub(crate) fn refusal(status: StatusCode, ja: &str, en: &str) -> Response {
    let body = format!("<!DOCTYPE html><html lang=\"ja\"><meta charset=\"utf-8\"><title>{ja}</title><link rel=\"stylesheet\" href=\"/style.css\"><main class=\"site-main\"><h1>{ja}</h1><p lang=\"en\">{en}</p><p><a href=\"/\">ホーム / Home</a></p></main></html>");
    (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

/// `POST` of the feedback form or the counter survey without script: the same origin check,
/// rate limit, rules and idempotent store as `POST /api/feedback`.
pub async fn posted_form(app: &Arc<AppState>, peer: SocketAddr, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    if !origin_allowed(&parts.headers, &app.config.allowed_origins) {
        return refusal(
            StatusCode::FORBIDDEN,
            "送信を受け付けられませんでした",
            "This form may only be sent from this site.",
        );
    }
    // Percent-encoding triples the bytes of Japanese text; the rules then bound each field.
    let Ok(bytes) = axum::body::to_bytes(Body::new(body), MAX_BODY_BYTES * 3).await else {
        return refusal(StatusCode::PAYLOAD_TOO_LARGE, "送信内容が大きすぎます", "The message is too large.");
    };
    let pairs = parse_form(&String::from_utf8_lossy(&bytes));
    let has = |name: &str| pairs.iter().any(|(k, _)| k == name);
    let mut submission = Submission::from_form(&pairs);
    if has("no_comment") {
        // 「コメントなしで送る」: whatever was typed is not sent.
        submission.message.clear();
    }
    let request = page_request(&parts.headers, &parts.uri);
    let lang = (lang_cookie(&parts.headers), furigana_cookie(&parts.headers));
    // A step of the kiosk survey (an answer tapped, 「もどる」) stores nothing: the next step is
    // rendered from what it carries, and it does not count against the rate limit (a kiosk is
    // one address for everyone at its counter).
    if submission.kind == feedback::Kind::CounterSurvey && (has("step") || has("back")) {
        // Rendered every time, never kept: bounded per address like previews, with room for a
        // busy counter (a person takes three or four steps).
        if app.survey_steps.check(app.config.client_ip(peer.ip(), &parts.headers)).is_err() {
            return refusal(
                StatusCode::TOO_MANY_REQUESTS,
                "操作が多すぎます。しばらくしてからお試しください",
                "Too many answers at once. Please try again in a minute.",
            );
        }
        let posted = PostedForm {
            submission,
            errors: vec![],
            receipt: None,
            back: has("back"),
        };
        return answer_post(app, request, lang, posted, StatusCode::OK).await;
    }
    if app.limit.check(app.config.client_ip(peer.ip(), &parts.headers)).is_err() {
        return refusal(
            StatusCode::TOO_MANY_REQUESTS,
            "送信が多すぎます。しばらくしてからお試しください",
            "Too many messages. Please try again in a minute.",
        );
    }
    let offices = office_ids(app);
    let posted = match validate(&submission, &offices.iter().map(String::as_str).collect::<Vec<_>>()) {
        Verdict::Invalid(errors) => PostedForm {
            submission,
            errors,
            receipt: None,
            back: false,
        },
        // Answered as if accepted, so the sender learns nothing; nothing is stored.
        Verdict::Bot => PostedForm {
            submission,
            errors: vec![],
            receipt: Some(feedback::api::BOT_RECEIPT.into()),
            back: false,
        },
        Verdict::Valid(feedback) => {
            let feedback = crate::follow::with_token(feedback);
            match app.store.insert(with_card_topic(app, feedback.clone())).await {
                Ok(stored) => {
                    // The receipt page links to the private page the record was stored with.
                    let follow = crate::follow::kept_token(&feedback, &stored).map(String::from);
                    PostedForm {
                        submission: Submission {
                            follow: follow.unwrap_or_default(),
                            ..submission
                        },
                        errors: vec![],
                        receipt: Some(stored.receipt),
                        back: false,
                    }
                }
                Err(e) => {
                    tracing::error!("storing a posted form failed: {e}");
                    return refusal(
                        StatusCode::SERVICE_UNAVAILABLE,
                        "ただいま受け付けられません。時間をおいてもう一度お送りください",
                        "We cannot store messages right now. Please send it again later.",
                    );
                }
            }
        }
    };
    let status = if posted.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    answer_post(app, request, lang, posted, status).await
}

/// The page answering a form posted without script, in the reader's language: the next step, the
/// errors or the receipt. Complete as HTML; it loads no app (the reader has none running).
/// `cookies`: the language's and the ふりがな switch's.
async fn answer_post(
    app: &AppState,
    request: PageRequest,
    cookies: (Option<String>, Option<String>),
    posted: PostedForm,
    status: StatusCode,
) -> Response {
    let options = PageOptions {
        lang_cookie: cookies.0,
        furigana_cookie: cookies.1,
        posted: Some(posted),
        data_license: app.config.data_license.clone(),
        ..Default::default()
    };
    let page = render(app, request.clone(), options, false).await;
    html_response(status, page.html.into(), &request)
}
