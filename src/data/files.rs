//! The server reads the published files from disk, by the same rules as the browser's fetch:
//! `/data/…` from the data folder (published state, apart from the build), any other same-site
//! path a `?data=` preview names from the built widget's folder.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

use view_models::screens::failure::LoadError;

use super::published::snapshot_with_history;
use super::{LoadState, ServerData};

/// A site path (`/data/index.json`) as a file under `root`; `None` for anything that could leave it.
fn file_under(root: &Path, site_path: &str) -> Option<PathBuf> {
    let relative = Path::new(site_path.trim_start_matches('/'));
    let plain = relative.components().all(|c| matches!(c, Component::Normal(_)));
    (plain && relative.components().next().is_some()).then(|| root.join(relative))
}

/// `?data=` as a path on this site: a same-site path (`/fixtures/x.json`), never another origin.
pub fn data_param_path(param: &str) -> Result<String, LoadError> {
    let p = param.trim();
    if p.starts_with("//") || p.contains("://") {
        return Err(LoadError::ForeignOrigin);
    }
    if p.contains(':') || p.contains('\\') {
        return Err(LoadError::BadDataParam);
    }
    let path = p.split(['?', '#']).next().unwrap_or_default();
    Ok(if path.starts_with('/') {
        path.to_string()
    } else {
        format!("/{path}")
    })
}

/// A site path as a file: `/data/…` in the data folder, anything else under the built widget.
fn file_for(server: &ServerData, site_path: &str) -> Option<PathBuf> {
    match site_path.strip_prefix("/data/") {
        Some(rest) => {
            let draft = Path::new(rest.trim_start_matches('/')).components().next() == Some(Component::Normal("drafts".as_ref()));
            file_under(&server.data_dir, rest).filter(|_| server.drafts_allowed || !draft)
        }
        None => file_under(&server.static_dir, site_path),
    }
}

