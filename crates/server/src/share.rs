//! How the figures travel beyond the widget: the link-preview image of each screen (a 1200×630
//! PNG drawn from an SVG with resvg and Debian's Noto Sans CJK, made once per publication ×
//! screen × language), the Atom feed of publications, `robots.txt` and `sitemap.xml` with every
//! screen × language, and QR codes of a screen's canonical address (SVG, made here, no script; a static export writes them as files).

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock};

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use publish::DataFolder;
use serde::Deserialize;
use snapshot::Snapshot;
use view_models::export::escape_html as xml;
use view_models::format::{as_of, fiscal_period, fiscal_year_short};
use view_models::request::PageRequest;
use view_models::route::{page_paths, screen_for, Screen};
use view_models::screens::changes::changes;
use view_models::screens::share::{description, headline};
use view_models::{strings, Locale};

use crate::AppState;

/// Every screen's address, as the sitemap and the preview images name them.

pub const IMAGE_WIDTH: u32 = 1200;
pub const IMAGE_HEIGHT: u32 = 630;

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/og/{name}", get(preview_image))
        .route("/feed.xml", get(feed))
        .route("/sitemap.xml", get(sitemap))
        .route("/robots.txt", get(robots))
        .route("/qr/{lang}/{name}", get(qr))
        .route("/downloads/{lang}/{name}", get(card_csv))
}

/// Preview images made so far, by publication × screen × language.
#[derive(Default)]
pub struct Images {
    made: Mutex<HashMap<String, Arc<Vec<u8>>>>,
    /// Feeds made so far, by manifest × language × origin (a few: the origin is the reader's).
    feeds: Mutex<HashMap<u64, Arc<String>>>,
}

const FEEDS_KEPT: usize = 16;

/// The image's name for a screen's path: `/` is `home.png`, `/konbini` is `konbini.png`.
pub fn image_name(path: &str) -> String {
    let name = path.trim_matches('/');
    format!("{}.png", if name.is_empty() { "home" } else { name })
}

fn origin(headers: &HeaderMap) -> String {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("127.0.0.1");
    let https = headers.get("x-forwarded-proto").and_then(|v| v.to_str().ok()) == Some("https");
    format!("{}://{host}", if https { "https" } else { "http" })
}

#[derive(Deserialize)]
struct Lang {
    lang: Option<String>,
}

impl Lang {
    fn locale(&self) -> Locale {
        self.lang.as_deref().and_then(Locale::from_code).unwrap_or_default()
    }
}

// ── The preview image ───────────────────────────────────────────────────────────────────────

/// Fonts for the images: Debian's Noto Sans CJK (OFL, which allows embedding), read once.
fn fonts(dir: &std::path::Path) -> Arc<resvg::usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<resvg::usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = resvg::usvg::fontdb::Database::new();
            db.load_fonts_dir(dir);
            if db.is_empty() {
                tracing::warn!("no fonts in {}: preview images will have no text (install fonts-noto-cjk)", dir.display());
            }
            Arc::new(db)
        })
        .clone()
}

/// Lines of at most `width` units (a CJK character is 2, anything else 1), broken at spaces
/// where there are some, at most `lines` lines (the last ends with … when cut).
pub fn wrap(text: &str, width: usize, lines: usize) -> Vec<String> {
    let units = |c: char| if c.is_ascii() { 1 } else { 2 };
    let mut out: Vec<String> = vec![];
    let mut line = String::new();
    let mut used = 0;
    for word in text.split_inclusive(' ') {
        let w: usize = word.chars().map(units).sum();
        if used + w > width && !line.is_empty() && w <= width {
            out.push(line.trim_end().to_string());
            line.clear();
            used = 0;
        }
        for c in word.chars() {
            if used + units(c) > width {
                out.push(line.trim_end().to_string());
                line.clear();
                used = 0;
            }
            line.push(c);
            used += units(c);
        }
    }
    if !line.trim().is_empty() {
        out.push(line.trim_end().to_string());
    }
    if out.len() > lines {
        out.truncate(lines);
        if let Some(last) = out.last_mut() {
            last.pop();
            last.push('…');
        }
    }
    out
}

