//! Loading the published data: where it comes from, fetching it, and the state the screens read.

mod cache;
mod fetch;
mod source;

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use snapshot::Snapshot;
pub use view_models::screens::failure::LoadError;

pub use source::{resolve_manifest_url, DataSource};

/// The pure URL rule, exposed for the browser tests.
pub mod source_rules {
    pub use super::source::resolve;
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
    },
    Failed(LoadError),
}

#[derive(Clone, Copy)]
pub struct SnapshotContext {
    pub state: RwSignal<LoadState>,
}

impl SnapshotContext {
    /// Loads (again) from the network; keeps nothing from a failed attempt.
    pub fn reload(self) {
        self.state.set(LoadState::Loading);
        let state = self.state;
        spawn_local(async move {
            state.set(load().await);
        });
    }
}

pub fn provide_snapshot() {
    let ctx = SnapshotContext { state: RwSignal::new(LoadState::Loading) };
    provide_context(ctx);
    ctx.reload();
}

pub fn use_snapshot() -> SnapshotContext {
    expect_context::<SnapshotContext>()
}

/// The whole loading sequence: manifest, latest snapshot, validation, and the fallback to
/// this device's last good copy when anything fails (never for previews).
pub async fn load() -> LoadState {
    let source = match resolve_manifest_url() {
        Ok(s) => s,
        Err(e) => return LoadState::Failed(e),
    };
    match fetch::latest_snapshot(&source.manifest_url).await {
        Ok((snapshot, bytes)) => {
            if !source.preview {
                cache::remember(&bytes);
            }
            LoadState::Ready { snapshot: Arc::new(snapshot), stale: None, preview: source.preview }
        }
        Err(error) => match (source.preview, cache::recall()) {
            (false, Some(snapshot)) => LoadState::Ready { snapshot: Arc::new(snapshot), stale: Some(error), preview: false },
            _ => LoadState::Failed(error),
        },
    }
}
