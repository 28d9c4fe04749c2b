//! How the figures travel beyond the widget: the link-preview image of each screen (`image`),
//! the Atom feed of publications (`feed`), `robots.txt`, `sitemap.xml` and the cards' CSV files
//! (`search`), and QR codes of a screen's canonical address (`qr`; a static export writes them
//! as files).

mod feed;
mod image;
mod qr;
mod search;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::http::{header, HeaderMap};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use view_models::Locale;

pub use image::{card_png, card_svg, wrap, IMAGE_HEIGHT, IMAGE_WIDTH};
pub use qr::qr_svg;
pub use search::address_in;

use crate::AppState;

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/og/{name}", get(image::preview_image))
        .route("/feed.xml", get(feed::feed))
        .route("/sitemap.xml", get(search::sitemap))
        .route("/robots.txt", get(search::robots))
        .route("/qr/{lang}/{name}", get(qr::qr))
        .route("/downloads/{lang}/{name}", get(search::card_csv))
}

/// What is made once per publication and kept: preview images by publication × screen ×
/// language, feeds by manifest × language × origin (a few: the origin is the reader's).
#[derive(Default)]
pub struct Images {
    made: Mutex<HashMap<String, Arc<Vec<u8>>>>,
    feeds: Mutex<HashMap<u64, Arc<String>>>,
}

/// The image's name for a screen's path: `/` is `home.png`, `/konbini` is `konbini.png`.
pub fn image_name(path: &str) -> String {
    let name = path.trim_matches('/');
    format!("{}.png", if name.is_empty() { "home" } else { name })
}

pub(crate) fn origin(headers: &HeaderMap) -> String {
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
