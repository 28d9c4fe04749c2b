//! Any unknown address: say so and offer the way home.

use leptos::prelude::*;

use crate::components::ruby::ruby;
use crate::i18n::use_marked_strings;
use crate::navigation::Link;

#[component]
pub fn NotFound() -> impl IntoView {
    let m = use_marked_strings();
    view! {
        <h1>{move || ruby(m().not_found_title)}</h1>
        <p>{move || ruby(m().not_found_body)}</p>
        <p><Link href="/">{move || ruby(m().back_home)}</Link></p>
    }
}
