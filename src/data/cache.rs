//! This device's copy of the last good snapshot, shown (with a banner) when loading fails.
//! Only validated snapshots are stored, and they are validated again when read back.

use snapshot::{parse_snapshot, Snapshot};

use crate::browser::local_storage;

const KEY: &str = "reform-widget:last-good-snapshot";

pub fn remember(bytes: &[u8]) {
    if let (Some(s), Ok(text)) = (local_storage(), std::str::from_utf8(bytes)) {
        // Full storage only means no offline copy; nothing else depends on it.
        let _ = s.set_item(KEY, text);
    }
}

/// The snapshot the server rendered the page with (it arrived inside the page, not as a file).
pub fn remember_snapshot(snapshot: &Snapshot) {
    if let Ok(text) = serde_json::to_vec(snapshot) {
        remember(&text);
    }
}

pub fn recall() -> Option<Snapshot> {
    let text = local_storage()?.get_item(KEY).ok()??;
    parse_snapshot(text.as_bytes()).ok()
}
