//! Server rendering: every route × language × mode answers with the screen's figures, tables,
//! as-of date and source already in the HTML, in the reader's language; forms posted without
//! script are judged by the same rules and answered with the error summary or the receipt.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};

mod common;
use common::{harness, send, Harness};

async fn get(h: &Harness, path: &str, cookie: Option<&str>) -> (StatusCode, axum::http::HeaderMap, String) {
    let mut req = Request::get(path).header(header::HOST, "127.0.0.1:8080");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    let (s, headers, body) = send(h, req.body(Body::empty()).unwrap()).await;
    (s, headers, String::from_utf8(body).unwrap())
}

fn post_form(path: &str, body: &str, origin: &str) -> Request<Body> {
    Request::post(path)
        .header(header::HOST, "127.0.0.1:8080")
        .header(header::ORIGIN, origin)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body.to_string()))
        .unwrap()
}

/// What each route must carry in its HTML, per language: a figure or table from the snapshot (in
/// やさしい日本語 its unit with the reading above it).
const ROUTES: [(&str, [&str; 3]); 7] = [
    ("/", ["107,087件", "107,087 cases", "107,087<ruby>件<rp>（</rp><rt>けん"]),
    ("/plan", ["ミッション", "Mission", "ミッション"]),
    ("/results", ["78.8%", "78.8%", "78.8%"]),
    ("/indicators", ["<table>", "<table>", "<table>"]),
    ("/counter", ["<table>", "<table>", "<table>"]),
    ("/konbini", ["300,170件", "300,170 cases", "300,170<ruby>件<rp>（</rp><rt>けん"]),
    ("/staff", ["score-rows", "score-rows", "score-rows"]),
];

#[tokio::test]
async fn every_route_in_every_language_carries_its_figures_date_and_source() {
    let h = harness("pages", |_| {}).await;
    for (path, expected) in ROUTES {
        for (i, lang) in ["ja", "en", "ja-easy"].into_iter().enumerate() {
            let (s, _, html) = get(&h, &format!("{path}?lang={lang}"), None).await;
            assert_eq!(s, StatusCode::OK, "{path} {lang}");
            assert!(html.contains(expected[i]), "{path} {lang}: {} missing", expected[i]);
            assert!(
                html.contains(&format!("data-locale=\"{lang}\"")),
                "{path} {lang}: rendered in that language"
            );
            let date = ["2023年12月時点", "as of December 2023", "2023ねん 12がつ"][i];
            assert!(html.contains(date), "{path} {lang}: as-of date {date}");
            assert!(html.contains("class=\"site-footer\"><p>"), "{path} {lang}: source in the footer");
            // A reading screen is complete as HTML: no app and no data for one, only read.js.
            assert!(
                html.contains("<script type=\"module\" src=\"/read.js\">"),
                "{path}: its conveniences"
            );
            assert!(
                !html.contains("boot.js") && !html.contains("resolved-resources"),
                "{path} {lang}: starts no app"
            );
            assert!(
                !html.contains("<script>") && !html.contains("__RESOLVED_RESOURCES"),
                "{path}: no inline script"
            );
        }
    }
    // The form's app starts when the citizen begins to write: form.js until then, with the data
    // the app will take over with.
    let (_, _, html) = get(&h, "/feedback", None).await;
    assert!(
        html.contains("<script type=\"module\" src=\"/form.js\">") && !html.contains("boot.js"),
        "/feedback: form.js"
    );
    assert!(html.contains("<script type=\"application/json\" id=\"resolved-resources\">"));
    // The app starts where it has work at once: every screen at a kiosk. Its data travels as JSON
    // the page never executes.
    for path in ["/?mode=kiosk", "/konbini?mode=kiosk", "/plan?mode=kiosk&lang=en"] {
        let (_, _, html) = get(&h, path, None).await;
        assert!(
            html.contains("<script type=\"module\" src=\"/boot.js\">") && !html.contains("read.js"),
            "{path}: the app starts"
        );
        assert!(
            html.contains("<script type=\"application/json\" id=\"resolved-resources\">"),
            "{path}: with its data"
        );
    }
    // The latest publication is named for read.js's check; a page of an earlier one is not.
    let (_, _, html) = get(&h, "/konbini", None).await;
    assert!(html.contains("<meta name=\"reform-widget:snapshot\" content=\"2023-12\">"));
}

