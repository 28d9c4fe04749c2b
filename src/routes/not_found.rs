//! Any unknown address: say so and offer the way home.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::use_strings;

#[component]
pub fn NotFound() -> impl IntoView {
    let t = use_strings();
    view! {
        <h1>{move || t().not_found_title}</h1>
        <p>{move || t().not_found_body}</p>
        <p><A href="/">{move || t().back_home}</A></p>
    }
}
