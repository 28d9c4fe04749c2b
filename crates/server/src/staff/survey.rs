//! The citizens' side for staff: the kiosks' answers added to a draft (small cells withheld, as
//! the summary does), the feedback CSV and the counter survey summary.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;
use publish::Draft;
use snapshot::{Lang, Snapshot, YearMonth};

use super::session::{form_from_this_site, StaffAuth};
use super::{folder, other_site, refused};
use crate::{summary, AppState};

#[derive(Deserialize)]
pub(super) struct Months {
    #[serde(default)]
    csrf: String,
    from: String,
    to: String,
}

/// The draft with the counter survey's cells for `from`..=`to` taken from the kiosks' answers
/// (the summary's own withheld small cells stay out); the months' earlier cells are replaced.
pub fn with_kiosk_answers(mut s: Snapshot, summary: &summary::Summary, from: YearMonth, to: YearMonth) -> Snapshot {
    let cs = &mut s.counter_survey;
    cs.breakdown.retain(|b| !b.month.is_some_and(|m| m >= from && m <= to));
    cs.breakdown.extend(summary.breakdown.iter().cloned());
    cs.breakdown.sort_by(|a, b| (a.fiscal_year, a.month, &a.ward, &a.section).cmp(&(b.fiscal_year, b.month, &b.ward, &b.section)));
    for w in &summary.wards {
        if !cs.wards.iter().any(|x| x.id == w.id) {
            cs.wards.push(w.clone());
        }
    }
    s
}

pub(super) async fn kiosk_answers(State(app): State<Arc<AppState>>, auth: StaffAuth, headers: HeaderMap, Path(id): Path<String>, Form(f): Form<Months>) -> Response {
    if !form_from_this_site(&headers, &auth.0.csrf, &f.csrf) {
        return other_site(&auth);
    }
    let folder = folder(&app);
    let (info, snapshot) = match folder.draft(&id) {
        Ok(d) => d,
        Err(why) => return refused(&auth, StatusCode::NOT_FOUND, &why.message(Lang::Ja)),
    };
    let (from, to) = match (summary::parse_month(f.from.trim()), summary::parse_month(f.to.trim())) {
        (Ok(a), Ok(b)) => (a.min(b), a.max(b)),
        _ => return refused(&auth, StatusCode::UNPROCESSABLE_ENTITY, "月は 2024-04 の形で入力してください"),
    };
    let counted = match app.store.counter_survey_counts(format!("{:04}-{:02}", from.year, from.month), format!("{:04}-{:02}", to.year, to.month)).await {
        Ok(c) => c,
        Err(e) => {
            tracing::error!("counting the counter survey failed: {e}");
            return refused(&auth, StatusCode::SERVICE_UNAVAILABLE, "ただいま回答を集計できません");
        }
    };
    let summary = summary::summarize(&counted, app.config.summary_min_count);
    let next = with_kiosk_answers(snapshot, &summary, from, to);
    let problems = snapshot::check_snapshot(&next);
    if !problems.is_empty() {
        let items: Vec<String> = problems.iter().map(|p| format!("{}: {}", p.path, p.message_in(Lang::Ja))).collect();
        return refused(&auth, StatusCode::UNPROCESSABLE_ENTITY, &items.join(" / "));
    }
    match folder.save_draft(&Draft { snapshot: next, title: info.title }, &info.author) {
        Ok(_) => Redirect::to(&format!("/staff/drafts/{id}")).into_response(),
        Err(why) => refused(&auth, StatusCode::CONFLICT, &why.message(Lang::Ja)),
    }
}


pub(super) async fn feedback_csv(State(app): State<Arc<AppState>>, auth: StaffAuth) -> Response {
    match app.store.export_csv().await {
        Ok(csv) => ([(header::CONTENT_TYPE, "text/csv; charset=utf-8"), (header::CONTENT_DISPOSITION, "attachment; filename=\"feedback.csv\""), (header::CACHE_CONTROL, "no-store")], csv).into_response(),
        Err(e) => {
            tracing::error!("the staff export failed: {e}");
            refused(&auth, StatusCode::SERVICE_UNAVAILABLE, "ただいま書き出せません")
        }
    }
}

#[derive(Deserialize)]
pub(super) struct Range {
    from: Option<String>,
    to: Option<String>,
}

pub(super) async fn counter_survey(State(app): State<Arc<AppState>>, auth: StaffAuth, Query(r): Query<Range>) -> Response {
    let month = |v: Option<String>, default: &str| v.map_or(Ok(default.to_string()), |v| summary::parse_month(v.trim()).map(|m| format!("{:04}-{:02}", m.year, m.month)));
    let (Ok(from), Ok(to)) = (month(r.from, "2000-01"), month(r.to, "2100-12")) else {
        return refused(&auth, StatusCode::BAD_REQUEST, "月は 2024-04 の形で指定してください");
    };
    match app.store.counter_survey_counts(from.clone().min(to.clone()), from.max(to)).await {
        Ok(counted) => ([(header::CACHE_CONTROL, "no-store")], axum::Json(summary::summarize(&counted, app.config.summary_min_count))).into_response(),
        Err(e) => {
            tracing::error!("counting the counter survey failed: {e}");
            refused(&auth, StatusCode::SERVICE_UNAVAILABLE, "ただいま集計できません")
        }
    }
}
