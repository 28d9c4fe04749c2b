//! CSV and JSON download links for a card's data, as `data:` URLs (no script, no server),
//! and the way to send feedback about it.

use leptos::prelude::*;
use view_models::export::data_url;
use leptos_router::components::A;
use view_models::Strings;

use crate::routes::feedback::feedback_href;

#[component]
pub fn Downloads(id: String, csv: String, json: String, t: &'static Strings) -> impl IntoView {
    view! {
        <p class="downloads">
            <a class="download" download=format!("{id}.csv") href=data_url("text/csv", &csv)>{t.download_csv}</a>
            <a class="download" download=format!("{id}.json") href=data_url("application/json", &json)>{t.download_json}</a>
            <A href=feedback_href(&id) attr:class="download">{t.send_feedback_link}</A>
        </p>
    }
}
