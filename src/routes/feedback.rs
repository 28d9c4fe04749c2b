//! `/feedback`: the feedback form (GOV.UK / Digital Agency patterns): label, hint, error in
//! that order; an error summary linking to each field; a preview before sending; a hidden
//! honeypot; the receipt number — or "waiting to send" from the outbox.

use feedback::{personal_data_hints, Field, FieldError, Kind, Submission, MAX_EMAIL_CHARS, MAX_MESSAGE_CHARS, MAX_TOPIC_CHARS};
use leptos::html;
use leptos::prelude::*;
use view_models::outbox::ItemState;
use view_models::screens::feedback_form::{chars_left, error_message, hint_message, satisfaction_label, FormStep as Step};
use view_models::{marked_strings, strings};

use crate::components::error_summary::{focus_when_shown, ErrorSummary};
use crate::components::fields::{Checkbox, FormErrors, Marker, RatingScale, TextArea, TextField};
use crate::components::receipt::Receipt;
use crate::components::ruby::ruby;
use crate::forms::use_posted_form;
use crate::i18n::{use_locale, use_marked_strings, use_strings};
use crate::navigation::{focus_by_id, Link};
use crate::outbox::{new_follow_token, new_key, use_outbox};
use crate::request::query_params;

/// The element an error links to.
fn target_id(field: Field) -> &'static str {
    match field {
        Field::Satisfaction => "satisfaction-1",
        Field::Key | Field::Follow => "message",
        f => f.id(),
    }
}

