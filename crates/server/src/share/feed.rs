//! `/feed.xml`: an Atom feed of the publications, newest first, each with what changed in words;
//! made once per publication × language × origin and kept.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use publish::DataFolder;
use snapshot::Snapshot;
use view_models::escape::escape_html as xml;
use view_models::format::as_of;
use view_models::screens::changes::changes;
use view_models::{strings, Locale};

use super::{origin, Lang};
use crate::AppState;

const FEEDS_KEPT: usize = 16;

/// `2023-12` or `2023-12-31` as an Atom date (the start of that day, Japan time).
fn atom_date(as_of: &snapshot::AsOf) -> String {
    match as_of.date() {
        Some(d) => format!("{:04}-{:02}-{:02}T00:00:00+09:00", d.year, d.month, d.day.unwrap_or(1)),
        None => "2000-01-01T00:00:00+09:00".into(),
    }
}

/// The feed: every snapshot is read to say what changed, so the answer is made once per
/// publication (× language × origin) and kept.
pub(super) async fn feed(State(app): State<Arc<AppState>>, Query(lang): Query<Lang>, headers: HeaderMap) -> Response {
    let locale = lang.locale();
    let origin = origin(&headers);
    let Ok(manifest) = std::fs::read(app.config.data_dir.join(publish::folder::MANIFEST)) else {
        return (StatusCode::SERVICE_UNAVAILABLE, "no published data").into_response();
    };
    let mut h = std::hash::DefaultHasher::new();
    std::hash::Hash::hash(&(&manifest, locale.code(), &origin), &mut h);
    let key = std::hash::Hasher::finish(&h);
    let kept = app.images.feeds.lock().unwrap_or_else(|p| p.into_inner()).get(&key).cloned();
    let body = match kept {
        Some(body) => body,
        None => {
            let (app2, origin2) = (app.clone(), origin.clone());
            let Ok(Some(body)) = tokio::task::spawn_blocking(move || feed_body(&app2, locale, &origin2)).await else {
                return (StatusCode::SERVICE_UNAVAILABLE, "no published data").into_response();
            };
            let body = Arc::new(body);
            let mut feeds = app.images.feeds.lock().unwrap_or_else(|p| p.into_inner());
            if feeds.len() >= FEEDS_KEPT {
                feeds.clear();
            }
            feeds.insert(key, body.clone());
            body
        }
    };
    (
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        body.as_str().to_owned(),
    )
        .into_response()
}

fn feed_body(app: &AppState, locale: Locale, origin: &str) -> Option<String> {
    let t = strings(locale);
    let folder = DataFolder::new(&app.config.data_dir);
    let (manifest, _) = folder.manifest().ok()?;
    let loaded: Vec<(snapshot::ManifestEntry, Option<Snapshot>)> = manifest
        .snapshots
        .iter()
        .map(|e| (e.clone(), folder.snapshot(e).ok().map(|(s, _)| s)))
        .collect();
    let lang_q = if locale == Locale::Ja {
        String::new()
    } else {
        format!("&lang={}", locale.code())
    };
    let mut entries = String::new();
    let mut updated = String::from("2000-01-01T00:00:00+09:00");
    for (i, (entry, snapshot)) in loaded.iter().enumerate().rev() {
        let previous = i.checked_sub(1).and_then(|p| loaded[p].1.as_ref());
        let changed = match (previous, snapshot) {
            (Some(p), Some(s)) => {
                let rows = changes(p, s, locale);
                if rows.is_empty() {
                    t.no_changes.to_string()
                } else {
                    rows.iter()
                        .map(|r| {
                            format!(
                                "{} {} {}: {}{}",
                                r.indicator,
                                r.kind,
                                r.period,
                                r.before.clone().map(|b| format!("{b} → ")).unwrap_or_default(),
                                r.after
                            )
                        })
                        .collect::<Vec<_>>()
                        .join(" / ")
                }
            }
            _ => locale.pick(&entry.title).to_string(),
        };
        let date = atom_date(&entry.as_of);
        updated = updated.max(date.clone());
        let link = format!("{origin}/?asof={}{lang_q}", entry.id);
        entries += &format!(
            "<entry><id>{}</id><title>{} — {}</title><updated>{date}</updated><link rel=\"alternate\" type=\"text/html\" href=\"{}\"/><summary>{}</summary></entry>\n",
            xml(&format!("{origin}/data/{}", entry.file)),
            xml(&locale.pick(&entry.title)),
            xml(&as_of(entry.as_of.clone(), locale)),
            xml(&link),
            xml(&changed),
        );
        // Each answer the publication adds or changes is an entry of its own.
        if let Some(s) = snapshot {
            let before = previous.map_or(&[][..], |p| &p.voices.answers[..]);
            for (a, _) in view_models::screens::voices::new_or_changed(before, &s.voices.answers) {
                let answered = atom_date(&a.date);
                updated = updated.max(answered.clone());
                let status = snapshot::ruby::spoken(view_models::screens::voices::status_words(a.status, locale)).into_owned();
                entries += &format!(
                    "<entry><id>{}</id><title>{}: {} — {}</title><updated>{answered}</updated><link rel=\"alternate\" type=\"text/html\" href=\"{}\"/><summary>{}</summary></entry>\n",
                    xml(&format!("{origin}/voices#answer-{}@{}", a.id, entry.id)),
                    xml(t.answer_city),
                    xml(&locale.pick(&a.title)),
                    xml(&status),
                    xml(&format!("{origin}/voices?asof={}{lang_q}#answer-{}", entry.id, a.id)),
                    xml(&locale.pick(&a.answer)),
                );
            }
        }
    }
    let home = if locale == Locale::Ja {
        format!("{origin}/")
    } else {
        format!("{origin}/?lang={}", locale.code())
    };
    // The city is the latest publication's; the widget's name where none is given.
    let latest = loaded.iter().find(|(e, _)| e.id == manifest.latest).and_then(|(_, s)| s.as_ref());
    let city = latest.and_then(|s| view_models::city::name(s, locale));
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n<id>{}</id><title>{}</title><updated>{updated}</updated><author><name>{}</name></author><link rel=\"self\" href=\"{}\"/><link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n{entries}</feed>\n",
        locale.html_lang(),
        xml(&format!("{origin}/feed.xml")),
        xml(&view_models::city::site_name(city.as_deref(), t)),
        xml(city.as_deref().unwrap_or(t.app_name)),
        xml(&format!("{origin}/feed.xml{}", if locale == Locale::Ja { String::new() } else { format!("?lang={}", locale.code()) })),
        xml(&home),
    );
    Some(body)
}
