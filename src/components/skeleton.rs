//! The loading placeholder: the same blocks, in the same places, as the screen that replaces it,
//! so nothing jumps when the data arrives. Shown only where the app runs, while it loads a screen
//! or a picked snapshot: the server renders every page whole.

use leptos::prelude::*;

use crate::i18n::use_strings;

/// `below_heading`: the screen's heading is already shown, so no placeholder title and lead.
#[component]
pub fn Skeleton(#[prop(optional)] below_heading: bool) -> impl IntoView {
    let t = use_strings();
    let heading = (!below_heading).then(|| {
        view! {
            <div class="skeleton__title" aria-hidden="true"></div>
            <div class="skeleton__text" aria-hidden="true"></div>
            <div class="skeleton__text skeleton__text--short" aria-hidden="true"></div>
        }
    });
    view! {
        <div class="skeleton" aria-busy="true">
            // Heard, not seen: as it is read (a screen reader would read a base and its reading both).
            <p class="visually-hidden" role="status">{move || t().loading}</p>
            {heading}
            <div class="skeleton__cards" aria-hidden="true">
                <div class="skeleton__card"></div>
                <div class="skeleton__card"></div>
                <div class="skeleton__card"></div>
            </div>
        </div>
    }
}
