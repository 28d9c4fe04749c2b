//! This device's copy of the last good snapshot, shown (with a banner) when loading fails.
//! Only validated snapshots are stored, and they are validated again when read back.

use snapshot::Snapshot;


use crate::browser::local_storage;

const KEY: &str = "reform-widget:last-good-snapshot";

pub fn remember(bytes: &[u8]) {
    if let (Some(s), Ok(text)) = (local_storage(), std::str::from_utf8(bytes)) {
        // Full storage only means no offline copy; nothing else depends on it.
        let _ = s.set_item(KEY, text);
    }
}

/// The snapshot the server rendered the page with: it arrived inside the page (the resource
/// data `render.rs` writes), not as a file. Its published text is kept as it is, so the browser
/// never needs to serialize the model (which would add its code to the wasm).
pub fn remember_from_page() {
    #[derive(serde::Deserialize)]
    enum Shown<'a> {
        Ready {
            #[serde(borrow)]
            snapshot: &'a serde_json::value::RawValue,
        },
    }
    let Some(text) = crate::browser::document().and_then(|d| d.get_element_by_id("resolved-resources")).and_then(|e| e.text_content()) else { return };
    let Ok(values) = serde_json::from_str::<Vec<&serde_json::value::RawValue>>(&text) else { return };
    if let Some(Shown::Ready { snapshot }) = values.iter().find_map(|v| serde_json::from_str::<Shown>(v.get()).ok()) {
        remember(snapshot.get().as_bytes());
    }
}

pub async fn recall() -> Option<Snapshot> {
    let text = local_storage()?.get_item(KEY).ok()??;
    super::published::read_snapshot(text.as_bytes()).await.ok()
}
