//! Hidden fields that carry the page's parameters (its language, mode, place, data) into a GET
//! form that loads the page again: the retry and the as-of picker work without the app.

use leptos::prelude::*;

use crate::request::use_request;

/// The page's parameters, but not the as-of picker's own when `leave_asof`, as hidden inputs.
#[component]
pub fn KeptFields(#[prop(optional)] leave_asof: bool) -> impl IntoView {
    use_request()
        .kept_fields(leave_asof)
        .into_iter()
        .map(|(name, value)| view! { <input type="hidden" name=name value=value/> })
        .collect_view()
}
