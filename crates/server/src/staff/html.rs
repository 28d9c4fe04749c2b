//! The staff pages still assembled as HTML text (publishing: desk, drafts, sign-in), put into
//! the one staff frame (`super::page`, Leptos) with its error summary and notice. Every text
//! from data, an upload or a person is escaped here (`e`); new staff pages are components.

use axum::http::StatusCode;
use axum::response::Response;
use leptos::prelude::*;
pub use view_models::escape::escape_html as e;

use super::page::{html_of, render, Notice, Problem, ProblemSummary, Who};

/// A whole page. `body` is HTML built by this module's callers from escaped parts.
pub fn page(status: StatusCode, title: &str, signed_in: Option<(&str, &str)>, body: &str) -> Response {
    let who = signed_in.map(|(name, csrf)| Who {
        name: name.to_string(),
        csrf: csrf.to_string(),
    });
    let body = body.to_string();
    render(status, title, who, move || view! { <div class="staff-page" inner_html=body></div> })
}

/// An error summary, announced when the page loads.
pub fn problems(title: &str, items: &[String]) -> String {
    let linked: Vec<(String, &str)> = items.iter().map(|i| (i.clone(), "")).collect();
    problems_linked(title, &linked)
}

/// An error summary whose items link to the field to correct (`#id`; none where empty).
pub fn problems_linked(title: &str, items: &[(String, &str)]) -> String {
    let (title, problems) = (
        title.to_string(),
        items
            .iter()
            .map(|(text, field)| Problem::new(text.clone(), *field))
            .collect::<Vec<_>>(),
    );
    html_of(move || view! { <ProblemSummary title problems/> })
}

pub fn notice(text: &str) -> String {
    let text = text.to_string();
    html_of(move || view! { <Notice text/> })
}
