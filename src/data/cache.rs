//! This device's copy of the last good snapshot, shown (with a banner) when loading fails.
//! Only validated bytes are stored, and they are validated again when read back.

use snapshot::{parse_snapshot, Snapshot};

const KEY: &str = "reform-widget:last-good-snapshot";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

pub fn remember(bytes: &[u8]) {
    if let (Some(s), Ok(text)) = (storage(), std::str::from_utf8(bytes)) {
        // Full storage only means no offline copy; nothing else depends on it.
        let _ = s.set_item(KEY, text);
    }
}

pub fn recall() -> Option<Snapshot> {
    let text = storage()?.get_item(KEY).ok()??;
    parse_snapshot(text.as_bytes()).ok()
}
