//! Fetching the manifest and the snapshot it names, turning every failure into a [`LoadError`].

use gloo_net::http::Request;
use snapshot::{parse_manifest, parse_snapshot, Problem, Snapshot};
use view_models::screens::failure::LoadError;

async fn get_bytes(url: &str) -> Result<Vec<u8>, LoadError> {
    let response = Request::get(url).send().await.map_err(|_| LoadError::Network)?;
    match response.status() {
        200..=299 => response.binary().await.map_err(|_| LoadError::Network),
        404 | 410 => Err(LoadError::NotFound),
        code => Err(LoadError::Http(code)),
    }
}

/// Not JSON at all, or JSON that breaks a rule (named by its path)?
fn classify(bytes: &[u8], problems: Vec<Problem>) -> LoadError {
    if serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_err() {
        return LoadError::NotJson;
    }
    let path = problems.into_iter().next().map_or_else(|| ".".to_string(), |p| p.path);
    LoadError::Invalid { path }
}

/// The latest snapshot listed by the manifest at `manifest_url`, with its raw bytes.
pub async fn latest_snapshot(manifest_url: &str) -> Result<(Snapshot, Vec<u8>), LoadError> {
    let bytes = get_bytes(manifest_url).await?;
    let manifest = parse_manifest(&bytes).map_err(|p| classify(&bytes, p))?;
    let entry = manifest
        .snapshots
        .iter()
        .find(|e| e.id == manifest.latest)
        .ok_or_else(|| LoadError::Invalid { path: "latest".into() })?;
    let url = web_sys::Url::new_with_base(&entry.file, manifest_url).map_err(|_| LoadError::Invalid { path: "file".into() })?;
    let bytes = get_bytes(&url.href()).await?;
    let snapshot = parse_snapshot(&bytes).map_err(|p| classify(&bytes, p))?;
    Ok((snapshot, bytes))
}
