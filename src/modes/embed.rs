//! `?embed=1&card=<id>`: one card for the city's homepage — its title, chart, table, source,
//! as-of date and a link to the full widget — reporting its height to the embedding page.

use std::sync::Arc;

use leptos::prelude::*;
use snapshot::Snapshot;
use view_models::format::as_of;
use view_models::screens::contexts::embed_card;
use view_models::{strings, Locale};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser;
use crate::components::charts::series_chart::SeriesChart;
use crate::components::loaded::Loaded;
use crate::request::use_request;

/// The card's height: where `main` ends, plus the page's own bottom margin. Not the document's
/// scroll height, which is never less than the frame's: a frame that starts taller than its card
/// could then never shrink to fit it.
fn content_height(w: &web_sys::Window) -> i32 {
    let Some(document) = w.document() else { return 0 };
    let Some(main) = document.get_element_by_id("main") else { return 0 };
    let bottom = main.get_bounding_client_rect().bottom() + w.scroll_y().unwrap_or(0.0);
    let margin = document
        .body()
        .and_then(|b| w.get_computed_style(&b).ok().flatten())
        .and_then(|style| style.get_property_value("margin-bottom").ok())
        .and_then(|m| m.trim_end_matches("px").parse::<f64>().ok())
        .unwrap_or(0.0);
    (bottom + margin).ceil() as i32
}

/// Tells the embedding page how tall the content is, whenever it changes. The message holds
/// nothing but the height, so any parent may read it; the parent's script checks our origin.
fn report_height() {
    let Some(window) = browser::window() else { return };
    let Some(main) = window.document().and_then(|d| d.get_element_by_id("main")) else { return };
    let callback = Closure::<dyn FnMut()>::new(move || {
        let Some(w) = browser::window() else { return };
        let height = content_height(&w);
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &"reform-widget:height".into());
        let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
        if let Ok(Some(parent)) = w.parent() {
            let _ = parent.post_message(&message, "*");
        }
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(&main);
    }
    callback.forget(); // lives as long as the page
}

/// The card named in the address (`?card=`), from the mode the page started in; inside the
/// page's `<main id="main" class="embed">` (src/lib.rs).
#[component]
pub fn EmbedApp() -> impl IntoView {
    let card = match crate::modes::use_mode() {
        view_models::screens::contexts::Mode::Embed { card } => card,
        _ => String::new(),
    };
    Effect::new(move |_| report_height());
    let origin = use_request().origin;
    let page = move |s: Arc<Snapshot>, l: Locale| embed_page(s, l, card.clone(), &origin);
    view! { <Loaded page title=|t| t.app_name/> }
}

fn embed_page(s: Arc<Snapshot>, l: Locale, card: String, origin: &str) -> impl IntoView {
    let t = strings(l);
    let full = format!("{origin}/");
    match embed_card(&s, &card, l) {
        Some(chart) => view! {
            <h1 class="embed__title">{chart.caption.clone()}</h1>
            <SeriesChart card=chart t/>
            <p class="embed__source">{t.source} {t.label_colon} {l.pick(&s.source.publisher).to_string()} {view_models::strings::fill(t.in_brackets, &[("text", &as_of(&s.as_of, l))])}</p>
            <p><a href=full target="_blank" rel="noopener">{t.embed_full_link}</a></p>
        }
        .into_any(),
        None => view! { <h1 class="embed__title">{t.embed_unknown}</h1><p><a href=full target="_blank" rel="noopener">{t.embed_full_link}</a></p> }.into_any(),
    }
}
