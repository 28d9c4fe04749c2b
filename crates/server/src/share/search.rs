//! For search engines and anyone who links to the figures: `robots.txt`, `sitemap.xml` with every
//! screen × language, and each chart card's CSV at an address of its own.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use view_models::escape::escape_html as xml;
use view_models::request::PageRequest;
use view_models::route::{page_paths, screen_for};
use view_models::Locale;

use super::origin;
use crate::AppState;

/// A chart card's table as the CSV its download link holds, at an address of its own
/// (`view_models::route::csv_path`), from the latest publication.
pub(super) async fn card_csv(State(app): State<Arc<AppState>>, Path((lang, name)): Path<(String, String)>) -> Response {
    let (Some(locale), Some(id)) = (Locale::from_code(&lang), name.strip_suffix(".csv")) else {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    };
    let data = reform_widget::data::ServerData {
        static_dir: app.config.static_dir.clone(),
        data_dir: app.config.data_dir.clone(),
        drafts_allowed: false,
    };
    let id = id.to_string();
    let loaded = tokio::task::spawn_blocking(move || reform_widget::data::files::load(&data, None, None)).await;
    let Ok(reform_widget::data::LoadState::Ready { snapshot, .. }) = loaded else {
        return (StatusCode::SERVICE_UNAVAILABLE, "no published data").into_response();
    };
    match view_models::screens::contexts::embed_card(&snapshot, &id, locale) {
        Some(card) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{id}.csv\"")),
                (header::CACHE_CONTROL, "public, max-age=300".to_string()),
            ],
            card.csv,
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

/// A screen's address in `locale`: Japanese without a parameter, the others with `?lang=`.
pub fn address_in(origin: &str, path: &str, locale: Locale) -> String {
    PageRequest::new(path, "", origin).canonical_url_in(locale)
}

pub(super) async fn sitemap(State(app): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    let origin = origin(&headers);
    let mut urls = String::new();
    // The screens the latest publication has data for.
    let latest = crate::pages::published(&app);
    for path in page_paths().filter(|p| latest.as_deref().is_none_or(|s| view_models::route::offered(screen_for(p), s))) {
        let alternates: String = Locale::ALL
            .iter()
            .map(|l| {
                format!(
                    "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    l.hreflang(),
                    xml(&address_in(&origin, path, *l))
                )
            })
            .chain(std::iter::once(format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>",
                xml(&address_in(&origin, path, Locale::Ja))
            )))
            .collect();
        for l in Locale::ALL {
            urls += &format!("<url><loc>{}</loc>{alternates}</url>\n", xml(&address_in(&origin, path, l)));
        }
    }
    let body = format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n{urls}</urlset>\n");
    ([(header::CONTENT_TYPE, "application/xml; charset=utf-8")], body).into_response()
}

pub(super) async fn robots(headers: HeaderMap) -> Response {
    let body = format!(
        "User-agent: *\nAllow: /\nDisallow: /staff/\nDisallow: /api/\nDisallow: {}\nSitemap: {}/sitemap.xml\n",
        feedback::FOLLOW_PATH_PREFIX,
        origin(&headers)
    );
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}
