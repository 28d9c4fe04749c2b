//! Fetching the manifest and the snapshots it names, turning every failure into a [`LoadError`].

use gloo_net::http::Request;
use snapshot::{parse_manifest, parse_snapshot, Manifest, ManifestEntry, Problem, Snapshot};
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

async fn get_snapshot(entry: &ManifestEntry, manifest_url: &str) -> Result<(Snapshot, Vec<u8>), LoadError> {
    let url = web_sys::Url::new_with_base(&entry.file, manifest_url).map_err(|_| LoadError::Invalid { path: "file".into() })?;
    let bytes = get_bytes(&url.href()).await?;
    let snapshot = parse_snapshot(&bytes).map_err(|p| classify(&bytes, p))?;
    Ok((snapshot, bytes))
}

pub struct Loaded {
    pub snapshot: Snapshot,
    pub bytes: Vec<u8>,
    pub manifest: Manifest,
    pub previous: Option<Snapshot>,
    pub is_latest: bool,
}

/// The snapshot `selected` (or the latest, when unknown or not given) and the one listed
/// before it by date. A predecessor that fails to load only hides "what changed".
pub async fn snapshot_with_history(manifest_url: &str, selected: Option<&str>) -> Result<Loaded, LoadError> {
    let bytes = get_bytes(manifest_url).await?;
    let manifest = parse_manifest(&bytes).map_err(|p| classify(&bytes, p))?;
    let mut by_date: Vec<&ManifestEntry> = manifest.snapshots.iter().collect();
    by_date.sort_by(|a, b| a.as_of.cmp(&b.as_of));
    let chosen = selected
        .and_then(|id| by_date.iter().position(|e| e.id == id))
        .or_else(|| by_date.iter().position(|e| e.id == manifest.latest))
        .ok_or_else(|| LoadError::Invalid { path: "latest".into() })?;
    let (snapshot, bytes) = get_snapshot(by_date[chosen], manifest_url).await?;
    let previous = match chosen.checked_sub(1) {
        Some(i) => get_snapshot(by_date[i], manifest_url).await.ok().map(|(s, _)| s),
        None => None,
    };
    let is_latest = by_date[chosen].id == manifest.latest;
    Ok(Loaded { snapshot, bytes, manifest, previous, is_latest })
}
