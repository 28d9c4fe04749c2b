//! A publication is parsed and checked once, not once per page: the server reads the small
//! manifest for every page, and the snapshots behind it only when it changes. (A test binary of
//! its own: the count is the whole process's.)

mod common;

use common::{harness, page_html};
use reform_widget::data::files::parses;

#[tokio::test]
async fn a_new_publication_is_read_once() {
    let h = harness("parse-once", |_| {}).await;
    let before = parses();
    for path in [
        "/",
        "/plan",
        "/konbini",
        "/feedback",
        "/feedback",
        "/?lang=en",
        "/staff?utm_source=x",
    ] {
        let html = page_html(&h, path).await;
        assert!(html.contains("<main") && !html.contains("2024年3月31日"), "{path}");
    }
    assert_eq!(parses() - before, 1, "seven pages, one parse");
    // A new publication: read once more, then kept again.
    let folder = publish::DataFolder::new(h.dir.join("data"));
    let mut next = folder.latest().unwrap().snapshot;
    next.id = "2024-03-test".into();
    next.as_of = snapshot::AsOf::parse("2024-03-31");
    // Synthetic, for this test only: one changed figure.
    let konbini = next.indicators.iter_mut().find(|i| i.id == "konbini-certificates").unwrap();
    konbini.actuals.push(snapshot::YearValue {
        fiscal_year: snapshot::FiscalYear(2023),
        value: Some(412_345.0).into(),
    });
    folder.publish(&next, publish::import::title_for(&next), "test").unwrap();
    // Each page now says the new publication's date, which no page said before.
    for path in ["/", "/plan", "/feedback"] {
        assert!(
            page_html(&h, path).await.contains("2024年3月31日"),
            "{path} shows the new publication"
        );
    }
    assert_eq!(parses() - before, 2, "the new manifest is read once");
    // What changed travels as its rows, not as a second whole snapshot inside the page.
    let home = page_html(&h, "/").await;
    assert!(home.contains("412,345件"), "the change is shown");
    let mission = &folder.latest().unwrap().snapshot.plan.mission.summary.ja;
    assert_eq!(
        home.matches(mission.as_str()).count(),
        page_with_one_snapshot_mentions(&h, mission).await,
        "the earlier snapshot is not in the page"
    );
}

/// How often the home page of a single publication names `text` (the page and its data once).
async fn page_with_one_snapshot_mentions(h: &common::Harness, text: &str) -> usize {
    let single = common::harness("parse-once-single", |_| {}).await;
    let _ = h;
    page_html(&single, "/").await.matches(text).count()
}
