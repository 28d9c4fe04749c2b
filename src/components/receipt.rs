//! The receipt number a person reads out at a counter, large, with what happens next: one view
//! for the feedback form (sent, or received without script) and the kiosk's thank-you.

use leptos::prelude::*;
use view_models::Strings;

#[component]
pub fn Receipt(receipt: String, t: &'static Strings, next: &'static str) -> impl IntoView {
    let number = receipt.clone();
    view! {
        <p class="receipt">{t.receipt_label} {t.label_colon} <strong data-receipt=receipt>{number}</strong></p>
        <p class="receipt-next">{next}</p>
    }
}
