//! The city's own files under `/city/`: its logo and its accent colour's style sheet, named by what
//! they hold (`view_models::city`), so a browser keeps them until the city changes them. A static
//! export writes the same files.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex};

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use publish::DataFolder;
use snapshot::Snapshot;

use crate::AppState;

pub fn routes() -> Router<Arc<AppState>> {
    Router::new().route("/city/{file}", get(city_file))
}

/// A file's name and text, and its type.
pub struct CityFile {
    pub name: String,
    pub text: String,
    pub content_type: &'static str,
}

const SVG: &str = "image/svg+xml";
const CSS: &str = "text/css; charset=utf-8";

/// The files a publication's pages ask for: its logo, its accent's style sheet.
pub fn of(s: &Snapshot) -> Vec<CityFile> {
    let logo = s.city.as_ref().and_then(|c| c.logo.clone()).map(|svg| CityFile {
        name: view_models::city::logo_file(&svg),
        text: svg,
        content_type: SVG,
    });
    let accent = view_models::city::accent_file(s).and_then(|name| {
        view_models::city::accent_style(&name).map(|text| CityFile {
            name,
            text,
            content_type: CSS,
        })
    });
    logo.into_iter().chain(accent).collect()
}

/// The files of every publication `manifest` lists (a page of an earlier one names its own), each
/// name once: what the server serves and the static export writes.
pub fn of_publications(folder: &DataFolder, manifest: &snapshot::Manifest) -> Vec<CityFile> {
    let mut files: Vec<CityFile> = Vec::new();
    for (s, _) in manifest.snapshots.iter().filter_map(|entry| folder.snapshot(entry).ok()) {
        for f in of(&s) {
            if !files.iter().any(|kept| kept.name == f.name) {
                files.push(f);
            }
        }
    }
    files
}

/// The logos of every publication (a page of an earlier one shows its own), by file name, kept
/// while the manifest stays the same: a request for a name no publication has reads nothing.
type Logos = HashMap<String, Arc<str>>;
static LOGOS: Mutex<Option<(u64, Arc<Logos>)>> = Mutex::new(None);

fn logos(app: &AppState) -> Arc<Logos> {
    let folder = DataFolder::new(&app.config.data_dir);
    let Ok((manifest, bytes)) = folder.manifest() else {
        return Arc::default();
    };
    let mut h = DefaultHasher::new();
    (&app.config.data_dir, &bytes).hash(&mut h);
    let key = h.finish();
    let mut kept = LOGOS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((k, logos)) = kept.as_ref() {
        if *k == key {
            return logos.clone();
        }
    }
    let logos: Arc<Logos> = Arc::new(
        of_publications(&folder, &manifest)
            .into_iter()
            .filter(|f| f.content_type == SVG)
            .map(|f| (f.name, Arc::from(f.text)))
            .collect(),
    );
    *kept = Some((key, logos.clone()));
    logos
}

async fn city_file(State(app): State<Arc<AppState>>, Path(file): Path<String>) -> Response {
    // Named by what it holds: the same name is the same file for good.
    let kept = (header::CACHE_CONTROL, "public, max-age=31536000, immutable");
    // Any colour that keeps its contrast has its style sheet, published or not: it says nothing
    // but the colour its name gives.
    if let Some(css) = view_models::city::accent_style(&file) {
        return ([(header::CONTENT_TYPE, CSS), kept], css).into_response();
    }
    let found = if file.starts_with("logo-") {
        let app = app.clone();
        tokio::task::spawn_blocking(move || logos(&app).get(&file).cloned())
            .await
            .ok()
            .flatten()
    } else {
        None
    };
    match found {
        // Checked when it was published (`snapshot::logo`); its own policy besides, for a reader
        // who opens it by its address: it may draw, and do nothing else.
        Some(svg) => (
            [
                (header::CONTENT_TYPE, SVG),
                kept,
                (header::CONTENT_SECURITY_POLICY, "default-src 'none'; sandbox"),
            ],
            svg.to_string(),
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}
