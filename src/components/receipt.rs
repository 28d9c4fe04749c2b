//! The receipt number a person reads out at a counter, large, with what happens next and, for a
//! message with text, the private page where its sender follows it: one view for the feedback
//! form (sent, or received without script) and the kiosk's thank-you (a QR code to take away,
//! as a kiosk is not the citizen's own screen).

use leptos::prelude::*;
use view_models::{Locale, Strings};

use crate::components::ruby::ruby;

#[component]
pub fn Receipt(
    receipt: String,
    t: &'static Strings,
    next: &'static str,
    #[prop(default = None)] follow: Option<String>,
    #[prop(optional)] m: Option<&'static Strings>,
) -> impl IntoView {
    let number = receipt.clone();
    let m = m.unwrap_or(t);
    view! {
        <p class="receipt">{t.receipt_label} {t.label_colon} <strong data-receipt=receipt>{number}</strong></p>
        <p class="receipt-next">{next}</p>
        {follow.filter(|t| feedback::is_follow_token(t)).map(|token| view! {
            <p class="receipt-follow"><a href=feedback::follow_path(&token) data-follow="">{ruby(m.follow_link)}</a></p>
            <p class="hint">{ruby(m.follow_keep)}</p>
        })}
    }
}

/// At a kiosk: the private page's QR code (made by the server, in the kiosk's language), to
/// scan and take away. Never a link the next person could tap.
#[component]
pub fn FollowQr(token: String, locale: Locale) -> impl IntoView {
    let m = view_models::marked_strings(locale);
    view! {
        <figure class="continue-qr follow-qr">
            <img src=view_models::route::follow_qr_path(&token, locale) width="200" height="200" alt=view_models::strings(locale).follow_qr/>
            <figcaption>{ruby(m.follow_qr)}" "{ruby(m.follow_keep)}</figcaption>
        </figure>
    }
}
