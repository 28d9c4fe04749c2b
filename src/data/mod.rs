//! Loading the published data: where it comes from, reading it (files on the server, fetch in
//! the browser), and the resource every screen reads. The server's answer travels to the
//! browser inside the page, so the first view never downloads the snapshot again.

mod cache;
#[cfg(feature = "ssr")]
pub mod files;
mod published;
mod source;

use std::sync::Arc;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use snapshot::{ManifestEntry, Snapshot};
use view_models::screens::changes::Change;
pub use view_models::screens::failure::LoadError;

pub use cache::snapshot_in_page_data;
pub use source::{resolve_manifest_url, DataSource};

/// The element that carries the page's data (`render.rs` writes it; `boot.js` and
/// [`cache`] read it).
pub const PAGE_DATA_ID: &str = "resolved-resources";
/// The element that carries the readings (ふりがな) of a page the app starts on, where the server
/// offers them: `render.rs` writes it, [`crate::hydrate`] installs it before the app starts.
pub const READINGS_ID: &str = "readings";

/// The pure URL rule, exposed for the browser tests.
pub mod source_rules {
    pub use super::source::resolve;
}

/// The snapshots the manifest lists, and which one is shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct History {
    pub entries: Vec<ManifestEntry>,
    pub shown: String,
    /// The manifest's latest id: a page rendered earlier learns of a newer one by comparing.
    pub latest: String,
    /// What changed since the snapshot listed before the shown one, in figures: the page carries
    /// these rows, not a second whole snapshot.
    pub changes: Option<Vec<Change>>,
}

/// What the screens can show once loading has finished.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum LoadState {
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

/// Which snapshot to load: `?asof=` (or the latest) and how many times the reader asked again.
#[derive(Clone, Debug, PartialEq)]
struct Wanted {
    selected: Option<String>,
    attempt: u32,
}

#[derive(Clone, Copy)]
pub struct SnapshotContext {
    pub resource: Resource<LoadState>,
    /// `?asof=`: the snapshot id to show instead of the latest.
    pub selected: RwSignal<Option<String>>,
    attempt: RwSignal<u32>,
    /// The as-of picker had focus when it asked for another snapshot: it gets it back when
    /// the new screen replaces the old.
    picker_focus: StoredValue<bool>,
    /// The page came from this device's saved copy (the service worker, offline) and the site
    /// has not answered since: the screen says so, as for any saved data.
    pub offline_copy: RwSignal<bool>,
}

impl SnapshotContext {
    /// Loads (again) from the network; the screen stays until the new answer is ready.
    pub fn reload(self) {
        self.attempt.update(|n| *n += 1);
    }

    /// Shows another snapshot from the manifest, and puts it in the address for sharing.
    pub fn select(self, id: String) {
        source::change_address(|p| p.asof = Some(id.clone()));
        self.picker_focus.set_value(true);
        self.selected.set(Some(id));
    }

    /// Whether the picker should take focus back (once).
    pub fn take_picker_focus(self) -> bool {
        let had = self.picker_focus.get_value();
        self.picker_focus.set_value(false);
        had
    }
}

/// Where the server reads the published files from (the server provides it; the browser has none).
#[cfg(feature = "ssr")]
#[derive(Clone, Debug)]
pub struct ServerData {
    /// The built widget, and any other same-site file a `?data=` preview names.
    pub static_dir: std::path::PathBuf,
    /// The published data, served as `/data/`: kept apart from the build (`--data`).
    pub data_dir: std::path::PathBuf,
    /// Whether `?data=` may name a draft (`/data/drafts/…`): only for signed-in staff.
    pub drafts_allowed: bool,
}