#[tokio::test]
async fn embed_kiosk_and_unknown_addresses() {
    let h = harness("modes", |_| {}).await;
    let (s, _, html) = get(&h, "/?embed=1&card=konbini-yearly", None).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("<main id=\"main\" class=\"embed\">") && html.contains("証明書コンビニ発行件数") && html.contains("<table>"));
    assert!(!html.contains("site-nav"), "no page furniture in an embedded card");
    let (_, _, html) = get(&h, "/?mode=kiosk", None).await;
    assert!(
        html.contains("class=\"kiosk\"") && html.contains("name=\"form\" value=\"counter-survey\""),
        "kiosk start is the survey form"
    );
    assert!(!html.contains("href=\"/feedback\""), "no general form at a kiosk");
    let (s, _, html) = get(&h, "/no-such-page", None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(html.contains("ページが見つかりません"));
    assert!(
        !html.contains("/qr/"),
        "no QR code asked for an address the server makes none for: {html}"
    );
    let (_, _, html) = get(&h, "/konbini", None).await;
    assert!(
        html.contains("src=\"/qr/ja/konbini.svg\""),
        "a screen's printed page has its QR code"
    );
}

#[tokio::test]
async fn the_language_comes_from_the_query_then_the_cookie_and_the_switch_remembers_it() {
    let h = harness("lang", |_| {}).await;
    let (_, headers, html) = get(&h, "/plan?lang=en", None).await;
    assert!(html.contains("<html lang=\"en\" data-locale=\"en\">"));
    let cookie = headers[header::SET_COOKIE].to_str().unwrap();
    assert!(
        cookie.starts_with("reform-widget-lang=en;") && cookie.contains("Path=/"),
        "{cookie}"
    );
    assert_eq!(headers[header::VARY], "Cookie");
    let (_, headers, html) = get(&h, "/plan", Some("reform-widget-lang=ja-easy")).await;
    assert!(html.contains("data-locale=\"ja-easy\""), "cookie chooses the language");
    assert!(headers.get(header::SET_COOKIE).is_none(), "nothing to remember without ?lang=");
    let (_, _, html) = get(&h, "/plan?lang=ja", Some("reform-widget-lang=en")).await;
    assert!(html.contains("data-locale=\"ja\""), "the query wins over the cookie");
    let (_, _, html) = get(&h, "/plan?lang=xx", Some("reform-widget-lang=<x>")).await;
    assert!(html.contains("data-locale=\"ja\""), "nonsense falls back to Japanese");
}

const KEY: &str = "00000000-0000-4000-8000-000000000042";

#[tokio::test]
async fn a_feedback_form_posted_without_script_gets_errors_or_one_receipt() {
    let h = harness("form", |_| {}).await;
    let origin = "http://127.0.0.1:8080";
    let (s, _, body) = send(
        &h,
        post_form("/feedback", &format!("form=general&key={KEY}&message=&email=x"), origin),
    )
    .await;
    let html = String::from_utf8(body).unwrap();
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("class=\"error-summary\"") && html.contains("href=\"#message\""),
        "summary linked to the field"
    );
    assert!(!html.contains("boot.js"), "the answer needs no script");
    // Typed text comes back as text, even text that would close the textarea.
    let hostile = "%3C%2Ftextarea%3E%3Cb%3Ex%3C%2Fb%3E";
    let (_, _, body) = send(
        &h,
        post_form(
            "/feedback",
            &format!("form=general&key={KEY}&message=a&email=bad&consent=on&topic={hostile}"),
            origin,
        ),
    )
    .await;
    let html = String::from_utf8(body).unwrap();
    assert!(!html.contains("<b>x</b>"), "no markup from the form in the page");
    let body = format!("form=general&key={KEY}&message=%E3%81%93%E3%82%93%E3%81%AB%E3%81%A1%E3%81%AF+%3C%2Ftextarea%3E&satisfaction=4");
    let (s, _, first) = send(&h, post_form("/feedback", &body, origin)).await;
    assert_eq!(s, StatusCode::OK);
    let first = String::from_utf8(first).unwrap();
    assert!(first.contains("data-receipt=\"KR-0000001\""), "receipt shown");
    assert!(first.contains("この受付番号をお伝えください"), "and what happens next");
    let (_, _, again) = send(&h, post_form("/feedback", &body, origin)).await;
    assert!(
        String::from_utf8(again).unwrap().contains("data-receipt=\"KR-0000001\""),
        "a double submit gives the same receipt"
    );
    let rows = |h: &Harness| -> i64 {
        rusqlite::Connection::open(&h.db)
            .unwrap()
            .query_row("SELECT COUNT(*) FROM feedback", [], |r| r.get(0))
            .unwrap()
    };
    let conn = rusqlite::Connection::open(&h.db).unwrap();
    let (n, message): (i64, String) = conn
        .query_row("SELECT COUNT(*), MAX(message) FROM feedback", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!((n, message.as_str()), (1, "こんにちは </textarea>"));
    let (s, _, _) = send(&h, post_form("/feedback", &body.replace("42", "43"), "https://evil.example")).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "another site cannot post in a visitor's name");
    let (s, _, _) = send(&h, post_form("/plan", &body.replace("42", "44"), origin)).await;
    assert_eq!(s, StatusCode::METHOD_NOT_ALLOWED, "other screens take no posts");
    assert_eq!(rows(&h), 1, "nothing stored from refused posts");
}

