//! Figures that travel: every screen × language carries its link-preview tags with the headline
//! figure, its preview image answers as a 1200×630 PNG that is not blank, the feed lists the
//! publications with what changed, the sitemap and each page's hreflang set agree, and the QR
//! codes decode to the canonical address.

mod common;

use std::collections::BTreeSet;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{harness, send, Harness};
use publish::DataFolder;
use view_models::Locale;

const ORIGIN: &str = "http://127.0.0.1:8080";
const ROUTES: [&str; 9] = [
    "/",
    "/plan",
    "/results",
    "/indicators",
    "/counter",
    "/konbini",
    "/staff",
    "/voices",
    "/feedback",
];

async fn get(h: &Harness, path: &str) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    send(
        h,
        Request::get(path)
            .header(header::HOST, "127.0.0.1:8080")
            .body(Body::empty())
            .unwrap(),
    )
    .await
}

async fn page(h: &Harness, path: &str) -> String {
    String::from_utf8(get(h, path).await.2).unwrap()
}

/// `<meta property="NAME" content="…">` (or `name=`), unescaped enough for these tests.
fn meta<'a>(html: &'a str, name: &str) -> Option<&'a str> {
    let at = html
        .find(&format!("property=\"{name}\" content=\""))
        .or_else(|| html.find(&format!("name=\"{name}\" content=\"")))?;
    let rest = &html[at..];
    let start = rest.find("content=\"")? + 9;
    Some(&rest[start..start + rest[start..].find('"')?])
}

fn alternates(html: &str) -> BTreeSet<(String, String)> {
    html.split("<link rel=\"alternate\" hreflang=\"")
        .skip(1)
        .map(|rest| {
            let lang = rest.split('"').next().unwrap().to_string();
            let href = rest
                .split("href=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .replace("&amp;", "&");
            (lang, href)
        })
        .collect()
}

fn with_lang(path: &str, l: Locale) -> String {
    if l == Locale::Ja {
        path.to_string()
    } else {
        format!("{path}?lang={}", l.code())
    }
}

/// A PNG's width and height, from its header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    (
        u32::from_be_bytes(bytes[16..20].try_into().unwrap()),
        u32::from_be_bytes(bytes[20..24].try_into().unwrap()),
    )
}

