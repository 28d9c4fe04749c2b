//! The kiosk's text-size control: three sizes, for readers who need larger type.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser;
use crate::i18n::use_strings;

/// Three text sizes, set on the root element so every rem grows.
#[component]
pub fn TextSizeControl() -> impl IntoView {
    let t = use_strings();
    let size = RwSignal::new(0usize);
    // The kiosk's normal size (125%) comes from the stylesheet (`.kiosk`), so the server's page
    // already has it and nothing moves when the app takes over; larger sizes are set here.
    Effect::new(move |_| {
        let percent = [None, Some("150%"), Some("175%")][size.get()];
        if let Some(root) = browser::document().and_then(|d| d.document_element()) {
            if let Ok(root) = root.dyn_into::<web_sys::HtmlElement>() {
                let _ = match percent {
                    Some(p) => root.style().set_property("font-size", p),
                    None => root.style().remove_property("font-size").map(|_| ()),
                };
            }
        }
    });
    let button = move |i: usize, label: fn(&view_models::Strings) -> &'static str| {
        view! {
            <button type="button" class="lang-switch__button" aria-pressed=move || (size.get() == i).to_string() on:click=move |_| size.set(i)>
                {move || label(t())}
            </button>
        }
    };
    view! {
        <div class="lang-switch text-size" role="group" aria-label=move || t().text_size>
            {button(0, |t| t.text_normal)}
            {button(1, |t| t.text_large)}
            {button(2, |t| t.text_larger)}
        </div>
    }
}
