//! The staff pages through the full router: nothing without signing in, ten wrong passwords
//! lock an account, posts from other sites are refused, an editor's draft needs a second person
//! to publish it, uploads are answered with problems by sheet and cell or a draft, drafts are
//! seen only by staff, and the kiosks' answers reach a draft.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::staff::*;
use common::{harness, send, Harness};
use feedback::{Kind, Submission};
use publish::workbook::layout::{actual_header, INDICATORS};
use publish::workbook::{read, write, Cell, CellRef};
use publish::DataFolder;
use server::store::staff::Role;

/// A workbook with one synthetic figure (for tests only) in the konbini row's FY2023 cell.
fn workbook_with(h: &Harness, value: Cell) -> Vec<u8> {
    let latest = DataFolder::new(h.dir.join("data")).latest().unwrap();
    let mut book = read::read_bytes(&write::workbook(&latest.snapshot).unwrap()).unwrap();
    let sheet = book.sheets.iter_mut().find(|s| s.name == INDICATORS).unwrap();
    let col = (0..64).find(|c| sheet.text(0, *c) == Some(actual_header(2023))).unwrap();
    let row = sheet
        .data_rows()
        .into_iter()
        .find(|r| sheet.text(*r, 0).as_deref() == Some("konbini-certificates"))
        .unwrap();
    sheet.cells.insert(CellRef { row, col }, value);
    publish::testing::xlsx_of(&book)
}

