//! QR codes of this site's screens (`/qr/<lang>/<screen>.svg`), for the printed page and the
//! kiosk: SVG made on the server with `qrcode`, never for another site's address.

use axum::extract::Path;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use view_models::route::page_paths;
use view_models::Locale;

use super::{address_in, origin};

/// A QR code as SVG, its modules as one path (crisp at any size, a few hundred bytes).
pub fn qr_svg(text: &str) -> Option<String> {
    let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M).ok()?;
    Some(
        code.render::<qrcode::render::svg::Color<'_>>()
            .min_dimensions(200, 200)
            .quiet_zone(true)
            .build(),
    )
}

/// `/qr/en/konbini.svg`: the canonical address of one of this site's screens (see
/// `view_models::route::qr_path`).
pub(super) async fn qr(Path((lang, name)): Path<(String, String)>, headers: HeaderMap) -> Response {
    let locale = Locale::from_code(&lang);
    let path = page_paths().find(|r| locale.is_some_and(|l| view_models::route::qr_path(r, l) == format!("/qr/{lang}/{name}")));
    let (Some(path), Some(locale)) = (path, locale) else {
        return (StatusCode::NOT_FOUND, "not one of this site's screens").into_response();
    };
    match qr_svg(&address_in(&origin(&headers), path, locale)) {
        Some(svg) => (
            [
                (header::CONTENT_TYPE, "image/svg+xml"),
                (header::CACHE_CONTROL, "public, max-age=86400"),
            ],
            svg,
        )
            .into_response(),
        None => (StatusCode::INTERNAL_SERVER_ERROR, "").into_response(),
    }
}
