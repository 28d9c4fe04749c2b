//! The citizens' side for staff: the kiosks' answers added to a draft (small cells withheld, as
//! the summary does), the feedback CSV and the counter survey summary.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use publish::Draft;
use serde::Deserialize;
use snapshot::{Locale, Snapshot, YearMonth};

use super::session::{StaffAuth, StaffForm};
use super::{folder, refused};
use crate::staff::words::STAFF;
use crate::{summary, AppState};

/// The kiosks' months to add (the form's token is checked by `StaffForm`).
#[derive(Deserialize)]
pub(super) struct Months {
    from: String,
    to: String,
}

/// The draft with the counter survey's cells for `from`..=`to` taken from the kiosks' answers
/// (the summary's own withheld small cells stay out); the months' earlier cells are replaced.
pub fn with_kiosk_answers(mut s: Snapshot, summary: &summary::Summary, from: YearMonth, to: YearMonth) -> Snapshot {
    let cs = &mut s.counter_survey;
    cs.breakdown.retain(|b| !b.month.is_some_and(|m| m >= from && m <= to));
    cs.breakdown.extend(summary.breakdown.iter().cloned());
    cs.breakdown
        .sort_by(|a, b| (a.fiscal_year, a.month, &a.ward, &a.section).cmp(&(b.fiscal_year, b.month, &b.ward, &b.section)));
    for w in &summary.wards {
        if !cs.wards.iter().any(|x| x.id == w.id) {
            cs.wards.push(w.clone());
        }
    }
    s
}

pub(super) async fn kiosk_answers(
    State(app): State<Arc<AppState>>,
    Path(id): Path<String>,
    StaffForm(auth, f): StaffForm<Months>,
) -> Response {
    let folder = folder(&app);
    let (info, snapshot) = match folder.draft(&id) {
        Ok(d) => d,
        Err(why) => return refused(&auth, StatusCode::NOT_FOUND, &why.message(Locale::Ja)),
    };
    let (from, to) = match (f.from.parse::<summary::Month>(), f.to.parse::<summary::Month>()) {
        (Ok(a), Ok(b)) => summary::MonthRange {
            from: Some(a),
            to: Some(b),
        }
        .ordered(),
        _ => return refused(&auth, StatusCode::UNPROCESSABLE_ENTITY, STAFF.month_typed),
    };
    let counted = match app.store.counter_survey_counts(from.to_string(), to.to_string()).await {
        Ok(c) => c,
        Err(e) => {
            tracing::error!("counting the counter survey failed: {e}");
            return refused(&auth, StatusCode::SERVICE_UNAVAILABLE, STAFF.survey_unavailable);
        }
    };
    let summary = summary::summarize(&counted, app.config.summary_min_count, &crate::pages::offices(&app));
    save_checked(&app, &auth, info, with_kiosk_answers(snapshot, &summary, from.0, to.0)).await
}

/// Keeps a changed draft once it passes every rule, under its author, and shows it again.
async fn save_checked(app: &AppState, auth: &StaffAuth, info: publish::drafts::DraftInfo, next: Snapshot) -> Response {
    let problems = snapshot::check_snapshot(&next);
    if !problems.is_empty() {
        let items: Vec<String> = problems
            .iter()
            .map(|p| format!("{}: {}", p.path, p.message_in(Locale::Ja)))
            .collect();
        return refused(auth, StatusCode::UNPROCESSABLE_ENTITY, &items.join(" / "));
    }
    let draft = Draft {
        snapshot: next,
        title: info.title,
    };
    match app.publications.save_draft(draft, &info.author).await {
        Ok(_) => Redirect::to(&format!("/staff/drafts/{}", info.id)).into_response(),
        Err(why) => refused(auth, super::status_of(&why), &why.message(Locale::Ja)),
    }
}

