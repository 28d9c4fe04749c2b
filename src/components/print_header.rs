//! The printed page: every chart's table opens before the page is printed and closes after, and each
//! printed page carries the address and the figures' as-of date (see `@media print`).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::loaded::WhenLoaded;
use crate::components::ruby::ruby;
use crate::data::LoadState;
use crate::i18n::{use_locale, use_marked_strings};
use crate::request::use_request;

fn set_tables_open(open: bool) {
    let Some(doc) = crate::browser::document() else { return };
    let selector = if open {
        "details.chart__table:not([open])"
    } else {
        "details[data-opened-for-print]"
    };
    if let Ok(list) = doc.query_selector_all(selector) {
        for i in 0..list.length() {
            if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
                if open {
                    let _ = el.set_attribute("open", "");
                    let _ = el.set_attribute("data-opened-for-print", "");
                } else {
                    let _ = el.remove_attribute("open");
                    let _ = el.remove_attribute("data-opened-for-print");
                }
            }
        }
    }
}

/// A line shown only in print, repeated on every page.
#[component]
pub fn PrintHeader() -> impl IntoView {
    let before = window_event_listener(leptos::ev::beforeprint, |_| set_tables_open(true));
    let after = window_event_listener(leptos::ev::afterprint, |_| set_tables_open(false));
    on_cleanup(move || {
        before.remove();
        after.remove();
    });
    let m = use_marked_strings();
    let locale = use_locale();
    let address = crate::navigation::use_address();
    let origin = use_request().origin;
    let url = move || format!("{origin}{}", address.map(|a| a.path()).unwrap_or_default());
    // An element, not bare text: text from a resolved `Transition` next to other text would
    // merge into one text node in the browser and no longer match the server's HTML.
    let date = move |state: LoadState| match state {
        LoadState::Ready { snapshot, .. } => Some(view! { <span>{view_models::format::as_of(&snapshot.as_of, locale.get())}</span> }),
        LoadState::Failed(_) => None,
    };
    let city = move |state: LoadState| match state {
        LoadState::Ready { snapshot, .. } => {
            view_models::city::name_marked(&snapshot, locale.get()).map(|name| view! { <span>{ruby(&name)} " "</span> })
        }
        LoadState::Failed(_) => None,
    };
    let qr = move || crate::components::continue_qr::qr_src(&address.map(|a| a.path()).unwrap_or_else(|| "/".into()), locale.get());
    // A private page's address is its secret: not printed, and no QR code is asked for it. An
    // unknown address has no QR code either (the server makes them for the screens only).
    let entry = address.and_then(|a| view_models::route::entry(a.screen()));
    let private = entry.is_some_and(|e| e.private);
    let has_qr = entry.is_some_and(|e| !e.private);
    let where_to = (!private).then(|| view! { " — " {move || ruby(m().print_url)} ": " {url} });
    view! {
        <div class="print-header" aria-hidden="true">
            {has_qr.then(|| view! { <img class="print-header__qr" src=qr width="64" height="64" alt=""/> })}
            <WhenLoaded show=city/> {move || ruby(m().app_name)} " — " <WhenLoaded show=date/> {where_to}
        </div>
    }
}