/// The preview card as SVG: the figure, its label and year, the chart's bars where the screen has
/// one, the city's name and the date of the figures.
pub fn card_svg(screen: Screen, s: &Snapshot, locale: Locale) -> String {
    let t = strings(locale);
    let site = format!("{} {}", t.city, t.app_name);
    let date = as_of(s.as_of.clone(), locale);
    let family = "Noto Sans CJK JP, Noto Sans JP, sans-serif";
    let mut body = String::new();
    let text = |x: u32, y: u32, size: u32, weight: u32, fill: &str, s: &str| format!(r#"<text x="{x}" y="{y}" font-family="{family}" font-size="{size}" font-weight="{weight}" fill="{fill}">{}</text>"#, xml(s));
    match headline(screen, s, locale) {
        Some(h) => {
            for (i, line) in wrap(&h.label, 30, 2).iter().enumerate() {
                body += &text(64, 200 + i as u32 * 60, 46, 700, "#1a1a1a", line);
            }
            body += &text(64, 390, 120, 700, "#0b3d91", &h.figure);
            body += &text(64, 460, 40, 400, "#333333", &h.period);
            body += &bars(screen, s, locale);
        }
        None => {
            let title = match screen {
                Screen::Plan => locale.pick(&s.plan.name).to_string(),
                _ => t.app_name.to_string(),
            };
            for (i, line) in wrap(&title, 28, 2).iter().enumerate() {
                body += &text(64, 230 + i as u32 * 84, 72, 700, "#0b3d91", line);
            }
            let sub = match screen {
                Screen::Plan => fiscal_period(s.plan.period.from, s.plan.period.to, locale),
                _ => description(screen, s, locale).unwrap_or_default(),
            };
            for (i, line) in wrap(&sub, 56, 2).iter().enumerate() {
                body += &text(64, 440 + i as u32 * 50, 36, 400, "#333333", line);
            }
        }
    }
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{IMAGE_WIDTH}" height="{IMAGE_HEIGHT}" viewBox="0 0 {IMAGE_WIDTH} {IMAGE_HEIGHT}"><rect width="100%" height="100%" fill="#ffffff"/><rect width="100%" height="96" fill="#0b3d91"/>{}{body}<rect y="560" width="100%" height="70" fill="#f2f4f8"/>{}</svg>"##,
        text(64, 62, 36, 700, "#ffffff", &site),
        text(64, 606, 30, 400, "#333333", &date),
    )
}

/// The indicator's yearly figures as bars at the card's right, each with its year, the target
/// outlined.
fn bars(screen: Screen, s: &Snapshot, locale: Locale) -> String {
    let id = match screen {
        Screen::Counter => s.counter_survey.indicator.as_str(),
        Screen::Konbini => s.konbini_certificates.indicator.as_str(),
        _ => return String::new(),
    };
    let Some(ind) = s.indicators.iter().find(|i| i.id == id) else { return String::new() };
    let mut values: Vec<(f64, bool, snapshot::FiscalYear)> =
        std::iter::once(ind.baseline).chain(ind.actuals.iter().copied()).filter_map(|v| v.value.map(|x| (x, false, v.fiscal_year))).collect();
    if let Some(target) = ind.target.value {
        values.push((target, true, ind.target.fiscal_year));
    }
    let max = values.iter().map(|(v, _, _)| *v).fold(0.0_f64, f64::max);
    if max <= 0.0 || values.is_empty() {
        return String::new();
    }
    let (left, bottom, height, width) = (760.0, 520.0, 360.0, 380.0);
    let step = width / values.len() as f64;
    values
        .iter()
        .enumerate()
        .map(|(i, (v, target, year))| {
            let h = (v / max * height).max(2.0);
            let x = left + i as f64 * step + step * 0.15;
            let style = if *target { r##"fill="#ffffff" stroke="#0b3d91" stroke-width="4" stroke-dasharray="10 6""## } else { r##"fill="#0b3d91""## };
            let label = xml(&fiscal_year_short(*year, locale));
            format!(
                r##"<rect x="{x:.0}" y="{:.0}" width="{:.0}" height="{h:.0}" {style}/><text x="{:.0}" y="548" font-family="Noto Sans CJK JP, sans-serif" font-size="22" text-anchor="middle" fill="#333333">{label}</text>"##,
                bottom - h,
                step * 0.7,
                x + step * 0.35
            )
        })
        .collect()
}

/// The card as a PNG.
pub fn card_png(svg: &str, fonts_dir: &std::path::Path) -> Result<Vec<u8>, String> {
    let options = resvg::usvg::Options { fontdb: fonts(fonts_dir), ..resvg::usvg::Options::default() };
    let tree = resvg::usvg::Tree::from_str(svg, &options).map_err(|e| e.to_string())?;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(IMAGE_WIDTH, IMAGE_HEIGHT).ok_or("no pixmap")?;
    resvg::render(&tree, resvg::tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| e.to_string())
}

fn hash_of(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

async fn preview_image(State(app): State<Arc<AppState>>, Path(name): Path<String>, Query(lang): Query<Lang>, headers: HeaderMap) -> Response {
    let locale = lang.locale();
    let Some(path) = page_paths().find(|r| image_name(r) == name) else {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    };
    // The manifest's bytes name the publication: enough for the ETag and the kept image; the
    // snapshot is read only when an image has to be drawn.
    let folder = DataFolder::new(&app.config.data_dir);
    let Ok((_, manifest)) = folder.manifest() else {
        return (StatusCode::SERVICE_UNAVAILABLE, "no published data").into_response();
    };
    let etag = format!("\"{:016x}-{}-{}\"", hash_of(&manifest), name.trim_end_matches(".png"), locale.code());
    let cache = [(header::CACHE_CONTROL, "public, max-age=3600".to_string()), (header::ETAG, etag.clone())];
    if headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()).is_some_and(|v| v.split(',').any(|t| t.trim() == etag)) {
        return (StatusCode::NOT_MODIFIED, cache).into_response();
    }
    let made = app.images.made.lock().unwrap_or_else(|p| p.into_inner()).get(&etag).cloned();
    let png = match made {
        Some(png) => png,
        None => {
            let Ok(latest) = folder.latest() else {
                return (StatusCode::SERVICE_UNAVAILABLE, "no published data").into_response();
            };
            let (svg, fonts_dir) = (card_svg(screen_for(path), &latest.snapshot, locale), app.config.fonts_dir.clone());
            match tokio::task::spawn_blocking(move || card_png(&svg, &fonts_dir)).await {
                Ok(Ok(png)) => {
                    let png = Arc::new(png);
                    let mut made = app.images.made.lock().unwrap_or_else(|p| p.into_inner());
                    // One publication's images at a time: a new one replaces them all.
                    made.retain(|k, _| k.starts_with(&etag[..17]));
                    made.insert(etag.clone(), png.clone());
                    png
                }
                _ => return (StatusCode::INTERNAL_SERVER_ERROR, "the image could not be drawn").into_response(),
            }
        }
    };
    let mut r = (cache, png.as_ref().clone()).into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, header::HeaderValue::from_static("image/png"));
    r
}

