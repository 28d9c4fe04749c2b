//! Rendered pages kept with their brotli copy (quality 11, made once), for pages that are the
//! same for every reader of a language: the home page goes out in 14 KB instead of 15.5 KB (the
//! first TCP round trip of a phone carries about 14 KB) and is not rendered again per request.
//! A page is kept under its canonical address (the parameters the app reads, nothing else), so a
//! link shared with `fbclid` or `utm_*` is the same page. The store is bounded and evicts the
//! least used page, one at a time; brotli copies are made by a bounded number of workers, and a
//! page that finds them all busy is simply not kept this time. The renderer says whether a page
//! may be kept (a page with a form carries its own key); a new manifest makes every kept page stale.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use quick_cache::sync::Cache;

/// Pages kept at most: routes × languages × modes × cards, with room for the as-of dates.
pub const MAX_PAGES: usize = 512;
/// Brotli copies being made at once at most; more pages wait for a later request.
pub const MAX_COMPRESSING: usize = 2;

pub struct PageCache {
    pages: Cache<String, Arc<CachedPage>>,
    compressing: Arc<AtomicUsize>,
}

impl Default for PageCache {
    fn default() -> Self {
        PageCache::with_capacity(MAX_PAGES)
    }
}

pub struct CachedPage {
    pub status: u16,
    pub html: String,
    pub brotli: Vec<u8>,
}

/// What a kept page depends on: its canonical address, the language, and the manifest's bytes.
pub fn key(canonical_address: &str, locale: &str, manifest: &[u8]) -> String {
    let mut h = DefaultHasher::new();
    manifest.hash(&mut h);
    format!("{canonical_address}|{locale}|{:016x}", h.finish())
}

pub fn compress(html: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(html.len() / 3);
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        let _ = w.write_all(html.as_bytes());
    }
    out
}

/// A turn at making a brotli copy; given back when dropped.
pub struct Turn(Arc<AtomicUsize>);

impl Drop for Turn {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl PageCache {
    pub fn with_capacity(pages: usize) -> PageCache {
        PageCache {
            pages: Cache::new(pages),
            compressing: Arc::new(AtomicUsize::new(0)),
        }
    }

    pub fn get(&self, key: &str) -> Option<Arc<CachedPage>> {
        self.pages.get(key)
    }

    pub fn put(&self, key: String, page: CachedPage) -> Arc<CachedPage> {
        let page = Arc::new(page);
        self.pages.insert(key, page.clone());
        page
    }

    pub fn len(&self) -> usize {
        self.pages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }

    /// A turn at compressing, unless [`MAX_COMPRESSING`] are already at work: then the page is
    /// not kept this time (it went out compressed on the way, more quickly and less tightly).
    pub fn turn_to_compress(&self) -> Option<Turn> {
        let mut now = self.compressing.load(Ordering::Acquire);
        loop {
            if now >= MAX_COMPRESSING {
                return None;
            }
            match self.compressing.compare_exchange(now, now + 1, Ordering::AcqRel, Ordering::Acquire) {
                Ok(_) => return Some(Turn(self.compressing.clone())),
                Err(seen) => now = seen,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_change_with_the_manifest_and_the_language() {
        assert_ne!(key("/", "ja", b"{\"latest\":\"a\"}"), key("/", "ja", b"{\"latest\":\"b\"}"));
        assert_ne!(key("/", "ja", b"m"), key("/", "en", b"m"));
        let html = "<p>市役所改革プラン</p>".repeat(100);
        let mut back = Vec::new();
        brotli::BrotliDecompress(&mut compress(&html).as_slice(), &mut back).unwrap();
        assert_eq!(back, html.as_bytes());
    }

    #[test]
    fn kept_pages_are_evicted_one_at_a_time_never_all_at_once() {
        let cache = PageCache::with_capacity(16);
        let page = || CachedPage {
            status: 200,
            html: String::new(),
            brotli: vec![],
        };
        cache.put("/".into(), page());
        for i in 0..200 {
            // The home page is asked for between every new address: the most used stays.
            assert!(cache.get("/").is_some(), "the home page was dropped after {i} new pages");
            cache.put(format!("/?utm_source={i}"), page());
            assert!(cache.len() <= 16 && cache.len() >= i.min(15), "{} kept after {i}", cache.len());
        }
    }

    #[test]
    fn compression_is_bounded_and_turns_are_given_back() {
        let cache = PageCache::default();
        let turns: Vec<Turn> = (0..MAX_COMPRESSING).map(|_| cache.turn_to_compress().unwrap()).collect();
        assert!(cache.turn_to_compress().is_none(), "a third waits for nothing: it is skipped");
        drop(turns);
        assert!(cache.turn_to_compress().is_some());
    }
}
