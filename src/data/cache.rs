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
    let Some(text) = crate::browser::document()
        .and_then(|d| d.get_element_by_id(super::PAGE_DATA_ID))
        .and_then(|e| e.text_content())
    else {
        return;
    };
    if let Some(snapshot) = snapshot_in_page_data(&text) {
        remember(snapshot.as_bytes());
    }
}

/// The snapshot's published text in the page data `render.rs` writes (a list of resource values,
/// one of them the `LoadState::Ready` the page was rendered from).
pub fn snapshot_in_page_data(text: &str) -> Option<&str> {
    #[derive(serde::Deserialize)]
    enum Shown<'a> {
        Ready {
            #[serde(borrow)]
            snapshot: &'a serde_json::value::RawValue,
        },
    }
    let values = serde_json::from_str::<Vec<&serde_json::value::RawValue>>(text).ok()?;
    values.iter().find_map(|v| match serde_json::from_str::<Shown>(v.get()) {
        Ok(Shown::Ready { snapshot }) => Some(snapshot.get()),
        Err(_) => None,
    })
}

pub async fn recall() -> Option<Snapshot> {
    let text = local_storage()?.get_item(KEY).ok()??;
    super::published::read_snapshot(text.as_bytes()).await.ok()
}
