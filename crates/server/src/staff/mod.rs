//! The staff pages (`/staff/…`): sign in, download the workbook, upload a filled one and see
//! its problems by sheet and cell, preview the draft on every screen, and publish it as a second
//! person (`--publish-approvals`, default 2); roll back; add the kiosks' answers to a draft; the
//! feedback CSV and the counter survey summary. No script: plain forms, answered by the server.

pub mod page;
pub mod password;
mod publishing;
pub mod session;
mod sign_in;
mod survey;
pub mod voices;
pub mod words;

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use publish::workbook::read;
use publish::DataFolder;
use serde::Deserialize;

use leptos::prelude::*;

use crate::rate_limit::RateLimit;
use crate::AppState;
use page::{render, Problem, ProblemSummary, Who};
use publishing::{desk, drafts};
use session::StaffAuth;
use words::STAFF;

pub use survey::{with_kiosk_answers, with_voice_counts};

/// Wrong passwords in a row that lock an account, and for how long.
pub const LOCK_AFTER: i64 = 10;
pub const LOCK_SECONDS: i64 = 15 * 60;
/// Sign-in attempts per client address per minute, whatever the names tried.
pub const SIGN_INS_PER_MINUTE: u32 = 30;

/// What the staff pages keep in memory.
pub struct StaffState {
    pub sign_ins: RateLimit,
}

impl Default for StaffState {
    fn default() -> Self {
        StaffState {
            sign_ins: RateLimit::new(SIGN_INS_PER_MINUTE),
        }
    }
}

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/staff/sign-in", get(sign_in::sign_in_form).post(sign_in::sign_in))
        .route("/staff/sign-out", post(sign_in::sign_out))
        .route("/staff/publishing", get(desk::desk))
        .route("/staff/workbook.xlsx", get(desk::workbook))
        .route(
            "/staff/upload",
            post(desk::upload).layer(DefaultBodyLimit::max((read::MAX_FILE_BYTES + (1 << 20)) as usize)),
        )
        .route("/staff/drafts/{id}", get(drafts::draft_page))
        .route("/staff/drafts/{id}/publish", post(drafts::publish_draft))
        .route("/staff/drafts/{id}/discard", post(drafts::discard_draft))
        .route("/staff/drafts/{id}/kiosk", post(survey::kiosk_answers))
        .route("/staff/drafts/{id}/voices", post(survey::voice_counts))
        .route("/staff/rollback", post(drafts::rollback))
        .route("/staff/feedback.csv", get(survey::feedback_csv))
        .route("/staff/counter-survey.json", get(survey::counter_survey))
        .merge(voices::routes())
}

fn folder(app: &AppState) -> DataFolder {
    DataFolder::new(&app.config.data_dir)
}

/// A refused change's status: the shared store out of reach is the server's trouble (503), a
/// draft that is not there 404, and anything else a conflict with what is published.
fn status_of(why: &publish::FolderError) -> StatusCode {
    match why {
        publish::FolderError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        publish::FolderError::NoSuchDraft(_) => StatusCode::NOT_FOUND,
        _ => StatusCode::CONFLICT,
    }
}

/// A staff page that says why something could not be done, with the way back.
fn refused(auth: &StaffAuth, status: StatusCode, why: &str) -> Response {
    let problems = vec![Problem::new(why, "")];
    render(status, STAFF.not_done, Some(Who::from(&auth.0)), move || {
        view! {
            <ProblemSummary title=STAFF.not_done.into() problems/>
            <p><a href="/staff/publishing">{STAFF.back_to_publishing}</a></p>
        }
    })
}

fn other_site(auth: &StaffAuth) -> Response {
    refused(auth, StatusCode::FORBIDDEN, STAFF.form_from_elsewhere)
}

/// A staff form with no fields but its token, which `StaffForm` checks (publish, discard,
/// roll back, sign out, add the voices' counts).
#[derive(Deserialize)]
pub(super) struct Token {}
