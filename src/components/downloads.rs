//! CSV and JSON download links for a card's data, as `data:` URLs (no script, no server),
//! and the way to send feedback about it.

use leptos::prelude::*;
use view_models::export::data_url;
use view_models::screens::contexts::Mode;
use view_models::Strings;

use crate::mode::use_mode;
use crate::navigation::Link;

#[component]
pub fn Downloads(
    id: String,
    csv: String,
    json: String,
    t: &'static Strings,
    /// The card's name in words, as read (a text field cannot show readings): the form's topic,
    /// which the citizen may change or clear. The server stores the card's id for it.
    about: String,
) -> impl IntoView {
    view! {
        <p class="downloads">
            <a class="download" download=format!("{id}.csv") href=data_url("text/csv", &csv)>{t.download_csv}</a>
            <a class="download" download=format!("{id}.json") href=data_url("application/json", &json)>{t.download_json}</a>
            {feedback_link(view_models::request::href("/feedback", &[("topic", &about)]), t)}
        </p>
    }
}

/// In an embedded card the form opens as the full widget in a new tab, not inside the card.
fn feedback_link(href: String, t: &'static Strings) -> impl IntoView {
    if matches!(use_mode(), Mode::Embed { .. }) {
        view! { <a href=href class="download" target="_blank" rel="noopener">{t.send_feedback_link}</a> }.into_any()
    } else {
        view! { <Link href class="download">{t.send_feedback_link}</Link> }.into_any()
    }
}
