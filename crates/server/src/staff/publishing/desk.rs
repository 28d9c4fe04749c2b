//! The desk: download the workbook, upload a filled one (its problems by sheet and cell, or a
//! draft), the drafts waiting, what is published and the log of publications.

use std::sync::Arc;

use axum::extract::{Multipart, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use publish::workbook::{read, write};
use serde::Deserialize;
use snapshot::Locale;

use leptos::prelude::*;

use super::view::{Desk, DeskBody, DraftRow, LogRow};
use crate::staff::page::{render, Problem, Who};
use crate::staff::session::{form_from_this_site, StaffAuth};
use crate::staff::words::STAFF;
use crate::staff::{folder, other_site, refused};
use crate::AppState;

/// The desk, with what was just done or the upload's problems, and the upload form's values.
pub(in crate::staff) fn desk_page(app: &AppState, auth: &StaffAuth, status: StatusCode, top: Top, id: &str, as_of: &str) -> Response {
    let folder = folder(app);
    let drafts = folder
        .drafts()
        .into_iter()
        .map(|d| DraftRow {
            id: d.id,
            title: d.title.ja,
            as_of: d.as_of,
            author: d.author,
            created: d.created,
        })
        .collect();
    // A folder nothing was published in yet lists nothing: the first publication is made here.
    let (published, latest) = match folder.manifest_or_none() {
        Ok(m) => (
            Ok(m.snapshots
                .iter()
                .rev()
                .map(|s| STAFF.publication(&s.title.ja, &view_models::format::as_of(s.as_of.clone(), Locale::Ja), &s.id))
                .collect()),
            m.latest,
        ),
        Err(err) => (Err(err.message(Locale::Ja)), String::new()),
    };
    let log = folder
        .log_lines()
        .iter()
        .rev()
        .take(20)
        .map(|l| LogRow {
            at: l["at"].as_str().unwrap_or("").to_string(),
            action: if l["action"] == "rollback" {
                STAFF.log_rollback
            } else {
                STAFF.log_publish
            },
            who: l["who"].as_str().unwrap_or("").to_string(),
            id: l["id"].as_str().unwrap_or("").to_string(),
        })
        .collect();
    let (notice, problems) = match top {
        Top::Nothing => (None, None),
        Top::Notice(text) => (Some(text), None),
        Top::Problems(title, list) => (None, Some((title, list))),
    };
    let desk = Desk {
        csrf: auth.0.csrf.clone(),
        notice,
        problems,
        id: id.to_string(),
        as_of: as_of.to_string(),
        drafts,
        published,
        rollback: auth.is_publisher().then_some(latest).filter(|l| !l.is_empty()),
        log,
    };
    render(
        status,
        STAFF.nav_publishing,
        Some(Who::from(&auth.0)),
        move || view! { <DeskBody desk/> },
    )
}

/// What the desk says above its steps.
pub(in crate::staff) enum Top {
    Nothing,
    Notice(String),
    Problems(String, Vec<Problem>),
}

#[derive(Deserialize, Default)]
pub(in crate::staff) struct Done {
    published: Option<String>,
    rolled_back: Option<String>,
}

pub(in crate::staff) async fn desk(State(app): State<Arc<AppState>>, auth: StaffAuth, Query(done): Query<Done>) -> Response {
    let top = match (done.published, done.rolled_back) {
        (Some(id), _) => Top::Notice(STAFF.published(&id)),
        (_, Some(id)) => Top::Notice(STAFF.rolled_back(&id)),
        _ => Top::Nothing,
    };
    desk_page(&app, &auth, StatusCode::OK, top, "", "")
}

pub(in crate::staff) async fn workbook(State(app): State<Arc<AppState>>, auth: StaffAuth) -> Response {
    // The latest publication's figures, or before the first, the blank workbook a city fills in.
    let bytes = publish::base_of(&folder(&app))
        .map_err(|e| e.message(Locale::Ja))
        .and_then(|s| write::workbook(&s).map(|b| (b, s.id)).map_err(|e| e.to_string()));
    match bytes {
        Ok((bytes, id)) => (
            [
                (
                    header::CONTENT_TYPE,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
                ),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"widget-{id}.xlsx\"")),
                (header::CACHE_CONTROL, "no-store".to_string()),
            ],
            bytes,
        )
            .into_response(),
        Err(why) => refused(&auth, StatusCode::SERVICE_UNAVAILABLE, &why),
    }
}

