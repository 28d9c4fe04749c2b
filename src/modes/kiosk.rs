//! `?mode=kiosk`: a touch screen at a ward-office counter, one person after another.
//! Large type and targets, a text-size control, the counter survey as the start screen,
//! and an idle timer that warns, then wipes every trace of the previous person.

use std::sync::Arc;
use std::time::Duration;

use feedback::{validate, Field, Kind, Submission, Verdict, MAX_COMMENT_CHARS};
use leptos::html;
use leptos::prelude::*;
use snapshot::Snapshot;
use view_models::outbox::ItemState;
use view_models::screens::contexts::{kiosk_place, wards, WARNING_SECONDS};
use view_models::screens::feedback_form::{counter_satisfaction_label, survey_error_message};
use view_models::strings::fill;
use view_models::{strings, Locale};

use crate::browser;
use crate::components::error_summary::ErrorSummary;
use crate::components::fields::{FormErrors, RadioGroup, RatingScale, TextArea};
use crate::components::loaded::Loaded;
use crate::i18n::use_strings;
use crate::forms::use_posted_form;
use crate::outbox::{new_key, use_outbox, OutboxContext};
use crate::request::use_request;

/// The start screen's address, taken when the kiosk starts: in-app navigation drops the query.
static KIOSK_START: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// The start address keeping only the kiosk's own settings (and a preview `data`).
fn start_url(search: &str) -> String {
    let kept = web_sys::UrlSearchParams::new().ok();
    if let (Some(kept), Ok(params)) = (&kept, web_sys::UrlSearchParams::new_with_str(search)) {
        for k in ["mode", "idle", "ward", "section", "data"] {
            if let Some(v) = params.get(k) {
                kept.append(k, &v);
            }
        }
    }
    format!("/?{}", kept.map(|k| String::from(k.to_string())).unwrap_or_else(|| "mode=kiosk".into()))
}

/// Marks the page as a kiosk (large type, 60 px targets) and remembers its start address. (Its
/// links replace the history entry: `navigation::provide_address`.)
pub fn start_kiosk() {
    let Some(window) = browser::window() else { return };
    let _ = KIOSK_START.set(start_url(&window.location().search().unwrap_or_default()));
    if let Some(root) = window.document().and_then(|d| d.document_element()) {
        let _ = root.class_list().add_1("kiosk");
    }
}

/// Back to the start screen with nothing of the previous person left: pending messages stay
/// queued (hidden) until delivered; drafts, language choice, session data and in-memory state
/// go; the page is replaced, not pushed.
pub fn reset_kiosk(outbox: OutboxContext) {
    outbox.hide_all();
    let Some(window) = browser::window() else { return };
    if let Ok(Some(s)) = window.session_storage() {
        let _ = s.clear();
    }
    crate::i18n::forget_choice();
    let start = KIOSK_START.get().cloned().unwrap_or_else(|| "/?mode=kiosk".into());
    let _ = window.location().replace(&start);
}

