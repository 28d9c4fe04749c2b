//! `/staff`: the staff engagement survey — when, whom, how many answered, the categories'
//! averages on the 1–5 scale, each opening to its questions.

use std::sync::Arc;

use leptos::prelude::*;
use snapshot::Snapshot;
use view_models::screens::staff::staff;
use view_models::{marked_strings, strings, Locale};

use crate::components::charts::score_bars::ScoreBars;
use crate::components::downloads::Downloads;
use crate::components::loaded::Loaded;
use crate::components::ruby::ruby;

#[component]
pub fn Staff() -> impl IntoView {
    view! { <Loaded page=staff_page title=|t| t.staff_title/> }
}

pub fn staff_page(s: Arc<Snapshot>, l: Locale) -> AnyView {
    let t = strings(l);
    let m = marked_strings(l);
    // `Loaded` shows this screen only where the city publishes a staff survey.
    let Some(v) = staff(&s, l) else {
        return ().into_any();
    };
    let about = snapshot::ruby::spoken(&v.title).into_owned();
    view! {
        <h1>{ruby(v.title)}</h1>
        <dl class="facts">
            <div><dt>{ruby(m.conducted)}</dt><dd>{v.conducted}</dd></div>
            <div><dt>{ruby(m.population)}</dt><dd>{ruby(v.population)}</dd></div>
            <div><dt>{ruby(m.respondents)}</dt><dd>{v.respondents}</dd></div>
        </dl>
        <ul>{v.findings.into_iter().map(|f| view! { <li>{ruby(f)}</li> }).collect_view()}</ul>
        <ScoreBars caption=t.category_averages.to_string() summary=v.summary categories=v.categories t/>
        <Downloads id="staff-engagement".to_string() csv=v.csv json=v.json t about=about/>
    }
    .into_any()
}
