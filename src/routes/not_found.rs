//! Any unknown address: say so and offer the way home.

use leptos::prelude::*;

use crate::i18n::use_strings;
use crate::navigation::Link;

#[component]
pub fn NotFound() -> impl IntoView {
    let t = use_strings();
    view! {
        <h1>{move || t().not_found_title}</h1>
        <p>{move || t().not_found_body}</p>
        <p><Link href="/">{move || t().back_home}</Link></p>
    }
}
