//! The error summary at the top of a form (GOV.UK / Digital Agency pattern): announced when it
//! appears, focused, and each message a link that moves focus to its field.

use feedback::{Field, FieldError};
use leptos::html;
use leptos::prelude::*;
use view_models::screens::feedback_form::error_message;

use crate::i18n::{use_locale, use_strings};
use crate::navigation::focus_by_id;

/// Moves focus to the error summary once it is on screen, so it is read out first: what both
/// forms do when their rules refuse what was typed.
pub fn focus_when_shown(summary: NodeRef<html::Div>) {
    request_animation_frame(move || {
        if let Some(el) = summary.get_untracked() {
            let _ = el.focus();
        }
    });
}

/// Shows `errors` (nothing when empty). `target` names the element each field's link focuses;
/// `summary` lets the form focus the summary once it is on screen; `message` words an error
/// (the counter survey asks its own question).
#[component]
pub fn ErrorSummary(
    errors: RwSignal<Vec<FieldError>>,
    target: fn(Field) -> &'static str,
    summary: NodeRef<html::Div>,
    #[prop(optional)] message: Option<fn(&FieldError, view_models::Locale) -> String>,
) -> impl IntoView {
    let message = message.unwrap_or(error_message);
    let locale = use_locale();
    let t = use_strings();
    move || {
        let list = errors.get();
        (!list.is_empty()).then(|| {
            let l = locale.get();
            let items = list
                .into_iter()
                .map(|e| {
                    let id = target(e.field);
                    view! {
                        <li><a href=format!("#{id}") on:click=move |ev| { ev.prevent_default(); focus_by_id(id); }>{message(&e, l)}</a></li>
                    }
                })
                .collect_view();
            view! {
                <div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title" node_ref=summary>
                    <h2 id="error-summary-title">{t().error_summary_title}</h2>
                    <ul>{items}</ul>
                </div>
            }
        })
    }
}
