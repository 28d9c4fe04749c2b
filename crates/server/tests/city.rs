//! Another city through the router: a publication whose 「市」 names another city with other
//! offices and no konbini series. Its pages, menu, sitemap, API document and counter survey follow
//! the publication; answers stored for an office it no longer lists are kept. (Synthetic: the
//! figures are Kumamoto's default data under a made-up city, for tests only.)

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{harness, page_html, send, Harness};
use feedback::{Kind, Submission};
use snapshot::{City, Office, OfficeKind, Text};

fn text(ja: &str, en: &str) -> Text {
    Text {
        ja: ja.into(),
        en: Some(en.into()),
        ja_easy: None,
    }
}

/// Publishes the default data as サンプル市's, with three offices of its own and no konbini series.
async fn sample_city(name: &str) -> Harness {
    let h = harness(name, |c| {
        c.export_token = Some("a-token-for-the-test".into());
        c.summary_min_count = 1;
    })
    .await;
    let folder = publish::DataFolder::new(&h.state.config.data_dir);
    let mut s = folder.latest().unwrap().snapshot;
    s.id = "2024-04-test".into();
    s.city = Some(City {
        name: Text {
            ja_easy: Some("サンプル市《し》".into()),
            ..text("サンプル市", "Sample City")
        },
        introduction: text(
            "サンプル市は、試験のための架空の市です。",
            "Sample City is a made-up city for tests.",
        ),
        homepage: "https://sample.example/".into(),
        offices: vec![
            Office {
                id: "honcho".into(),
                kind: OfficeKind::WardOffice,
                name: text("本庁舎", "Main office"),
            },
            Office {
                id: "kita-shisho".into(),
                kind: OfficeKind::Branch,
                name: text("北支所", "North branch"),
            },
            Office {
                id: "minato".into(),
                kind: OfficeKind::SubBranch,
                name: text("港出張所", "Port sub-branch"),
            },
        ],
        licence: None,
        logo: None,
        accent: None,
    });
    s.konbini_certificates = None;
    assert_eq!(snapshot::check_snapshot(&s), vec![], "a valid publication");
    folder.publish(&s, text("サンプル市のテスト", "Sample City test"), "test").unwrap();
    h
}

fn survey_answer(n: u32, ward: &str) -> Request<Body> {
    let answer = Submission {
        key: format!("00000000-0000-4000-8000-{n:012}"),
        kind: Kind::CounterSurvey,
        satisfaction: Some(4),
        ward: ward.into(),
        section: "tax".into(),
        ..Default::default()
    };
    Request::post("/api/feedback")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::HOST, "127.0.0.1:8080")
        .body(Body::from(serde_json::to_string(&answer).unwrap()))
        .unwrap()
}

#[tokio::test]
async fn the_pages_name_the_publishing_city_and_show_only_the_screens_it_has_data_for() {
    let h = sample_city("city-pages").await;
    let home = page_html(&h, "/").await;
    assert!(home.contains("<title>ホーム｜サンプル市 市役所改革プラン</title>"), "the title");
    assert!(home.contains("<span class=\"site-title__city\">サンプル市"), "the header");
    assert!(home.contains("サンプル市は、試験のための架空の市です。"), "the introduction");
    assert!(!home.contains("href=\"/konbini\""), "no konbini screen in the menu");
    assert!(home.contains("href=\"/counter\""), "the others are");
    let en = page_html(&h, "/plan?lang=en").await;
    assert!(en.contains("｜Sample City City Hall Reform Plan</title>"), "{}", &en[..400]);
    let easy = page_html(&h, "/plan?lang=ja-easy").await;
    assert!(easy.contains("サンプル<ruby>市<rp>（</rp><rt>し"), "the name with its reading");

    let get = |p: &str| Request::get(p).header(header::HOST, "127.0.0.1:8080").body(Body::empty()).unwrap();
    let (status, _, body) = send(&h, get("/konbini")).await;
    let body = String::from_utf8(body).unwrap();
    assert_eq!(status, StatusCode::NOT_FOUND, "a screen without its data is not found");
    assert!(
        body.contains("ページが見つかりません") || body.contains("見つかりません"),
        "says so"
    );
    let (_, _, sitemap) = send(&h, get("/sitemap.xml")).await;
    let sitemap = String::from_utf8(sitemap).unwrap();
    assert!(sitemap.contains("/counter") && !sitemap.contains("/konbini"), "nor in the sitemap");
    assert_eq!(
        send(&h, get("/og/konbini.png")).await.0,
        StatusCode::NOT_FOUND,
        "nor a preview image"
    );
    assert!(home.contains("href=\"/results\""), "the previous stage is published here");

    let (_, _, feed) = send(&h, get("/feed.xml")).await;
    let feed = String::from_utf8(feed).unwrap();
    assert!(feed.contains("<author><name>サンプル市</name></author>"), "the feed's author");
}