/// The draft with `voices.received` from the store's counts: topics that name a card (a kiosk
/// comment counts for the counter survey's card), months with at least `min` voices (fewer are
/// left out, never published as a count that could point at a person), the months in order.
pub fn with_voice_counts(mut s: Snapshot, counts: &[(String, String, i64)], min: u32) -> Snapshot {
    let cards = snapshot::validate::card_ids(&s)
        .into_iter()
        .map(str::to_string)
        .collect::<std::collections::HashSet<_>>();
    let mut received: std::collections::BTreeMap<(String, YearMonth), u32> = Default::default();
    for (topic, month, n) in counts {
        let card = if topic == "counter-survey" {
            "counter-satisfaction"
        } else {
            topic.as_str()
        };
        let (Ok(month), true) = (month.parse::<summary::Month>().map(|m| m.0), cards.contains(card)) else {
            continue;
        };
        *received.entry((card.to_string(), month)).or_default() += u32::try_from(*n).unwrap_or(0);
    }
    s.voices.received = received
        .into_iter()
        .filter(|(_, n)| *n >= min.max(1))
        .map(|((card, month), count)| snapshot::VoicesReceived { card, month, count })
        .collect();
    s
}

pub(super) async fn voice_counts(
    State(app): State<Arc<AppState>>,
    Path(id): Path<String>,
    StaffForm(auth, _): StaffForm<super::Token>,
) -> Response {
    let folder = folder(&app);
    let (info, snapshot) = match folder.draft(&id) {
        Ok(d) => d,
        Err(why) => return refused(&auth, StatusCode::NOT_FOUND, &why.message(Locale::Ja)),
    };
    let counts = match app.store.voice_counts().await {
        Ok(c) => c,
        Err(e) => {
            tracing::error!("counting the voices failed: {e}");
            return refused(&auth, StatusCode::SERVICE_UNAVAILABLE, STAFF.voices_count_unavailable);
        }
    };
    save_checked(
        &app,
        &auth,
        info,
        with_voice_counts(snapshot, &counts, app.config.summary_min_count),
    )
    .await
}

pub(super) async fn feedback_csv(State(app): State<Arc<AppState>>, auth: StaffAuth) -> Response {
    match app.store.export_csv().await {
        Ok(csv) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (header::CONTENT_DISPOSITION, "attachment; filename=\"feedback.csv\""),
                (header::CACHE_CONTROL, "no-store"),
            ],
            csv,
        )
            .into_response(),
        Err(e) => {
            tracing::error!("the staff export failed: {e}");
            refused(&auth, StatusCode::SERVICE_UNAVAILABLE, STAFF.export_unavailable)
        }
    }
}

pub(super) async fn counter_survey(
    State(app): State<Arc<AppState>>,
    auth: StaffAuth,
    range: Result<Query<summary::MonthRange>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let Ok(Query(range)) = range else {
        return refused(&auth, StatusCode::BAD_REQUEST, STAFF.month_given);
    };
    let (from, to) = range.ordered();
    match app.store.counter_survey_counts(from.to_string(), to.to_string()).await {
        Ok(counted) => (
            [(header::CACHE_CONTROL, "no-store")],
            axum::Json(summary::summarize(
                &counted,
                app.config.summary_min_count,
                &crate::pages::offices(&app),
            )),
        )
            .into_response(),
        Err(e) => {
            tracing::error!("counting the counter survey failed: {e}");
            refused(&auth, StatusCode::SERVICE_UNAVAILABLE, STAFF.summary_unavailable)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> Snapshot {
        let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/data/snapshots/2023-12.json")).unwrap();
        snapshot::parse_snapshot(&bytes).unwrap()
    }

    #[test]
    fn voice_counts_name_cards_only_and_leave_out_months_with_few_voices() {
        let counts = [
            ("konbini-yearly", "2026-10", 12),
            ("konbini-yearly", "2026-11", 2),
            ("counter-survey", "2026-11", 6),
            ("counter-satisfaction", "2026-11", 1),
            ("a free-text topic a citizen typed", "2026-11", 40),
            ("konbini-yearly", "not a month", 9),
        ]
        .map(|(t, m, n)| (t.to_string(), m.to_string(), n));
        let s = with_voice_counts(seed(), &counts, 5);
        let got: Vec<_> = s
            .voices
            .received
            .iter()
            .map(|r| (r.card.as_str(), r.month.year, r.month.month, r.count))
            .collect();
        // Kiosk comments count for the counter survey's card; 2 voices in a month are too few.
        assert_eq!(got, vec![("counter-satisfaction", 2026, 11, 7), ("konbini-yearly", 2026, 10, 12)]);
        assert!(snapshot::check_snapshot(&s).is_empty(), "{:?}", snapshot::check_snapshot(&s));
        // Counted again, the earlier counts are replaced.
        assert!(with_voice_counts(s, &[], 5).voices.received.is_empty());
    }
}