/// The uploaded files: one workbook, or one CSV file per sheet.
async fn read_upload(mut form: Multipart) -> Result<(String, String, String, read::Upload), String> {
    let (mut csrf, mut id, mut as_of, mut files) = (String::new(), String::new(), String::new(), vec![]);
    while let Some(field) = form.next_field().await.map_err(|e| e.body_text())? {
        let name = field.name().unwrap_or("").to_string();
        let file_name = field.file_name().unwrap_or("").to_string();
        let bytes = field.bytes().await.map_err(|e| e.body_text())?;
        match name.as_str() {
            "csrf" => csrf = String::from_utf8_lossy(&bytes).into_owned(),
            "id" => id = String::from_utf8_lossy(&bytes).trim().to_string(),
            "as_of" => as_of = String::from_utf8_lossy(&bytes).trim().to_string(),
            "file" if !bytes.is_empty() => files.push((file_name, bytes.to_vec())),
            _ => {}
        }
    }
    Ok((csrf, id, as_of, read::Upload(files)))
}

pub(in crate::staff) async fn upload(State(app): State<Arc<AppState>>, auth: StaffAuth, headers: HeaderMap, form: Multipart) -> Response {
    let (csrf, id, as_of, files) = match read_upload(form).await {
        Ok(parts) => parts,
        Err(why) => return refused(&auth, StatusCode::BAD_REQUEST, &STAFF.upload_unreadable(&why.to_string())),
    };
    if !form_from_this_site(&headers, &auth.0.csrf, &csrf) {
        return other_site(&auth);
    }
    let mut missing = vec![];
    if files.0.is_empty() {
        missing.push(Problem::new(STAFF.choose_file, "file"));
    }
    if !publish::drafts::plain_id(&id) {
        missing.push(Problem::new(STAFF.id_typed, "id"));
    }
    if snapshot::AsOf::parse(&as_of).date().is_none() {
        missing.push(Problem::new(STAFF.as_of_typed, "as_of"));
    }
    if !missing.is_empty() {
        let top = Top::Problems(STAFF.check_input.into(), missing);
        return desk_page(&app, &auth, StatusCode::UNPROCESSABLE_ENTITY, top, &id, &as_of);
    }
    let (folder, author, (id2, as_of2)) = (folder(&app), auth.0.name.clone(), (id.clone(), as_of.clone()));
    // Reading and checking a workbook is CPU work, off the async threads.
    let prepared = tokio::task::spawn_blocking(move || files.read().and_then(|book| publish::prepare(&folder, &book, &id2, &as_of2))).await;
    let prepared = match prepared {
        Ok(Ok(draft)) => match app.publications.save_draft(draft, &author).await {
            Ok(info) => Ok(Ok(info)),
            // Not the workbook's fault: said as the server's trouble, not as a problem in a sheet.
            Err(why @ publish::FolderError::Unavailable(_)) => {
                return refused(&auth, StatusCode::SERVICE_UNAVAILABLE, &why.message(Locale::Ja))
            }
            Err(why) => Ok(Err(vec![publish::SheetProblem::file(publish::Kind::folder(&why))])),
        },
        Ok(Err(problems)) => Ok(Err(problems)),
        Err(e) => Err(e),
    };
    match prepared {
        Ok(Ok(info)) => {
            tracing::info!("staff: draft {} prepared", info.id);
            Redirect::to(&format!("/staff/drafts/{}", info.id)).into_response()
        }
        Ok(Err(problems)) => {
            // Each links to the file field: the correction is a new upload.
            let items = problems
                .iter()
                .take(200)
                .map(|p| Problem::new(p.message(Locale::Ja), "file"))
                .collect();
            let title = STAFF.workbook_problems(&problems.len().to_string());
            desk_page(
                &app,
                &auth,
                StatusCode::UNPROCESSABLE_ENTITY,
                Top::Problems(title, items),
                &id,
                &as_of,
            )
        }
        Err(_) => refused(&auth, StatusCode::INTERNAL_SERVER_ERROR, STAFF.workbook_unreadable),
    }
}
