//! A citizen follows their own message without an account (`/voices/mine/<token>`), through the
//! full router: the receipt's link (API, form without script, kiosk comment), only the token's
//! hash in the store, the page in the reader's language with where the message stands and, once
//! published, the city's answer; never the message or the address; no-store, noindex, no
//! referrer; 404 for a wrong or expired token; lookups rate-limited per address; the token kept
//! out of the log and out of robots' reach. Synthetic messages, for tests only.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{harness, send, Harness};
use feedback::api::Receipt;
use feedback::Submission;
use publish::DataFolder;
use server::store::voices::{Handling, Status};
use snapshot::{AnswerStatus, AsOf, CityAnswer, Text};

const MESSAGE: &str = "コンビニ交付の手数料をもう少し下げてほしい（試験用の架空の声）";
const EMAIL: &str = "follow-citizen@example.jp";

fn token(n: u8) -> String {
    format!("{n:02x}").repeat(32)
}

fn key(n: u32) -> String {
    format!("00000000-0000-4000-8000-{n:012}")
}

fn post_json(s: &Submission) -> Request<Body> {
    Request::post("/api/feedback")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::HOST, "127.0.0.1:8080")
        .body(Body::from(serde_json::to_string(s).unwrap()))
        .unwrap()
}

fn get(path: &str) -> Request<Body> {
    Request::get(path)
        .header(header::HOST, "127.0.0.1:8080")
        .body(Body::empty())
        .unwrap()
}

async fn page(h: &Harness, path: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    let (status, headers, body) = send(h, get(path)).await;
    (status, headers, String::from_utf8(body).unwrap().replace("<!>", ""))
}

/// A message from the konbini card with a reply address, sent through the API with `follow`.
async fn send_message(h: &Harness, n: u32, follow: &str) -> Receipt {
    let s = Submission {
        key: key(n),
        topic: "konbini-yearly".into(),
        message: MESSAGE.into(),
        consent: true,
        email: EMAIL.into(),
        follow: follow.into(),
        ..Default::default()
    };
    let (status, _, body) = send(h, post_json(&s)).await;
    assert_eq!(status, StatusCode::CREATED, "{}", String::from_utf8_lossy(&body));
    serde_json::from_slice(&body).unwrap()
}

