//! The counter survey, one step at a time on the whole screen: where (unless the kiosk is
//! configured for its place), one tap on a large answer with its face, an optional comment with
//! 「送る」 and 「コメントなしで送る」, then a large thank-you that goes back to the start by itself.
//! Which step shows is `view_models::screens::kiosk_survey`; without script each step is a form
//! the server answers with the next one, and only the last one stores anything.

use std::sync::Arc;
use std::time::Duration;

use feedback::{validate, Field, Kind, Submission, Verdict, MAX_COMMENT_CHARS};
use leptos::html;
use leptos::prelude::*;
use snapshot::Snapshot;
use view_models::screens::contexts::{kiosk_place, KioskPlace};
use view_models::screens::feedback_form::{counter_satisfaction_label, survey_error_message};
use view_models::screens::kiosk_survey::{kiosk_address, mouth_curve, thanks_seconds, SurveyProgress, SurveyStep};
use view_models::{marked_strings, strings, Locale, Strings};

use super::{reset_kiosk, KIOSK_START};
use crate::browser;
use crate::components::error_summary::{focus_when_shown, ErrorSummary};
use crate::components::fields::{FormErrors, TextArea};
use crate::components::loaded::Loaded;
use crate::components::receipt::{FollowQr, Receipt};
use crate::components::ruby::ruby;
use crate::forms::use_posted_form;
use crate::outbox::{new_follow_token, new_key, use_outbox};
use crate::request::use_request;

/// The element each survey error links to: the question of the step it belongs to, else the
/// comment box.
fn survey_target(field: Field) -> &'static str {
    match field {
        Field::Ward | Field::Section | Field::Satisfaction => "step-title",
        _ => "comment",
    }
}

#[component]
pub fn KioskStart() -> impl IntoView {
    view! { <Loaded page=survey_page title=|t| t.kiosk_title/> }
}

/// A face for an answer's button: drawn, not an emoji (the kiosk's fonts vary), and hidden from
/// screen readers (the button's words say the same).
fn face(level: u8) -> impl IntoView {
    let curve = mouth_curve(level);
    let mouth = format!("M30 {} Q50 {} 70 {}", 66 - curve / 2, 66 + curve, 66 - curve / 2);
    view! {
        <svg class=format!("kiosk-face kiosk-face--{level}") viewBox="0 0 100 100" width="72" height="72" aria-hidden="true" focusable="false">
            <circle cx="50" cy="50" r="46" class="kiosk-face__head"/>
            <circle cx="35" cy="40" r="6" class="kiosk-face__eye"/>
            <circle cx="65" cy="40" r="6" class="kiosk-face__eye"/>
            <path d=mouth class="kiosk-face__mouth"/>
        </svg>
    }
}

