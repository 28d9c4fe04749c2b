//! `/indicators`: every verification indicator with baseline, actuals, target, progress and
//! status, how those are worked out, and each indicator's trend chart.

use std::sync::Arc;

use leptos::prelude::*;
use snapshot::Snapshot;
use view_models::screens::indicators::indicators;
use view_models::screens::voices::card_line;
use view_models::{marked_strings, strings, Locale};

use crate::components::charts::series_chart::SeriesChart;
use crate::components::indicator_card::IndicatorCard;
use crate::components::loaded::Loaded;
use crate::components::ruby::ruby;

#[component]
pub fn Indicators() -> impl IntoView {
    view! { <Loaded page=indicators_page title=|t| t.indicators_title/> }
}

pub fn indicators_page(s: Arc<Snapshot>, l: Locale) -> impl IntoView {
    let t = strings(l);
    let m = marked_strings(l);
    let groups = indicators(&s, l)
        .into_iter()
        .map(|g| {
            let heading = format!("group-{}", g.id);
            let labelled_by = heading.clone();
            let items = g
                .cards
                .into_iter()
                .map(|detail| {
                    let (card, chart) = (detail.headline, detail.chart);
                    let voices = card_line(&s, &chart.id, l);
                    view! {
                        <div class="indicator-detail">
                            <div>
                                <ul class="cards cards--single" role="list"><IndicatorCard card locale=l/></ul>
                                {detail.lower_is_better.then(|| view! { <p class="note">{ruby(m.lower_is_better)}</p> })}
                            </div>
                            <SeriesChart voices card=chart t/>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <section aria-labelledby=labelled_by>
                    <h2 id=heading>{ruby(g.title)}</h2>
                    {g.assessment.map(|a| view! { <p>{ruby(m.city_assessment)} {ruby(m.label_colon)} {ruby(a)}</p> })}
                    {items}
                </section>
            }
        })
        .collect_view();
    view! {
        <h1>{ruby(m.indicators_title)}</h1>
        <p class="lead">{ruby(m.indicators_intro)}</p>
        <section class="explain-box" aria-labelledby="rule-title">
            <h2 id="rule-title">{ruby(m.status_rule_title)}</h2>
            <p>{ruby(m.progress_rule)}</p>
        </section>
        {groups}
    }
}
