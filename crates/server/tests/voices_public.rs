//! The city's answers as citizens meet them, through the full router: a publication with
//! answers and voice counts (synthetic, for tests only) shows on 「みなさんの声と市の対応」 in
//! each language, as a line on the card it concerns (the embedded card too), and as entries in
//! the feed; text from the publication is shown as text; nothing is shown before it is published.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{harness, send, Harness};
use publish::DataFolder;
use snapshot::{AnswerStatus, AsOf, CityAnswer, Text, VoicesReceived, YearMonth};

async fn page(h: &Harness, path: &str) -> (StatusCode, String) {
    let (status, _, body) = send(
        h,
        Request::get(path)
            .header(header::HOST, "127.0.0.1:8080")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    // Leptos's text marks (`<!>`, for an app taking over) stand between texts; read without them.
    (status, String::from_utf8(body).unwrap().replace("<!>", ""))
}

/// Publishes the latest snapshot again with one answer and two months of counts.
fn publish_answers(h: &Harness, title: &str) {
    let folder = DataFolder::new(h.dir.join("data"));
    let mut next = folder.latest().unwrap().snapshot;
    next.id = "2024-03-answers".into();
    let t = |ja: &str, en: &str, easy: &str| Text {
        ja: ja.into(),
        en: Some(en.into()),
        ja_easy: Some(easy.into()),
    };
    next.voices.answers.push(CityAnswer {
        id: "fee-konbini".into(),
        card: "konbini-yearly".into(),
        title: t(title, "The fee", "お金《かね》の こと"),
        voices_summary: t(
            "手数料を下げてほしいという声が寄せられました。",
            "You asked for a lower fee.",
            "お金《かね》を 安《やす》く して ほしい という 声《こえ》",
        ),
        answer: t(
            "手数料の見直しを検討しています。",
            "We are reviewing the fee.",
            "お金《かね》を 見直《みなお》して います",
        ),
        status: AnswerStatus::Considering,
        reason: None,
        date: AsOf::parse("2024-03-15"),
        expects: Some("konbini-certificates".into()),
    });
    next.voices.received = vec![
        VoicesReceived {
            card: "konbini-yearly".into(),
            month: YearMonth { year: 2024, month: 2 },
            count: 12,
        },
        VoicesReceived {
            card: "konbini-yearly".into(),
            month: YearMonth { year: 2024, month: 3 },
            count: 30,
        },
    ];
    assert!(snapshot::check_snapshot(&next).is_empty(), "{:?}", snapshot::check_snapshot(&next));
    folder.publish(&next, publish::import::title_for(&next), "test").unwrap();
}

#[tokio::test]
async fn before_anything_is_published_the_screen_says_so_and_no_card_has_a_line() {
    let h = harness("voices-public-empty", |_| {}).await;
    let (status, html) = page(&h, "/voices").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("みなさんの声と市の対応") && html.contains("まだ公開された市の対応やご意見の数はありません。"),
        "{html}"
    );
    assert!(!html.contains("card-voices") && !page(&h, "/konbini").await.1.contains("card-voices"));
    assert!(!html.contains("/boot.js"), "a reading screen starts no app");
}

#[tokio::test]
async fn a_published_answer_shows_on_its_screen_on_its_card_and_in_the_feed() {
    let h = harness("voices-public", |_| {}).await;
    publish_answers(&h, "コンビニ交付の手数料");
    let (_, html) = page(&h, "/voices").await;
    assert!(
        html.contains("id=\"konbini-yearly\"") && html.contains("証明書コンビニ発行件数"),
        "the card's section: {html}"
    );
    assert!(
        html.contains("コンビニ交付の手数料")
            && html.contains("検討しています")
            && html.contains("2024年3月15日")
            && html.contains("手数料の見直しを検討しています。")
    );
    assert!(html.contains("寄せられたご意見の数") && html.contains("（42件）") && html.contains("2024年2月") && html.contains("30件"));
    let (_, en) = page(&h, "/voices?lang=en").await;
    assert!(
        en.contains("Under consideration") && en.contains("We are reviewing the fee.") && en.contains("15 March 2024"),
        "{en}"
    );
    let (_, easy) = page(&h, "/voices?lang=ja-easy").await;
    assert!(
        easy.contains("<ruby>金<rp>（</rp><rt>かね"),
        "the answer's readings as ruby: {easy}"
    );
    assert!(easy.contains("<ruby>考<rp>（</rp><rt>かんが"), "the status's too");
    // The card it concerns says how many voices and answers, and links to them.
    let (_, konbini) = page(&h, "/konbini").await;
    assert!(
        konbini.contains("<a href=\"/voices#konbini-yearly\">この数値へのみなさんの声 42件・市の対応 1件</a>"),
        "{konbini}"
    );
    let (_, card) = page(&h, "/?embed=1&card=konbini-yearly").await;
    assert!(
        card.contains("href=\"/voices#konbini-yearly\" target=\"_blank\" rel=\"noopener\""),
        "the embedded card's line opens the widget: {card}"
    );
    // The feed has an entry for the answer.
    let (_, feed) = page(&h, "/feed.xml").await;
    let doc = roxmltree::Document::parse(&feed).expect("the feed is XML");
    let titles: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("title"))
        .filter_map(|n| n.text().map(String::from))
        .collect();
    assert!(
        titles.contains(&"市の対応: コンビニ交付の手数料 — 検討しています".to_string()),
        "{titles:?}"
    );
    assert!(feed.contains("/voices?asof=2024-03-answers#answer-fee-konbini"));
    // The screen is in the sitemap, the menu and has its QR code.
    assert!(page(&h, "/sitemap.xml").await.1.contains("/voices"));
    assert!(html.contains("href=\"/voices\""));
    assert_eq!(page(&h, "/qr/ja/voices.svg").await.0, StatusCode::OK);
}

