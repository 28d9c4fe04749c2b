//! ふりがな on the server: the analyser (crates/furigana) read from Debian's dictionary when the
//! server starts, installed as this process's `snapshot::readings` marker. The city's words come
//! from the latest publication's 「読み方」; each text's readings are kept once worked out, and a
//! publication's texts are all worked out when the server first sees it (off any request's path),
//! so pages find them kept.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock, RwLock};

use furigana::{CityWords, Furigana};
use snapshot::readings::Marker;

/// Bytes of kept readings at most (texts and their readings): past it they are forgotten and
/// worked out again as pages ask, so huge data cannot grow the server without end.
pub const MAX_KEPT_BYTES: usize = 32 << 20;

pub struct ServerReadings {
    analyser: Furigana,
    /// The latest publication's words.
    words: RwLock<Arc<CityWords>>,
    kept: Mutex<Kept>,
    /// The manifest whose publication was last taken up for preparing (a hash of its bytes), and
    /// whether a preparation is under way.
    prepared: Mutex<Option<u64>>,
    preparing: AtomicBool,
}

#[derive(Default)]
struct Kept {
    readings: HashMap<String, Option<String>>,
    bytes: usize,
}

/// This server's readings, once its dictionary is read.
static LOADED: OnceLock<Arc<ServerReadings>> = OnceLock::new();

impl Marker for ServerReadings {
    fn mark(&self, text: &str) -> Option<String> {
        if let Some(found) = self.kept.lock().unwrap_or_else(|e| e.into_inner()).readings.get(text) {
            return found.clone();
        }
        let words = self.words.read().unwrap_or_else(|e| e.into_inner()).clone();
        let marked = self.analyser.mark(text, &words);
        let marked = (marked != text).then_some(marked);
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        // Worked out with words a new publication has since replaced: given, but not kept.
        if !Arc::ptr_eq(&words, &self.words.read().unwrap_or_else(|e| e.into_inner())) {
            return marked;
        }
        let size = text.len() + marked.as_ref().map_or(0, String::len);
        if kept.bytes + size > MAX_KEPT_BYTES {
            *kept = Kept::default();
        }
        kept.bytes += size;
        kept.readings.insert(text.to_string(), marked.clone());
        marked
    }
}

/// Reads the dictionary in `dir` and installs its readings for this process. Without it the
/// server offers no ふりがな switch, and says so here, once.
pub fn load(dir: Option<&Path>) -> Option<Arc<ServerReadings>> {
    let Some(dir) = dir else {
        tracing::info!("ふりがな: off (--furigana-dictionary none); pages offer no ふりがな switch");
        return None;
    };
    let started = std::time::Instant::now();
    match Furigana::load(dir) {
        Ok(analyser) => {
            let readings = Arc::new(ServerReadings {
                analyser,
                words: RwLock::default(),
                kept: Mutex::default(),
                prepared: Mutex::default(),
                preparing: AtomicBool::new(false),
            });
            let readings = LOADED.get_or_init(|| readings).clone();
            snapshot::readings::install(readings.clone());
            tracing::info!(
                "ふりがな: dictionary {} read in {} ms",
                dir.display(),
                started.elapsed().as_millis()
            );
            Some(readings)
        }
        Err(e) => {
            tracing::warn!("ふりがな: no dictionary ({e}); pages offer no ふりがな switch (scripts/setup.sh installs mecab-ipadic)");
            None
        }
    }
}