#[tokio::test]
async fn the_receipt_links_to_a_private_page_that_says_where_the_message_stands() {
    let h = harness("follow-page", |_| {}).await;
    let receipt = send_message(&h, 1, &token(0xab)).await;
    assert_eq!(receipt.follow.as_deref(), Some(format!("/voices/mine/{}", token(0xab)).as_str()));
    // Only the hash is stored.
    let conn = rusqlite::Connection::open(&h.db).unwrap();
    let stored: String = conn.query_row("SELECT follow_hash FROM feedback", [], |r| r.get(0)).unwrap();
    assert_eq!(stored, server::token_hash(&token(0xab)));
    assert_ne!(stored, token(0xab));
    drop(conn);
    assert!(
        !String::from_utf8_lossy(&std::fs::read(&h.db).unwrap()).contains(&token(0xab)),
        "the token itself is nowhere in the file"
    );

    let (status, headers, html) = page(&h, receipt.follow.as_deref().unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
    assert_eq!(headers.get("x-robots-tag").unwrap(), "noindex, nofollow");
    assert_eq!(headers.get(header::REFERRER_POLICY).unwrap(), "no-referrer");
    assert!(
        html.contains("<meta name=\"robots\" content=\"noindex, nofollow\">")
            && html.contains("<meta name=\"referrer\" content=\"no-referrer\">"),
        "{html}"
    );
    assert!(
        !html.contains("og:url") && !html.contains("rel=\"canonical\""),
        "nothing to share: {html}"
    );
    assert!(
        !html.contains("/qr/"),
        "no QR code of the address is asked for (the print header's), which would carry the token: {html}"
    );
    assert!(
        html.contains("あなたの声のその後") && html.contains("受け付けました") && html.contains("証明書コンビニ発行件数"),
        "status and card in words: {html}"
    );
    assert!(html.contains("href=\"/voices#konbini-yearly\""));
    assert!(!html.contains(MESSAGE) && !html.contains(EMAIL), "never the message or the address");
    assert!(!html.contains("/boot.js"), "a reading page starts no app");
    // In the reader's language.
    let (_, _, en) = page(&h, &format!("/voices/mine/{}?lang=en", token(0xab))).await;
    assert!(en.contains("What became of your message") && en.contains("Received"), "{en}");
    let (_, _, easy) = page(&h, &format!("/voices/mine/{}?lang=ja-easy", token(0xab))).await;
    assert!(easy.contains("<ruby>受<rp>（</rp><rt>う</rt>"), "readings: {easy}");
}

/// Publishes the latest snapshot again with the answer to theme `theme`.
fn publish_theme_answer(h: &Harness, theme: i64) {
    let folder = DataFolder::new(h.dir.join("data"));
    let mut next = folder.latest().unwrap().snapshot;
    next.id = "2024-03-answered".into();
    let t = |ja: &str, en: &str, easy: &str| Text {
        ja: ja.into(),
        en: Some(en.into()),
        ja_easy: Some(easy.into()),
    };
    next.voices.answers.push(CityAnswer {
        id: view_models::screens::my_voice::theme_answer_id(theme),
        card: "konbini-yearly".into(),
        title: t("コンビニ交付の手数料", "The konbini fee", "コンビニの お金《かね》"),
        voices_summary: t(
            "手数料を下げてほしいという声",
            "You asked for a lower fee",
            "お金《かね》を 安《やす》く して ほしい",
        ),
        answer: t(
            "手数料の見直しを始めました。",
            "We have begun to review the fee.",
            "お金《かね》を 見直《みなお》して います",
        ),
        status: AnswerStatus::Acting,
        reason: None,
        date: AsOf::parse("2024-03-15"),
        expects: None,
    });
    assert!(snapshot::check_snapshot(&next).is_empty(), "{:?}", snapshot::check_snapshot(&next));
    folder.publish(&next, publish::import::title_for(&next), "test").unwrap();
}

#[tokio::test]
async fn the_page_follows_the_staffs_status_and_shows_the_themes_answer_once_published() {
    let h = harness("follow-answer", |_| {}).await;
    let receipt = send_message(&h, 1, &token(0xcd)).await;
    let path = receipt.follow.unwrap();
    let store = &h.state.store;
    let theme = store.theme_add("コンビニ交付の手数料", "konbini-yearly", "editor").await.unwrap();
    let voice = store.voice(1).await.unwrap().unwrap();
    let to = |status| Handling {
        status,
        assigned: "区政課".into(),
        note: "内部のメモ（公開しない）".into(),
        theme_id: Some(theme),
    };
    store
        .voice_update(1, voice.version, to(Status::Considering), "editor")
        .await
        .unwrap();
    let (_, _, html) = page(&h, &path).await;
    assert!(
        html.contains("担当課で検討しています") && !html.contains("区政課") && !html.contains("内部のメモ"),
        "the status, not the section or the note: {html}"
    );
    assert!(!html.contains("手数料の見直しを始めました。"), "no answer before it is published");
    let version = store.voice(1).await.unwrap().unwrap().version;
    store.voice_update(1, version, to(Status::Answered), "editor").await.unwrap();
    publish_theme_answer(&h, theme);
    let (_, _, html) = page(&h, &path).await;
    assert!(
        html.contains("市の対応を公開しました") && html.contains("手数料の見直しを始めました。") && html.contains("対応しています"),
        "{html}"
    );
    let (_, _, en) = page(&h, &format!("{path}?lang=en")).await;
    assert!(
        en.contains("The city's answer is published") && en.contains("We have begun to review the fee."),
        "{en}"
    );
}

#[tokio::test]
async fn a_wrong_malformed_or_expired_token_gets_a_404_in_the_readers_language() {
    let h = harness("follow-404", |_| {}).await;
    let receipt = send_message(&h, 1, &token(0x1a)).await;
    for path in [
        format!("/voices/mine/{}", token(0x13)),
        "/voices/mine/not-a-token".into(),
        format!("/voices/mine/{}", token(0x1a).to_uppercase()),
    ] {
        let (status, headers, html) = page(&h, &path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
        assert!(html.contains("このページは見つかりません") && html.contains("1年"), "{html}");
    }
    let (status, _, en) = page(&h, &format!("/voices/mine/{}?lang=en", token(0x13))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(en.contains("This page cannot be found"), "{en}");
    // A year and a day later the link finds nothing, and the hourly purge forgets its hash.
    let conn = rusqlite::Connection::open(&h.db).unwrap();
    conn.execute(
        "UPDATE feedback SET received_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-366 days')",
        [],
    )
    .unwrap();
    assert_eq!(page(&h, receipt.follow.as_deref().unwrap()).await.0, StatusCode::NOT_FOUND);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    assert_eq!(h.state.store.forget_old_follow_links(now).await.unwrap(), 1);
    assert_eq!(
        conn.query_row("SELECT COUNT(*) FROM feedback WHERE follow_hash IS NOT NULL", [], |r| r
            .get::<_, i64>(0))
            .unwrap(),
        0
    );
    // A private page is not a page of the site's own.
    for path in [
        "/voices/mine".to_string(),
        format!("/en/voices/mine/{}", token(0x1a)),
        format!("/voices/mine/{}/", token(0x1a)),
    ] {
        assert_eq!(page(&h, &path).await.0, StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test]
async fn lookups_are_limited_per_address() {
    let h = harness("follow-limit", |_| {}).await;
    for i in 0..server::follow::FOLLOWS_PER_MINUTE {
        assert_eq!(page(&h, &format!("/voices/mine/{}", token(i as u8))).await.0, StatusCode::NOT_FOUND);
    }
    let (status, headers, _) = page(&h, &format!("/voices/mine/{}", token(0xff))).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
}

#[tokio::test]
async fn a_retry_shows_the_same_link_and_without_a_token_the_server_makes_one() {
    let h = harness("follow-retry", |_| {}).await;
    let first = send_message(&h, 1, &token(0x34)).await;
    let s = Submission {
        key: key(1),
        message: MESSAGE.into(),
        follow: token(0x34),
        ..Default::default()
    };
    let (status, _, body) = send(&h, post_json(&s)).await;
    assert_eq!(status, StatusCode::OK);
    let again: Receipt = serde_json::from_slice(&body).unwrap();
    assert_eq!((again.duplicate, again.follow), (true, first.follow));
    // Another token for the same key attaches nothing to someone else's message.
    let (_, _, body) = send(
        &h,
        post_json(&Submission {
            follow: token(0x35),
            ..s.clone()
        }),
    )
    .await;
    assert_eq!(serde_json::from_slice::<Receipt>(&body).unwrap().follow, None);
    assert_eq!(page(&h, &format!("/voices/mine/{}", token(0x35))).await.0, StatusCode::NOT_FOUND);
    // No token: one is made, and it works.
    let (_, _, body) = send(
        &h,
        post_json(&Submission {
            key: key(2),
            message: MESSAGE.into(),
            ..Default::default()
        }),
    )
    .await;
    let made = serde_json::from_slice::<Receipt>(&body)
        .unwrap()
        .follow
        .expect("a link for every message with text");
    assert_eq!(page(&h, &made).await.0, StatusCode::OK);
    // A malformed token is refused like a malformed key.
    let (status, _, _) = send(
        &h,
        post_json(&Submission {
            key: key(3),
            message: MESSAGE.into(),
            follow: "abc".into(),
            ..Default::default()
        }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    // A kiosk rating without words has nothing to follow.
    let rating = Submission {
        key: key(4),
        kind: feedback::Kind::CounterSurvey,
        satisfaction: Some(4),
        ward: "chuo".into(),
        section: "tax".into(),
        follow: token(0x36),
        ..Default::default()
    };
    let (_, _, body) = send(&h, post_json(&rating)).await;
    assert_eq!(serde_json::from_slice::<Receipt>(&body).unwrap().follow, None);
}

fn form(path: &str, body: &str) -> Request<Body> {
    Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::HOST, "127.0.0.1:8080")
        .body(Body::from(body.to_string()))
        .unwrap()
}

#[tokio::test]
async fn without_script_the_form_and_the_kiosk_comment_give_the_link_and_its_qr_code() {
    let h = harness("follow-forms", |_| {}).await;
    // The form's page carries a token with its key.
    let (_, _, form_page) = page(&h, "/feedback").await;
    let carried = form_page
        .split("name=\"follow\" value=\"")
        .nth(1)
        .and_then(|r| r.get(..64))
        .expect("a hidden follow field");
    assert!(feedback::is_follow_token(carried), "{carried}");
    let body = format!(
        "form=general&key={}&follow={}&message=%E6%89%8B%E6%95%B0%E6%96%99",
        key(1),
        token(0x56)
    );
    let (status, _, html) = send(&h, form("/feedback", &body)).await;
    let html = String::from_utf8(html).unwrap().replace("<!>", "");
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains(&format!("href=\"/voices/mine/{}\"", token(0x56)))
            && html.contains("あなたの声のその後は、このページで確かめられます"),
        "{html}"
    );
    // A form sent without the field (a page from before) still gets a link: the server's.
    let (_, _, html) = send(&h, form("/feedback", &format!("form=general&key={}&message=x", key(2)))).await;
    let made = String::from_utf8(html)
        .unwrap()
        .split("href=\"/voices/mine/")
        .nth(1)
        .map(|r| r[..64].to_string())
        .expect("a link");
    assert_eq!(page(&h, &format!("/voices/mine/{made}")).await.0, StatusCode::OK);
    // The kiosk's comment: a QR code of the link, not a link the next person could tap.
    let body = format!(
        "form=counter-survey&key={}&follow={}&ward=chuo&section=tax&satisfaction=4&message=%E4%B8%81%E5%AF%A7",
        key(3),
        token(0x57)
    );
    let (_, _, html) = send(&h, form("/?mode=kiosk", &body)).await;
    let html = String::from_utf8(html).unwrap().replace("<!>", "");
    assert!(
        html.contains(&format!("src=\"/voices/mine/{}/qr.svg?lang=ja\"", token(0x57))),
        "{html}"
    );
    assert!(!html.contains(&format!("href=\"/voices/mine/{}\"", token(0x57))));
    let (status, headers, svg) = page(&h, &format!("/voices/mine/{}/qr.svg?lang=en", token(0x57))).await;
    assert_eq!(
        (status, headers.get(header::CACHE_CONTROL).unwrap().to_str().unwrap()),
        (StatusCode::OK, "no-store")
    );
    assert!(svg.starts_with("<?xml") || svg.contains("<svg"), "{svg}");
    assert_eq!(page(&h, "/voices/mine/xyz/qr.svg").await.0, StatusCode::NOT_FOUND);
    // Without words, the home page's QR code as before.
    let body = format!(
        "form=counter-survey&key={}&follow={}&ward=chuo&section=tax&satisfaction=4&no_comment=1",
        key(4),
        token(0x58)
    );
    let (_, _, html) = send(&h, form("/?mode=kiosk", &body)).await;
    assert!(!String::from_utf8(html).unwrap().contains("/voices/mine/"));
}

#[tokio::test]
async fn robots_keep_out_of_private_pages() {
    let h = harness("follow-robots", |_| {}).await;
    let (_, _, robots) = page(&h, "/robots.txt").await;
    assert!(robots.contains("Disallow: /voices/mine/"), "{robots}");
    let (_, _, sitemap) = page(&h, "/sitemap.xml").await;
    assert!(!sitemap.contains("/voices/mine"));
}

#[test]
fn the_token_never_reaches_the_servers_log() {
    use std::io::{Read, Write};
    let dir = common::process::folder("follow-log");
    let server = common::process::start_in(&dir, &[]);
    for path in [
        format!("/voices/mine/{}", token(0x9a)),
        format!("/voices/mine/{}/qr.svg", token(0x9a)),
    ] {
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        stream
            .write_all(format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").as_bytes())
            .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        assert!(
            response.starts_with("HTTP/1.1 404") || response.starts_with("HTTP/1.1 200"),
            "{response}"
        );
    }
    // The log line is written as the response goes out.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while server.log.lock().unwrap().matches("/voices/mine/…").count() < 2 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let log = server.log.lock().unwrap().clone();
    assert_eq!(log.matches("GET /voices/mine/… ").count(), 2, "{log}");
    assert!(!log.contains(&token(0x9a)[..16]), "{log}");
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}