pub fn provide_snapshot(selected: Option<String>) {
    let selected = RwSignal::new(selected);
    let attempt = RwSignal::new(0u32);
    #[cfg(feature = "ssr")]
    let server = use_context::<ServerData>();
    let resource = Resource::new(
        move || Wanted {
            selected: selected.get(),
            attempt: attempt.get(),
        },
        move |wanted| {
            #[cfg(feature = "ssr")]
            let future = {
                let server = server.clone();
                let data = use_context::<crate::request::RequestContext>().and_then(|r| r.request.params.data);
                async move {
                    match server {
                        Some(s) => files::load(&s, data.as_deref(), wanted.selected.as_deref()),
                        None => LoadState::Failed(LoadError::Network),
                    }
                }
            };
            #[cfg(not(feature = "ssr"))]
            let future = send_wrapper::SendWrapper::new(load_in_browser(wanted.selected));
            future
        },
    );
    let ctx = SnapshotContext {
        resource,
        selected,
        attempt,
        picker_focus: StoredValue::new(false),
        offline_copy: RwSignal::new(false),
    };
    provide_context(ctx);
    // A page rendered earlier (a static export, a cached page) moves to a snapshot published
    // since: the manifest is small, and only a newer snapshot is downloaded.
    Effect::new(move |checked: Option<bool>| {
        if checked == Some(true) {
            return true;
        }
        let Some(state) = resource.get() else { return false };
        if crate::browser::document()
            .and_then(|d| d.document_element())
            .is_some_and(|e| e.has_attribute("data-offline-copy"))
        {
            // Set after the app has taken the page over, so the server's HTML still matches; the
            // manifest check below clears it when the site answers.
            ctx.offline_copy.set(true);
        }
        if let LoadState::Ready {
            preview: false,
            history: Some(h),
            ..
        } = &state
        {
            if ctx.selected.get_untracked().is_none() && h.shown == h.latest {
                cache::remember_from_page();
                check_for_newer(ctx, h.shown.clone());
            }
        }
        true
    });
}

/// The snapshot shown, once loaded: for what sits inside a loaded screen and needs a detail of
/// the publication it was not handed (the city's name in a snippet).
pub fn shown_snapshot() -> Option<Arc<Snapshot>> {
    match use_snapshot().resource.get_untracked() {
        Some(LoadState::Ready { snapshot, .. }) => Some(snapshot),
        _ => None,
    }
}

pub fn use_snapshot() -> SnapshotContext {
    expect_context::<SnapshotContext>()
}

#[cfg(target_arch = "wasm32")]
fn check_for_newer(ctx: SnapshotContext, shown: String) {
    leptos::task::spawn_local(async move {
        let Ok(source) = resolve_manifest_url() else { return };
        if let Ok(manifest) = published::browser::manifest(&source.manifest_url).await {
            ctx.offline_copy.set(false);
            if manifest.latest != shown && manifest.snapshots.iter().any(|e| e.id == manifest.latest) {
                ctx.reload();
            }
        }
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn check_for_newer(_: SnapshotContext, _: String) {}

/// The whole loading sequence in the browser: manifest, chosen (or latest) snapshot and its
/// predecessor, validation, and the fallback to this device's last good copy when anything
/// fails (never for previews or older snapshots).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
async fn load_in_browser(selected: Option<String>) -> LoadState {
    let source = match resolve_manifest_url() {
        Ok(s) => s,
        Err(e) => return LoadState::Failed(e),
    };
    #[cfg(target_arch = "wasm32")]
    let result = published::browser::snapshot_with_history(&source.manifest_url, selected.as_deref()).await;
    #[cfg(not(target_arch = "wasm32"))]
    let result: Result<published::Loaded, LoadError> = {
        let _ = &selected;
        Err(LoadError::Network)
    };
    match result {
        Ok(loaded) => {
            if !source.preview && loaded.is_latest {
                cache::remember(&loaded.bytes);
            }
            loaded.into_state(source.preview)
        }
        Err(error) => {
            // A preview keeps no device copy.
            let saved = if source.preview { None } else { cache::recall().await };
            match saved {
                Some(snapshot) => LoadState::Ready {
                    snapshot: Arc::new(snapshot),
                    stale: Some(error),
                    preview: false,
                    history: None,
                },
                None => LoadState::Failed(error),
            }
        }
    }
}
