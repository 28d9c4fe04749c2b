//! `/konbini`: certificates issued at convenience stores — yearly (and monthly when published)
//! with the target and the distance to it.

use std::sync::Arc;

use leptos::prelude::*;
use snapshot::Snapshot;
use view_models::screens::konbini::konbini;
use view_models::screens::voices::card_line;
use view_models::{marked_strings, strings, Locale};

use crate::components::charts::series_chart::SeriesChart;
use crate::components::loaded::Loaded;
use crate::components::ruby::ruby;

#[component]
pub fn Konbini() -> impl IntoView {
    view! { <Loaded page=konbini_page title=|t| t.konbini_title/> }
}

pub fn konbini_page(s: Arc<Snapshot>, l: Locale) -> AnyView {
    let t = strings(l);
    let m = marked_strings(l);
    // `Loaded` shows this screen only for a publication with the series.
    let Some(v) = konbini(&s, l) else {
        return ().into_any();
    };
    let yearly_voices = card_line(&s, &v.yearly.id, l);
    view! {
        <h1>{ruby(m.konbini_title)}</h1>
        <p class="lead">{ruby(m.konbini_intro)}</p>
        {v.remaining.map(|r| view! { <p class="distance">{ruby(r)}</p> })}
        <section aria-labelledby="yearly-title">
            <h2 id="yearly-title">{ruby(m.yearly_title)}</h2>
            <SeriesChart voices=yearly_voices card=v.yearly t/>
        </section>
        {v.monthly.map(|monthly| view! {
            <section aria-labelledby="monthly-title">
                <h2 id="monthly-title">{ruby(m.monthly_title)}</h2>
                <SeriesChart voices=card_line(&s, &monthly.id, l) card=monthly t/>
            </section>
        })}
    }
    .into_any()
}
