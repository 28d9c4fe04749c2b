//! `/voices`: 「みなさんの声と市の対応」 — per card, how many voices the city received by month
//! (a table) and its answers, newest first, each with its status and date. Complete as the
//! server sends it; a reading screen starts no app.

use std::sync::Arc;

use leptos::prelude::*;
use snapshot::Snapshot;
use view_models::screens::voices::{voices, AnswerView};
use view_models::{marked_strings, Locale, Strings};

use crate::components::loaded::Loaded;
use crate::components::ruby::ruby;

#[component]
pub fn Voices() -> impl IntoView {
    view! { <Loaded page=voices_page title=|t| t.voices_title/> }
}

pub fn voices_page(s: Arc<Snapshot>, l: Locale) -> impl IntoView {
    let m = marked_strings(l);
    let v = voices(&s, l);
    let cards = if v.cards.is_empty() {
        view! { <p class="voices-none">{ruby(m.voices_none)}</p> }.into_any()
    } else {
        v.cards
            .into_iter()
            .map(|c| {
                let heading_id = format!("{}-title", c.id);
                let labelled_by = heading_id.clone();
                let table = (!c.received.is_empty()).then(|| {
                    view! {
                        <table class="voices-received">
                            <caption>{ruby(m.voices_received)}{c.total.map(|t| view! { "（"{ruby(t)}"）" })}</caption>
                            <thead><tr><th scope="col">{ruby(m.voices_month)}</th><th scope="col">{ruby(m.voices_count)}</th></tr></thead>
                            <tbody>{c.received.into_iter().map(|(month, n)| view! { <tr><th scope="row">{month}</th><td>{ruby(n)}</td></tr> }).collect_view()}</tbody>
                        </table>
                    }
                });
                let answers = c.answers.into_iter().map(|a| answer_article(a, m)).collect_view();
                view! {
                    <section class="voices-card" id=c.id aria-labelledby=labelled_by>
                        <h2 id=heading_id>{ruby(c.name)}</h2>
                        {table}
                        {answers}
                    </section>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <h1>{ruby(m.voices_title)}</h1>
        <p class="lead">{ruby(m.voices_intro)}</p>
        {cards}
    }
}

/// One of the city's answers: its title, status, date, what citizens said and what the city
/// does. Here under its card, and on the private page of a message in its theme.
pub fn answer_article(a: AnswerView, m: &'static Strings) -> impl IntoView {
    view! {
        <article class="answer" id=format!("answer-{}", a.id)>
            <h3>{ruby(a.title)}</h3>
            <p class="answer__meta">
                <span class=format!("answer__status answer__status--{}", a.status_id)>{ruby(a.status)}</span>
                " "
                <span class="answer__date">{ruby(m.answer_date)}": "{a.date}</span>
            </p>
            <dl class="answer__body">
                <div><dt>{ruby(m.answer_voices)}</dt><dd>{ruby(a.voices_summary)}</dd></div>
                <div><dt>{ruby(m.answer_city)}</dt><dd>{ruby(a.answer)}</dd></div>
                {a.reason.map(|r| view! { <div><dt>{ruby(m.answer_reason)}</dt><dd>{ruby(r)}</dd></div> })}
                {a.expects.map(|e| view! { <div><dt>{ruby(m.answer_expects)}</dt><dd>{ruby(e)}</dd></div> })}
            </dl>
        </article>
    }
}
