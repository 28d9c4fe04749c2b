//! Components in a real browser (headless Chromium via wasm-bindgen-test-runner):
//! what only a browser can show — URL rules, and screens rendered from the seed snapshot.
#![cfg(target_arch = "wasm32")]

use std::sync::Arc;

use leptos::prelude::*;
use reform_widget::data::resolve_manifest_url;
use reform_widget::routes;
use snapshot::parse_snapshot;
use view_models::screens::failure::LoadError;
use view_models::Locale;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SEED: &[u8] = include_bytes!("../public/data/snapshots/2023-12.json");

/// Renders `f` into a fresh element and returns that element.
fn render<V: IntoView + 'static>(f: impl FnOnce() -> V + 'static) -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(document.create_element("div").unwrap());
    document.body().unwrap().append_child(&host).unwrap();
    leptos::mount::mount_to(host.clone(), f).forget();
    host
}

#[wasm_bindgen_test]
fn default_data_sits_beside_the_page_and_other_origins_are_refused() {
    use reform_widget::data::source_rules::resolve;
    let origin = "http://127.0.0.1:8080";
    let base = "http://127.0.0.1:8080/";
    let own = resolve(None, base, origin).ok().unwrap();
    assert_eq!(own.manifest_url, "http://127.0.0.1:8080/data/index.json");
    assert!(!own.preview);
    let preview = resolve(Some("/fixtures/x.json"), base, origin).ok().unwrap();
    assert!(preview.preview);
    assert_eq!(
        resolve(Some("https://example.com/index.json"), base, origin).err(),
        Some(LoadError::ForeignOrigin)
    );
    assert_eq!(
        resolve(Some("//example.com/index.json"), base, origin).err(),
        Some(LoadError::ForeignOrigin)
    );
    assert_eq!(
        resolve(Some("javascript:alert(1)"), base, origin).err(),
        Some(LoadError::BadDataParam)
    );
    // The real page (the test runner's) resolves without a `data` parameter.
    assert!(resolve_manifest_url().is_ok());
}

#[wasm_bindgen_test]
fn home_renders_the_seed_figures_in_japanese() {
    let s = Arc::new(parse_snapshot(SEED).unwrap());
    let host = render(move || routes::home::home_page(s, Locale::Ja));
    let text = host.text_content().unwrap();
    assert!(text.contains("107,087件"), "{text}");
    assert!(text.contains("目標まであと199,830件"));
    assert_eq!(host.query_selector_all("[data-indicator]").unwrap().length(), 6);
    // Markup in data would be text, never elements: no script or img came from the snapshot.
    assert_eq!(host.query_selector_all("script, img, iframe").unwrap().length(), 0);
}

#[wasm_bindgen_test]
fn results_chart_has_caption_summary_and_table() {
    let s = Arc::new(parse_snapshot(SEED).unwrap());
    let host = render(move || routes::results::results_page(s, Locale::En));
    let figure = host.query_selector("figure.chart").unwrap().expect("a figure");
    let caption = figure.query_selector("figcaption").unwrap().unwrap().text_content().unwrap();
    assert!(caption.contains("Progress of the initiative items"), "{caption}");
    let summary = figure.query_selector(".chart__summary").unwrap().unwrap().text_content().unwrap();
    assert!(summary.contains("108 of 137 items (78.8%)"), "{summary}");
    assert_eq!(figure.query_selector_all("table tbody tr").unwrap().length(), 3);
    assert_eq!(
        figure
            .query_selector("svg.share-bar")
            .unwrap()
            .unwrap()
            .get_attribute("aria-hidden")
            .as_deref(),
        Some("true")
    );
}

#[wasm_bindgen_test]
fn hostile_text_in_a_snapshot_stays_text() {
    let mut s = parse_snapshot(SEED).unwrap();
    s.plan.mission.title.ja = "<img src=x onerror=alert(1)><script>alert(2)</script>".into();
    let s = Arc::new(s);
    let host = render(move || routes::plan::plan_page(s, Locale::Ja));
    assert_eq!(host.query_selector_all("img, script").unwrap().length(), 0);
    assert!(host.text_content().unwrap().contains("<script>alert(2)</script>"));
}