#[tokio::test]
async fn the_counter_survey_posted_without_script_stays_a_kiosk_page() {
    let h = harness("survey", |_| {}).await;
    let origin = "http://127.0.0.1:8080";
    let section = {
        let snapshot: serde_json::Value =
            serde_json::from_slice(&std::fs::read(h.dir.join("data/snapshots/2023-12.json")).unwrap()).unwrap();
        snapshot["counter_survey"]["sections"][0]["id"].as_str().unwrap().to_string()
    };
    let stored = |h: &Harness| -> i64 {
        rusqlite::Connection::open(&h.db)
            .unwrap()
            .query_row("SELECT COUNT(*) FROM feedback", [], |r| r.get(0))
            .unwrap()
    };
    let step = |body: String| post_form("/?mode=kiosk", &body, origin);
    // Each tap is a step: the server answers with the next question and stores nothing.
    let (s, _, body) = send(&h, step(format!("form=counter-survey&key={KEY}&step=1&ward=chuo"))).await;
    let html = String::from_utf8(body).unwrap();
    assert_eq!(s, StatusCode::OK);
    assert!(
        html.contains("class=\"kiosk\"") && html.contains("kiosk-answers--section"),
        "the counter is asked next"
    );
    assert!(
        html.contains("<input type=\"hidden\" name=\"ward\" value=\"chuo\">"),
        "the ward travels on"
    );
    let (_, _, body) = send(
        &h,
        step(format!(
            "form=counter-survey&key={KEY}&step=1&ward=chuo&section={section}&satisfaction=2"
        )),
    )
    .await;
    let html = String::from_utf8(body).unwrap();
    assert!(
        html.contains("name=\"message\"") && html.contains("コメントなしで送る"),
        "then the comment"
    );
    // 「もどる」 from the comment forgets the answer, not the place.
    let (_, _, body) = send(
        &h,
        step(format!(
            "form=counter-survey&key={KEY}&back=1&ward=chuo&section={section}&satisfaction=2"
        )),
    )
    .await;
    let html = String::from_utf8(body).unwrap();
    assert!(
        html.contains("kiosk-answers--satisfaction") && !html.contains("name=\"satisfaction\" value=\"2\">"),
        "the answer asked again"
    );
    assert_eq!(stored(&h), 0, "steps store nothing");
    // A step carrying what the survey does not accept asks again.
    let (_, _, body) = send(&h, step(format!("form=counter-survey&key={KEY}&step=1&ward=atlantis"))).await;
    assert!(
        String::from_utf8(body).unwrap().contains("kiosk-answers--ward"),
        "an unknown ward is asked again"
    );
    // The last step stores; 「コメントなしで送る」 drops what was typed.
    let (s, _, body) = send(
        &h,
        step(format!(
            "form=counter-survey&key={KEY}&ward=chuo&section={section}&satisfaction=5&message=typed&no_comment=1"
        )),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    let html = String::from_utf8(body).unwrap();
    assert!(html.contains("data-receipt=\"KR-0000001\""));
    assert!(html.contains("窓口ごと・月ごとに集計"), "what happens with the answer");
    assert!(
        !html.contains("kiosk-returning"),
        "no countdown the page without script would not keep"
    );
    let message: String = rusqlite::Connection::open(&h.db)
        .unwrap()
        .query_row("SELECT message FROM feedback", [], |r| r.get(0))
        .unwrap();
    assert_eq!((stored(&h), message.as_str()), (1, ""));
    // A comment the rules refuse comes back on the comment step with its errors.
    let (s, _, body) = send(
        &h,
        step(format!(
            "form=counter-survey&key=6f1e2b7c-2222-4222-8222-222222222222&ward=chuo&section={section}&satisfaction=5&message=a%07b"
        )),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let html = String::from_utf8(body).unwrap();
    assert!(
        html.contains("error-summary") && html.contains("name=\"message\""),
        "the error, on the comment step"
    );
    // Steps are rendered every time and never kept: one address gets a bounded number a minute.
    for n in 1..server::pages::SURVEY_STEPS_PER_MINUTE - 3 {
        let (s, _, _) = send(&h, step(format!("form=counter-survey&key={KEY}&step=1&ward=chuo&n={n}"))).await;
        assert_eq!(s, StatusCode::OK, "step {n}");
    }
    let (s, _, body) = send(&h, step(format!("form=counter-survey&key={KEY}&step=1&ward=chuo"))).await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS);
    assert!(String::from_utf8(body).unwrap().contains("操作が多すぎます"));
}

#[tokio::test]
async fn the_counter_survey_asks_the_citys_question_on_the_citys_scale_in_every_language() {
    let h = harness("scale", |_| {}).await;
    for (lang, question, best, second) in [
        ("ja", "本日の窓口サービスに満足されましたか", "とても満足", "ほぼ満足"),
        (
            "en",
            "How satisfied were you with the counter service today?",
            "Very satisfied",
            "Mostly satisfied",
        ),
        (
            "ja-easy",
            "きょうの まどぐちは どうでしたか",
            "とても よかった",
            "だいたい よかった",
        ),
    ] {
        let (_, _, html) = get(&h, &format!("/?mode=kiosk&ward=chuo&section=tax&lang={lang}"), None).await;
        assert!(html.contains(question), "{lang}: the question is about today's counter");
        let at = |label: &str| html.find(&format!(">{label}<")).unwrap_or_else(|| panic!("{lang}: {label}"));
        assert!(at(best) < at(second), "{lang}: best answer first");
        assert!(!html.contains("やや満足"), "{lang}: not the general form's scale");
    }
}

#[tokio::test]
async fn pages_without_a_form_are_kept_in_brotli_until_a_new_manifest() {
    let h = harness("cache", |_| {}).await;
    let br = |path: &str| {
        Request::get(path)
            .header(header::HOST, "127.0.0.1:8080")
            .header(header::ACCEPT_ENCODING, "gzip, br")
            .body(Body::empty())
            .unwrap()
    };
    let (_, _, first) = get(&h, "/konbini", None).await;
    // The first answers are compressed on the way out; once the kept copy (brotli quality 11)
    // is made in the background, it is what goes out.
    let kept = server::page_cache::compress(&first);
    let mut tries = 0;
    let body = loop {
        let (_, headers, body) = send(&h, br("/konbini")).await;
        assert_eq!(headers[header::CONTENT_ENCODING], "br");
        if body == kept || tries > 100 {
            break body;
        }
        tries += 1;
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert!(body == kept, "the kept copy is served");
    let mut html = Vec::new();
    brotli::BrotliDecompress(&mut body.as_slice(), &mut html).unwrap();
    let (_, _, plain) = get(&h, "/konbini", None).await;
    assert_eq!(String::from_utf8(html).unwrap(), plain, "the same page, compressed");
    assert_eq!(plain, first, "the kept page is the page");
    // A shared link's tracking parameters make no page of their own: the kept page of `/konbini`
    // answers, and its canonical address has none of them.
    let (_, headers, body) = send(&h, br("/konbini?utm_source=line&fbclid=IwAR0&utm_medium=social")).await;
    assert_eq!(headers[header::CONTENT_ENCODING], "br");
    assert!(body == kept, "the kept page, not a new render");
    assert!(plain.contains(r#"<link rel="canonical" href="http://127.0.0.1:8080/konbini">"#));
    let (_, _, english) = get(&h, "/konbini?lang=en&gclid=x", None).await;
    assert!(english.contains(r#"<link rel="canonical" href="http://127.0.0.1:8080/konbini?lang=en">"#) && !english.contains("gclid"));
    // A newly published manifest shows at once: the kept page is not used for it.
    let manifest = h.dir.join("data/index.json");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let moved = text.replace("snapshots/2023-12.json", "snapshots/moved.json");
    assert_ne!(text, moved);
    std::fs::write(&manifest, &moved).unwrap();
    let (_, _, after) = get(&h, "/konbini", None).await;
    assert!(
        after.contains("データのファイルが見つかりませんでした"),
        "rendered again from the new manifest"
    );
    // Forms carry a fresh key per page: never shared between readers.
    let (_, _, a) = get(&h, "/feedback", None).await;
    let (_, _, b) = get(&h, "/feedback", None).await;
    let key = |html: &str| html.split("name=\"key\" value=\"").nth(1).map(|r| r[..36].to_string());
    assert_ne!(key(&a), key(&b), "each form page has its own key");
}

#[tokio::test]
async fn a_kiosk_configured_for_its_place_does_not_ask_where_it_is() {
    let h = harness("place", |_| {}).await;
    let snapshot: serde_json::Value = serde_json::from_slice(&std::fs::read(h.dir.join("data/snapshots/2023-12.json")).unwrap()).unwrap();
    let section = snapshot["counter_survey"]["sections"][0]["id"].as_str().unwrap().to_string();
    let (_, _, html) = get(&h, &format!("/?mode=kiosk&ward=chuo&section={section}"), None).await;
    assert!(
        html.contains("<input type=\"hidden\" name=\"ward\" value=\"chuo\">"),
        "ward given by the address"
    );
    assert!(html.contains(&format!("<input type=\"hidden\" name=\"section\" value=\"{section}\">")));
    assert!(
        !html.contains("kiosk-answers--ward") && !html.contains("kiosk-answers--section"),
        "not asked"
    );
    assert!(html.contains("kiosk-answers--satisfaction"), "the first screen is the answer");
    assert!(
        html.contains(&format!("action=\"/?mode=kiosk&amp;ward=chuo&amp;section={section}\"")),
        "the answer page keeps the place"
    );
    let (_, _, html) = get(&h, "/?mode=kiosk&ward=atlantis", None).await;
    assert!(
        html.contains("この端末の設定に誤りがあります（ward=atlantis）"),
        "unknown ids are named for staff"
    );
    assert!(html.contains("kiosk-answers--ward"), "and the survey still asks");
    let (_, _, html) = get(&h, "/?mode=kiosk", None).await;
    assert!(
        html.contains("kiosk-answers--ward") && !html.contains("設定に誤り"),
        "without configuration it asks where first"
    );
    // Posted without script from a configured kiosk: stored with its place.
    let body = format!("form=counter-survey&key={KEY}&ward=chuo&section={section}&satisfaction=4");
    let (s, _, _) = send(
        &h,
        post_form(&format!("/?mode=kiosk&ward=chuo&section={section}"), &body, "http://127.0.0.1:8080"),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    let stored: (String, String) = rusqlite::Connection::open(&h.db)
        .unwrap()
        .query_row("SELECT ward, section FROM feedback", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!(stored, ("chuo".to_string(), section));
}

#[tokio::test]
async fn previews_are_limited_per_address_and_published_pages_are_not() {
    let h = harness("previews", |_| {}).await;
    // A preview names its manifest with `?data=`: it is read and rendered every time, so one
    // address gets a bounded number a minute.
    for n in 0..server::pages::PREVIEWS_PER_MINUTE {
        let (status, _, body) = get(&h, &format!("/konbini?data=/data/index.json&n={n}"), None).await;
        assert_eq!(status, StatusCode::OK, "preview {n}");
        assert!(body.contains("300,170件"));
    }
    let (status, _, body) = get(&h, "/konbini?data=/data/index.json", None).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(body.contains("しばらくしてから") && body.contains("Too many previews"));
    let (status, _, body) = get(&h, "/konbini", None).await;
    assert_eq!(
        (status, body.contains("300,170件")),
        (StatusCode::OK, true),
        "published pages still answer"
    );
}

#[tokio::test]
async fn the_page_data_is_what_the_browser_reads_back() {
    use reform_widget::data::{snapshot_in_page_data, PAGE_DATA_ID};
    let h = harness("page-data", |_| {}).await;
    let (_, _, html) = get(&h, "/konbini?mode=kiosk", None).await;
    // boot.js hands the same element to Leptos; the device's offline copy is read from it too.
    let boot = include_str!("../../../boot.js");
    assert!(
        boot.contains(&format!("getElementById('{PAGE_DATA_ID}')")),
        "boot.js reads the element render.rs writes"
    );
    let open = format!("<script type=\"application/json\" id=\"{PAGE_DATA_ID}\">");
    let start = html.find(&open).expect("the page carries its data") + open.len();
    let data = &html[start..start + html[start..].find("</script>").unwrap()];
    let snapshot = snapshot_in_page_data(data).expect("the snapshot the page was rendered from");
    let parsed = snapshot::parse_snapshot(snapshot.as_bytes()).expect("a valid snapshot");
    assert_eq!(parsed.id, "2023-12");
}