// ── The feed ────────────────────────────────────────────────────────────────────────────────

/// `2023-12` or `2023-12-31` as an Atom date (the start of that day, Japan time).
fn atom_date(as_of: &snapshot::AsOf) -> String {
    match as_of.date() {
        Some(d) => format!("{:04}-{:02}-{:02}T00:00:00+09:00", d.year, d.month, d.day.unwrap_or(1)),
        None => "2000-01-01T00:00:00+09:00".into(),
    }
}

/// The feed: every snapshot is read to say what changed, so the answer is made once per
/// publication (× language × origin) and kept.
async fn feed(State(app): State<Arc<AppState>>, Query(lang): Query<Lang>, headers: HeaderMap) -> Response {
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
    ([(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")], body.as_str().to_owned()).into_response()
}

fn feed_body(app: &AppState, locale: Locale, origin: &str) -> Option<String> {
    let t = strings(locale);
    let folder = DataFolder::new(&app.config.data_dir);
    let (manifest, _) = folder.manifest().ok()?;
    let loaded: Vec<(snapshot::ManifestEntry, Option<Snapshot>)> = manifest.snapshots.iter().map(|e| (e.clone(), folder.snapshot(e).ok().map(|(s, _)| s))).collect();
    let lang_q = if locale == Locale::Ja { String::new() } else { format!("&lang={}", locale.code()) };
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
                    rows.iter().map(|r| format!("{} {} {}: {}{}", r.indicator, r.kind, r.period, r.before.clone().map(|b| format!("{b} → ")).unwrap_or_default(), r.after)).collect::<Vec<_>>().join(" / ")
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
            xml(locale.pick(&entry.title)),
            xml(&as_of(entry.as_of.clone(), locale)),
            xml(&link),
            xml(&changed),
        );
    }
    let home = if locale == Locale::Ja { format!("{origin}/") } else { format!("{origin}/?lang={}", locale.code()) };
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n<id>{}</id><title>{}</title><updated>{updated}</updated><author><name>{}</name></author><link rel=\"self\" href=\"{}\"/><link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n{entries}</feed>\n",
        locale.html_lang(),
        xml(&format!("{origin}/feed.xml")),
        xml(&format!("{} {}", t.city, t.app_name)),
        xml(t.city),
        xml(&format!("{origin}/feed.xml{}", if locale == Locale::Ja { String::new() } else { format!("?lang={}", locale.code()) })),
        xml(&home),
    );
    Some(body)
}

