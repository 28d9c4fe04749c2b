//! Published data is state: the server reads it from its data folder, apart from the build, and
//! a publication shows on the next request with no restart, the kept pages moving with it.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{harness, send};
use publish::workbook::layout::{actual_header, INDICATORS};
use publish::workbook::{read, write, Cell, CellRef};
use publish::DataFolder;

async fn page(h: &common::Harness, path: &str) -> (StatusCode, String) {
    let req = Request::get(path)
        .header(header::HOST, "127.0.0.1:8080")
        .body(Body::empty())
        .unwrap();
    let (status, _, body) = send(h, req).await;
    (status, String::from_utf8(body).unwrap())
}

#[tokio::test]
async fn a_publication_shows_on_the_next_request_and_the_earlier_one_stays_offered() {
    let h = harness("publishing", |_| {}).await;
    let (_, before) = page(&h, "/").await;
    assert!(before.contains("300,170件") && !before.contains("412,345件"));
    // Kept: the second answer is the kept page.
    let _ = page(&h, "/").await;

    // A clerk's workbook with one synthetic figure (for this test only), published.
    let folder = DataFolder::new(h.dir.join("data"));
    let latest = folder.latest().unwrap();
    let mut book = read::read_bytes(&write::workbook(&latest.snapshot).unwrap()).unwrap();
    let sheet = book.sheets.iter_mut().find(|s| s.name == INDICATORS).unwrap();
    let col = (0..64).find(|c| sheet.text(0, *c) == Some(actual_header(2023))).unwrap();
    let row = sheet
        .data_rows()
        .into_iter()
        .find(|r| sheet.text(*r, 0).as_deref() == Some("konbini-certificates"))
        .unwrap();
    sheet.cells.insert(CellRef { row, col }, Cell::Number(412345.0));
    let draft = publish::prepare(&folder, &book, "2024-03-test", "2024-03-31").expect("no problems");
    folder.publish(&draft.snapshot, draft.title, "test-clerk").unwrap();

    let (status, after) = page(&h, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(after.contains("412,345件"), "the new figure on the next request, no restart");
    assert!(
        after.contains(r#"<option value="2023-12""#),
        "the earlier snapshot is offered by the as-of picker"
    );
    let (_, picked) = page(&h, "/?asof=2023-12").await;
    assert!(
        picked.contains("300,170件") && !picked.contains("412,345件"),
        "and shows its own figures"
    );

    // The manifest served is the data folder's, with the new file's hash.
    let (status, manifest) = page(&h, "/data/index.json").await;
    assert_eq!(status, StatusCode::OK);
    let manifest = snapshot::parse_manifest(manifest.as_bytes()).unwrap();
    assert_eq!(manifest.latest, "2024-03-test");
    let (_, file) = page(&h, "/data/snapshots/2024-03-test.json").await;
    assert_eq!(manifest.snapshots[1].sha256, publish::folder::sha256_of(file.as_bytes()));
    // The log of who published stays on the server.
    let (status, _) = page(&h, "/data/publications.log").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