fn upload(cookie: &str, csrf: &str, id: &str, file: &[u8]) -> Request<Body> {
    let b = "----widget-test-boundary";
    let mut body = Vec::new();
    for (name, value) in [("csrf", csrf), ("id", id), ("as_of", "2024-03-31")] {
        body.extend(format!("--{b}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes());
    }
    body.extend(format!("--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"filled.xlsx\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes());
    body.extend(file);
    body.extend(format!("\r\n--{b}--\r\n").as_bytes());
    Request::post("/staff/upload")
        .header(header::HOST, HOST)
        .header(header::ORIGIN, ORIGIN)
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={b}"))
        .body(Body::from(body))
        .unwrap()
}

#[tokio::test]
async fn every_staff_route_refuses_a_visitor_who_has_not_signed_in() {
    let h = harness("staff-closed", |_| {}).await;
    for path in [
        "/staff/publishing",
        "/staff/workbook.xlsx",
        "/staff/drafts/x",
        "/staff/feedback.csv",
        "/staff/counter-survey.json",
    ] {
        let (status, headers, _) = send(&h, get(path, None)).await;
        assert_eq!(
            (status, headers.get(header::LOCATION).map(|l| l.to_str().unwrap())),
            (StatusCode::SEE_OTHER, Some("/staff/sign-in")),
            "{path}"
        );
        let (status, _, _) = send(
            &h,
            get(
                path,
                Some("widget-staff=0000000000000000000000000000000000000000000000000000000000000000"),
            ),
        )
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{path}: a made-up session is no session");
    }
    for path in [
        "/staff/upload",
        "/staff/drafts/x/publish",
        "/staff/drafts/x/discard",
        "/staff/drafts/x/kiosk",
        "/staff/rollback",
        "/staff/sign-out",
    ] {
        let (status, body) = text(&h, form(path, "csrf=x&from=2024-04&to=2024-05", None, ORIGIN)).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
        assert!(body.contains("サインインしてください"));
    }
    let (status, page) = text(&h, get("/staff/sign-in", None)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(r#"autocomplete="current-password""#));
}

#[tokio::test]
async fn ten_wrong_passwords_lock_the_account_for_a_while() {
    let h = harness("staff-lock", |_| {}).await;
    add(&h, "tanaka", Role::Editor).await;
    for _ in 0..10 {
        let (status, body) = text(&h, form("/staff/sign-in", "name=tanaka&password=wrong+password!", None, ORIGIN)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert!(body.contains("名前かパスワードが違います"));
    }
    let (status, body) = text(
        &h,
        form(
            "/staff/sign-in",
            &format!("name=tanaka&password={}", PASSWORD.replace(' ', "+")),
            None,
            ORIGIN,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "locked, even with the right password");
    assert!(body.contains("15分間ロックされています"));
    // An unknown name is answered like a wrong password: no one learns which names exist.
    let (status, body) = text(&h, form("/staff/sign-in", "name=nobody&password=whatever+it+is", None, ORIGIN)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(body.contains("名前かパスワードが違います"));
}

#[tokio::test]
async fn posts_from_another_site_are_refused() {
    let h = harness("staff-origin", |_| {}).await;
    add(&h, "sato", Role::Publisher).await;
    let (status, _) = text(
        &h,
        form(
            "/staff/sign-in",
            &format!("name=sato&password={}", PASSWORD.replace(' ', "+")),
            None,
            "https://evil.example",
        ),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "sign-in from another site");
    let (cookie, csrf) = sign_in(&h, "sato").await;
    let (status, body) = text(
        &h,
        form("/staff/rollback", &format!("csrf={csrf}"), Some(&cookie), "https://evil.example"),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "right token, wrong origin");
    assert!(body.contains("このページ以外から送られた操作は受け付けません"));
    let (status, _) = text(
        &h,
        form("/staff/rollback", "csrf=00000000000000000000000000000000", Some(&cookie), ORIGIN),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "right origin, wrong token");
    let (status, _, _) = send(&h, upload(&cookie, "wrong", "2024-03-test", b"x")).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "an upload with the wrong token");
    assert_eq!(
        DataFolder::new(h.dir.join("data")).manifest().unwrap().0.snapshots.len(),
        1,
        "nothing changed"
    );
}

#[tokio::test]
async fn an_editors_draft_is_published_by_a_second_person() {
    let h = harness("staff-flow", |_| {}).await;
    add(&h, "editor-a", Role::Editor).await;
    add(&h, "publisher-b", Role::Publisher).await;
    let (editor, editor_csrf) = sign_in(&h, "editor-a").await;

    // A broken workbook: the problem is named by sheet and cell, and nothing is kept.
    let (status, page) = text(
        &h,
        upload(&editor, &editor_csrf, "2024-03-test", &workbook_with(&h, Cell::Text("abc".into()))),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains("ワークブックに1件の問題があります")
            && page.contains("「検証指標」シート")
            && page.contains("数値ではありません（\"abc\"）"),
        "{page}"
    );
    assert!(page.contains(r#"value="2024-03-test""#), "what was typed stays in the form");
    assert!(DataFolder::new(h.dir.join("data")).drafts().is_empty());
    // Hostile files get a problem too, and the server stays up.
    let (status, page) = text(&h, upload(&editor, &editor_csrf, "2024-03-test", b"PK\x03\x04 not really a zip")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("読み込めるワークブック"));

    // The corrected one becomes a draft.
    let (status, headers, _) = send(
        &h,
        upload(&editor, &editor_csrf, "2024-03-test", &workbook_with(&h, Cell::Number(412345.0))),
    )
    .await;
    assert_eq!(
        (status, headers[header::LOCATION].to_str().unwrap()),
        (StatusCode::SEE_OTHER, "/staff/drafts/2024-03-test")
    );
    let (_, draft) = text(&h, get("/staff/drafts/2024-03-test", Some(&editor))).await;
    assert!(draft.contains("412,345件"), "what changed, in words");
    assert!(
        draft.contains("公開できるのは公開担当者だけです") && !draft.contains("公開する</button>"),
        "no publish button for an editor"
    );

    // Only staff see the draft, on every screen, through the existing preview.
    let preview = "/konbini?data=/data/drafts/2024-03-test/index.json";
    let (_, headers, staff_view) = send(&h, get(preview, Some(&editor))).await;
    assert!(
        String::from_utf8(staff_view).unwrap().contains("412,345件"),
        "staff preview shows the draft"
    );
    assert_eq!(
        headers[header::CACHE_CONTROL],
        "no-store",
        "a draft is kept nowhere, the service worker included"
    );
    let (_, public_view) = text(&h, get(preview, None)).await;
    assert!(!public_view.contains("412,345件"), "the public never sees a draft");
    let (status, _) = text(&h, get("/data/drafts/2024-03-test/index.json", None)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = text(&h, get("/data/drafts/2024-03-test/index.json", Some(&editor))).await;
    assert_eq!(status, StatusCode::OK);

    // The editor cannot publish their own draft, even by posting directly.
    let (status, body) = text(
        &h,
        form(
            "/staff/drafts/2024-03-test/publish",
            &format!("csrf={editor_csrf}"),
            Some(&editor),
            ORIGIN,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(body.contains("公開できるのは公開担当者だけです"));
    let (_, home) = text(&h, get("/", None)).await;
    assert!(!home.contains("412,345件"));

    // A second person, a publisher, publishes it; citizens see it on the next request.
    let (publisher, publisher_csrf) = sign_in(&h, "publisher-b").await;
    let (status, headers, _) = send(
        &h,
        form(
            "/staff/drafts/2024-03-test/publish",
            &format!("csrf={publisher_csrf}"),
            Some(&publisher),
            ORIGIN,
        ),
    )
    .await;
    assert_eq!(
        (status, headers[header::LOCATION].to_str().unwrap()),
        (StatusCode::SEE_OTHER, "/staff/publishing?published=2024-03-test")
    );
    let (_, home) = text(&h, get("/", None)).await;
    assert!(home.contains("412,345件"));
    let log = DataFolder::new(h.dir.join("data")).log_lines();
    assert_eq!(log[0]["who"], "publisher-b");

    // Rollback is a button for publishers, not editors.
    let (status, _) = text(&h, form("/staff/rollback", &format!("csrf={editor_csrf}"), Some(&editor), ORIGIN)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = text(
        &h,
        form("/staff/rollback", &format!("csrf={publisher_csrf}"), Some(&publisher), ORIGIN),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, home) = text(&h, get("/", None)).await;
    assert!(home.contains("300,170件") && !home.contains("412,345件"));

    // Signing out ends the session.
    let (status, _) = text(
        &h,
        form("/staff/sign-out", &format!("csrf={publisher_csrf}"), Some(&publisher), ORIGIN),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _, _) = send(&h, get("/staff/publishing", Some(&publisher))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn with_two_approvals_a_publisher_cannot_publish_their_own_draft() {
    let h = harness("staff-two", |_| {}).await;
    add(&h, "hasty", Role::Publisher).await;
    let (cookie, csrf) = sign_in(&h, "hasty").await;
    let (status, _, _) = send(
        &h,
        upload(&cookie, &csrf, "2024-03-test", &workbook_with(&h, Cell::Number(412345.0))),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, draft) = text(&h, get("/staff/drafts/2024-03-test", Some(&cookie))).await;
    assert!(draft.contains("自分が作った下書きは公開できません") && !draft.contains("公開する</button>"));
    let (status, _) = text(
        &h,
        form("/staff/drafts/2024-03-test/publish", &format!("csrf={csrf}"), Some(&cookie), ORIGIN),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(DataFolder::new(h.dir.join("data")).manifest().unwrap().0.latest, "2023-12");
}

#[tokio::test]
async fn with_one_approval_a_publisher_publishes_alone() {
    let h = harness("staff-one", |c| c.publish_approvals = 1).await;
    add(&h, "solo", Role::Publisher).await;
    let (cookie, csrf) = sign_in(&h, "solo").await;
    let (status, _, _) = send(
        &h,
        upload(&cookie, &csrf, "2024-03-test", &workbook_with(&h, Cell::Number(412345.0))),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _) = text(
        &h,
        form("/staff/drafts/2024-03-test/publish", &format!("csrf={csrf}"), Some(&cookie), ORIGIN),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(DataFolder::new(h.dir.join("data")).manifest().unwrap().0.latest, "2024-03-test");
}

#[tokio::test]
async fn the_kiosks_answers_reach_a_draft_with_small_cells_withheld() {
    let h = harness("staff-kiosk", |c| c.rate_limit_per_minute = 1000).await;
    add(&h, "kiosk-editor", Role::Editor).await;
    let answer = |n: u32, ward: &str, satisfaction: u8| {
        let s = Submission {
            key: format!("00000000-0000-4000-8000-{n:012}"),
            kind: Kind::CounterSurvey,
            satisfaction: Some(satisfaction),
            ward: ward.into(),
            section: "tax".into(),
            ..Default::default()
        };
        Request::post("/api/feedback")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::HOST, HOST)
            .body(Body::from(serde_json::to_string(&s).unwrap()))
            .unwrap()
    };
    // Twelve answers at one counter (nine satisfied), three at another: too few to show.
    for n in 0..12 {
        assert_eq!(send(&h, answer(n, "chuo", if n < 9 { 5 } else { 2 })).await.0, StatusCode::CREATED);
    }
    for n in 12..15 {
        assert_eq!(send(&h, answer(n, "kita", 5)).await.0, StatusCode::CREATED);
    }
    let (cookie, csrf) = sign_in(&h, "kiosk-editor").await;
    let (status, _, _) = send(
        &h,
        upload(&cookie, &csrf, "2024-03-test", &workbook_with(&h, Cell::Number(412345.0))),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _) = text(
        &h,
        form(
            "/staff/drafts/2024-03-test/kiosk",
            &format!("csrf={csrf}&from=2000-01&to=2100-12"),
            Some(&cookie),
            ORIGIN,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, draft) = DataFolder::new(h.dir.join("data")).draft("2024-03-test").unwrap();
    let cells: Vec<(Option<&str>, Option<f64>)> = draft
        .counter_survey
        .breakdown
        .iter()
        .map(|b| (b.ward.as_deref(), *b.value))
        .collect();
    assert_eq!(
        cells,
        vec![(Some("chuo"), Some(75.0))],
        "9 of 12 satisfied; the counter with 3 answers is withheld"
    );
    assert_eq!(
        draft.counter_survey.wards.iter().map(|w| w.id.as_str()).collect::<Vec<_>>(),
        ["chuo"]
    );
}

#[tokio::test]
async fn hostile_uploads_get_a_problem_and_the_server_stays_up() {
    let h = harness("staff-hostile", |_| {}).await;
    add(&h, "careful", Role::Editor).await;
    let (cookie, csrf) = sign_in(&h, "careful").await;
    let bomb = publish::testing::minimal_xlsx(INDICATORS, &mut |_| {}, (read::MAX_UNZIPPED_BYTES + (1 << 20)) as usize);
    let rows = publish::testing::minimal_xlsx(
        INDICATORS,
        &mut |w| {
            for r in 1..=1_000_000u32 {
                write!(w, r#"<row r="{r}"><c r="A{r}"><v>1</v></c></row>"#).unwrap();
            }
        },
        0,
    );
    let negative = workbook_with(&h, Cell::Number(-5.0));
    for (file, expected) in [
        (bomb, "展開すると64MiBを超えます"),
        (rows, "行が多すぎます（10000行まで）"),
        (negative, "マイナス"),
    ] {
        let (status, page) = text(&h, upload(&cookie, &csrf, "2024-03-test", &file)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.contains(expected), "{expected}");
    }
    // An id that could leave the data folder is a field error, linked to its field.
    let (status, page) = text(&h, upload(&cookie, &csrf, "../../etc", &workbook_with(&h, Cell::Number(1.0)))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains(r##"<a href="#id">公開IDは半角英数字とハイフンで入力してください"##));
    assert!(DataFolder::new(h.dir.join("data")).drafts().is_empty(), "nothing kept");
    let (status, _, _) = send(&h, get("/api/health", None)).await;
    assert_eq!(status, StatusCode::OK);
}
