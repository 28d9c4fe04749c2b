//! The link-preview image: the screen's headline card as SVG, drawn to a 1200×630 PNG with
//! resvg and Debian's Noto Sans CJK, made once per publication × screen × language.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, OnceLock};

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use publish::DataFolder;
use snapshot::Snapshot;
use view_models::escape::escape_html as xml;
use view_models::format::{as_of, fiscal_period, fiscal_year_short};
use view_models::route::{page_paths, screen_for, Screen};
use view_models::screens::share::{description, headline};
use view_models::{strings, Locale};

use super::{image_name, Lang};
use crate::AppState;

pub const IMAGE_WIDTH: u32 = 1200;
pub const IMAGE_HEIGHT: u32 = 630;

/// Fonts for the images: Debian's Noto Sans CJK (OFL, which allows embedding), read once.
fn fonts(dir: &std::path::Path) -> Arc<resvg::usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<resvg::usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = resvg::usvg::fontdb::Database::new();
            db.load_fonts_dir(dir);
            if db.is_empty() {
                tracing::warn!(
                    "no fonts in {}: preview images will have no text (install fonts-noto-cjk)",
                    dir.display()
                );
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
    let site = view_models::city::site_name(view_models::city::name(s, locale).as_deref(), t);
    let date = as_of(s.as_of.clone(), locale);
    let family = "Noto Sans CJK JP, Noto Sans JP, sans-serif";
    let mut body = String::new();
    let text = |x: u32, y: u32, size: u32, weight: u32, fill: &str, s: &str| {
        format!(
            r#"<text x="{x}" y="{y}" font-family="{family}" font-size="{size}" font-weight="{weight}" fill="{fill}">{}</text>"#,
            xml(s)
        )
    };
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
        Screen::Konbini => match &s.konbini_certificates {
            Some(k) => k.indicator.as_str(),
            None => return String::new(),
        },
        _ => return String::new(),
    };
    let Some(ind) = s.indicators.iter().find(|i| i.id == id) else {
        return String::new();
    };
    let mut values: Vec<(f64, bool, snapshot::FiscalYear)> = std::iter::once(ind.baseline)
        .chain(ind.actuals.iter().copied())
        .filter_map(|v| v.value.map(|x| (x, false, v.fiscal_year)))
        .collect();
    if let Some(target) = *ind.target.value {
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
    let options = resvg::usvg::Options {
        fontdb: fonts(fonts_dir),
        ..resvg::usvg::Options::default()
    };
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

pub(super) async fn preview_image(
    State(app): State<Arc<AppState>>,
    Path(name): Path<String>,
    Query(lang): Query<Lang>,
    headers: HeaderMap,
) -> Response {
    let locale = lang.locale();
    let Some(path) = page_paths().find(|r| image_name(r) == name) else {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    };
    // Nor for a screen the latest publication has no data for.
    if crate::pages::published(&app).is_some_and(|s| !view_models::route::offered(screen_for(path), &s)) {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    }
    // The manifest's bytes name the publication: enough for the ETag and the kept image; the
    // snapshot is read only when an image has to be drawn.
    let folder = DataFolder::new(&app.config.data_dir);
    let Ok((_, manifest)) = folder.manifest() else {
        return (StatusCode::SERVICE_UNAVAILABLE, "no published data").into_response();
    };
    let etag = format!(
        "\"{:016x}-{}-{}\"",
        hash_of(&manifest),
        name.trim_end_matches(".png"),
        locale.code()
    );
    let cache = [
        (header::CACHE_CONTROL, "public, max-age=3600".to_string()),
        (header::ETAG, etag.clone()),
    ];
    if headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag))
    {
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
    r.headers_mut()
        .insert(header::CONTENT_TYPE, header::HeaderValue::from_static("image/png"));
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::share::image_name;

    #[test]
    fn lines_are_wrapped_to_the_card() {
        assert_eq!(wrap("証明書コンビニ発行件数", 30, 2), vec!["証明書コンビニ発行件数"]);
        assert_eq!(wrap("市債残高（熊本地震関連及び臨時財政対策債を除く）", 30, 2).len(), 2);
        assert!(wrap("Certificates issued at convenience stores in Kumamoto City", 30, 2)
            .iter()
            .all(|l| l.len() <= 30));
        let cut = wrap(&"あ".repeat(100), 10, 2);
        assert_eq!(cut.len(), 2);
        assert!(cut[1].ends_with('…'));
        assert_eq!(image_name("/"), "home.png");
        assert_eq!(image_name("/konbini"), "konbini.png");
    }
}
