//! Reading the manifest and the snapshots it names, the same way from files (server) and over
//! the network (browser): only how bytes are got differs. Every failure is a [`LoadError`].

use std::future::Future;
use std::sync::Arc;

use snapshot::{is_shape_problem, parse_manifest_untracked, parse_snapshot_untracked, Code, Manifest, ManifestEntry, Problem, Snapshot};
use view_models::screens::changes::diff;
use view_models::screens::failure::{LoadError, Worded};

use super::{History, LoadState};
use crate::splitting::on_demand_fn;

/// Not JSON at all, or JSON that breaks a rule (named by its path)?
pub fn classify(bytes: &[u8], problems: Vec<Problem>) -> LoadError {
    if serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_err() {
        return LoadError::NotJson;
    }
    match problems.into_iter().next() {
        // The JSON's shape is reported by serde, in English only: the path says enough.
        Some(p) if !matches!(p.code, Code::WrongShape | Code::NotJson | Code::FileEndsEarly) => LoadError::Invalid {
            problem: Some(Worded::from_problem(&p)),
            path: p.path,
        },
        Some(p) => LoadError::Invalid {
            path: p.path,
            problem: None,
        },
        None => LoadError::Invalid {
            path: ".".into(),
            problem: None,
        },
    }
}

/// A snapshot file's model, or what is wrong with it. Checking a snapshot file is only needed
/// when one is fetched (another as-of date, a retry, a preview; the first view's snapshot
/// arrives inside the page), so in the browser it is a chunk of its own, and the parser that
/// names the JSON path of a broken file another (`locate_problem`). A chunk that cannot be
/// downloaded counts as a network failure; a missing `locate_problem` only costs the path.
pub async fn read_snapshot(bytes: &[u8]) -> Result<Snapshot, LoadError> {
    match snapshot_file(bytes.to_vec()).await {
        Ok(Ok(snapshot)) => Ok(snapshot),
        Ok(Err(problems)) if is_shape_problem(&problems) => {
            Err(classify(bytes, locate_snapshot_problem(bytes.to_vec()).await.unwrap_or(problems)))
        }
        Ok(Err(problems)) => Err(classify(bytes, problems)),
        Err(_) => Err(LoadError::Network),
    }
}

on_demand_fn! {
    in snapshot_file: fn snapshot_file(bytes: Vec<u8>) -> Result<Snapshot, Vec<Problem>> {
        parse_snapshot_untracked(&bytes)
    }
}

/// The manifest, as [`read_snapshot`].
pub async fn read_manifest(bytes: &[u8]) -> Result<Manifest, LoadError> {
    match parse_manifest_untracked(bytes) {
        Ok(manifest) => Ok(manifest),
        Err(problems) if is_shape_problem(&problems) => {
            Err(classify(bytes, locate_manifest_problem(bytes.to_vec()).await.unwrap_or(problems)))
        }
        Err(problems) => Err(classify(bytes, problems)),
    }
}

on_demand_fn! {
    /// The tracking parsers, loaded only for a broken file (a chunk that fails to arrive only
    /// costs the path in the message).
    in locate_problem: fn locate_snapshot_problem(bytes: Vec<u8>) -> Vec<Problem> {
        snapshot::parse_snapshot(&bytes).err().unwrap_or_default()
    }
}
on_demand_fn! {
    in locate_problem: fn locate_manifest_problem(bytes: Vec<u8>) -> Vec<Problem> {
        snapshot::parse_manifest(&bytes).err().unwrap_or_default()
    }
}

pub struct Loaded {
    pub snapshot: Snapshot,
    pub bytes: Vec<u8>,
    pub manifest: Manifest,
    pub previous: Option<Snapshot>,
    pub is_latest: bool,
}

impl Loaded {
    pub fn into_state(self, preview: bool) -> LoadState {
        let history = History {
            entries: self.manifest.snapshots,
            shown: self.snapshot.id.clone(),
            latest: self.manifest.latest,
            changes: self.previous.map(|previous| diff(&previous, &self.snapshot)),
        };
        LoadState::Ready {
            snapshot: Arc::new(self.snapshot),
            stale: None,
            preview,
            history: Some(history),
        }
    }
}

/// The snapshot `selected` (or the latest, when unknown or not given) and the one listed
/// before it by date. A predecessor that fails to load only hides "what changed".
/// `get` reads a location's bytes; `beside` names a manifest entry's file relative to the manifest.
pub async fn snapshot_with_history<G, F>(
    get: G,
    beside: impl Fn(&str) -> Result<String, LoadError>,
    manifest_at: &str,
    selected: Option<&str>,
) -> Result<Loaded, LoadError>
where
    G: Fn(String) -> F,
    F: Future<Output = Result<Vec<u8>, LoadError>>,
{
    let bytes = get(manifest_at.to_string()).await?;
    let manifest = read_manifest(&bytes).await?;
    let mut by_date: Vec<&ManifestEntry> = manifest.snapshots.iter().collect();
    by_date.sort_by(|a, b| a.as_of.cmp(&b.as_of));
    let chosen = selected
        .and_then(|id| by_date.iter().position(|e| e.id == id))
        .or_else(|| by_date.iter().position(|e| e.id == manifest.latest))
        .ok_or_else(|| LoadError::Invalid {
            path: "latest".into(),
            problem: None,
        })?;
    let read = |entry: &ManifestEntry| {
        let at = beside(&entry.file);
        let get = &get;
        async move {
            let bytes = get(at?).await?;
            let snapshot = read_snapshot(&bytes).await?;
            Ok::<_, LoadError>((snapshot, bytes))
        }
    };
    let (snapshot, bytes) = read(by_date[chosen]).await?;
    let previous = match chosen.checked_sub(1) {
        Some(i) => read(by_date[i]).await.ok().map(|(s, _)| s),
        None => None,
    };
    let is_latest = by_date[chosen].id == manifest.latest;
    let manifest = manifest.clone();
    Ok(Loaded {
        snapshot,
        bytes,
        manifest,
        previous,
        is_latest,
    })
}

/// Over the network, in the browser.
#[cfg(target_arch = "wasm32")]
pub mod browser {
    use gloo_net::http::Request;

    use super::*;

    async fn get_bytes(url: String) -> Result<Vec<u8>, LoadError> {
        let response = Request::get(&url).send().await.map_err(|_| LoadError::Network)?;
        match response.status() {
            200..=299 => response.binary().await.map_err(|_| LoadError::Network),
            404 | 410 => Err(LoadError::NotFound),
            code => Err(LoadError::Http(code)),
        }
    }

    pub async fn snapshot_with_history(manifest_url: &str, selected: Option<&str>) -> Result<Loaded, LoadError> {
        let beside = |file: &str| {
            web_sys::Url::new_with_base(file, manifest_url)
                .map(|u| u.href())
                .map_err(|_| LoadError::Invalid {
                    path: "file".into(),
                    problem: None,
                })
        };
        super::snapshot_with_history(get_bytes, beside, manifest_url, selected).await
    }

    pub async fn manifest(manifest_url: &str) -> Result<Manifest, LoadError> {
        let bytes = get_bytes(manifest_url.to_string()).await?;
        read_manifest(&bytes).await
    }
}
