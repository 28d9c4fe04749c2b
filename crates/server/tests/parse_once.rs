//! A publication is parsed and checked once, not once per page: the server reads the small
//! manifest for every page, and the snapshots behind it only when it changes. (A test binary of
//! its own: the count is the whole process's.)

mod common;

use axum::body::Body;
use axum::http::{header, Request};
use common::{harness, send};
use reform_widget::data::files::parses;

async fn page(h: &common::Harness, path: &str) -> String {
    let req = Request::get(path).header(header::HOST, "127.0.0.1:8080").body(Body::empty()).unwrap();
    String::from_utf8(send(h, req).await.2).unwrap()
}

#[tokio::test]
async fn a_new_publication_is_read_once() {
    let h = harness("parse-once", |_| {}).await;
    let before = parses();
    for path in ["/", "/plan", "/konbini", "/feedback", "/feedback", "/?lang=en", "/staff?utm_source=x"] {
        assert!(page(&h, path).await.contains("<main"), "{path}");
    }
    assert_eq!(parses() - before, 1, "seven pages, one parse");
    // A new publication: read once more, then kept again.
    let folder = publish::DataFolder::new(h.dir.join("data"));
    let mut next = folder.latest().unwrap().snapshot;
    next.id = "2024-03-test".into();
    next.as_of = snapshot::AsOf::parse("2024-03-31");
    folder.publish(&next, publish::import::title_for(&next), "test").unwrap();
    for path in ["/", "/plan", "/feedback"] {
        assert!(page(&h, path).await.contains("2024"), "{path}");
    }
    assert_eq!(parses() - before, 2, "the new manifest is read once");
}
