//! One verification indicator as a card: status in words and icon, baseline / actual / target,
//! progress bar, distance to target and the city's own reading.

use leptos::prelude::*;
use view_models::progress::Status;
use view_models::screens::home::HeadlineCard;
use view_models::{marked_strings, Locale};

use crate::components::ruby::ruby;

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
pub fn IndicatorCard(card: HeadlineCard, locale: Locale) -> impl IntoView {
    let m = marked_strings(locale);
    let heading_id = format!("ind-{}", card.id);
    let labelled_by = heading_id.clone();
    let bar = card.progress_percent.map(|p| {
        view! {
            <div class="progress">
                <span class="progress__label">{ruby(m.progress_label)} " " <strong>{format!("{p}%")}</strong></span>
                <svg class="progress__track" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                    <rect class="progress__fill" width=p.to_string() height="10"></rect>
                </svg>
            </div>
        }
    });
    let latest = card.latest.clone().map(|v| {
        view! { <div><dt>{ruby(m.latest)} <span class="year">{card.latest_year.clone()}</span></dt><dd class="figure">{ruby(v)}</dd></div> }
    });
    view! {
        <li class="card indicator" data-indicator=card.id.clone() aria-labelledby=labelled_by>
            <h3 id=heading_id class="indicator__name">
                <span class="indicator__number">{card.number}</span> " "
                <span lang=card.name_lang>{ruby(card.name)}</span>
            </h3>
            <p class=status_class(card.status)><span class="status__icon" aria-hidden="true"></span>{card.status_text}</p>
            <dl class="indicator__figures">
                <div><dt>{ruby(m.baseline)} <span class="year">{card.baseline_year}</span></dt><dd class="figure">{ruby(card.baseline)}</dd></div>
                {latest}
                <div><dt>{ruby(m.target)} <span class="year">{card.target_year}</span></dt><dd class="figure">{ruby(card.target)}</dd></div>
            </dl>
            {bar}
            {card.remaining.map(|r| view! { <p class="indicator__remaining">{ruby(r)}</p> })}
            {card.assessment.map(|a| view! { <p class="indicator__assessment">{ruby(m.city_assessment)} {ruby(m.label_colon)} {ruby(a)}</p> })}
            <p class="visually-hidden">{card.summary}</p>
        </li>
    }
}