/// Watches for activity; after `idle_seconds` without any, warns with a countdown and a large
/// "continue" button for `WARNING_SECONDS` (≥ 20 s, WCAG 2.2.1), then resets the kiosk.
#[component]
pub fn IdleGuard(idle_seconds: u32) -> impl IntoView {
    let t = use_strings();
    let last_activity = StoredValue::new(browser::now_ms());
    let warning = RwSignal::new(None::<u32>);
    let continue_ref = NodeRef::<html::Button>::new();
    let outbox = use_outbox();
    for event in ["pointerdown", "keydown", "touchstart", "wheel", "input"] {
        let handle = window_event_listener_untyped(event, move |_| {
            if warning.get_untracked().is_none() {
                last_activity.set_value(browser::now_ms());
            }
        });
        on_cleanup(move || handle.remove());
    }
    // Timers only run in the browser.
    let tick = browser::window().map(|_| set_interval_with_handle(
        move || match warning.get_untracked() {
            None => {
                if browser::now_ms() - last_activity.get_value() >= f64::from(idle_seconds) * 1000.0 {
                    warning.set(Some(WARNING_SECONDS));
                    request_animation_frame(move || {
                        if let Some(b) = continue_ref.get_untracked() {
                            let _ = b.focus();
                        }
                    });
                }
            }
            Some(0 | 1) => reset_kiosk(outbox),
            Some(n) => warning.set(Some(n - 1)),
        },
        Duration::from_secs(1),
    ));
    if let Some(Ok(handle)) = tick {
        on_cleanup(move || handle.clear());
    }
    let keep_going = move |_| {
        last_activity.set_value(browser::now_ms());
        warning.set(None);
    };
    move || {
        warning.get().map(|left| {
            view! {
                <div class="idle-backdrop">
                    <div class="idle-dialog" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-body">
                        <h2 id="idle-title">{t().idle_title}</h2>
                        <p id="idle-body">{fill(t().idle_body, &[("seconds", &left.to_string())])}</p>
                        <button type="button" class="button button--large" node_ref=continue_ref on:click=keep_going>{t().idle_continue}</button>
                    </div>
                </div>
            }
        })
    }
}

/// The element each survey error links to: the first choice of its group, or the comment box.
fn survey_target(field: Field) -> &'static str {
    match field {
        Field::Ward => "ward-0",
        Field::Section => "section-0",
        Field::Satisfaction => "satisfaction-5",
        _ => "comment",
    }
}

#[component]
pub fn KioskStart() -> impl IntoView {
    view! { <Loaded page=survey_page title=|t| t.kiosk_title/> }
}