#[tokio::test]
async fn every_screen_and_language_carries_its_preview_with_the_headline_figure() {
    let h = harness("share-og", |_| {}).await;
    let figures = [
        ("/", "44.1%"),
        ("/counter", "87%"),
        ("/konbini", "300,170"),
        ("/staff", "81%"),
        ("/results", "78.8%"),
        ("/indicators", "44.1%"),
    ];
    let mut images = BTreeSet::new();
    for path in ROUTES {
        for l in Locale::ALL {
            let address = with_lang(path, l);
            let html = page(&h, &address).await;
            let url = format!("{ORIGIN}{address}");
            assert_eq!(meta(&html, "og:url"), Some(url.as_str()), "{address}");
            assert!(
                html.contains(&format!("<link rel=\"canonical\" href=\"{url}\">")),
                "{address}: canonical"
            );
            assert_eq!(meta(&html, "og:locale"), Some(if l == Locale::En { "en_US" } else { "ja_JP" }));
            for name in ["og:title", "og:site_name", "og:description", "og:image:alt", "twitter:card"] {
                assert!(meta(&html, name).is_some_and(|v| !v.is_empty()), "{address}: {name}");
            }
            assert_eq!(
                (meta(&html, "og:image:width"), meta(&html, "og:image:height")),
                (Some("1200"), Some("630"))
            );
            if let Some((_, figure)) = figures.iter().find(|(p, _)| *p == path) {
                assert!(
                    meta(&html, "og:description").unwrap().contains(figure),
                    "{address}: {:?}",
                    meta(&html, "og:description")
                );
            }
            images.insert(meta(&html, "og:image").unwrap().trim_start_matches(ORIGIN).to_string());
        }
    }
    assert_eq!(
        meta(&page(&h, "/konbini").await, "og:description"),
        Some("証明書コンビニ発行件数 300,170件（令和4年度）")
    );
    assert_eq!(
        meta(&page(&h, "/results").await, "og:description"),
        Some("137の取組項目のうち計画どおり進捗した割合 78.8%（令和4年度末時点）"),
        "the results screen previews its own figure"
    );
    // Each image answers as a PNG of 1200×630 with something drawn on it, and is kept.
    for image in ["/og/konbini.png", "/og/home.png?lang=en", "/og/plan.png?lang=ja-easy"] {
        assert!(images.contains(image), "{image} is named by a page");
        let (status, headers, png) = get(&h, image).await;
        assert_eq!(
            (status, headers[header::CONTENT_TYPE].to_str().unwrap()),
            (StatusCode::OK, "image/png"),
            "{image}"
        );
        assert_eq!(png_size(&png), (1200, 630));
        let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).unwrap();
        let colours: BTreeSet<[u8; 4]> = pixmap.pixels().iter().map(|p| [p.red(), p.green(), p.blue(), p.alpha()]).collect();
        assert!(colours.len() > 20, "{image}: not blank ({} colours)", colours.len());
        let etag = headers[header::ETAG].to_str().unwrap().to_string();
        assert!(headers[header::CACHE_CONTROL].to_str().unwrap().contains("max-age"));
        let again = Request::get(image)
            .header(header::HOST, "127.0.0.1:8080")
            .header(header::IF_NONE_MATCH, &etag)
            .body(Body::empty())
            .unwrap();
        assert_eq!(send(&h, again).await.0, StatusCode::NOT_MODIFIED);
    }
    assert_eq!(get(&h, "/og/nowhere.png").await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_sitemap_and_each_pages_hreflang_set_are_complete_and_reciprocal() {
    let h = harness("share-sitemap", |_| {}).await;
    let (status, _, xml) = get(&h, "/sitemap.xml").await;
    assert_eq!(status, StatusCode::OK);
    let xml = String::from_utf8(xml).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("the sitemap is XML");
    let urls: Vec<roxmltree::Node> = doc.descendants().filter(|n| n.has_tag_name("url")).collect();
    assert_eq!(urls.len(), ROUTES.len() * Locale::ALL.len(), "every screen × language");
    for url in urls {
        let loc = url
            .descendants()
            .find(|n| n.has_tag_name("loc"))
            .unwrap()
            .text()
            .unwrap()
            .to_string();
        let listed: BTreeSet<(String, String)> = url
            .descendants()
            .filter(|n| n.has_tag_name("link"))
            .map(|n| {
                (
                    n.attribute("hreflang").unwrap().to_string(),
                    n.attribute("href").unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(listed.len(), 4, "{loc}: ja, en, easy Japanese and x-default");
        assert!(listed.iter().any(|(_, href)| *href == loc), "{loc} is among its own alternates");
        // The page itself names the same set.
        let html = page(&h, loc.trim_start_matches(ORIGIN)).await;
        assert_eq!(alternates(&html), listed, "{loc}");
    }
    let robots = String::from_utf8(get(&h, "/robots.txt").await.2).unwrap();
    assert!(robots.contains("Sitemap: http://127.0.0.1:8080/sitemap.xml") && robots.contains("Disallow: /staff/"));
}

#[tokio::test]
async fn the_feed_lists_each_publication_newest_first_with_what_changed() {
    let h = harness("share-feed", |_| {}).await;
    let html = page(&h, "/?lang=en").await;
    assert!(
        html.contains(r#"<link rel="alternate" type="application/atom+xml" title="City Hall Reform Plan" href="/feed.xml?lang=en">"#),
        "every page's head links the feed"
    );
    // The feed is kept per publication: asked before the next one, it has one entry...
    let first = String::from_utf8(get(&h, "/feed.xml").await.2).unwrap();
    assert_eq!(first.matches("<entry>").count(), 1);
    assert_eq!(
        String::from_utf8(get(&h, "/feed.xml").await.2).unwrap(),
        first,
        "the same feed again"
    );
    // ...and a synthetic second publication (test data only, one new figure) shows at once.
    let folder = DataFolder::new(h.dir.join("data"));
    let mut next = folder.latest().unwrap().snapshot;
    next.id = "2024-03-test".into();
    next.as_of = snapshot::AsOf::parse("2024-03-31");
    for series in [
        &mut next.indicators.iter_mut().find(|i| i.id == "konbini-certificates").unwrap().actuals,
        &mut next.konbini_certificates.as_mut().unwrap().yearly,
    ] {
        series.push(snapshot::YearValue {
            fiscal_year: snapshot::FiscalYear(2023),
            value: Some(412345.0).into(),
        });
    }
    folder.publish(&next, publish::import::title_for(&next), "test").unwrap();
    let (status, headers, body) = get(&h, "/feed.xml").await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("application/atom+xml"));
    let body = String::from_utf8(body).unwrap();
    let doc = roxmltree::Document::parse(&body).expect("the feed is XML");
    assert_eq!(doc.root_element().tag_name().namespace(), Some("http://www.w3.org/2005/Atom"));
    let entries: Vec<roxmltree::Node> = doc.root_element().children().filter(|n| n.has_tag_name("entry")).collect();
    assert_eq!(entries.len(), 2, "one entry per publication");
    let text = |n: &roxmltree::Node, tag: &str| {
        n.children()
            .find(|c| c.has_tag_name(tag))
            .and_then(|c| c.text())
            .unwrap_or("")
            .to_string()
    };
    assert!(text(&entries[0], "updated").starts_with("2024-03-31"), "newest first");
    assert!(
        text(&entries[0], "summary").contains("412,345件"),
        "what changed, in words: {}",
        text(&entries[0], "summary")
    );
    let link = entries[0]
        .children()
        .find(|c| c.has_tag_name("link"))
        .unwrap()
        .attribute("href")
        .unwrap();
    assert_eq!(link, "http://127.0.0.1:8080/?asof=2024-03-test");
    let english = String::from_utf8(get(&h, "/feed.xml?lang=en").await.2).unwrap();
    assert!(english.contains("xml:lang=\"en\"") && english.contains("412,345 cases"));
}

/// Decodes the QR code in an SVG: drawn with resvg, read with rqrr.
fn decode_qr(svg: &str) -> String {
    let tree = resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default()).unwrap();
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(&tree, resvg::tiny_skia::Transform::default(), &mut pixmap.as_mut());
    let (w, h) = (pixmap.width() as usize, pixmap.height() as usize);
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| pixmap.pixel(x as u32, y as u32).map_or(255, |p| p.red()));
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code");
    grids[0].decode().unwrap().1
}

#[tokio::test]
async fn qr_codes_decode_to_the_canonical_address_on_paper_and_at_the_kiosk() {
    let h = harness("share-qr", |_| {}).await;
    let printed = page(&h, "/konbini?lang=en&utm_source=x").await;
    assert!(
        printed.contains(r#"<img src="/qr/en/konbini.svg" width="64" height="64" alt="" class="print-header__qr">"#),
        "the printed page's QR"
    );
    let svg = String::from_utf8(get(&h, "/qr/en/konbini.svg").await.2).unwrap();
    assert_eq!(decode_qr(&svg), "http://127.0.0.1:8080/konbini?lang=en");
    let kiosk_plan = page(&h, "/plan?mode=kiosk").await;
    assert!(
        kiosk_plan.contains("スマートフォンで続きを読む") && kiosk_plan.contains(r#"src="/qr/ja/plan.svg""#),
        "the kiosk's plan screen"
    );
    assert!(!page(&h, "/plan").await.contains("スマートフォンで続きを読む"), "only at a kiosk");
    assert_eq!(
        decode_qr(&String::from_utf8(get(&h, "/qr/ja/plan.svg").await.2).unwrap()),
        "http://127.0.0.1:8080/plan"
    );
    assert_eq!(
        get(&h, "/qr/ja/evil.svg").await.0,
        StatusCode::NOT_FOUND,
        "only this site's screens"
    );
    assert_eq!(get(&h, "/qr/xx/plan.svg").await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn each_page_describes_the_dataset_with_its_files_and_the_licence_the_city_gave() {
    let h = harness("share-dataset", |_| {}).await;
    let json_ld = |html: &str| -> serde_json::Value {
        let start = html.find(r#"<script type="application/ld+json">"#).expect("a dataset description") + 35;
        serde_json::from_str(&html[start..start + html[start..].find("</script>").unwrap()]).expect("JSON")
    };
    for route in ROUTES {
        for l in Locale::ALL {
            let v = json_ld(&page(&h, &with_lang(route, l)).await);
            assert_eq!(
                (v["@context"].as_str(), v["@type"].as_str()),
                (Some("https://schema.org"), Some("Dataset")),
                "{route} {l:?}"
            );
            assert!(v["name"].as_str().is_some_and(|n| !n.is_empty()) && v["description"].as_str().is_some_and(|d| !d.is_empty()));
            assert!(v["temporalCoverage"].as_str().is_some_and(|c| c.contains('/')));
            assert!(v.get("license").is_none(), "no licence is assumed");
        }
    }
    let v = json_ld(&page(&h, "/konbini").await);
    assert_eq!(v["creator"]["name"], "熊本市");
    // Every file it names answers: the snapshot JSON and each card's CSV.
    let files = v["distribution"].as_array().unwrap();
    assert!(files.len() > 3);
    for f in files {
        let url = f["contentUrl"].as_str().unwrap();
        let (status, headers, body) = get(&h, url.strip_prefix(ORIGIN).unwrap()).await;
        assert_eq!(status, StatusCode::OK, "{url}");
        assert!(
            headers[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with(f["encodingFormat"].as_str().unwrap()),
            "{url}"
        );
        assert!(!body.is_empty());
    }
    let (_, _, csv) = get(&h, "/downloads/ja/konbini-yearly.csv").await;
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.contains("300170"), "the card's figures, as numbers: {csv}");
    assert_eq!(get(&h, "/downloads/ja/nothing.csv").await.0, StatusCode::NOT_FOUND);
    assert_eq!(get(&h, "/downloads/xx/konbini-yearly.csv").await.0, StatusCode::NOT_FOUND);
    // The licence, once the city names one.
    let licensed = harness("share-dataset-licence", |c| {
        c.data_license = Some("https://creativecommons.org/licenses/by/4.0/".into())
    })
    .await;
    let v = json_ld(&page(&licensed, "/").await);
    assert_eq!(v["license"], "https://creativecommons.org/licenses/by/4.0/");
    assert!(server::config::parse_license("--data-license", "javascript:alert(1)").is_err());
    assert!(server::config::parse_license("--data-license", "https://x.example/\"><script>").is_err());
}

/// やさしい日本語 carries readings (｜市役所《しやくしょ》): on screen they are `<ruby>`; in a title,
/// a label, a download, the feed or a link preview they are dropped. The notation itself is never
/// shown anywhere.
#[tokio::test]
async fn readings_are_ruby_on_screen_and_never_notation_anywhere() {
    let h = harness("share-ruby", |_| {}).await;
    // (A lone ｜ is no notation: the page title's separator is one.)
    let notation = |s: &str| s.contains(['《', '》']);
    for entry in view_models::route::SCREENS {
        let mut html = page(&h, &format!("{}?lang=ja-easy", entry.path)).await;
        // The app's data (the snapshot itself, never shown as it is) is not what a reader sees.
        if let Some(start) = html.find("<script type=\"application/json\"") {
            let end = start + html[start..].find("</script>").unwrap();
            html.replace_range(start..end, "");
        }
        assert!(
            !notation(&html),
            "{}: notation shown: …{}…",
            entry.path,
            html.find(['《', '》'])
                .map(|i| &html[html.floor_char_boundary(i.saturating_sub(200))..html.floor_char_boundary(i + 60)])
                .unwrap_or("")
        );
    }
    // (`<!>` are the renderer's hydration marks.)
    let home = page(&h, "/?lang=ja-easy").await.replace("<!>", "");
    assert!(
        home.contains("<ruby>市役所<rp>（</rp><rt>しやくしょ</rt><rp>）</rp></ruby>"),
        "readings above their kanji"
    );
    assert!(!page(&h, "/").await.contains("<ruby>"), "standard Japanese shows none");
    let plan = page(&h, "/plan?lang=ja-easy").await.replace("<!>", "");
    assert!(plan.contains("<ruby>上質<rp>（</rp><rt>じょうしつ</rt>"), "the plan's texts too");
    for card in ["konbini-yearly", "counter-satisfaction"] {
        let (status, _, csv) = get(&h, &view_models::route::csv_path(card, Locale::JaEasy)).await;
        assert_eq!(status, StatusCode::OK);
        let csv = String::from_utf8(csv).unwrap();
        assert!(!notation(&csv), "{card}: plain text in the download: {csv}");
    }
    // A title drops the readings and keeps the kanji.
    let konbini = page(&h, "/konbini?lang=ja-easy").await;
    assert!(
        konbini.contains("<meta property=\"og:description\" content=\"コンビニで 出した 証明書の 数"),
        "a link preview in plain text"
    );
    let (_, _, feed) = get(&h, "/feed.xml?lang=ja-easy").await;
    assert!(!notation(&String::from_utf8(feed).unwrap()), "the feed");
}
