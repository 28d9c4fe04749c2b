//! Where ふりがな for standard Japanese come from: the one marker of this process, which writes a
//! text with its readings in the ruby notation (`｜市役所《しやくしょ》`). The server installs the
//! analyser's (crates/furigana, kept per publication); the browser installs the readings the
//! server put in the page it hydrates. [`Locale::JaFurigana`](crate::Locale) reads through it.
//!
//! A process-wide value rather than an argument: the interface's strings and every screen's
//! text are chosen by a `Locale` alone, and the readings are the same for every reader.

use std::borrow::Cow;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

/// Writes a text with its readings. `None` when it has none to add.
pub trait Marker: Send + Sync {
    fn mark(&self, text: &str) -> Option<String>;
}

static MARKER: RwLock<Option<Arc<dyn Marker>>> = RwLock::new(None);
/// Which marker is installed, so what was built from an earlier one (the interface's strings
/// with their readings) is built again.
static GENERATION: AtomicU64 = AtomicU64::new(0);

/// Makes `marker` this process's readings (the server: once the dictionary is read).
pub fn install(marker: Arc<dyn Marker>) {
    *MARKER.write().unwrap_or_else(|e| e.into_inner()) = Some(marker);
    GENERATION.fetch_add(1, Ordering::SeqCst);
}

/// Whether ふりがな can be offered: a marker is installed.
pub fn offered() -> bool {
    MARKER.read().unwrap_or_else(|e| e.into_inner()).is_some()
}

/// Changes each time a marker is installed.
pub fn generation() -> u64 {
    GENERATION.load(Ordering::SeqCst)
}

/// `text` with its readings, or as it is (no kanji, no marker, nothing to add). Readings already
/// written in it are the marker's to keep.
pub fn mark(text: &str) -> Cow<'_, str> {
    if !text.chars().any(crate::ruby::is_kanji) {
        return Cow::Borrowed(text);
    }
    let marker = MARKER.read().unwrap_or_else(|e| e.into_inner()).clone();
    match marker.and_then(|m| m.mark(text)) {
        Some(marked) => Cow::Owned(marked),
        None => Cow::Borrowed(text),
    }
}

/// Every Japanese text (each `ja`) of a published file or a page's data, with its place
/// (`plan.policies[0].name`): what the server works out readings for.
pub fn japanese_texts(value: &serde_json::Value) -> Vec<(String, &str)> {
    fn walk<'a>(value: &'a serde_json::Value, place: String, out: &mut Vec<(String, &'a str)>) {
        match value {
            serde_json::Value::Object(fields) => {
                for (name, v) in fields {
                    match v {
                        serde_json::Value::String(text) if name == "ja" => out.push((place.clone(), text)),
                        other if place.is_empty() => walk(other, name.clone(), out),
                        other => walk(other, format!("{place}.{name}"), out),
                    }
                }
            }
            serde_json::Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    walk(v, format!("{place}[{i}]"), out);
                }
            }
            _ => {}
        }
    }
    let mut out = vec![];
    walk(value, String::new(), &mut out);
    out
}

/// Readings looked up, not worked out: what the browser has from the page it hydrates.
#[derive(Debug, Default, Clone)]
pub struct Known(pub std::collections::HashMap<String, String>);

impl Marker for Known {
    fn mark(&self, text: &str) -> Option<String> {
        self.0.get(text).cloned()
    }
}
