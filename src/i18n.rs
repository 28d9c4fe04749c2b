//! The chosen language: from `?lang=`, else the one remembered on this device, else Japanese.
//! Changing it updates `<html lang>` and is remembered.

use leptos::prelude::*;
use view_models::{strings, Locale, Strings};

const STORAGE_KEY: &str = "reform-widget:lang";

#[derive(Clone, Copy)]
pub struct LocaleContext(pub RwSignal<Locale>);

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn initial_locale() -> Locale {
    let from_query = crate::data::source_query_param("lang").and_then(|code| Locale::from_code(&code));
    let remembered = || storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten()).and_then(|c| Locale::from_code(&c));
    from_query.or_else(remembered).unwrap_or_default()
}

pub fn provide_locale() {
    let locale = RwSignal::new(initial_locale());
    Effect::new(move |_| {
        let l = locale.get();
        if let Some(html) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = html.set_attribute("lang", l.html_lang());
        }
        if let Some(s) = storage() {
            let _ = s.set_item(STORAGE_KEY, l.code());
        }
    });
    provide_context(LocaleContext(locale));
}

pub fn use_locale() -> RwSignal<Locale> {
    expect_context::<LocaleContext>().0
}

/// Interface text in the current language, reactively.
pub fn use_strings() -> impl Fn() -> &'static Strings + Copy {
    let locale = use_locale();
    move || strings(locale.get())
}