#[tokio::test]
async fn markup_in_a_published_answer_is_shown_as_text_on_the_screen_and_in_the_feed() {
    let h = harness("voices-public-hostile", |_| {}).await;
    publish_answers(&h, "<script>alert(1)</script>");
    let (_, html) = page(&h, "/voices").await;
    assert!(
        !html.contains("<script>alert") && html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    let (_, feed) = page(&h, "/feed.xml").await;
    assert!(!feed.contains("<script>") && roxmltree::Document::parse(&feed).is_ok());
}

#[tokio::test]
async fn a_message_about_a_card_in_words_is_kept_under_the_cards_id_and_other_topics_as_written() {
    let h = harness("voices-public-topic", |_| {}).await;
    let post = |key: &str, topic: &str| {
        let body = serde_json::json!({ "key": key, "topic": topic, "message": "synthetic message, for tests only" }).to_string();
        Request::post("/api/feedback")
            .header(header::HOST, "127.0.0.1:8080")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body))
            .unwrap()
    };
    for (key, topic) in [
        ("00000000-0000-4000-8000-000000000001", "証明書コンビニ発行件数"),
        ("00000000-0000-4000-8000-000000000002", "窓口の待ち時間のこと"),
        ("00000000-0000-4000-8000-000000000003", "counter-satisfaction"),
    ] {
        assert_eq!(send(&h, post(key, topic)).await.0, StatusCode::CREATED);
    }
    let topics: Vec<String> = h
        .state
        .store
        .voices(&Default::default())
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|v| v.topic)
        .collect();
    assert_eq!(topics, vec!["counter-satisfaction", "窓口の待ち時間のこと", "konbini-yearly"]);
    // The card's feedback link carries its name in words, for the citizen to read and change.
    let (_, konbini) = page(&h, "/konbini").await;
    assert!(konbini.contains("href=\"/feedback?topic=%E8%A8%BC%E6%98%8E%E6%9B%B8"), "{konbini}");
}

#[tokio::test]
async fn a_messages_text_and_address_appear_on_no_public_page_feed_or_download() {
    let h = harness("voices-public-leak", |_| {}).await;
    publish_answers(&h, "コンビニ交付の手数料");
    // Synthetic, for tests only: words and an address found nowhere else.
    let (text, address, comment) = (
        "漏えい確認用の合成メッセージZX81",
        "leak-check-zx81@example.jp",
        "漏えい確認用の合成コメントQ7",
    );
    for body in [
        serde_json::json!({ "key": "00000000-0000-4000-8000-000000000081", "topic": "証明書コンビニ発行件数", "message": text, "consent": true, "email": address }),
        serde_json::json!({ "key": "00000000-0000-4000-8000-000000000082", "kind": "counter_survey", "message": comment, "satisfaction": 4, "ward": "chuo", "section": "tax" }),
    ] {
        let req = Request::post("/api/feedback")
            .header(header::HOST, "127.0.0.1:8080")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .unwrap();
        assert_eq!(send(&h, req).await.0, StatusCode::CREATED);
    }
    let mut paths: Vec<String> = vec![
        "/feed.xml".into(),
        "/feed.xml?lang=en".into(),
        "/feed.xml?lang=ja-easy".into(),
        "/sitemap.xml".into(),
        "/robots.txt".into(),
        "/data/index.json".into(),
        "/data/snapshots/2024-03-answers.json".into(),
        "/?embed=1&card=konbini-yearly".into(),
        "/downloads/ja/konbini-yearly.csv".into(),
    ];
    for path in view_models::route::page_paths() {
        for q in ["", "?lang=en", "?lang=ja-easy", "?mode=kiosk"] {
            paths.push(format!("{path}{q}"));
        }
    }
    let mut read = 0;
    for path in &paths {
        let (status, body) = page(&h, path).await;
        if status == StatusCode::OK {
            read += 1;
        }
        for secret in [text, address, comment, "ZX81", "zx81"] {
            assert!(!body.contains(secret), "{secret} on {path}");
        }
    }
    assert!(read >= paths.len() - 1, "the pages were read ({read} of {})", paths.len());
}
