//! Loading the published data: where it comes from, fetching it, and the state the screens read.

mod cache;
mod fetch;
mod source;

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use snapshot::{ManifestEntry, Snapshot};
pub use view_models::screens::failure::LoadError;

pub use source::{query_param as source_query_param, resolve_manifest_url, DataSource};

/// The pure URL rule, exposed for the browser tests.
pub mod source_rules {
    pub use super::source::resolve;
}

/// The snapshots the manifest lists, and which one is shown.
#[derive(Clone, Debug)]
pub struct History {
    pub entries: Vec<ManifestEntry>,
    pub shown: String,
    /// The snapshot listed before the shown one, for "what changed".
    pub previous: Option<Arc<Snapshot>>,
}

/// What the screens can show right now.
#[derive(Clone, Debug)]
pub enum LoadState {
    Loading,
    Ready {
        snapshot: Arc<Snapshot>,
        /// Shown from this device's copy because the fresh one failed.
        stale: Option<LoadError>,
        /// Loaded from a `?data=` manifest (staff preview).
        preview: bool,
        /// Present when the manifest was read (not for a device copy).
        history: Option<History>,
    },
    Failed(LoadError),
}

#[derive(Clone, Copy)]
pub struct SnapshotContext {
    pub state: RwSignal<LoadState>,
    /// `?asof=`: the snapshot id to show instead of the latest.
    pub selected: RwSignal<Option<String>>,
}

impl SnapshotContext {
    /// Loads (again) from the network; keeps nothing from a failed attempt.
    pub fn reload(self) {
        self.state.set(LoadState::Loading);
        let (state, selected) = (self.state, self.selected.get_untracked());
        spawn_local(async move {
            state.set(load(selected).await);
        });
    }

    /// Shows another snapshot from the manifest, and puts it in the address for sharing.
    pub fn select(self, id: String) {
        source::set_query_param("asof", &id);
        self.selected.set(Some(id));
        self.reload();
    }
}

pub fn provide_snapshot() {
    let ctx = SnapshotContext { state: RwSignal::new(LoadState::Loading), selected: RwSignal::new(source::query_param("asof")) };
    provide_context(ctx);
    ctx.reload();
}

pub fn use_snapshot() -> SnapshotContext {
    expect_context::<SnapshotContext>()
}

/// The whole loading sequence: manifest, chosen (or latest) snapshot and its predecessor,
/// validation, and the fallback to this device's last good copy when anything fails
/// (never for previews or older snapshots).
pub async fn load(selected: Option<String>) -> LoadState {
    let source = match resolve_manifest_url() {
        Ok(s) => s,
        Err(e) => return LoadState::Failed(e),
    };
    match fetch::snapshot_with_history(&source.manifest_url, selected.as_deref()).await {
        Ok(loaded) => {
            if !source.preview && loaded.is_latest {
                cache::remember(&loaded.bytes);
            }
            let history = History { entries: loaded.manifest.snapshots, shown: loaded.snapshot.id.clone(), previous: loaded.previous.map(Arc::new) };
            LoadState::Ready { snapshot: Arc::new(loaded.snapshot), stale: None, preview: source.preview, history: Some(history) }
        }
        Err(error) => match (source.preview, cache::recall()) {
            (false, Some(snapshot)) => LoadState::Ready { snapshot: Arc::new(snapshot), stale: Some(error), preview: false, history: None },
            _ => LoadState::Failed(error),
        },
    }
}
