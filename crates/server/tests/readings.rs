//! ふりがな through the server, with Debian's dictionary (a test binary of its own: the readings
//! are the process's): the switch's pages mark every kanji, the city's words come from the latest
//! publication and a new publication's words reach its pages and the interface's own strings, and
//! a draft's page lists the readings of what it changes, read with the draft's words.

mod common;

use std::path::Path;
use std::sync::OnceLock;

use common::staff::{add, get, sign_in, text};
use common::{harness, page_html};
use publish::{DataFolder, Draft};
use server::store::staff::Role;
use snapshot::CityReading;

fn dictionary() {
    static READ: OnceLock<()> = OnceLock::new();
    READ.get_or_init(|| {
        server::readings::load(Some(Path::new(furigana::DEBIAN_IPADIC))).expect("scripts/setup.sh installs mecab-ipadic");
    });
}

/// The default data with one word read another way (a fixture reading, for this test only).
fn with_word(mut s: snapshot::Snapshot, id: &str, word: &str, reading: &str) -> snapshot::Snapshot {
    s.id = id.into();
    s.readings.retain(|r| r.word != word);
    s.readings.push(CityReading {
        word: word.into(),
        reading: reading.into(),
        part_of_speech: String::new(),
    });
    s
}

#[tokio::test]
async fn a_publications_words_are_read_on_its_pages_and_in_the_interfaces_own_strings() {
    dictionary();
    let h = harness("readings-words", |_| {}).await;
    let data = h.dir.join("data");
    server::readings::prepare(&data);
    let before = page_html(&h, "/plan?furigana=on").await;
    assert!(before.contains("<ruby>市役所<rp>（</rp><rt>しやくしょ"), "the analyser's reading");
    assert!(
        before.contains("<ruby>託麻<rp>（</rp><rt>たくま") || !before.contains("託麻"),
        "the city's word"
    );
    assert!(!page_html(&h, "/plan").await.contains("<ruby>"), "without the switch, no readings");

    // A publication whose list reads 市役所 another way: its pages follow, kept pages included.
    let folder = DataFolder::new(&data);
    let next = with_word(folder.latest().unwrap().snapshot, "2024-01-test", "市役所", "しやくば");
    let title = publish::import::title_for(&next);
    folder.publish(&next, title, "test").unwrap();
    let mut after = String::new();
    for _ in 0..200 {
        after = page_html(&h, "/plan?furigana=on").await;
        if after.contains("しやくば") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(
        after.contains("<ruby>市役所<rp>（</rp><rt>しやくば"),
        "the new word, in the plan's text"
    );
    let title = after.split("site-title__name").nth(1).unwrap_or_default();
    assert!(
        title.starts_with("\"><ruby>市役所<rp>（</rp><rt>しやくば"),
        "and in the interface's own strings: {}",
        &title[..title.len().min(200)]
    );
}

#[tokio::test]
async fn a_draft_lists_the_readings_of_what_it_changes_with_its_own_words() {
    dictionary();
    let h = harness("readings-draft", |_| {}).await;
    let folder = DataFolder::new(h.dir.join("data"));
    let published = folder.latest().unwrap().snapshot;
    let mut draft = with_word(published.clone(), "2024-03-test", "市場", "しじょう");
    draft.plan.vision.title.ja = "市場と市民満足度の高い市役所".into();

    let listed = server::readings::of_draft(Some(&published), &draft).unwrap();
    let places: Vec<&str> = listed.texts.iter().map(|(place, _)| place.as_str()).collect();
    assert_eq!(places, ["plan.vision.title"], "the changed text only; nothing unchanged");
    let marked = &listed.texts[0].1;
    assert!(
        marked.starts_with("｜市場《しじょう》と"),
        "read with the draft's own word: {marked}"
    );
    assert_eq!(
        snapshot::ruby::kanji_without_reading(marked).unwrap(),
        Vec::<char>::new(),
        "{marked}"
    );
    assert_eq!(listed.more, 0);
    assert!(server::readings::of_draft(Some(&published), &published).unwrap().texts.is_empty());

    // The second person reads them on the draft's page.
    add(&h, "editor-a", Role::Editor).await;
    let (editor, _) = sign_in(&h, "editor-a").await;
    folder
        .save_draft(
            &Draft {
                title: publish::import::title_for(&draft),
                snapshot: draft,
            },
            "editor-a",
        )
        .unwrap();
    let (_, page) = text(&h, get("/staff/drafts/2024-03-test", Some(&editor))).await;
    assert!(page.contains("ふりがなの確認"), "{page}");
    assert!(page.contains("<ruby>市場<rp>（</rp><rt>しじょう"), "{page}");
}

#[tokio::test]
async fn a_kept_page_is_kept_apart_for_a_reader_who_chose_furigana() {
    dictionary();
    let h = harness("readings-kept", |_| {}).await;
    server::readings::prepare(&h.dir.join("data"));
    // The kiosk's reading screen in English (the app starts on it), asked for in brotli.
    let ask = |cookie: Option<&str>| {
        let mut req = axum::http::Request::get("/plan?mode=kiosk&lang=en")
            .header(axum::http::header::HOST, "127.0.0.1:8080")
            .header(axum::http::header::ACCEPT_ENCODING, "br");
        if let Some(c) = cookie {
            req = req.header(axum::http::header::COOKIE, c);
        }
        req.body(axum::body::Body::empty()).unwrap()
    };
    let html = |br: Vec<u8>| {
        let mut out = Vec::new();
        brotli::BrotliDecompress(&mut br.as_slice(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    };
    let readings = |page: &str| page.split(r#"id="readings">"#).nth(1).map(|r| !r.starts_with("{}"));
    let first = html(common::send(&h, ask(None)).await.2);
    assert_eq!(readings(&first), Some(false), "no readings for a reader who did not choose them");
    // Once the page is kept (its brotli copy made in the background), the kept copy answers.
    let kept = server::page_cache::compress(&first);
    let mut tries = 0;
    while common::send(&h, ask(None)).await.2 != kept && tries < 100 {
        tries += 1;
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(tries < 100, "the page is kept");
    // A reader who chose ふりがな gets the page with the readings for the way back, not the kept one.
    let chosen = html(common::send(&h, ask(Some("reform-widget-furigana=on"))).await.2);
    assert_eq!(readings(&chosen), Some(true), "the readings for the switch back to 日本語");
}
