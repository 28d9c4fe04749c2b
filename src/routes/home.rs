//! `/`: the plan in one screen — the headline indicators with progress to target first (on a
//! phone the first figure is on the first screen), what the plan is, when the figures are
//! from, and where to go next.

use std::sync::Arc;

use leptos::prelude::*;
use snapshot::Snapshot;
use view_models::format::as_of;
use view_models::screens::home::home;
use view_models::{marked_strings, Locale};

use crate::components::indicator_card::IndicatorCard;
use crate::components::loaded::{Loaded, WhenLoaded};
use crate::components::ruby::ruby;
use crate::data::LoadState;
use crate::i18n::use_marked_strings;
use crate::navigation::Link;

/// The heading needs no data, so it shows at once; the city's introduction stays in place while
/// the app loads a picked snapshot.
#[component]
pub fn Home() -> impl IntoView {
    let m = use_marked_strings();
    let locale = crate::i18n::use_locale();
    let introduction = move |state: LoadState| match state {
        LoadState::Ready { snapshot, .. } => {
            view_models::city::introduction_marked(&snapshot, locale.get()).map(|text| view! { <p class="lead">{ruby(&text)}</p> })
        }
        LoadState::Failed(_) => None,
    };
    view! {
        <h1>{move || ruby(m().home_title)}</h1>
        <WhenLoaded show=introduction/>
        <Loaded page=home_page title=|t| t.nav_home below_heading=true/>
    }
}

pub fn home_page(s: Arc<Snapshot>, l: Locale) -> impl IntoView {
    let m = marked_strings(l);
    let v = home(&s, l);
    let cards = v
        .cards
        .into_iter()
        .map(|c| view! { <IndicatorCard card=c locale=l/> })
        .collect_view();
    view! {
        <p class="as-of"><span class="as-of__label">{ruby(m.last_updated)}</span> {as_of(&s.as_of, l)}</p>
        <section aria-labelledby="headline-title">
            <h2 id="headline-title">{ruby(m.headline_title)}</h2>
            <ul class="cards" role="list">{cards}</ul>
            <details class="explain">
                <summary>{ruby(m.progress_label)}</summary>
                <p>{ruby(m.progress_rule)}</p>
            </details>
        </section>
        <section class="plan-summary" aria-labelledby="plan-summary-title">
            <h2 id="plan-summary-title">{ruby(v.plan_name)} <span class="plan-summary__stage">{ruby(v.stage)}</span></h2>
            <dl class="facts">
                <div><dt>{ruby(m.period)}</dt><dd>{v.period}</dd></div>
                <div><dt>{ruby(m.city_vision)}</dt><dd>{ruby(v.city_vision)}</dd></div>
                {v.statements.map(|(label, title)| view! { <div><dt>{ruby(label)}</dt><dd>{ruby(title)}</dd></div> })}
            </dl>
        </section>
        <nav class="next" aria-labelledby="next-title">
            <h2 id="next-title">{ruby(m.next_title)}</h2>
            <ul>
                <li><Link href="/plan">{ruby(m.next_plan)}</Link></li>
                {view_models::route::offered(view_models::route::Screen::Results, &s)
                    .then(|| view! { <li><Link href="/results">{ruby(m.next_results)}</Link></li> })}
            </ul>
        </nav>
    }
}
