//! A QR code of a screen's address, made by the server (`/qr.svg`, no script), so a kiosk user
//! or a reader of the printed page can carry the page to their phone.

use leptos::prelude::*;
use view_models::Locale;

use crate::i18n::{use_locale, use_strings};

/// The address of the server's QR code for `path` in the reader's language.
pub fn qr_src(path: &str, locale: Locale) -> String {
    match locale {
        Locale::Ja => format!("/qr.svg?path={path}"),
        l => format!("/qr.svg?path={path}&lang={}", l.code()),
    }
}

/// 「スマートフォンで続きを読む」 under a QR code of `path` (the plain page, not the kiosk's).
#[component]
pub fn ContinueOnPhone(path: &'static str) -> impl IntoView {
    let t = use_strings();
    let locale = use_locale();
    view! {
        <figure class="continue-qr">
            <img src=move || qr_src(path, locale.get()) width="200" height="200" alt=move || t().qr_alt/>
            <figcaption>{move || t().qr_continue}</figcaption>
        </figure>
    }
}