// ── The cards' CSV files ────────────────────────────────────────────────────────────────────

/// A chart card's table as the CSV its download link holds, at an address of its own
/// (`view_models::route::csv_path`), from the latest publication.
async fn card_csv(State(app): State<Arc<AppState>>, Path((lang, name)): Path<(String, String)>) -> Response {
    let (Some(locale), Some(id)) = (Locale::from_code(&lang), name.strip_suffix(".csv")) else {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    };
    let data = reform_widget::data::ServerData { static_dir: app.config.static_dir.clone(), data_dir: app.config.data_dir.clone(), drafts_allowed: false };
    let id = id.to_string();
    let loaded = tokio::task::spawn_blocking(move || reform_widget::data::files::load(&data, None, None)).await;
    let Ok(reform_widget::data::LoadState::Ready { snapshot, .. }) = loaded else {
        return (StatusCode::SERVICE_UNAVAILABLE, "no published data").into_response();
    };
    match view_models::screens::contexts::embed_card(&snapshot, &id, locale) {
        Some(card) => (
            [(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()), (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{id}.csv\"")), (header::CACHE_CONTROL, "public, max-age=300".to_string())],
            card.csv,
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

// ── Search engines ──────────────────────────────────────────────────────────────────────────

/// A screen's address in `locale`: Japanese without a parameter, the others with `?lang=`.
pub fn address_in(origin: &str, path: &str, locale: Locale) -> String {
    PageRequest::new(path, "", origin).canonical_url_in(locale)
}

async fn sitemap(headers: HeaderMap) -> Response {
    let origin = origin(&headers);
    let mut urls = String::new();
    for path in page_paths() {
        let alternates: String = Locale::ALL
            .iter()
            .map(|l| format!("<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>", l.hreflang(), xml(&address_in(&origin, path, *l))))
            .chain(std::iter::once(format!("<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>", xml(&address_in(&origin, path, Locale::Ja)))))
            .collect();
        for l in Locale::ALL {
            urls += &format!("<url><loc>{}</loc>{alternates}</url>\n", xml(&address_in(&origin, path, l)));
        }
    }
    let body = format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n{urls}</urlset>\n");
    ([(header::CONTENT_TYPE, "application/xml; charset=utf-8")], body).into_response()
}

async fn robots(headers: HeaderMap) -> Response {
    let body = format!("User-agent: *\nAllow: /\nDisallow: /staff/\nDisallow: /api/\nSitemap: {}/sitemap.xml\n", origin(&headers));
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}

// ── QR codes ────────────────────────────────────────────────────────────────────────────────

/// A QR code as SVG, its modules as one path (crisp at any size, a few hundred bytes).
pub fn qr_svg(text: &str) -> Option<String> {
    let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M).ok()?;
    Some(code.render::<qrcode::render::svg::Color<'_>>().min_dimensions(200, 200).quiet_zone(true).build())
}

/// `/qr/en/konbini.svg`: the canonical address of one of this site's screens (see
/// `view_models::route::qr_path`).
async fn qr(Path((lang, name)): Path<(String, String)>, headers: HeaderMap) -> Response {
    let locale = Locale::from_code(&lang);
    let path = page_paths().find(|r| locale.is_some_and(|l| view_models::route::qr_path(r, l) == format!("/qr/{lang}/{name}")));
    let (Some(path), Some(locale)) = (path, locale) else {
        return (StatusCode::NOT_FOUND, "not one of this site's screens").into_response();
    };
    match qr_svg(&address_in(&origin(&headers), path, locale)) {
        Some(svg) => ([(header::CONTENT_TYPE, "image/svg+xml"), (header::CACHE_CONTROL, "public, max-age=86400")], svg).into_response(),
        None => (StatusCode::INTERNAL_SERVER_ERROR, "").into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_wrapped_to_the_card() {
        assert_eq!(wrap("証明書コンビニ発行件数", 30, 2), vec!["証明書コンビニ発行件数"]);
        assert_eq!(wrap("市債残高（熊本地震関連及び臨時財政対策債を除く）", 30, 2).len(), 2);
        assert!(wrap("Certificates issued at convenience stores in Kumamoto City", 30, 2).iter().all(|l| l.len() <= 30));
        let cut = wrap(&"あ".repeat(100), 10, 2);
        assert_eq!(cut.len(), 2);
        assert!(cut[1].ends_with('…'));
        assert_eq!(image_name("/"), "home.png");
        assert_eq!(image_name("/konbini"), "konbini.png");
    }
}
