//! Form fields, one set for the feedback form and the kiosk survey. Each field shows, in the
//! GOV.UK order, its label (or legend), its hint, its error, then the control; the error is tied
//! to the control by `aria-describedby` and `aria-invalid`, and its id (`<field>-error`) is what
//! the error summary's link leads next to.

use feedback::{Field, FieldError};
use leptos::prelude::*;
use view_models::{Locale, Strings};

use crate::components::ruby::ruby;
use crate::i18n::{use_locale, use_marked_strings, use_strings};

/// A form's errors and how it words them: shared by its fields and its error summary.
#[derive(Clone, Copy)]
pub struct FormErrors {
    pub errors: RwSignal<Vec<FieldError>>,
    pub message: fn(&FieldError, Locale) -> String,
}

impl FormErrors {
    fn of(self, field: Field) -> Option<FieldError> {
        self.errors.with(|e| e.iter().find(|x| x.field == field).copied())
    }

    fn has(self, field: Field) -> bool {
        self.of(field).is_some()
    }

    fn class(self, field: Field, base: &'static str) -> String {
        if self.has(field) {
            format!("{base} field--error")
        } else {
            base.to_string()
        }
    }

    /// The ids that describe a control: its hints, then its error when it has one.
    fn described_by(self, field: Field, hints: &'static str) -> String {
        let mut ids: Vec<String> = hints.split_whitespace().map(String::from).collect();
        if self.has(field) {
            ids.push(format!("{}-error", field.id()));
        }
        ids.join(" ")
    }
}

/// `（任意）`, `（必須）` or nothing after a label.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    None,
    Required,
    Optional,
}

#[component]
fn MarkerText(marker: Marker) -> impl IntoView {
    let m = use_marked_strings();
    match marker {
        Marker::None => None,
        Marker::Required => Some(view! { " " <span class="required">{move || ruby(m().required_mark)}</span> }.into_any()),
        Marker::Optional => Some(view! { " " <span class="optional">{move || ruby(m().optional_mark)}</span> }.into_any()),
    }
}

/// The field's error, announced with a prefix ("エラー: ") for screen readers.
#[component]
fn ErrorText(field: Field, errors: FormErrors) -> impl IntoView {
    let t = use_strings();
    let locale = use_locale();
    move || {
        errors.of(field).map(|e| {
            view! { <p class="field-error" id=format!("{}-error", field.id())><span class="visually-hidden">{move || t().error_prefix}</span>{(errors.message)(&e, locale.get())}</p> }
        })
    }
}

/// A single-line text input.
#[component]
pub fn TextField(
    field: Field,
    errors: FormErrors,
    value: RwSignal<String>,
    label: fn(&Strings) -> &'static str,
    /// Shown under the label; its element's id is `hint_id`.
    hint: fn(&Strings) -> &'static str,
    hint_id: &'static str,
    /// `text`, `email`…
    #[prop(default = "text")]
    input_type: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    max_chars: usize,
    #[prop(default = Marker::None)] marker: Marker,
) -> impl IntoView {
    let t = use_strings();
    let id = field.id();
    view! {
        <div class=move || errors.class(field, "field")>
            <label for=id>{move || label(t())}<MarkerText marker/></label>
            <p class="hint" id=hint_id>{move || hint(t())}</p>
            <ErrorText field errors/>
            <input id=id name=id type=input_type maxlength=max_chars.to_string() autocomplete=autocomplete
                aria-describedby=move || errors.described_by(field, hint_id)
                aria-invalid=move || errors.has(field).to_string()
                value=value.get_untracked() prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
        </div>
    }
}

