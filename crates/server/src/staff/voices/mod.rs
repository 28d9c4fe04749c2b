//! The staff inbox for citizens' voices (`/staff/voices`): every message and kiosk comment,
//! newest first, with filters and their counts and a Japanese text search; one voice with its
//! status, section in charge, internal note and theme; themes attached to a card; the audit
//! log (publishers). Signed-in staff only; every post checked by `StaffForm`.

pub mod answer;
pub mod model;
pub mod view;

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use leptos::prelude::*;
use serde::Deserialize;

use super::page::{render, Problem, Who};
use super::session::{StaffAuth, StaffForm};
use crate::staff::words::STAFF;
use crate::store::voices::{Theme, Updated, VoiceQuery};
use crate::AppState;
use model::{HandlingForm, ListParams, Names, ThemeForm};
use view::{AuditLog, ThemeList, VoiceDetail, VoiceList};

/// Audit log entries per page.
const LOG_PAGE: i64 = 100;

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/staff/voices", get(list))
        .route("/staff/voices/log", get(audit_log))
        .route("/staff/voices/themes", get(themes).post(theme_add))
        .route("/staff/voices/themes/{id}", post(theme_update))
        .route(
            "/staff/voices/themes/{id}/answer",
            get(answer::answer_form).post(answer::answer_draft),
        )
        .route("/staff/voices/{id}", get(detail).post(update))
}

fn unavailable(auth: &StaffAuth, e: crate::store::StoreError) -> Response {
    tracing::error!("the voices inbox could not read the store: {e}");
    super::refused(auth, StatusCode::SERVICE_UNAVAILABLE, STAFF.voices_unavailable)
}

fn not_found(auth: &StaffAuth, what: &str) -> Response {
    let what = what.to_string();
    render(StatusCode::NOT_FOUND, STAFF.not_found, Some(Who::from(&auth.0)), move || {
        view! { <p>{what}</p><p><a href="/staff/voices">{STAFF.to_voice_list}</a></p> }
    })
}