#[component]
pub fn Feedback() -> impl IntoView {
    let t = use_strings();
    let m = use_marked_strings();
    let locale = use_locale();
    let outbox = use_outbox();
    crate::i18n::follow_page_title(|t| t.feedback_title);

    // A form posted without script comes back filled in, with its errors or its receipt.
    let posted = use_posted_form().filter(|p| p.submission.kind == Kind::General);
    let echo = posted.as_ref().map(|p| p.submission.clone()).unwrap_or_default();
    // The topic a "send feedback about this" link carries in the address.
    let initial_topic = if posted.is_some() {
        echo.topic.clone()
    } else {
        query_params().topic.unwrap_or_default()
    };
    let topic = RwSignal::new(initial_topic.chars().take(100).collect::<String>());
    let message = RwSignal::new(echo.message.clone());
    let satisfaction = RwSignal::new(echo.satisfaction);
    let consent = RwSignal::new(echo.consent);
    let email = RwSignal::new(echo.email.clone());
    let website = RwSignal::new(String::new());
    // A double submit of the same page carries the same key: one record, one receipt.
    let key = RwSignal::new(if echo.key.is_empty() { new_key() } else { echo.key.clone() });
    // The private link's token travels with the key: the same page sent twice is one message.
    let follow = RwSignal::new(if echo.follow.is_empty() {
        new_follow_token()
    } else {
        echo.follow.clone()
    });
    // Received without script: the token the server stored (its own when the form sent none).
    let echo_follow = echo.follow.clone();
    let errors = RwSignal::new(posted.as_ref().map(|p| p.errors.clone()).unwrap_or_default());
    let step = RwSignal::new(Step::start(posted.as_ref().and_then(|p| p.receipt.clone())));
    let summary_ref = NodeRef::<html::Div>::new();

    let submission = move || Submission {
        key: key.get_untracked(),
        follow: follow.get_untracked(),
        kind: Kind::General,
        topic: topic.get_untracked(),
        message: message.get_untracked(),
        satisfaction: satisfaction.get_untracked(),
        consent: consent.get_untracked(),
        email: if consent.get_untracked() {
            email.get_untracked()
        } else {
            String::new()
        },
        website: website.get_untracked(),
        ..Default::default()
    };
    let show_errors = move |list: Vec<FieldError>| {
        errors.set(list);
        focus_when_shown(summary_ref);
    };
    let on_preview = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match Step::preview(submission()) {
            Err(list) => show_errors(list),
            Ok(preview) => {
                errors.set(vec![]);
                step.set(preview);
                request_animation_frame(|| focus_by_id("preview-title"));
            }
        }
    };
    let on_send = move |_| {
        if let Some((s, done)) = step.get_untracked().send() {
            outbox.submit(s);
            step.set(done);
            request_animation_frame(|| focus_by_id("result-title"));
        }
    };
    let start_over = move |_| {
        message.set(String::new());
        satisfaction.set(None);
        consent.set(false);
        email.set(String::new());
        key.set(new_key());
        follow.set(new_follow_token());
        errors.set(vec![]);
        step.set(Step::Edit);
    };
    // A refusal from the server comes back as field errors on the form.
    Effect::new(move |_| {
        let refused = step.with(|s| outbox.outbox.with(|o| s.refused(o)));
        if let Some(list) = refused {
            key.set(new_key());
            follow.set(new_follow_token());
            step.set(Step::Edit);
            show_errors(list);
        }
    });

    let form_errors = FormErrors {
        errors,
        message: error_message,
    };
    let error_summary = move || view! { <ErrorSummary errors target=target_id summary=summary_ref/> };

    let count = move || chars_left(feedback::char_count(&message.get()), MAX_MESSAGE_CHARS, locale.get());
    let hints = move || {
        let found = personal_data_hints(&message.get());
        (!found.is_empty()).then(|| {
            let l = locale.get();
            view! {
                <div class="warning" role="status">
                    <p>{strings(l).personal_warning}</p>
                    <ul>{found.into_iter().map(|h| view! { <li>{hint_message(h, l)}</li> }).collect_view()}</ul>
                </div>
            }
        })
    };

    let form = move || {
        view! {
            <form class="form" method="post" action="/feedback" novalidate data-outbox-key=crate::outbox::KEY data-unsent-key=crate::outbox::UNSENT_KEY on:submit=on_preview>
                {error_summary}
                <input type="hidden" name="form" value="general"/>
                <input type="hidden" name="key" value=move || key.get()/>
                <input type="hidden" name="follow" value=move || follow.get()/>
                <TextField field=Field::Topic errors=form_errors value=topic label=|t| t.topic_label hint=|t| t.topic_hint hint_id="topic-hint"
                    max_chars=MAX_TOPIC_CHARS marker=Marker::Optional/>
                <TextArea field=Field::Message errors=form_errors value=message id="message" name="message" label=|t| t.message_label
                    hint=|t| t.message_hint described_by="message-hint message-count" rows=8 marker=Marker::Required>
                    <p id="message-count" class=move || if count().1 { "count count--over" } else { "count" } aria-live="polite">{move || count().0}</p>
                    {hints}
                </TextArea>
                <RatingScale field=Field::Satisfaction errors=form_errors value=satisfaction legend=Signal::derive(move || t().satisfaction_label.to_string())
                    levels=(1..=5).collect() level_label=satisfaction_label marker=Marker::Optional/>
                <Checkbox field=Field::Consent errors=form_errors value=consent label=|t| t.consent_label/>
                // Always in the page, so it works without script; shown only with consent (CSS).
                <div class="email-field">
                    <TextField field=Field::Email errors=form_errors value=email label=|t| t.email_label hint=|t| t.email_hint hint_id="email-hint"
                        input_type="email" autocomplete="email" max_chars=MAX_EMAIL_CHARS/>
                </div>
                <div class="honeypot" aria-hidden="true">
                    <label for="website">{move || ruby(m().honeypot_label)}</label>
                    <input id="website" name="website" type="text" tabindex="-1" autocomplete="off"
                        prop:value=move || website.get() on:input=move |ev| website.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="button">{move || ruby(m().preview_button)}</button>
                // Said by form.js when the form is sent offline before the app could arrive.
                <p class="form__status" role="status" data-queued-message=move || t().form_queued></p>
            </form>
        }
    };

    let preview = move |s: Submission| {
        let l = locale.get();
        let m = marked_strings(l);
        view! {
            <section class="preview" aria-labelledby="preview-title">
                <h2 id="preview-title" tabindex="-1">{ruby(m.preview_title)}</h2>
                <dl class="facts">
                    <div><dt>{ruby(m.topic_label)}</dt><dd>{if s.topic.is_empty() { "—".to_string() } else { s.topic.clone() }}</dd></div>
                    <div><dt>{ruby(m.message_label)}</dt><dd class="preview__message">{feedback::normalise(s.message.trim())}</dd></div>
                    <div><dt>{ruby(m.satisfaction_label)}</dt><dd>{s.satisfaction.map_or("—", |v| satisfaction_label(v, l))}</dd></div>
                    <div><dt>{ruby(m.email_label)}</dt><dd>{if s.email.is_empty() { "—".to_string() } else { s.email.clone() }}</dd></div>
                </dl>
                <div class="actions">
                    <button type="button" class="button button--secondary" on:click=move |_| step.set(Step::Edit)>{ruby(m.edit_button)}</button>
                    <button type="button" class="button" on:click=on_send>{ruby(m.send_button)}</button>
                </div>
            </section>
        }
    };

    let result = move |k: String| {
        let l = locale.get();
        let t = strings(l);
        let m = marked_strings(l);
        let (receipt, follow) = outbox
            .outbox
            .with(|o| (o.receipt_of(&k).map(String::from), o.follow_of(&k).map(String::from)));
        let body = match receipt {
            Some(receipt) => view! {
                <h2 id="result-title" tabindex="-1">{ruby(m.sent_title)}</h2>
                <Receipt receipt t m next=t.receipt_next follow/>
            }
            .into_any(),
            _ => view! {
                <h2 id="result-title" tabindex="-1">{ruby(m.queued_title)}</h2>
                <p>{ruby(m.queued_body)}</p>
            }
            .into_any(),
        };
        view! {
            <section class="result" role="status">{body}</section>
            <button type="button" class="button button--secondary" on:click=start_over>{ruby(m.new_message)}</button>
        }
    };

    let received = move |receipt: String| {
        let t = strings(locale.get());
        let m = marked_strings(locale.get());
        view! {
            <section class="result" role="status">
                <h2 id="result-title" tabindex="-1">{ruby(m.sent_title)}</h2>
                <Receipt receipt t m next=t.receipt_next follow=Some(echo_follow.clone())/>
            </section>
            <p><a class="button button--secondary" href="/feedback">{ruby(m.new_message)}</a></p>
        }
    };

    let outbox_list = move || {
        let l = locale.get();
        let t = strings(l);
        let m = marked_strings(l);
        let items: Vec<_> = outbox.outbox.with(|o| o.visible().cloned().collect());
        (!items.is_empty()).then(|| {
            let rows = items
                .into_iter()
                .rev()
                .map(|i| {
                    let (class, text) = match &i.state {
                        ItemState::Pending { .. } => ("outbox__item outbox__item--pending", t.status_pending.to_string()),
                        ItemState::Sent { receipt } => ("outbox__item outbox__item--sent", t.outbox_sent(receipt)),
                        ItemState::Refused { .. } => ("outbox__item outbox__item--refused", t.status_refused.to_string()),
                    };
                    let excerpt: String = i.submission.message.chars().take(40).collect();
                    view! { <li class=class data-key=i.submission.key.clone()><strong>{text}</strong> " — " {excerpt}</li> }
                })
                .collect_view();
            view! {
                <section class="outbox" aria-labelledby="outbox-title">
                    <h2 id="outbox-title">{ruby(m.outbox_title)}</h2>
                    <ul>{rows}</ul>
                </section>
            }
        })
    };

    view! {
        <h1>{move || ruby(m().feedback_title)}</h1>
        <p class="lead">{move || ruby(m().feedback_intro)}</p>
        <p class="feedback-answers"><Link href="/voices">{move || ruby(m().feedback_answers_where)}</Link></p>
        {move || match step.get() {
            Step::Edit => form().into_any(),
            Step::Preview(s) => preview(s).into_any(),
            Step::Done(k) => result(k).into_any(),
            Step::Received(receipt) => received(receipt).into_any(),
        }}
        {outbox_list}
    }
}