fn survey_page(s: Arc<Snapshot>, l: Locale) -> impl IntoView {
    let t = strings(l);
    let m = marked_strings(l);
    let outbox = use_outbox();
    // Posted without script: a step (the next one comes back), or the last step's errors or receipt.
    let posted = use_posted_form().filter(|p| p.submission.kind == Kind::CounterSurvey);
    let echo = posted.as_ref().map(|p| p.submission.clone()).unwrap_or_default();
    let received = posted.as_ref().and_then(|p| p.receipt.clone());
    let request = use_request();
    let section_ids: Vec<&str> = s.counter_survey.sections.iter().map(|x| x.id.as_str()).collect();
    // A kiosk configured for its place (`&ward=chuo&section=juumin`) does not ask where it is.
    let office_ids = view_models::city::office_ids(&s);
    let place = kiosk_place(
        request.params.ward.as_deref(),
        request.params.section.as_deref(),
        &office_ids,
        &section_ids,
    );
    let mut progress = SurveyProgress::new(&place, &echo.ward, &echo.section, echo.satisfaction, &office_ids, &section_ids);
    if posted.as_ref().is_some_and(|p| p.back) {
        progress = progress.back(&place).unwrap_or(progress);
    }
    let progress = RwSignal::new(progress);
    let comment = RwSignal::new(echo.message.clone());
    let errors = RwSignal::new(posted.as_ref().map(|p| p.errors.clone()).unwrap_or_default());
    let sent_key = RwSignal::new(received.as_ref().map(|_| echo.key.clone()));
    let form_key = if echo.key.is_empty() { new_key() } else { echo.key.clone() };
    // A comment's private link (its token chosen with the key, as the form does).
    let form_follow = if echo.follow.is_empty() {
        new_follow_token()
    } else {
        echo.follow.clone()
    };
    // Received without script: the token the server kept (none for a rating without words).
    let echo_follow = received.as_ref().map(|_| echo.follow.clone());
    // The kiosk's own address with its settings, so each answer page is the same kiosk's.
    let action = kiosk_address(&request, false);
    let start = KIOSK_START.get().cloned().unwrap_or_else(|| action.clone());
    let summary_ref = NodeRef::<html::Div>::new();
    let step_title = NodeRef::<html::H2>::new();
    let thanks_for = thanks_seconds(request.params.thanks.as_deref());

    // Each new step is announced by moving focus to its question.
    let focus_step = move || {
        request_animation_frame(move || {
            if let Some(h) = step_title.get_untracked() {
                let _ = h.focus();
            }
        })
    };
    let advance = move |change: Box<dyn FnOnce(&mut SurveyProgress)>| {
        progress.update(|p| change(p));
        errors.set(vec![]);
        focus_step();
    };
    // The rules take the offices this publication lists (the server checks them again).
    let offices_for_rules = StoredValue::new(office_ids.iter().map(|id| id.to_string()).collect::<Vec<_>>());
    let send = move |message: String| {
        let p = progress.get_untracked();
        let submission = Submission {
            key: new_key(),
            // Only a comment can be followed: a rating alone has nothing to answer.
            follow: if message.trim().is_empty() {
                String::new()
            } else {
                new_follow_token()
            },
            kind: Kind::CounterSurvey,
            topic: "counter-survey".into(),
            message,
            satisfaction: p.satisfaction,
            ward: p.ward.unwrap_or_default(),
            section: p.section.unwrap_or_default(),
            ..Default::default()
        };
        let verdict = offices_for_rules.with_value(|ids| validate(&submission, &ids.iter().map(String::as_str).collect::<Vec<_>>()));
        match verdict {
            Verdict::Invalid(list) => {
                errors.set(list);
                focus_when_shown(summary_ref);
            }
            _ => {
                errors.set(vec![]);
                sent_key.set(Some(submission.key.clone()));
                outbox.submit(submission);
            }
        }
    };
    let form_errors = FormErrors {
        errors,
        message: survey_error_message,
    };
    let place_for_back = place.clone();

    let step_view = move || {
        let p = progress.get();
        let step = p.step();
        // What is known so far travels with each step's form (the configured place is in the address).
        let known = view! {
            <input type="hidden" name="form" value="counter-survey"/>
            <input type="hidden" name="key" value=form_key.clone()/>
            <input type="hidden" name="follow" value=form_follow.clone()/>
            {p.ward.clone().map(|w| view! { <input type="hidden" name="ward" value=w/> })}
            {p.section.clone().map(|x| view! { <input type="hidden" name="section" value=x/> })}
            {p.satisfaction.map(|v| view! { <input type="hidden" name="satisfaction" value=v.to_string()/> })}
        };
        let back = p.back(&place_for_back).map(|earlier| {
            view! {
                <button type="submit" name="back" value="1" class="button button--secondary kiosk-back"
                    on:click=move |ev| {
                        ev.prevent_default();
                        let earlier = earlier.clone();
                        advance(Box::new(move |p| *p = earlier));
                    }>
                    {ruby(m.kiosk_back)}
                </button>
            }
        });
        let body = match step {
            SurveyStep::Ward => choices(
                t.kiosk_ward_question,
                "ward",
                view_models::city::offices(&s)
                    .iter()
                    .map(|o| (o.id.clone(), l.pick_marked(&o.name).to_string(), None))
                    .collect(),
                step_title,
                move |id| advance(Box::new(move |p| p.ward = Some(id))),
            )
            .into_any(),
            SurveyStep::Section => {
                let options = s
                    .counter_survey
                    .sections
                    .iter()
                    .map(|x| (x.id.clone(), l.pick_marked(&x.name).to_string(), None))
                    .collect();
                choices(t.kiosk_section_question, "section", options, step_title, move |id| {
                    advance(Box::new(move |p| p.section = Some(id)))
                })
                .into_any()
            }
            SurveyStep::Answer => {
                let options = (1..=5u8)
                    .rev()
                    .map(|level| (level.to_string(), counter_satisfaction_label(level, l).to_string(), Some(level)))
                    .collect();
                choices(t.counter_question, "satisfaction", options, step_title, move |v| {
                    advance(Box::new(move |p| p.satisfaction = v.parse().ok()))
                })
                .into_any()
            }
            SurveyStep::Comment => {
                let chosen = p.satisfaction.map(|v| counter_satisfaction_label(v, l)).unwrap_or_default();
                let error_summary =
                    move || view! { <ErrorSummary errors target=survey_target summary=summary_ref message=survey_error_message/> };
                view! {
                    {error_summary}
                    <h2 id="step-title" class="kiosk-step__title" tabindex="-1" node_ref=step_title>{t.kiosk_your_answer(chosen)}</h2>
                    <TextArea field=Field::Message errors=form_errors value=comment id="comment" name="message" label=|t| t.kiosk_comment rows=4 max_chars=MAX_COMMENT_CHARS/>
                    <div class="kiosk-send">
                        <button type="submit" class="button button--large">{ruby(m.kiosk_send_comment)}</button>
                        <button type="submit" name="no_comment" value="1" class="button button--large button--secondary"
                            on:click=move |ev| { ev.prevent_default(); comment.set(String::new()); send(String::new()); }>
                            {ruby(m.kiosk_send_without_comment)}
                        </button>
                    </div>
                }
                .into_any()
            }
        };
        let stepping = (step != SurveyStep::Comment).then(|| view! { <input type="hidden" name="step" value="1"/> });
        view! {
            <form class="form kiosk-survey" method="post" action=action.clone() novalidate
                on:submit=move |ev| { ev.prevent_default(); send(comment.get_untracked()); }>
                {known}
                {stepping}
                {body}
                {back}
            </form>
        }
    };

    let thanks = move |key: String| {
        let receipt = received
            .clone()
            .or_else(|| outbox.outbox.with(|o| o.receipt_of(&key).map(String::from)));
        // Once stored: the link of a comment, to take away as a QR code instead of the home page's.
        let follow = receipt
            .as_ref()
            .and_then(|_| {
                echo_follow
                    .clone()
                    .or_else(|| outbox.outbox.with(|o| o.follow_of(&key).map(String::from)))
            })
            .filter(|f| feedback::is_follow_token(f));
        let start = start.clone();
        // Back to the start by itself, so the next person finds the first question.
        let left = RwSignal::new(thanks_for);
        let tick = browser::window().map(|_| {
            set_interval_with_handle(
                move || {
                    let n = left.get_untracked().saturating_sub(1);
                    left.set(n);
                    if n == 0 {
                        reset_kiosk(outbox);
                    }
                },
                Duration::from_secs(1),
            )
        });
        if let Some(Ok(handle)) = tick {
            on_cleanup(move || handle.clear());
        }
        view! {
            <section class="result kiosk-thanks" role="status">
                <h2>{ruby(m.kiosk_thanks)}</h2>
                {match receipt {
                    Some(receipt) => view! { <Receipt receipt t next=t.survey_next/> }.into_any(),
                    None => view! { <p class="receipt-next">{ruby(m.survey_next)}</p> }.into_any(),
                }}
            </section>
            {match follow {
                Some(token) => view! { <FollowQr token locale=l/> }.into_any(),
                None => view! { <crate::components::continue_qr::ContinueOnPhone path="/"/> }.into_any(),
            }}
            // Counted down by the app only: a page answered without script stays until tapped.
            {browser::window().map(|_| view! { <p class="kiosk-returning">{move || t.kiosk_returning(&left.get().to_string())}</p> })}
            <a class="button button--large" href=start on:click=move |ev| { ev.prevent_default(); reset_kiosk(outbox); }>{ruby(m.kiosk_start)}</a>
        }
    };

    let misconfigured = misconfigured(&place, t);
    view! {
        <h1>{ruby(m.kiosk_title)}</h1>
        {misconfigured}
        <p class="lead">{ruby(m.kiosk_intro)}</p>
        {move || match sent_key.get() {
            None => step_view().into_any(),
            Some(k) => thanks(k).into_any(),
        }}
        <p><crate::navigation::Link href="/plan">{ruby(m.kiosk_plan_link)}</crate::navigation::Link></p>
    }
}

