//! `/results`: what the previous stage achieved — its 6 promotion items, 108 / 29 of 137 items
//! with a chart, the highlights with before → after figures, and what was delayed.

use std::sync::Arc;

use leptos::prelude::*;
use snapshot::Snapshot;
use view_models::screens::results::{highlights, item_progress, FigureView};
use view_models::strings::around;
use view_models::{marked_strings, strings, Locale};

use crate::components::charts::share_bar::{Part, ShareBar};
use crate::components::loaded::Loaded;
use crate::components::ruby::ruby;

#[component]
pub fn Results() -> impl IntoView {
    view! { <Loaded page=results_page title=|t| t.results_title/> }
}

fn figure(f: FigureView) -> impl IntoView {
    view! { <span class="measure"><span class="measure__label">{ruby(f.label)}</span> <strong class="figure">{ruby(f.value)}</strong></span> }
}

pub fn results_page(s: Arc<Snapshot>, l: Locale) -> AnyView {
    let t = strings(l);
    let m = marked_strings(l);
    // `Loaded` shows this screen only for a plan with a previous stage.
    let (Some(st), Some(progress)) = (s.previous_stage.as_ref(), item_progress(&s, l)) else {
        return ().into_any();
    };
    let pick = |x: &snapshot::Text| ruby(l.pick_marked(x));
    let items = st
        .promotion_items
        .iter()
        .map(|i| view! { <li value=i.number.to_string()><strong>{pick(&i.name)}</strong><br/>{pick(&i.summary)}</li> })
        .collect_view();
    let highlight_items = highlights(&s, l)
        .into_iter()
        .map(|h| {
            let change = match (h.before, h.after.is_empty()) {
                (Some(b), false) => Some(
                    view! {
                        <p class="change">{figure(b)} <span class="change__arrow" aria-hidden="true">" → "</span>
                        <span class="visually-hidden">" / "</span>{h.after.into_iter().map(figure).collect_view()}</p>
                    }
                    .into_any(),
                ),
                (None, false) => Some(view! { <p class="change">{h.after.into_iter().map(figure).collect_view()}</p> }.into_any()),
                _ => None,
            };
            view! {
                <li class="card highlight" data-highlight=h.id>
                    <h3>{ruby(h.title)}</h3>
                    {h.owner.map(|o| view! { <p class="owner">{ruby(o)}</p> })}
                    {change}
                    {h.note.map(|n| view! { <p class="note">{ruby(n)}</p> })}
                </li>
            }
        })
        .collect_view();
    let delayed = st
        .delayed
        .iter()
        .map(|d| {
            let owner = d.owner.as_ref().map(|o| {
                let (before, after) = around(t.in_brackets, "text");
                view! { {before}{pick(o)}{after} }
            });
            view! { <li>{pick(&d.title)} {owner}</li> }
        })
        .collect_view();
    let parts = vec![
        Part {
            label: t.on_plan.into(),
            count: progress.on_plan,
            share: progress.on_plan_share.clone(),
            class: "part part--on-plan",
        },
        Part {
            label: t.changed_or_delayed.into(),
            count: progress.changed_or_delayed,
            share: progress.changed_share.clone(),
            class: "part part--delayed",
        },
    ];
    view! {
        <h1>{ruby(m.results_title)}</h1>
        <p class="lead"><strong>{pick(&st.name)}</strong></p>
        <section aria-labelledby="goal-title">
            <h2 id="goal-title">{ruby(m.results_goal)}</h2>
            <p class="goal">{pick(&st.goal)}</p>
            <ul>{st.goal_points.iter().map(|g| view! { <li>{pick(g)}</li> }).collect_view()}</ul>
        </section>
        <section aria-labelledby="items-title">
            <h2 id="items-title">{t.promotion_items_title(&st.promotion_items.len().to_string())}</h2>
            <ol class="promotion-items">{items}</ol>
        </section>
        <section aria-labelledby="progress-title">
            <h2 id="progress-title">{ruby(m.item_progress_title)}</h2>
            <ShareBar
                caption=format!("{}{}", t.item_progress_title, t.in_brackets(&progress.as_of))
                summary=progress.summary.clone()
                parts
                headers=[t.category, t.items, t.share]
                table_label=t.show_table
                total=Some((t.total.to_string(), progress.total))
            />
        </section>
        <section aria-labelledby="highlights-title">
            <h2 id="highlights-title">{ruby(m.highlights_title)}</h2>
            <ul class="cards" role="list">{highlight_items}</ul>
        </section>
        <section aria-labelledby="delayed-title">
            <h2 id="delayed-title">{ruby(m.delayed_title)}</h2>
            <ul>{delayed}</ul>
        </section>
    }
    .into_any()
}
