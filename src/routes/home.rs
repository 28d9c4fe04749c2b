//! `/`: the plan in one screen — the headline indicators with progress to target first (on a
//! phone the first figure is on the first screen), what the plan is, when the figures are
//! from, and where to go next.

use std::sync::Arc;

use leptos::prelude::*;
use snapshot::Snapshot;
use view_models::format::as_of;
use view_models::screens::home::home;
use view_models::{strings, Locale};

use crate::components::indicator_card::IndicatorCard;
use crate::components::loaded::Loaded;
use crate::components::ruby::ruby;
use crate::i18n::use_strings;
use crate::navigation::Link;

/// The heading and introduction need no data, so they show at once, also while the app loads a
/// picked snapshot.
#[component]
pub fn Home() -> impl IntoView {
    let t = use_strings();
    view! {
        <h1>{move || t().home_title}</h1>
        <p class="lead">{move || t().home_intro}</p>
        <Loaded page=home_page title=|t| t.nav_home below_heading=true/>
    }
}

pub fn home_page(s: Arc<Snapshot>, l: Locale) -> impl IntoView {
    let t = strings(l);
    let v = home(&s, l);
    let cards = v.cards.into_iter().map(|c| view! { <IndicatorCard card=c locale=l/> }).collect_view();
    view! {
        <p class="as-of"><span class="as-of__label">{t.last_updated}</span> {as_of(&s.as_of, l)}</p>
        <section aria-labelledby="headline-title">
            <h2 id="headline-title">{t.headline_title}</h2>
            <ul class="cards" role="list">{cards}</ul>
            <details class="explain">
                <summary>{t.progress_label}</summary>
                <p>{t.progress_rule}</p>
            </details>
        </section>
        <section class="plan-summary" aria-labelledby="plan-summary-title">
            <h2 id="plan-summary-title">{ruby(v.plan_name)} <span class="plan-summary__stage">{ruby(v.stage)}</span></h2>
            <dl class="facts">
                <div><dt>{t.period}</dt><dd>{v.period}</dd></div>
                <div><dt>{t.city_vision}</dt><dd>{ruby(v.city_vision)}</dd></div>
                {v.statements.map(|(label, title)| view! { <div><dt>{ruby(label)}</dt><dd>{ruby(title)}</dd></div> })}
            </dl>
        </section>
        <nav class="next" aria-labelledby="next-title">
            <h2 id="next-title">{t.next_title}</h2>
            <ul>
                <li><Link href="/plan">{t.next_plan}</Link></li>
                <li><Link href="/results">{t.next_results}</Link></li>
            </ul>
        </nav>
    }
}