/// An id from the address: digits only, else it names nothing.
fn id_of(text: &str) -> Option<i64> {
    (!text.is_empty() && text.len() <= 18 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
        .filter(|i| *i > 0)
}

/// The names the pages show for ids: the latest publication's cards and sections, the themes.
fn names(app: &AppState, themes: &[Theme]) -> Names {
    Names::new(crate::pages::published(app).as_deref(), themes)
}

async fn list(State(app): State<Arc<AppState>>, auth: StaffAuth, Query(params): Query<ListParams>) -> Response {
    let themes = match app.store.themes().await {
        Ok(t) => t,
        Err(e) => return unavailable(&auth, e),
    };
    let names = names(&app, &themes);
    let (query, problems) = match params.query() {
        Ok(q) => (q, vec![]),
        // The page still lists everything, with what to correct at the top.
        Err(p) => (VoiceQuery::default(), p),
    };
    let page = match app.store.voices(&query).await {
        Ok(p) => p,
        Err(e) => return unavailable(&auth, e),
    };
    let filters = model::filters(&params, &page.facets, &names);
    let status = if problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    render(
        status,
        STAFF.nav_voices,
        Some(Who::from(&auth.0)),
        move || view! { <VoiceList params page=Some(page) filters names problems/> },
    )
}

#[derive(Deserialize, Default)]
struct Saved {
    #[serde(default)]
    saved: Option<String>,
}

/// One voice's page, with the form as given (after a refused post) or as stored.
async fn voice_page(
    app: &AppState,
    auth: &StaffAuth,
    id: i64,
    form: Option<HandlingForm>,
    (status, problems): (StatusCode, Vec<Problem>),
    saved: bool,
) -> Response {
    let (voice, themes, history) = match (
        app.store.voice(id).await,
        app.store.themes().await,
        app.store.voice_log(Some(id), None, LOG_PAGE).await,
    ) {
        (Ok(Some(v)), Ok(t), Ok(h)) => (v, t, h),
        (Ok(None), ..) => return not_found(auth, STAFF.no_such_voice),
        (Err(e), ..) | (_, Err(e), _) | (.., Err(e)) => return unavailable(auth, e),
    };
    let names = names(app, &themes);
    // A refused form keeps what was typed, with the version now stored (so it can be saved
    // again once read).
    let form = match form {
        Some(f) => HandlingForm {
            version: voice.version.to_string(),
            ..f
        },
        None => HandlingForm::of(&voice.handling, voice.version),
    };
    let (may_read_contact, csrf) = (auth.may_read_contact(), auth.0.csrf.clone());
    let title = STAFF.voice_title(&crate::store::receipt_for(id));
    render(status, &title, Some(Who::from(&auth.0)), move || {
        view! { <VoiceDetail voice form themes names history may_read_contact csrf problems saved/> }
    })
}

async fn detail(State(app): State<Arc<AppState>>, auth: StaffAuth, Path(id): Path<String>, Query(saved): Query<Saved>) -> Response {
    match id_of(&id) {
        Some(id) => voice_page(&app, &auth, id, None, (StatusCode::OK, vec![]), saved.saved.is_some()).await,
        None => not_found(&auth, STAFF.no_such_voice),
    }
}

async fn update(State(app): State<Arc<AppState>>, Path(id): Path<String>, StaffForm(auth, form): StaffForm<HandlingForm>) -> Response {
    let Some(id) = id_of(&id) else {
        return not_found(&auth, STAFF.no_such_voice);
    };
    let (handling, version) = match form.checked() {
        Ok(checked) => checked,
        Err(problems) => return voice_page(&app, &auth, id, Some(form), (StatusCode::UNPROCESSABLE_ENTITY, problems), false).await,
    };
    match app.store.voice_update(id, version, handling, &auth.0.name).await {
        Ok(Updated::Done) => Redirect::to(&format!("/staff/voices/{id}?saved=1")).into_response(),
        Ok(Updated::NotFound) => not_found(&auth, STAFF.no_such_voice),
        Ok(Updated::Outdated) => {
            let why = STAFF.changed_meanwhile;
            voice_page(
                &app,
                &auth,
                id,
                Some(form),
                (StatusCode::CONFLICT, vec![Problem::new(why, "")]),
                false,
            )
            .await
        }
        Ok(Updated::NoSuchTheme) => {
            voice_page(
                &app,
                &auth,
                id,
                Some(form),
                (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    vec![Problem::new(STAFF.no_such_theme_chosen, "theme")],
                ),
                false,
            )
            .await
        }
        Err(e) => unavailable(&auth, e),
    }
}

async fn themes_page(
    app: &AppState,
    auth: &StaffAuth,
    status: StatusCode,
    form: ThemeForm,
    problems: Vec<Problem>,
    notice: Option<String>,
) -> Response {
    let themes = match app.store.themes().await {
        Ok(t) => t,
        Err(e) => return unavailable(auth, e),
    };
    let names = names(app, &themes);
    let csrf = auth.0.csrf.clone();
    render(
        status,
        STAFF.themes_title,
        Some(Who::from(&auth.0)),
        move || view! { <ThemeList themes names csrf problems form notice/> },
    )
}

#[derive(Deserialize, Default)]
struct ThemeDone {
    #[serde(default)]
    added: Option<String>,
    #[serde(default)]
    changed: Option<String>,
}

async fn themes(State(app): State<Arc<AppState>>, auth: StaffAuth, Query(done): Query<ThemeDone>) -> Response {
    let notice = match (done.added, done.changed) {
        (Some(_), _) => Some(STAFF.theme_created.to_string()),
        (_, Some(_)) => Some(STAFF.theme_changed.to_string()),
        _ => None,
    };
    themes_page(&app, &auth, StatusCode::OK, ThemeForm::default(), vec![], notice).await
}

async fn theme_add(State(app): State<Arc<AppState>>, StaffForm(auth, form): StaffForm<ThemeForm>) -> Response {
    let names = names(&app, &[]);
    let (title, card) = match form.checked(&names, "title") {
        Ok(checked) => checked,
        Err(problems) => return themes_page(&app, &auth, StatusCode::UNPROCESSABLE_ENTITY, form, problems, None).await,
    };
    match app.store.theme_add(&title, &card, &auth.0.name).await {
        Ok(_) => Redirect::to("/staff/voices/themes?added=1").into_response(),
        Err(e) => unavailable(&auth, e),
    }
}

async fn theme_update(State(app): State<Arc<AppState>>, Path(id): Path<String>, StaffForm(auth, form): StaffForm<ThemeForm>) -> Response {
    let Some(id) = id_of(&id) else {
        return not_found(&auth, STAFF.no_such_theme);
    };
    let names = names(&app, &[]);
    let (title, card) = match form.checked(&names, &format!("title-{id}")) {
        Ok(checked) => checked,
        Err(problems) => return themes_page(&app, &auth, StatusCode::UNPROCESSABLE_ENTITY, ThemeForm::default(), problems, None).await,
    };
    match app.store.theme_update(id, &title, &card, &auth.0.name).await {
        Ok(true) => Redirect::to("/staff/voices/themes?changed=1").into_response(),
        Ok(false) => not_found(&auth, STAFF.no_such_theme),
        Err(e) => unavailable(&auth, e),
    }
}

#[derive(Deserialize, Default)]
struct LogPage {
    #[serde(default)]
    before: Option<String>,
}

async fn audit_log(State(app): State<Arc<AppState>>, auth: StaffAuth, Query(page): Query<LogPage>) -> Response {
    if !auth.is_publisher() {
        return super::refused(&auth, StatusCode::FORBIDDEN, STAFF.log_publishers_only);
    }
    let before = page.before.as_deref().and_then(id_of);
    let (entries, themes) = match (app.store.voice_log(None, before, LOG_PAGE).await, app.store.themes().await) {
        (Ok(e), Ok(t)) => (e, t),
        (Err(e), _) | (_, Err(e)) => return unavailable(&auth, e),
    };
    let names = names(&app, &themes);
    let next = (entries.len() as i64 == LOG_PAGE)
        .then(|| entries.last().map(|e| format!("/staff/voices/log?before={}", e.id)))
        .flatten();
    render(
        StatusCode::OK,
        STAFF.log_title,
        Some(Who::from(&auth.0)),
        move || view! { <AuditLog entries names next/> },
    )
}
