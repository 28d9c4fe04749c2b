//! `/counter`: satisfaction at ward-office counters — the trend with its target, what the
//! survey counts as satisfied, where it is asked, comments, and a breakdown when published.

use std::sync::Arc;

use leptos::prelude::*;
use snapshot::Snapshot;
use view_models::screens::counter::counter;
use view_models::screens::voices::card_line;
use view_models::{marked_strings, strings, Locale};

use crate::components::charts::series_chart::SeriesChart;
use crate::components::loaded::Loaded;
use crate::components::ruby::ruby;

#[component]
pub fn Counter() -> impl IntoView {
    view! { <Loaded page=counter_page title=|t| t.counter_title/> }
}

pub fn counter_page(s: Arc<Snapshot>, l: Locale) -> impl IntoView {
    let t = strings(l);
    let m = marked_strings(l);
    let v = counter(&s, l);
    let chart_voices = card_line(&s, &v.chart.id, l);
    let quote = |items: Vec<String>| items.into_iter().map(|c| view! { <li><q>{ruby(c)}</q></li> }).collect_view();
    let breakdown = match v.breakdown {
        Some(b) => {
            let head = b
                .columns
                .iter()
                .map(|c| view! { <th scope="col">{ruby(c.clone())}</th> })
                .collect_view();
            let rows = b
                .rows
                .into_iter()
                .map(|row| view! { <tr><th scope="row">{ruby(row.name)}</th>{row.values.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr> })
                .collect_view();
            view! {
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="breakdown-title">
                    <table class="breakdown">
                        <caption>{b.period}</caption>
                        <thead><tr><th scope="col">{ruby(m.ward)}</th>{head}</tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
            .into_any()
        }
        None => view! { <p class="note">{ruby(m.no_breakdown)}</p> }.into_any(),
    };
    view! {
        <h1>{ruby(m.counter_title)}</h1>
        <dl class="facts">
            <div><dt>{ruby(m.definition)}</dt><dd>{ruby(v.definition)}</dd></div>
            <div><dt>{ruby(m.locations)}</dt><dd>{ruby(v.locations)}</dd></div>
            <div><dt>{ruby(m.sections)}</dt><dd>{ruby(v.sections.join(t.list_separator))}</dd></div>
        </dl>
        <SeriesChart voices=chart_voices card=v.chart t/>
        <section aria-labelledby="breakdown-title">
            <h2 id="breakdown-title">{ruby(m.breakdown_title)}</h2>
            {breakdown}
        </section>
        <section aria-labelledby="comments-title">
            <h2 id="comments-title">{ruby(m.comments_title)}</h2>
            <h3>{ruby(m.comments_satisfied)}</h3>
            <ul class="comments">{quote(v.satisfied)}</ul>
            <h3>{ruby(m.comments_not_satisfied)}</h3>
            <ul class="comments">{quote(v.not_satisfied)}</ul>
        </section>
    }
}
