//! The staff pages' HTML: a plain page in Japanese (the clerks' language), with the widget's own
//! style sheet and no script. Every text from data, an upload or a person is escaped.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
pub use view_models::escape::escape_html as e;

/// A whole page. `body` is HTML built by this module's callers from escaped parts.
pub fn page(status: StatusCode, title: &str, signed_in: Option<(&str, &str)>, body: &str) -> Response {
    let who = signed_in.map_or(String::new(), |(name, csrf)| {
        format!(
            r#"<form class="staff-signout" method="post" action="/staff/sign-out"><input type="hidden" name="csrf" value="{}"><p>{} さん <button type="submit" class="button button--secondary">サインアウト</button></p></form>"#,
            e(csrf),
            e(name)
        )
    });
    let html = format!(
        r#"<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>{title} — 市役所改革プラン 職員用</title><link rel="stylesheet" href="/style.css"></head><body><header class="site-header"><div class="site-header__bar"><p class="site-title"><a href="/staff/publishing">市役所改革プラン 職員用ページ</a></p>{who}</div></header><main class="site-main" id="main"><h1>{title}</h1>{body}</main></body></html>"#,
        title = e(title),
    );
    (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], html).into_response()
}

/// An error summary, announced when the page loads.
pub fn problems(title: &str, items: &[String]) -> String {
    let linked: Vec<(String, &str)> = items.iter().map(|i| (i.clone(), "")).collect();
    problems_linked(title, &linked)
}

/// An error summary whose items link to the field to correct (`#id`; none where empty).
pub fn problems_linked(title: &str, items: &[(String, &str)]) -> String {
    let list: String = items
        .iter()
        .map(|(text, field)| if field.is_empty() { format!("<li>{}</li>", e(text)) } else { format!("<li><a href=\"#{}\">{}</a></li>", e(field), e(text)) })
        .collect();
    format!(r#"<div class="error-summary" role="alert" tabindex="-1" id="problems"><h2 class="error-summary__title">{}</h2><ul class="error-summary__list">{list}</ul></div>"#, e(title))
}

pub fn notice(text: &str) -> String {
    format!(r#"<div class="notice" role="status"><p>{}</p></div>"#, e(text))
}
