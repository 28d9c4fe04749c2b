//! `/`: the plan in one screen — what it is, the headline indicators with progress to target,
//! when the figures are from, and where to go next.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use snapshot::Snapshot;
use view_models::format::as_of;
use view_models::progress::Status;
use view_models::screens::home::{home, HeadlineCard};
use view_models::{strings, Locale};

use crate::components::loaded::Loaded;

#[component]
pub fn Home() -> impl IntoView {
    view! { <Loaded page=home_page title=|t| t.nav_home/> }
}

pub fn home_page(s: Arc<Snapshot>, l: Locale) -> impl IntoView {
    let t = strings(l);
    let v = home(&s, l);
    let cards = v.cards.into_iter().map(|c| view! { <IndicatorCard card=c locale=l/> }).collect_view();
    view! {
        <h1>{t.home_title}</h1>
        <p class="lead">{t.home_intro}</p>
        <p class="as-of"><span class="as-of__label">{t.last_updated}</span> {as_of(&s.as_of, l)}</p>
        <section class="plan-summary" aria-labelledby="plan-summary-title">
            <h2 id="plan-summary-title">{v.plan_name} <span class="plan-summary__stage">{v.stage}</span></h2>
            <dl class="facts">
                <div><dt>{t.period}</dt><dd>{v.period}</dd></div>
                <div><dt>{t.city_vision}</dt><dd>{v.city_vision}</dd></div>
                {v.statements.map(|(label, title)| view! { <div><dt>{label}</dt><dd>{title}</dd></div> })}
            </dl>
        </section>
        <section aria-labelledby="headline-title">
            <h2 id="headline-title">{t.headline_title}</h2>
            <ul class="cards" role="list">{cards}</ul>
            <details class="explain">
                <summary>{t.progress_label}</summary>
                <p>{t.progress_rule}</p>
            </details>
        </section>
        <nav class="next" aria-labelledby="next-title">
            <h2 id="next-title">{t.next_title}</h2>
            <ul>
                <li><A href="/plan">{t.next_plan}</A></li>
                <li><A href="/results">{t.next_results}</A></li>
            </ul>
        </nav>
    }
}

fn status_class(status: Status) -> &'static str {
    match status {
        Status::Achieved => "status status--achieved",
        Status::OnTrack => "status status--on-track",
        Status::Behind => "status status--behind",
        Status::MovingAway => "status status--moving-away",
        Status::NoData => "status status--no-data",
    }
}

#[component]
fn IndicatorCard(card: HeadlineCard, locale: Locale) -> impl IntoView {
    let t = strings(locale);
    let heading_id = format!("ind-{}", card.id);
    let labelled_by = heading_id.clone();
    let bar = card.progress_percent.map(|p| {
        view! {
            <div class="progress">
                <span class="progress__label">{t.progress_label} " " <strong>{format!("{p}%")}</strong></span>
                <div class="progress__track" aria-hidden="true">
                    <div class="progress__fill" style:width=format!("{p}%")></div>
                </div>
            </div>
        }
    });
    let latest = card.latest.clone().map(|v| {
        view! { <div><dt>{t.latest} " " <span class="year">{card.latest_year.clone()}</span></dt><dd class="figure">{v}</dd></div> }
    });
    view! {
        <li class="card indicator" data-indicator=card.id.clone() aria-labelledby=labelled_by>
            <h3 id=heading_id class="indicator__name">
                <span class="indicator__number">{card.number}</span> " "
                <span lang=card.name_lang>{card.name}</span>
            </h3>
            <p class=status_class(card.status)><span class="status__icon" aria-hidden="true"></span>{card.status_text}</p>
            <dl class="indicator__figures">
                <div><dt>{t.baseline} " " <span class="year">{card.baseline_year}</span></dt><dd class="figure">{card.baseline}</dd></div>
                {latest}
                <div><dt>{t.target} " " <span class="year">{card.target_year}</span></dt><dd class="figure">{card.target}</dd></div>
            </dl>
            {bar}
            {card.remaining.map(|r| view! { <p class="indicator__remaining">{r}</p> })}
            {card.assessment.map(|a| view! { <p class="indicator__assessment">{t.city_assessment} "：" {a}</p> })}
            <p class="visually-hidden">{card.summary}</p>
        </li>
    }
}
