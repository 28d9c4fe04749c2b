//! `/plan`: mission, vision, values, the three policies with their initiatives, how the reform
//! is driven, its period and schedule.

use std::sync::Arc;

use leptos::prelude::*;
use snapshot::{Snapshot, Statement, Text};
use view_models::format::fiscal_period;
use view_models::{marked_strings, strings, Locale};

use crate::components::loaded::Loaded;
use crate::components::ruby::ruby;

#[component]
pub fn Plan() -> impl IntoView {
    view! { <Loaded page=plan_page title=|t| t.plan_title/> }
}

/// A text in the reader's language, marked with the language it is really in.
fn text(l: Locale, t: &Text) -> impl IntoView {
    view! { <span lang=l.lang_of(t)>{ruby(l.pick_marked(t))}</span> }
}

fn list(l: Locale, items: &[Text]) -> impl IntoView {
    items.iter().map(|t| view! { <li>{text(l, t)}</li> }).collect_view()
}

fn statement(l: Locale, st: &Statement, class: &'static str) -> impl IntoView {
    view! {
        <div class=format!("card mvv {class}")>
            <h3 class="mvv__label">{text(l, &st.label)}</h3>
            <p class="mvv__title">{text(l, &st.title)}</p>
            <p>{text(l, &st.summary)}</p>
        </div>
    }
}

pub fn plan_page(s: Arc<Snapshot>, l: Locale) -> impl IntoView {
    let t = strings(l);
    let m = marked_strings(l);
    let p = &s.plan;
    let policies = p
        .policies
        .iter()
        .map(|pol| {
            let id = format!("policy-{}", pol.id);
            let labelled_by = id.clone();
            let initiatives = pol
                .initiatives
                .iter()
                .map(|i| view! { <li value=i.number.to_string()>{text(l, &i.name)}</li> })
                .collect_view();
            view! {
                <section class="card policy" aria-labelledby=labelled_by>
                    <h3 id=id>{t.policy_number(&pol.number.to_string())} {ruby(m.label_colon)} {text(l, &pol.name)}</h3>
                    <h4>{ruby(m.policy_aims)}</h4>
                    <ul>{list(l, &pol.aims)}</ul>
                    <h4>{ruby(m.policy_approach)}</h4>
                    <ul>{list(l, &pol.approach)}</ul>
                    <h4>{ruby(m.policy_initiatives)}</h4>
                    <ol class="initiatives">{initiatives}</ol>
                    {pol.initiatives_note.as_ref().map(|n| view! { <p class="note">{text(l, n)}</p> })}
                </section>
            }
        })
        .collect_view();
    let driving = p
        .driving
        .parts
        .iter()
        .map(|d| view! { <div><dt>{text(l, &d.name)}</dt><dd>{text(l, &d.summary)}</dd></div> })
        .collect_view();
    let schedule = p
        .schedule
        .iter()
        .map(|x| view! { <tr><th scope="row">{text(l, &x.when)}</th><td>{text(l, &x.event)}</td></tr> })
        .collect_view();
    let (stage_before, stage_after) = view_models::strings::around(t.in_brackets, "text");
    view! {
        <h1>{ruby(m.plan_title)}</h1>
        <p class="lead"><strong>{text(l, &p.name)}</strong> {stage_before}{text(l, &p.stage)}{stage_after}</p>
        <dl class="facts">
            <div><dt>{ruby(m.period)}</dt><dd>{fiscal_period(p.period.from, p.period.to, l)}</dd></div>
            <div><dt>{ruby(m.city_vision)}</dt><dd>{text(l, &p.city_vision)}</dd></div>
        </dl>
        <section aria-labelledby="mvv-title">
            <h2 id="mvv-title">{ruby(m.mvv_title)}</h2>
            <div class="mvv-grid">
                {statement(l, &p.mission, "mvv--mission")}
                {statement(l, &p.vision, "mvv--vision")}
                {statement(l, &p.values, "mvv--values")}
            </div>
        </section>
        // A list the plan does not have (a city's first publication, from a blank workbook) is
        // not shown as an empty heading.
        {(!p.aims.is_empty()).then(|| view! {
            <section aria-labelledby="aims-title">
                <h2 id="aims-title">{ruby(m.aims_title)}</h2>
                <ul>{list(l, &p.aims)}</ul>
            </section>
        })}
        <section aria-labelledby="policies-title">
            <h2 id="policies-title">{ruby(m.policies_title)}</h2>
            {policies}
        </section>
        <section aria-labelledby="driving-title">
            <h2 id="driving-title">{ruby(m.driving_title)}</h2>
            <p>{text(l, &p.driving.summary)}</p>
            {(!p.driving.parts.is_empty()).then(|| view! { <dl class="definition-list">{driving}</dl> })}
        </section>
        {(!p.schedule.is_empty()).then(|| view! {
            <section aria-labelledby="schedule-title">
                <h2 id="schedule-title">{ruby(m.schedule_title)}</h2>
                <table class="table"><tbody>{schedule}</tbody></table>
            </section>
        })}
        // At a kiosk, the plan goes home with the reader: its address as a QR code.
        {crate::mode::is_kiosk().then(|| view! { <crate::components::continue_qr::ContinueOnPhone path="/plan"/> })}
    }
}
