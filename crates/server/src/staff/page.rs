//! The staff pages' frame, drawn with Leptos components on the server as the reading screens
//! are: the clerks' language (Japanese), the widget's style sheet, no script and no app. Leptos
//! escapes every text it is given, so a page is never assembled from hand-escaped strings.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use leptos::prelude::*;

use crate::staff::words::STAFF;
use crate::store::staff::Session;

/// The signed-in member of staff as the frame shows them: name, and the form token for
/// signing out.
#[derive(Clone)]
pub struct Who {
    pub name: String,
    pub csrf: String,
}

impl From<&Session> for Who {
    fn from(s: &Session) -> Who {
        Who {
            name: s.name.clone(),
            csrf: s.csrf.clone(),
        }
    }
}

/// Renders `body` inside the staff frame as a whole page, never kept by a cache.
pub fn render<V: IntoView + 'static>(
    status: StatusCode,
    title: &str,
    who: Option<Who>,
    body: impl FnOnce() -> V + Send + 'static,
) -> Response {
    let title = title.to_string();
    let html = without_markers(Owner::new().with(move || view! { <StaffFrame title who>{body()}</StaffFrame> }.to_html()));
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        format!("<!DOCTYPE html>{html}"),
    )
        .into_response()
}

/// The document: head, header with the signed-in name and 「サインアウト」, the page's heading.
#[component]
fn StaffFrame(title: String, who: Option<Who>, children: Children) -> impl IntoView {
    let page_title = STAFF.page_title(&title);
    // The menu only for staff who are signed in: the sign-in page offers nothing else.
    let menu = who.is_some().then(|| {
        view! {
            <nav class="site-nav" aria-label=STAFF.staff_menu>
                <ul class="staff-nav">
                    <li><a href="/staff/publishing">{STAFF.nav_publishing}</a></li>
                    <li><a href="/staff/voices">{STAFF.nav_voices}</a></li>
                    <li><a href="/staff/voices/themes">{STAFF.nav_themes}</a></li>
                </ul>
            </nav>
        }
    });
    view! {
        <html lang="ja">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="robots" content="noindex"/>
                <title>{page_title}</title>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="stylesheet" href="/style.css"/>
            </head>
            <body>
                <a class="skip-link" href="#main">{STAFF.skip_to_content}</a>
                <header class="site-header">
                    <div class="site-header__bar">
                        <p class="site-title"><a href="/staff/publishing">{STAFF.site_title}</a></p>
                        {who.map(|w| view! {
                            <form class="staff-signout" method="post" action="/staff/sign-out">
                                <input type="hidden" name="csrf" value=w.csrf/>
                                <p>{STAFF.signed_in_as(&w.name)}" "<button type="submit" class="button button--secondary">{STAFF.sign_out}</button></p>
                            </form>
                        })}
                    </div>
                    {menu}
                </header>
                <main class="site-main" id="main" tabindex="-1">
                    <h1>{title}</h1>
                    {children()}
                </main>
            </body>
        </html>
    }
}

/// One problem: its words, and the id of the field that corrects it (none when empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub text: String,
    pub field: String,
}

impl Problem {
    pub fn new(text: impl Into<String>, field: impl Into<String>) -> Problem {
        Problem {
            text: text.into(),
            field: field.into(),
        }
    }
}

/// The error summary (the markup of `src/components/error_summary.rs`), announced when the page
/// loads; each problem links to its field.
#[component]
pub fn ProblemSummary(title: String, problems: Vec<Problem>) -> impl IntoView {
    view! {
        <div class="error-summary" role="alert" tabindex="-1" id="problems" aria-labelledby="error-summary-title">
            <h2 id="error-summary-title">{title}</h2>
            <ul>
                {problems.into_iter().map(|p| if p.field.is_empty() {
                    view! { <li>{p.text}</li> }.into_any()
                } else {
                    view! { <li><a href=format!("#{}", p.field)>{p.text}</a></li> }.into_any()
                }).collect_view()}
            </ul>
        </div>
    }
}

/// A field's own error, above its control (GOV.UK order), tied to it by `aria-describedby`.
#[component]
pub fn FieldError(#[prop(into)] id: String, problems: Vec<Problem>) -> impl IntoView {
    problems.into_iter().find(|p| p.field == id).map(move |p| {
        view! { <p class="field-error" id=format!("{id}-error")><span class="visually-hidden">{STAFF.error_prefix}</span>{p.text}</p> }
    })
}

/// What a control's `aria-describedby` names: its hint, and its error when it has one.
pub fn described_by(id: &str, hint: Option<&str>, problems: &[Problem]) -> Option<String> {
    let mut ids: Vec<String> = hint.map(String::from).into_iter().collect();
    if problems.iter().any(|p| p.field == id) {
        ids.push(format!("{id}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// A labelled text control (one line, or a textarea of `rows`) in the GOV.UK order: label,
/// hint (`<id>-hint`), error, control, tied together by `aria-describedby`; the value shown as
/// given, always as text.
pub fn text_field(
    id: &'static str,
    label: impl Into<String>,
    hint: Option<&'static str>,
    value: &str,
    max_chars: usize,
    rows: Option<u32>,
    problems: &[Problem],
) -> impl IntoView {
    let hint_id = hint.map(|_| format!("{id}-hint"));
    let described = described_by(id, hint_id.as_deref(), problems);
    let control = match rows {
        // A textarea's text is written unescaped by Leptos: escaped here.
        Some(rows) => view! { <textarea id=id name=id rows=rows.to_string() maxlength=max_chars.to_string() aria-describedby=described>{reform_widget::components::textarea_text(value)}</textarea> }.into_any(),
        None => view! { <input type="text" id=id name=id value=value.to_string() maxlength=max_chars.to_string() aria-describedby=described/> }.into_any(),
    };
    view! {
        <div class="field">
            <label for=id>{label.into()}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            <FieldError id=id problems=problems.to_vec()/>
            {control}
        </div>
    }
}

/// A short message that something was done, read out when the page loads.
#[component]
pub fn Notice(text: String) -> impl IntoView {
    view! { <div class="notice" role="status"><p>{text}</p></div> }
}

/// The hidden field every staff form carries: the session's form token.
#[component]
pub fn TokenField(csrf: String) -> impl IntoView {
    view! { <input type="hidden" name="csrf" value=csrf/> }
}

/// Text of a component as HTML, for the pages still assembled by `super::html`.
pub fn html_of<V: IntoView + 'static>(view: impl FnOnce() -> V + Send + 'static) -> String {
    without_markers(Owner::new().with(move || view().into_view().to_html()))
}

/// Leptos marks where text nodes meet (`<!>`) so an app can take the page over; a staff page
/// takes no app. Text and attributes never hold a bare `<`, so only the marks go.
fn without_markers(html: String) -> String {
    html.replace("<!>", "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_errors_are_linked_to_their_fields() {
        let html = html_of(
            || view! { <ProblemSummary title="<b>直して</b>".into() problems=vec![Problem::new("\"<script>", "note"), Problem::new("x", "")]/> },
        );
        assert!(html.contains("&lt;b&gt;直して&lt;/b&gt;"), "{html}");
        assert!(html.contains("<a href=\"#note\">\"&lt;script&gt;</a>"), "{html}");
        assert!(html.contains("<li>x</li>"), "{html}");
        assert_eq!(
            described_by("note", Some("note-hint"), &[Problem::new("x", "note")]).as_deref(),
            Some("note-hint note-error")
        );
        assert_eq!(described_by("note", None, &[]), None);
    }
}