fn survey_page(s: Arc<Snapshot>, l: Locale) -> impl IntoView {
    let t = strings(l);
    let outbox = use_outbox();
    // Posted without script, the survey comes back filled in with its errors, or its receipt.
    let posted = use_posted_form().filter(|p| p.submission.kind == Kind::CounterSurvey);
    let echo = posted.as_ref().map(|p| p.submission.clone()).unwrap_or_default();
    let received = posted.as_ref().and_then(|p| p.receipt.clone());
    // A kiosk configured for its place (`&ward=chuo&section=juumin`) does not ask where it is.
    let request = use_request();
    let section_ids: Vec<&str> = s.counter_survey.sections.iter().map(|x| x.id.as_str()).collect();
    let place = kiosk_place(request.param("ward").as_deref(), request.param("section").as_deref(), &section_ids);
    let ward = RwSignal::new(place.ward.clone().unwrap_or(echo.ward.clone()));
    let section = RwSignal::new(place.section.clone().unwrap_or(echo.section.clone()));
    let satisfaction = RwSignal::new(echo.satisfaction);
    let comment = RwSignal::new(echo.message.clone());
    let errors = RwSignal::new(posted.as_ref().map(|p| p.errors.clone()).unwrap_or_default());
    let sent_key = RwSignal::new(received.as_ref().map(|_| echo.key.clone()));
    let form_key = if echo.key.is_empty() { new_key() } else { echo.key.clone() };
    // The kiosk's own address (with its settings), so the answer page is a kiosk page too.
    let settings: Vec<(&str, String)> = ["idle", "ward", "section"].into_iter().filter_map(|k| request.param(k).map(|v| (k, v))).collect();
    let action = view_models::request::href("/", &std::iter::once(("mode", "kiosk")).chain(settings.iter().map(|(k, v)| (*k, v.as_str()))).collect::<Vec<_>>());
    let start = KIOSK_START.get().cloned().unwrap_or_else(|| action.clone());
    let summary_ref = NodeRef::<html::Div>::new();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let submission = Submission {
            key: new_key(),
            kind: Kind::CounterSurvey,
            topic: "counter-survey".into(),
            message: comment.get_untracked(),
            satisfaction: satisfaction.get_untracked(),
            ward: ward.get_untracked(),
            section: section.get_untracked(),
            ..Default::default()
        };
        match validate(&submission) {
            Verdict::Invalid(list) => {
                errors.set(list);
                request_animation_frame(move || {
                    if let Some(el) = summary_ref.get_untracked() {
                        let _ = el.focus();
                    }
                });
            }
            _ => {
                errors.set(vec![]);
                sent_key.set(Some(submission.key.clone()));
                outbox.submit(submission);
            }
        }
    };

    let form_errors = FormErrors { errors, message: survey_error_message };
    let ward_options: Vec<(String, String)> = wards().into_iter().map(|(id, name)| (id.to_string(), l.pick(&name).to_string())).collect();
    let section_options: Vec<(String, String)> = s.counter_survey.sections.iter().map(|x| (x.id.clone(), l.pick(&x.name).to_string())).collect();

    let form = move || {
        let error_summary = move || view! { <ErrorSummary errors target=survey_target summary=summary_ref message=survey_error_message/> };
        view! {
            <form class="form kiosk-survey" method="post" action=action.clone() novalidate on:submit=on_submit>
                {error_summary}
                <input type="hidden" name="form" value="counter-survey"/>
                <input type="hidden" name="key" value=form_key.clone()/>
                {match &place.ward {
                    Some(w) => view! { <input type="hidden" name="ward" value=w.clone()/> }.into_any(),
                    None => view! { <RadioGroup field=Field::Ward errors=form_errors value=ward name="ward" legend=t.ward_office.to_string()
                        options=ward_options.clone() class="field kiosk-choices" choice_class="choice choice--tile"/> }.into_any(),
                }}
                {match &place.section {
                    Some(x) => view! { <input type="hidden" name="section" value=x.clone()/> }.into_any(),
                    None => view! { <RadioGroup field=Field::Section errors=form_errors value=section name="section" legend=t.counter_section.to_string()
                        options=section_options.clone() class="field kiosk-choices" choice_class="choice choice--tile"/> }.into_any(),
                }}
                <RatingScale field=Field::Satisfaction errors=form_errors value=satisfaction legend=Signal::stored(t.counter_question.to_string())
                    levels=(1..=5).rev().collect() level_label=counter_satisfaction_label class="field kiosk-choices" choices_class="" choice_class="choice choice--tile"/>
                <TextArea field=Field::Message errors=form_errors value=comment id="comment" name="message" label=|t| t.kiosk_comment rows=3 max_chars=MAX_COMMENT_CHARS/>
                <button type="submit" class="button button--large">{t.kiosk_send}</button>
            </form>
        }
    };

    let thanks = move |key: String| {
        let from_server = received.clone();
        let receipt = from_server.or_else(|| outbox.outbox.with(|o| {
            o.items.iter().find(|i| i.submission.key == key).and_then(|i| match &i.state {
                ItemState::Sent { receipt } => Some(receipt.clone()),
                _ => None,
            })
        }));
        let start = start.clone();
        view! {
            <section class="result" role="status">
                <h2>{t.kiosk_thanks}</h2>
                {receipt.map(|r| view! { <p class="receipt">{t.receipt_label} {t.label_colon} <strong data-receipt=r.clone()>{r.clone()}</strong></p> })}
                <p class="receipt-next">{t.survey_next}</p>
            </section>
            <crate::components::continue_qr::ContinueOnPhone path="/"/>
            <a class="button button--large" href=start on:click=move |ev| { ev.prevent_default(); reset_kiosk(outbox); }>{t.kiosk_start}</a>
        }
    };

    let misconfigured = (!place.unknown.is_empty()).then(|| {
        view! { <div class="banner banner--warning" role="alert"><p>{fill(t.kiosk_config_unknown, &[("settings", &place.unknown.join(t.list_separator))])}</p></div> }
    });
    view! {
        <h1>{t.kiosk_title}</h1>
        {misconfigured}
        <p class="lead">{t.kiosk_intro}</p>
        {move || match sent_key.get() {
            None => form().into_any(),
            Some(k) => thanks(k).into_any(),
        }}
        <p><crate::navigation::Link href="/plan">{t.kiosk_plan_link}</crate::navigation::Link></p>
    }
}
