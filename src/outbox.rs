//! The browser side of the outbox: keeps submissions in localStorage before sending, sends
//! them one by one, retries with backoff and when the browser comes back online, and keeps
//! every acknowledgement. Rules and state live in `view_models::outbox`.

use std::time::Duration;

use feedback::Submission;
use leptos::prelude::*;
use leptos::task::spawn_local;
use view_models::outbox::{backoff_ms, Delivery, Outbox};

/// Where the outbox is kept in localStorage; the form carries it (`data-outbox-key`) so
/// `form.js` starts the app at once for messages waiting on this device.
pub const KEY: &str = "reform-widget:outbox";
/// Where `form.js` keeps a form sent offline before the app could arrive: its fields as pairs,
/// one list per form. The app takes each into the outbox by the server's own reading of a posted
/// form (`Submission::from_form`), so the two never disagree on what a field means.
pub const UNSENT_KEY: &str = "reform-widget:unsent-forms";

/// The forms `form.js` kept, taken out of storage (each is in the outbox afterwards).
fn take_unsent() -> Vec<Submission> {
    let Some(s) = storage() else { return vec![] };
    let forms: Vec<Vec<(String, String)>> = s
        .get_item(UNSENT_KEY)
        .ok()
        .flatten()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default();
    let _ = s.remove_item(UNSENT_KEY);
    forms.iter().map(|pairs| Submission::from_form(pairs)).collect()
}

#[derive(Clone, Copy)]
pub struct OutboxContext {
    pub outbox: RwSignal<Outbox>,
    sending: RwSignal<bool>,
}

use crate::browser::local_storage as storage;

/// A fresh idempotency key (crypto-random UUID v4): the browser's, or the server's for a form
/// that may be posted without script.
pub fn new_key() -> String {
    #[cfg(feature = "ssr")]
    if crate::browser::window().is_none() {
        // This page is now one reader's: it must not be kept for others.
        if let Some(marks) = leptos::prelude::use_context::<crate::render::PageMarks>() {
            marks.not_shareable();
        }
        return uuid::Uuid::new_v4().to_string();
    }
    crate::browser::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_default()
}

/// A fresh private-link token (`feedback::is_follow_token`), chosen with the key so the receipt
/// links to the message's page even when it is shown from this device's outbox: two
/// crypto-random UUIDs' hex (244 random bits).
pub fn new_follow_token() -> String {
    let a = new_key();
    let b = new_key();
    format!("{a}{b}").replace('-', "")
}

#[cfg(target_arch = "wasm32")]
async fn deliver(submission: &Submission) -> Delivery {
    use gloo_net::http::Request;
    use view_models::outbox::classify_response;
    let Ok(request) = Request::post("/api/feedback").json(submission) else {
        return Delivery::TryLater;
    };
    match request.send().await {
        Ok(response) => {
            let status = response.status();
            let body = response.text().await.unwrap_or_default();
            classify_response(status, &body)
        }
        Err(_) => Delivery::TryLater,
    }
}

#[cfg(not(target_arch = "wasm32"))]
async fn deliver(_: &Submission) -> Delivery {
    Delivery::TryLater
}

fn stored() -> Outbox {
    storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .map(|t| Outbox::from_json(&t))
        .unwrap_or_default()
}

impl OutboxContext {
    /// Every change: read what is stored now (another tab, the kiosk's previous page may have
    /// added to it), merge, apply `change`, store. Saving the page's own list alone would drop
    /// another tab's unsent messages.
    fn change(self, change: impl FnOnce(&mut Outbox)) {
        let theirs = stored();
        self.outbox.update(|o| {
            o.merge(theirs);
            change(o);
        });
        if let Some(s) = storage() {
            let _ = s.set_item(KEY, &self.outbox.with_untracked(|o| o.to_json()));
        }
    }

    /// Keeps the submission, then tries to send everything pending.
    pub fn submit(self, submission: Submission) {
        self.change(|o| o.enqueue(submission));
        self.flush();
    }

    /// Hides all items from view (kiosk reset); pending ones are still delivered.
    pub fn hide_all(self) {
        self.change(|o| o.hide_all());
    }

    /// Sends pending items in order until one must wait; then schedules a retry.
    pub fn flush(self) {
        if self.sending.get_untracked() {
            return;
        }
        self.sending.set(true);
        // Other tabs' messages are sent too (theirs may be closed).
        self.change(|_| {});
        spawn_local(async move {
            loop {
                let next = self.outbox.with_untracked(|o| o.pending().next().cloned());
                let Some(item) = next else { break };
                let outcome = deliver(&item.submission).await;
                let retry = matches!(outcome, Delivery::TryLater);
                self.change(|o| o.record(&item.submission.key, outcome));
                if retry {
                    let attempts = self.outbox.with_untracked(|o| o.attempts(&item.submission.key));
                    set_timeout(
                        move || self.flush(),
                        Duration::from_millis(u64::from(backoff_ms(attempts.saturating_sub(1)))),
                    );
                    break;
                }
            }
            self.sending.set(false);
        });
    }
}

pub fn provide_outbox() {
    let ctx = OutboxContext {
        outbox: RwSignal::new(Outbox::default()),
        sending: RwSignal::new(false),
    };
    provide_context(ctx);
    // What this device kept is read once the page has taken over the server's HTML (the server
    // cannot know it, so rendering it earlier would differ from the server's page).
    Effect::new(move |_| {
        ctx.outbox.set(stored());
        let unsent = take_unsent();
        if !unsent.is_empty() {
            ctx.change(|o| unsent.into_iter().for_each(|u| o.enqueue(u)));
        }
        ctx.flush();
    });
    // Back online: try at once rather than wait for the backoff.
    let handle = window_event_listener(leptos::ev::online, move |_| ctx.flush());
    on_cleanup(move || handle.remove());
}

pub fn use_outbox() -> OutboxContext {
    expect_context::<OutboxContext>()
}