fn hash_of(bytes: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// A page saw the manifest `manifest`: when it names another publication than the one prepared,
/// that one is prepared in the background (one at a time; pages meanwhile use what is kept).
pub fn follow(manifest: &[u8], data_dir: &Path) {
    let Some(readings) = LOADED.get() else { return };
    let seen = Some(hash_of(manifest));
    if *readings.prepared.lock().unwrap_or_else(|e| e.into_inner()) == seen || readings.preparing.swap(true, Ordering::SeqCst) {
        return;
    }
    // Tried once per manifest: a folder that cannot be read is not read again on every page.
    *readings.prepared.lock().unwrap_or_else(|e| e.into_inner()) = seen;
    let data_dir = data_dir.to_path_buf();
    tokio::task::spawn_blocking(move || {
        prepare(&data_dir);
        if let Some(r) = LOADED.get() {
            r.preparing.store(false, Ordering::SeqCst);
        }
    });
}

/// Takes the city's words from the latest publication in `data_dir` and works out the readings
/// of every Japanese text it holds. New words start the readings afresh (`snapshot::readings`
/// is installed again, so the interface's strings are marked again too). Returns how many texts
/// it marked.
pub fn prepare(data_dir: &Path) -> usize {
    let Some(readings) = LOADED.get() else { return 0 };
    let Ok(latest) = publish::DataFolder::new(data_dir).latest() else {
        return 0;
    };
    let words = CityWords::of(&latest.snapshot);
    let changed = **readings.words.read().unwrap_or_else(|e| e.into_inner()) != words;
    if changed {
        *readings.words.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(words);
        *readings.kept.lock().unwrap_or_else(|e| e.into_inner()) = Kept::default();
        snapshot::readings::install(readings.clone());
        tracing::info!(
            "ふりがな: {} words of the city's own, from publication {}",
            latest.snapshot.readings.len(),
            latest.snapshot.id
        );
    }
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(&latest.bytes) else {
        return 0;
    };
    let texts = snapshot::readings::japanese_texts(&value);
    for (_, text) in &texts {
        snapshot::readings::mark(text);
    }
    texts.len()
}

/// Texts a draft's readings page lists at most: the rest are counted.
pub const MAX_DRAFT_TEXTS: usize = 200;

/// What a draft's page shows of its ふりがな, for the second person to catch a wrong reading
/// (市場 read いちば where しじょう is meant) before it is published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftReadings {
    /// `(place, text with its readings)`: each Japanese text the draft adds or changes, and each
    /// text holding a word whose reading the draft adds or changes, read with the draft's words.
    pub texts: Vec<(String, String)>,
    /// Texts past [`MAX_DRAFT_TEXTS`].
    pub more: usize,
}

/// The readings of what a draft changes, worked out with the draft's own list of words (not kept:
/// a draft is not published). `None` on a server without the dictionary.
pub fn of_draft(published: Option<&snapshot::Snapshot>, draft: &snapshot::Snapshot) -> Option<DraftReadings> {
    let readings = LOADED.get()?;
    let words = CityWords::of(draft);
    let texts_of = |s: &snapshot::Snapshot| -> Vec<(String, String)> {
        let value = serde_json::to_value(s).unwrap_or_default();
        snapshot::readings::japanese_texts(&value)
            .into_iter()
            .map(|(place, text)| (place, text.to_string()))
            .collect()
    };
    let before: HashMap<String, String> = published.map(texts_of).unwrap_or_default().into_iter().collect();
    // Words the draft adds or reads otherwise: every text holding one is read again.
    let reread: Vec<&str> = draft
        .readings
        .iter()
        .filter(|w| !published.is_some_and(|p| p.readings.iter().any(|o| o.word == w.word && o.reading == w.reading)))
        .map(|w| w.word.as_str())
        .collect();
    let changed: Vec<(String, String)> = texts_of(draft)
        .into_iter()
        .filter(|(place, text)| before.get(place) != Some(text) || reread.iter().any(|w| text.contains(w)))
        .filter(|(_, text)| text.chars().any(snapshot::ruby::is_kanji))
        .collect();
    let more = changed.len().saturating_sub(MAX_DRAFT_TEXTS);
    let texts = changed
        .into_iter()
        .take(MAX_DRAFT_TEXTS)
        .map(|(place, text)| {
            let marked = readings.analyser.mark(&text, &words);
            (place, marked)
        })
        .collect();
    Some(DraftReadings { texts, more })
}
