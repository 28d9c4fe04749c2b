//! A draft: what changed against the published figures, a preview of every screen, and
//! publishing it as a second person; discarding it; rolling the latest publication back.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;
use publish::drafts::DraftInfo;
use publish::DataFolder;
use snapshot::{CityAnswer, Locale};
use view_models::screens::changes::changes;

use super::view::{DraftBody, DraftPage};
use crate::staff::page::{render, Who};
use crate::staff::session::{StaffAuth, StaffForm};
use crate::staff::words::STAFF;
use crate::staff::{folder, refused, status_of, Token};
use crate::store::staff::Role;
use crate::AppState;

/// Whether this member of staff may publish this draft.
fn may_publish(app: &AppState, auth: &StaffAuth, draft: &DraftInfo) -> Result<(), &'static str> {
    if auth.0.role != Role::Publisher {
        return Err(STAFF.publishers_only);
    }
    if app.config.publish_approvals >= 2 && draft.author == auth.0.name {
        return Err(STAFF.second_person);
    }
    Ok(())
}

/// The city's answers a draft adds, changes or withdraws, for the second person to read before
/// publishing: `(what, title, status)` in the answers' order, withdrawn ones last.
pub(in crate::staff) fn answer_changes(published: &[CityAnswer], draft: &[CityAnswer]) -> Vec<(&'static str, String, &'static str)> {
    let status = |a: &CityAnswer| publish::workbook::layout::answer_status_word(a.status);
    let mut out: Vec<_> = view_models::screens::voices::new_or_changed(published, draft)
        .into_iter()
        .map(|(a, new)| {
            (
                if new { STAFF.answer_new } else { STAFF.answer_changed },
                a.title.ja.clone(),
                status(a),
            )
        })
        .collect();
    out.extend(
        published
            .iter()
            .filter(|p| !draft.iter().any(|a| a.id == p.id))
            .map(|p| (STAFF.answer_withdrawn, p.title.ja.clone(), status(p))),
    );
    out
}

pub(in crate::staff) async fn draft_page(State(app): State<Arc<AppState>>, auth: StaffAuth, Path(id): Path<String>) -> Response {
    let folder = folder(&app);
    let (info, snapshot) = match folder.draft(&id) {
        Ok(d) => d,
        Err(why) => return refused(&auth, StatusCode::NOT_FOUND, &why.message(Locale::Ja)),
    };
    // Read once for what changed in figures and in answers.
    let latest = folder.latest().ok();
    let rows = latest
        .as_ref()
        .map(|l| changes(&l.snapshot, &snapshot, Locale::Ja))
        .unwrap_or_default();
    let changes = rows;
    let answers = latest
        .as_ref()
        .map(|l| answer_changes(&l.snapshot.voices.answers, &snapshot.voices.answers))
        .unwrap_or_default();
    let readings = crate::readings::of_draft(latest.as_ref().map(|l| &l.snapshot), &snapshot);
    let data = DataFolder::preview_manifest(&info.id);
    let t = view_models::strings(Locale::Ja);
    let previews = view_models::route::SCREENS
        .iter()
        .filter(|s| s.in_page_menu)
        .map(|s| (format!("{}?data={data}", s.path), s.label(false, t)))
        .collect();
    let received = if snapshot.voices.received.is_empty() {
        STAFF.none.to_string()
    } else {
        STAFF.received_counts(
            &snapshot.voices.received.len().to_string(),
            &snapshot.voices.received.iter().map(|r| r.count).sum::<u32>().to_string(),
        )
    };
    let title = STAFF.draft_title(&info.title.ja);
    let draft = DraftPage {
        csrf: auth.0.csrf.clone(),
        may_publish: may_publish(&app, &auth, &info),
        id: info.id,
        as_of: info.as_of,
        author: info.author,
        created: info.created,
        base: info.base,
        changes,
        answers,
        previews,
        min_count: app.config.summary_min_count,
        received,
        readings,
    };
    render(
        StatusCode::OK,
        &title,
        Some(Who::from(&auth.0)),
        move || view! { <DraftBody draft/> },
    )
}

pub(in crate::staff) async fn publish_draft(
    State(app): State<Arc<AppState>>,
    Path(id): Path<String>,
    StaffForm(auth, _): StaffForm<Token>,
) -> Response {
    let folder = folder(&app);
    let info = match folder.draft(&id) {
        Ok((info, _)) => info,
        Err(why) => return refused(&auth, StatusCode::NOT_FOUND, &why.message(Locale::Ja)),
    };
    if let Err(why) = may_publish(&app, &auth, &info) {
        return refused(&auth, StatusCode::FORBIDDEN, why);
    }
    match app.publications.publish_draft(&id, &auth.0.name).await {
        Ok(entry) => {
            tracing::info!("staff: {} published", entry.id);
            Redirect::to(&format!("/staff/publishing?published={}", entry.id)).into_response()
        }
        Err(why) => refused(&auth, status_of(&why), &why.message(Locale::Ja)),
    }
}

pub(in crate::staff) async fn discard_draft(
    State(app): State<Arc<AppState>>,
    Path(id): Path<String>,
    StaffForm(auth, _): StaffForm<Token>,
) -> Response {
    let folder = folder(&app);
    match folder.draft(&id) {
        Ok((info, _)) if info.author == auth.0.name || auth.is_publisher() => match app.publications.discard_draft(&id).await {
            Ok(()) => Redirect::to("/staff/publishing").into_response(),
            Err(why) => refused(&auth, status_of(&why), &why.message(Locale::Ja)),
        },
        Ok(_) => refused(&auth, StatusCode::FORBIDDEN, STAFF.discard_publishers_only),
        Err(why) => refused(&auth, StatusCode::NOT_FOUND, &why.message(Locale::Ja)),
    }
}

pub(in crate::staff) async fn rollback(State(app): State<Arc<AppState>>, StaffForm(auth, _): StaffForm<Token>) -> Response {
    if !auth.is_publisher() {
        return refused(&auth, StatusCode::FORBIDDEN, STAFF.rollback_publishers_only);
    }
    match app.publications.rollback(&auth.0.name).await {
        Ok((removed, _)) => Redirect::to(&format!("/staff/publishing?rolled_back={}", removed.id)).into_response(),
        Err(why) => refused(&auth, status_of(&why), &why.message(Locale::Ja)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(id: &str, status: snapshot::AnswerStatus, text: &str) -> CityAnswer {
        let t = |s: &str| snapshot::Text {
            ja: s.into(),
            en: None,
            ja_easy: None,
        };
        CityAnswer {
            id: id.into(),
            card: "konbini-yearly".into(),
            title: t(id),
            voices_summary: t("声"),
            answer: t(text),
            status,
            reason: None,
            date: snapshot::AsOf::parse("2024-03-01"),
            expects: None,
        }
    }

    #[test]
    fn a_drafts_new_changed_and_withdrawn_answers_are_listed() {
        use snapshot::AnswerStatus::*;
        let published = vec![
            answer("a", Considering, "検討"),
            answer("b", Acting, "実施"),
            answer("c", Done, "完了"),
        ];
        let draft = vec![
            answer("a", Acting, "実施中"),
            answer("c", Done, "完了"),
            answer("d", Considering, "新規"),
        ];
        assert_eq!(
            answer_changes(&published, &draft),
            vec![
                ("変わった対応", "a".to_string(), "対応しています"),
                ("新しい対応", "d".to_string(), "検討しています"),
                ("取り下げる対応", "b".to_string(), "対応しています")
            ]
        );
        assert!(answer_changes(&draft, &draft).is_empty());
    }
}