#[tokio::test]
async fn the_counter_survey_takes_the_citys_offices_and_keeps_a_former_offices_answers() {
    let h = sample_city("city-offices").await;
    // The API document describes the running city's offices.
    let (_, _, doc) = send(&h, Request::get("/api/openapi.json").body(Body::empty()).unwrap()).await;
    let doc: serde_json::Value = serde_json::from_slice(&doc).unwrap();
    let enums: Vec<String> = doc["components"]["schemas"]["Submission"]["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v["properties"]["ward"]["enum"].as_array())
        .flatten()
        .filter_map(|v| v.as_str().map(String::from))
        .collect();
    assert!(
        !enums.is_empty() && enums.iter().all(|id| ["honcho", "kita-shisho", "minato"].contains(&id.as_str())),
        "{enums:?}"
    );
    assert!(!doc.to_string().contains("\"chuo\""), "no office of another city");

    assert_eq!(
        send(&h, survey_answer(1, "kita-shisho")).await.0,
        StatusCode::CREATED,
        "its own office"
    );
    assert_eq!(
        send(&h, survey_answer(2, "chuo")).await.0,
        StatusCode::UNPROCESSABLE_ENTITY,
        "not Kumamoto's"
    );

    // A kiosk offers the city's offices, and is configured by their ids.
    let kiosk = page_html(&h, "/?mode=kiosk").await;
    for name in ["本庁舎", "北支所", "港出張所"] {
        assert!(kiosk.contains(name), "{name} at the kiosk");
    }
    assert!(!kiosk.contains("中央区役所"));
    let placed = page_html(&h, "/?mode=kiosk&ward=minato").await;
    assert!(!placed.contains("ward=minato）"), "a known place is not named as a wrong setting");

    // An answer stored when the city had another office (here: moved there in the file) is
    // kept, and counted as a former office's in the summary staff publish from.
    let conn = rusqlite::Connection::open(&h.db).unwrap();
    assert_eq!(conn.execute("UPDATE feedback SET ward = 'tomiai'", []).unwrap(), 1);
    let month = chrono_month(&conn);
    let (status, _, body) = send(
        &h,
        Request::get(format!("/api/counter-survey/summary?from={month}&to={month}"))
            .header(header::AUTHORIZATION, "Bearer a-token-for-the-test")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    let summary: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(summary["wards"][0]["id"], "tomiai", "{summary}");
    assert_eq!(summary["wards"][0]["name"]["ja"], "tomiai（以前の窓口）");
    assert_eq!(summary["breakdown"][0]["value"], 100.0, "the answer still counts");
}

/// The month the answer was stored in (Japan time), as the summary's range names it.
fn chrono_month(conn: &rusqlite::Connection) -> String {
    let at: String = conn.query_row("SELECT received_at FROM feedback", [], |r| r.get(0)).unwrap();
    let utc = at.get(..19).unwrap().replace('T', " ");
    let japan: String = conn
        .query_row("SELECT strftime('%Y-%m', datetime(?1, '+9 hours'))", [utc], |r| r.get(0))
        .unwrap();
    japan
}

#[tokio::test]
async fn without_a_staff_survey_or_a_previous_stage_their_screens_are_not_offered() {
    let h = sample_city("city-sections").await;
    let folder = publish::DataFolder::new(&h.state.config.data_dir);
    let mut s = folder.latest().unwrap().snapshot;
    s.id = "2024-05-test".into();
    (s.staff_survey, s.previous_stage, s.citizen_requests) = (None, None, None);
    assert_eq!(snapshot::check_snapshot(&s), vec![]);
    folder
        .publish(&s, text("項目を減らしたテスト", "Fewer sections test"), "test")
        .unwrap();
    let get = |p: &str| Request::get(p).header(header::HOST, "127.0.0.1:8080").body(Body::empty()).unwrap();
    for path in ["/staff", "/results", "/konbini"] {
        assert_eq!(send(&h, get(path)).await.0, StatusCode::NOT_FOUND, "{path}");
    }
    let home = page_html(&h, "/").await;
    for path in ["/staff", "/results", "/konbini"] {
        assert!(!home.contains(&format!("href=\"{path}\"")), "no link to {path}");
    }
    assert_eq!(send(&h, get("/plan")).await.0, StatusCode::OK);
    assert_eq!(send(&h, get("/counter")).await.0, StatusCode::OK);
}

#[tokio::test]
async fn a_city_with_nothing_published_gets_a_blank_workbook_from_the_staff_pages_and_its_first_publication() {
    use common::staff::{add, get, sign_in, text as staff_text};
    let h = harness("city-blank", |_| {}).await;
    // An empty data folder, as `--default-data none` leaves it.
    let data = h.state.config.data_dir.clone();
    std::fs::remove_dir_all(&data).unwrap();
    std::fs::create_dir_all(&data).unwrap();
    add(&h, "clerk", server::store::staff::Role::Publisher).await;
    let (cookie, _) = sign_in(&h, "clerk").await;
    let (status, desk) = staff_text(&h, get("/staff/publishing", Some(&cookie))).await;
    assert_eq!(status, StatusCode::OK, "{desk}");
    assert!(!desk.contains("ひとつ前の公開に戻す"), "nothing to go back to");
    let (status, _, xlsx) = send(&h, get("/staff/workbook.xlsx", Some(&cookie))).await;
    assert_eq!(status, StatusCode::OK);
    let book = publish::workbook::read::read_bytes(&xlsx).unwrap();
    let city = book
        .sheet(publish::workbook::layout::CITY)
        .expect("the blank workbook asks for the city");
    assert_eq!(city.text(1, 2), None, "its name still to fill in");
    // The public pages say there are no figures yet, and name no city.
    let home = page_html(&h, "/").await;
    assert!(home.contains("データを表示できません"), "the failure is said");
    assert!(home.contains("<title>ホーム｜市役所改革プラン</title>"), "no city is made up");
}

#[tokio::test]
async fn a_citys_logo_and_accent_are_served_as_files_named_by_what_they_hold() {
    let h = sample_city("city-logo").await;
    let folder = publish::DataFolder::new(&h.state.config.data_dir);
    let publish_with = |id: &str, logo: &str| {
        let mut s = folder.latest().unwrap().snapshot;
        s.id = id.into();
        let city = s.city.as_mut().unwrap();
        city.logo = Some(logo.into());
        city.accent = Some("#1D6B3A".into());
        assert_eq!(snapshot::check_snapshot(&s), vec![]);
        folder.publish(&s, text(id, id), "test").unwrap();
    };
    // Synthetic test drawings, no city's emblem.
    let first = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 80 40"><rect width="80" height="40" fill="#1d6b3a"/></svg>"##;
    let second = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><circle cx="20" cy="20" r="20"/></svg>"##;
    publish_with("2024-05-test", first);
    let home = page_html(&h, "/").await;
    let logo = view_models::city::logo_file(first);
    assert!(
        home.contains(&format!(
            "<img src=\"/city/{logo}\" width=\"80\" height=\"40\" alt=\"\" class=\"site-title__logo\">"
        )),
        "the logo beside the name, its place kept: {}",
        &home[home.find("site-title").unwrap()..][..400]
    );
    assert!(home.contains("<link rel=\"stylesheet\" href=\"/style.css\">\n<link rel=\"stylesheet\" href=\"/city/accent-1d6b3a.css\">"));

    let get = |p: &str| Request::get(p).header(header::HOST, "127.0.0.1:8080").body(Body::empty()).unwrap();
    let (status, headers, body) = send(&h, get(&format!("/city/{logo}"))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "image/svg+xml");
    assert_eq!(
        headers[header::CONTENT_SECURITY_POLICY],
        "default-src 'none'; sandbox",
        "it may only draw"
    );
    assert!(headers[header::CACHE_CONTROL].to_str().unwrap().contains("immutable"));
    assert_eq!(body, first.as_bytes());
    let (status, headers, css) = send(&h, get("/city/accent-1d6b3a.css")).await;
    assert_eq!(
        (status, &headers[header::CONTENT_TYPE]),
        (
            StatusCode::OK,
            &"text/css; charset=utf-8".parse::<axum::http::HeaderValue>().unwrap()
        )
    );
    assert!(String::from_utf8(css).unwrap().contains("--color-link: #1d6b3a;"));

    // A new logo: the pages name it, and a page of the earlier publication still finds its own.
    publish_with("2024-06-test", second);
    assert!(page_html(&h, "/").await.contains(&view_models::city::logo_file(second)));
    assert!(page_html(&h, "/?asof=2024-05-test").await.contains(&logo));
    assert_eq!(send(&h, get(&format!("/city/{logo}"))).await.0, StatusCode::OK);
    // A publication without them asks for neither.
    let plain = page_html(&h, "/?asof=2024-04-test").await;
    assert!(!plain.contains("/city/"), "no logo, no accent");

    // Nothing else is served there: a name no publication has, a colour too light, another file.
    for other in [
        "/city/logo-0123456789abcdef.svg",
        "/city/accent-ff9900.css",
        "/city/accent-1d6b3a.js",
        "/city/x",
    ] {
        assert_eq!(send(&h, get(other)).await.0, StatusCode::NOT_FOUND, "{other}");
    }
}