/// A multi-line text area; `children` follow the control (a character count, warnings).
#[component]
pub fn TextArea(
    field: Field,
    errors: FormErrors,
    value: RwSignal<String>,
    /// The control's id and name (the survey's comment is posted as `message`).
    id: &'static str,
    name: &'static str,
    label: fn(&Strings) -> &'static str,
    #[prop(optional)] hint: Option<fn(&Strings) -> &'static str>,
    /// Ids of the hint and anything else that describes the control (a live count).
    #[prop(default = "")]
    described_by: &'static str,
    rows: u32,
    #[prop(optional)] max_chars: Option<usize>,
    #[prop(default = Marker::None)] marker: Marker,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let t = use_strings();
    let hint_id = described_by.split_whitespace().next().unwrap_or_default();
    view! {
        <div class=move || errors.class(field, "field")>
            <label for=id>{move || label(t())}<MarkerText marker/></label>
            {hint.map(|h| view! { <p class="hint" id=hint_id>{move || h(t())}</p> })}
            <ErrorText field errors/>
            <textarea id=id name=name rows=rows.to_string() maxlength=max_chars.map(|m| m.to_string())
                aria-describedby=move || errors.described_by(field, described_by)
                aria-invalid=move || errors.has(field).to_string()
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))>{crate::components::textarea_text(&value.get_untracked())}</textarea>
            {children.map(|c| c())}
        </div>
    }
}

/// A single checkbox (the reply consent): its error above it, the label beside it.
#[component]
pub fn Checkbox(field: Field, errors: FormErrors, value: RwSignal<bool>, label: fn(&Strings) -> &'static str) -> impl IntoView {
    let t = use_strings();
    let id = field.id();
    view! {
        <div class=move || errors.class(field, "field")>
            <ErrorText field errors/>
            <div class="choice">
                <input type="checkbox" id=id name=id checked=value.get_untracked() prop:checked=move || value.get()
                    aria-describedby=move || errors.described_by(field, "")
                    on:change=move |ev| value.set(event_target_checked(&ev))/>
                <label for=id>{move || label(t())}</label>
            </div>
        </div>
    }
}

/// One choice among named options (`value` is the chosen option's id). Radios are
/// `<name>-<i>` and the fieldset `<name>-group`, which the error summary's link focuses.
#[component]
pub fn RadioGroup(
    field: Field,
    errors: FormErrors,
    value: RwSignal<String>,
    name: &'static str,
    legend: String,
    /// `(id, label)` in order.
    options: Vec<(String, String)>,
    #[prop(default = "field")] class: &'static str,
    #[prop(default = "choice")] choice_class: &'static str,
) -> impl IntoView {
    view! {
        <fieldset class=move || errors.class(field, class) id=format!("{name}-group") aria-describedby=move || errors.described_by(field, "")>
            <legend>{legend}</legend>
            <ErrorText field errors/>
            {options.into_iter().enumerate().map(|(i, (id, label))| {
                let input_id = format!("{name}-{i}");
                let checked_id = id.clone();
                view! {
                    <div class=choice_class>
                        <input type="radio" name=name id=input_id.clone() value=id.clone() checked=value.get_untracked() == id
                            prop:checked=move || value.get() == checked_id on:change=move |_| value.set(id.clone())/>
                        <label for=input_id>{label}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// A rating on the 1–5 scale, in the order given; radios are `satisfaction-<level>`.
#[component]
pub fn RatingScale(
    field: Field,
    errors: FormErrors,
    value: RwSignal<Option<u8>>,
    /// The question, in the reader's language.
    legend: Signal<String>,
    levels: Vec<u8>,
    /// Each level's words (the city's scale at the kiosk, the form's own elsewhere).
    level_label: fn(u8, Locale) -> &'static str,
    #[prop(default = Marker::None)] marker: Marker,
    #[prop(default = "field")] class: &'static str,
    #[prop(default = "choices")] choices_class: &'static str,
    #[prop(default = "choice")] choice_class: &'static str,
) -> impl IntoView {
    let locale = use_locale();
    let choices = levels
        .into_iter()
        .map(|level| {
            let id = format!("satisfaction-{level}");
            view! {
                <div class=choice_class>
                    <input type="radio" name="satisfaction" id=id.clone() value=level.to_string()
                        checked=value.get_untracked() == Some(level) prop:checked=move || value.get() == Some(level) on:change=move |_| value.set(Some(level))/>
                    <label for=id>{move || level_label(level, locale.get())}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class=move || errors.class(field, class) id="satisfaction-group" aria-describedby=move || errors.described_by(field, "")>
            <legend>{move || legend.get()}<MarkerText marker/></legend>
            <ErrorText field errors/>
            {if choices_class.is_empty() { choices.into_any() } else { view! { <div class=choices_class>{choices}</div> }.into_any() }}
        </fieldset>
    }
}