fn parent_dir(site_path: &str) -> &str {
    site_path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// What the last renders loaded, by everything the result depends on (the manifest's bytes
/// among them): a publication is parsed and checked once, not once per page. A few entries: the
/// latest, the as-of dates readers pick, previews.
static LOADED: Mutex<Vec<(u64, LoadState)>> = Mutex::new(Vec::new());
const LOADED_KEPT: usize = 16;
static PARSES: AtomicUsize = AtomicUsize::new(0);
/// Off only in the render benchmark, to measure renders as they were before parse-once.
static KEEP_PARSES: AtomicBool = AtomicBool::new(true);

/// Whether loads are kept (the benchmark compares both in one run).
pub fn keep_parses(keep: bool) {
    KEEP_PARSES.store(keep, Ordering::Relaxed);
}

/// How many times a manifest and its snapshots were parsed (for the tests: a new publication is
/// read once).
pub fn parses() -> usize {
    PARSES.load(Ordering::Relaxed)
}

/// Loads what the page shows, from the files on this server; the same again while the manifest
/// is the same.
pub fn load(server: &ServerData, data_param: Option<&str>, selected: Option<&str>) -> LoadState {
    if !KEEP_PARSES.load(Ordering::Relaxed) {
        return load_files(server, data_param, selected);
    }
    let manifest = data_param
        .filter(|p| !p.trim().is_empty())
        .map_or(Ok("/data/index.json".to_string()), data_param_path);
    let bytes = manifest.ok().and_then(|m| file_for(server, &m)).and_then(|f| std::fs::read(f).ok());
    let Some(bytes) = bytes else {
        return load_files(server, data_param, selected);
    };
    let mut h = DefaultHasher::new();
    (
        &server.data_dir,
        &server.static_dir,
        server.drafts_allowed,
        data_param,
        selected,
        &bytes,
    )
        .hash(&mut h);
    let key = h.finish();
    if let Some((_, state)) = LOADED.lock().unwrap_or_else(|p| p.into_inner()).iter().find(|(k, _)| *k == key) {
        return state.clone();
    }
    let state = load_files(server, data_param, selected);
    // Failures are not kept: a missing file may arrive without the manifest changing.
    if matches!(state, LoadState::Ready { .. }) {
        let mut loaded = LOADED.lock().unwrap_or_else(|p| p.into_inner());
        if loaded.len() >= LOADED_KEPT {
            loaded.remove(0);
        }
        loaded.push((key, state.clone()));
    }
    state
}

fn load_files(server: &ServerData, data_param: Option<&str>, selected: Option<&str>) -> LoadState {
    PARSES.fetch_add(1, Ordering::Relaxed);
    let (manifest_at, preview) = match data_param.filter(|p| !p.trim().is_empty()) {
        None => ("/data/index.json".to_string(), false),
        Some(p) => match data_param_path(p) {
            Ok(path) => (path, true),
            Err(e) => return LoadState::Failed(e),
        },
    };
    let get = |site_path: String| {
        let file = file_for(server, &site_path);
        async move {
            let file = file.ok_or(LoadError::NotFound)?;
            std::fs::read(&file).map_err(|e| {
                if e.kind() == std::io::ErrorKind::NotFound {
                    LoadError::NotFound
                } else {
                    LoadError::Network
                }
            })
        }
    };
    let dir = parent_dir(&manifest_at).to_string();
    let beside = |file: &str| Ok(format!("{dir}/{file}"));
    let result = futures::executor::block_on(snapshot_with_history(get, beside, &manifest_at, selected));
    match result {
        Ok(loaded) => loaded.into_state(preview),
        Err(e) => LoadState::Failed(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_paths_on_this_site_are_read() {
        let root = Path::new("/srv/widget");
        assert_eq!(file_under(root, "/data/index.json"), Some(root.join("data/index.json")));
        let server = ServerData {
            static_dir: root.into(),
            data_dir: "/var/widget/data".into(),
            drafts_allowed: false,
        };
        assert_eq!(
            file_for(&server, "/data/index.json"),
            Some(PathBuf::from("/var/widget/data/index.json"))
        );
        assert_eq!(file_for(&server, "/data/drafts/x/index.json"), None, "drafts only for staff");
        assert_eq!(file_for(&server, "/data//drafts/x/index.json"), None, "however written");
        let staff = ServerData {
            drafts_allowed: true,
            ..server.clone()
        };
        assert_eq!(
            file_for(&staff, "/data/drafts/x/index.json"),
            Some(PathBuf::from("/var/widget/data/drafts/x/index.json"))
        );
        assert_eq!(file_for(&server, "/data/../index.json"), None);
        assert_eq!(
            file_for(&server, "/fixtures/x/index.json"),
            Some(root.join("fixtures/x/index.json"))
        );
        assert_eq!(file_under(root, "/data/../../etc/passwd"), None);
        assert_eq!(file_under(root, "/"), None);
        assert_eq!(data_param_path("/fixtures/x/index.json"), Ok("/fixtures/x/index.json".into()));
        assert_eq!(data_param_path("fixtures/x.json?v=1"), Ok("/fixtures/x.json".into()));
        assert_eq!(data_param_path("https://example.com/index.json"), Err(LoadError::ForeignOrigin));
        assert_eq!(data_param_path("//example.com/index.json"), Err(LoadError::ForeignOrigin));
        assert_eq!(data_param_path("javascript:alert(1)"), Err(LoadError::BadDataParam));
    }

    #[test]
    fn the_published_files_load_with_their_history() {
        let public = Path::new(env!("CARGO_MANIFEST_DIR")).join("public");
        let root = ServerData {
            data_dir: public.join("data"),
            static_dir: PathBuf::from("/nonexistent"),
            drafts_allowed: false,
        };
        match load(&root, None, None) {
            LoadState::Ready {
                snapshot,
                stale: None,
                preview: false,
                history: Some(h),
            } => {
                assert_eq!(snapshot.id, h.latest);
                assert_eq!(h.shown, h.latest);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            load(&root, Some("/nowhere/index.json"), None),
            LoadState::Failed(LoadError::NotFound)
        );
    }
}