/// A step that is one question and a large button per answer: a tap answers and moves on. The
/// buttons are the form's submit buttons, so without script the tap posts the step.
fn choices(
    question: &'static str,
    name: &'static str,
    options: Vec<(String, String, Option<u8>)>,
    title: NodeRef<html::H2>,
    chosen: impl Fn(String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let buttons = options
        .into_iter()
        .map(|(value, words, level)| {
            let v = value.clone();
            view! {
                <button type="submit" name=name value=value class="kiosk-answer" on:click=move |ev| { ev.prevent_default(); chosen(v.clone()); }>
                    {level.map(face)}
                    <span class="kiosk-answer__words">{ruby(words)}</span>
                </button>
            }
        })
        .collect_view();
    view! {
        <h2 id="step-title" class="kiosk-step__title" tabindex="-1" node_ref=title>{question}</h2>
        <div class=format!("kiosk-answers kiosk-answers--{name}") role="group" aria-labelledby="step-title">{buttons}</div>
    }
}

fn misconfigured(place: &KioskPlace, t: &'static Strings) -> Option<impl IntoView> {
    (!place.unknown.is_empty()).then(|| {
        view! { <div class="banner banner--warning" role="alert"><p>{t.kiosk_config_unknown(&place.unknown.join(t.list_separator))}</p></div> }
    })
}
