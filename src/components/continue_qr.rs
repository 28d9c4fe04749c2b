//! A QR code of a screen's address, made by the server (`/qr/…`, no script), so a kiosk user
//! or a reader of the printed page can carry the page to their phone.

use leptos::prelude::*;
pub use view_models::route::qr_path as qr_src;

use crate::components::ruby::ruby;
use crate::i18n::{use_locale, use_marked_strings, use_strings};

/// 「スマートフォンで続きを読む」 under a QR code of `path` (the plain page, not the kiosk's).
#[component]
pub fn ContinueOnPhone(path: &'static str) -> impl IntoView {
    let t = use_strings();
    let m = use_marked_strings();
    let locale = use_locale();
    view! {
        <figure class="continue-qr">
            <img src=move || qr_src(path, locale.get()) width="200" height="200" alt=move || t().qr_alt/>
            <figcaption>{move || ruby(m().qr_continue)}</figcaption>
        </figure>
    }
}
