//! The idle guard: after a while without a touch, a warning with a countdown and a large
//! 「続ける」; then the kiosk resets for the next person.

use std::time::Duration;

use leptos::html;
use leptos::prelude::*;
use view_models::screens::contexts::WARNING_SECONDS;

use super::reset_kiosk;
use crate::browser;
use crate::i18n::use_strings;
use crate::outbox::use_outbox;

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
    let tick = browser::window().map(|_| {
        set_interval_with_handle(
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
        )
    });
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
                        <p id="idle-body">{t().idle_body(&left.to_string())}</p>
                        <button type="button" class="button button--large" node_ref=continue_ref on:click=keep_going>{t().idle_continue}</button>
                    </div>
                </div>
            }
        })
    }
}
