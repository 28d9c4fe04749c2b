//! `?embed=1&card=<id>`: one card for the city's homepage — its title, chart, table, source,
//! as-of date and a link to the full widget. Rendered on the server only: the browser never
//! takes it over, and `public/card.js` reports its height to the embedding page.

use std::sync::Arc;

use leptos::prelude::*;
use snapshot::Snapshot;
use view_models::format::as_of;
use view_models::screens::contexts::embed_card;
use view_models::screens::voices::card_line;
use view_models::{marked_strings, strings, Locale};

use crate::components::charts::series_chart::SeriesChart;
use crate::components::furigana_switch::furigana_switch;
use crate::components::loaded::Loaded;
use crate::components::ruby::ruby;
use crate::request::use_request;

/// The card named in the address (`?card=`), from the mode the page started in; inside the
/// page's `<main id="main" class="embed">` (src/lib.rs).
#[component]
pub fn EmbedApp() -> impl IntoView {
    let card = match crate::mode::use_mode() {
        view_models::screens::contexts::Mode::Embed { card } => card,
        _ => String::new(),
    };
    let origin = use_request().origin;
    let page = move |s: Arc<Snapshot>, l: Locale| embed_page(s, l, card.clone(), &origin);
    view! { <Loaded page title=|t| t.app_name/> }
}

fn embed_page(s: Arc<Snapshot>, l: Locale, card: String, origin: &str) -> impl IntoView {
    let t = strings(l);
    let m = marked_strings(l);
    let full = format!("{origin}/");
    match embed_card(&s, &card, l) {
        Some(chart) => {
            let voices = card_line(&s, &chart.id, l);
            view! {
            <h1 class="embed__title">{ruby(chart.caption_marked.clone())}</h1>
            <SeriesChart voices card=chart t/>
            <p class="embed__source">{ruby(m.source)} {ruby(m.label_colon)} {ruby(l.pick_marked(&s.source.publisher))} {t.in_brackets(&as_of(&s.as_of, l))}</p>
            {full_link(full, m, furigana_switch())}
            }
            .into_any()
        }
        None => view! { <h1 class="embed__title">{ruby(m.embed_unknown)}</h1><p><a href=full target="_blank" rel="noopener">{ruby(m.embed_full_link)}</a></p> }.into_any(),
    }
}

/// The link to the whole widget, and the ふりがな switch after it where readings are given.
fn full_link(full: String, m: &'static view_models::Strings, switch: Option<AnyView>) -> AnyView {
    // Without a switch, the card as it was, byte for byte.
    match switch {
        Some(switch) => view! { <p><a href=full target="_blank" rel="noopener">{ruby(m.embed_full_link)}</a>{switch}</p> }.into_any(),
        None => view! { <p><a href=full target="_blank" rel="noopener">{ruby(m.embed_full_link)}</a></p> }.into_any(),
    }
}
