//! Scores on the 1–5 scale as horizontal bars: one row per category, each opening to its
//! questions' scores.

use leptos::prelude::*;
use view_models::screens::staff::CategoryRow;
use view_models::Strings;

use crate::components::ruby::ruby;

fn bar(fraction: Option<f64>) -> impl IntoView {
    let w = fraction.unwrap_or(0.0) * 100.0;
    view! {
        <svg class="score-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
            <rect class="score-bar__track" width="100" height="10"/>
            <rect class="score-bar__fill" width=w height="10"/>
            <line class="score-bar__mid" x1="50" x2="50" y1="0" y2="10"/>
        </svg>
    }
}

#[component]
pub fn ScoreBars(caption: String, summary: String, categories: Vec<CategoryRow>, t: &'static Strings) -> impl IntoView {
    let rows = categories
        .into_iter()
        .map(|c| {
            let questions = c
                .questions
                .into_iter()
                .map(|q| view! { <li><span class="score-row__label">{ruby(q.text)}</span> {bar(q.fraction)} <strong class="score">{q.score}</strong></li> })
                .collect_view();
            view! {
                <li class="score-row" data-category=c.id>
                    <details>
                        <summary>
                            <span class="score-row__label">{ruby(c.name)} {c.single_question.then_some(t.single_question)}</span>
                            {bar(c.fraction)}
                            <strong class="score">{c.average}</strong>
                        </summary>
                        <h4 class="visually-hidden">{t.questions}</h4>
                        <ul class="score-questions">{questions}</ul>
                    </details>
                </li>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <figcaption class="chart__caption">{caption}</figcaption>
            <p class="chart__summary">{ruby(summary)}</p>
            <p class="note">{t.scale_note}</p>
            <ul class="score-rows" role="list">{rows}</ul>
        </figure>
    }
}
