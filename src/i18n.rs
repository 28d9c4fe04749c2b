//! The chosen language: the one the page was rendered in (from `?lang=`, else the switch's
//! cookie, else Japanese: `view_models::request`). Switching sets the cookie, so the server
//! answers the next page in the same language, and updates `<html lang>`.

use leptos::prelude::*;
use view_models::request::{FURIGANA_COOKIE, LANG_COOKIE, LANG_COOKIE_ATTRIBUTES};
use view_models::{marked_strings, strings, Locale, Strings};

use crate::browser;

#[derive(Clone, Copy)]
pub struct LocaleContext(pub RwSignal<Locale>);

pub fn provide_locale(initial: Locale) {
    let locale = RwSignal::new(initial);
    Effect::new(move |_| {
        let l = locale.get();
        if let Some(html) = browser::document().and_then(|d| d.document_element()) {
            let _ = html.set_attribute("lang", l.html_lang());
            let _ = html.set_attribute("data-locale", l.page_code());
        }
    });
    provide_context(LocaleContext(locale));
}

/// A page rendered in another language than the reader's (a static export's pages are
/// written once per language) switches once it is live.
pub fn follow_reader_choice(request: &view_models::request::PageRequest) {
    let locale = use_locale();
    let request = request.clone();
    Effect::new(move |_| {
        let wanted = request.locale_shown(
            browser::cookie(LANG_COOKIE).as_deref(),
            browser::cookie(FURIGANA_COOKIE).as_deref(),
            snapshot::readings::offered(),
        );
        if wanted != locale.get_untracked() {
            locale.set(wanted);
        }
    });
}

/// The reader chose `l`: remembered for this site's next pages. Japanese keeps the ふりがな the
/// reader switched on.
pub fn choose(locale: RwSignal<Locale>, l: Locale) {
    browser::set_cookie(LANG_COOKIE, l.code(), LANG_COOKIE_ATTRIBUTES);
    let furigana = locale.get_untracked() == Locale::JaFurigana || browser::cookie(FURIGANA_COOKIE).as_deref() == Some("on");
    locale.set(l.with_furigana(furigana && snapshot::readings::offered()));
}

/// Forgets the choices (a kiosk's reset between two people).
pub fn forget_choice() {
    browser::set_cookie(LANG_COOKIE, "", "Path=/; Max-Age=0; SameSite=Lax");
    browser::set_cookie(FURIGANA_COOKIE, "", "Path=/; Max-Age=0; SameSite=Lax");
}

pub fn use_locale() -> RwSignal<Locale> {
    expect_context::<LocaleContext>().0
}

/// Interface text in the current language, reactively.
pub fn use_strings() -> impl Fn() -> &'static Strings + Copy {
    let locale = use_locale();
    move || strings(locale.get())
}

/// Interface text with its readings, for what is shown through `components::ruby`.
pub fn use_marked_strings() -> impl Fn() -> &'static Strings + Copy {
    let locale = use_locale();
    move || marked_strings(locale.get())
}

/// Keeps the tab's title on this screen's heading, in the current language.
pub fn follow_page_title(title: fn(&Strings) -> &'static str) {
    let locale = use_locale();
    let shown = crate::data::use_snapshot().resource;
    Effect::new(move |_| {
        let (l, t) = (locale.get(), strings(locale.get()));
        let city = match shown.get() {
            Some(crate::data::LoadState::Ready { snapshot, .. }) => view_models::city::name(&snapshot, l).map(|c| c.into_owned()),
            _ => None,
        };
        crate::browser::set_title(&view_models::route::page_title(title(t), city.as_deref(), t))
    });
}
