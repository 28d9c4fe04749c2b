//! The frame around every screen: skip link, header with the language switch, main menu
//! (a disclosure on narrow screens), footer. All plain links, so all of it works without script.

use leptos::prelude::*;
use view_models::request::language_href;
use view_models::route::SCREENS;
use view_models::{format::as_of, Locale};

use crate::components::furigana_switch::furigana_switch;
use crate::components::loaded::WhenLoaded;
use crate::components::print_header::PrintHeader;
use crate::components::ruby::ruby;
use crate::components::text_size::TextSizeControl;
use crate::data::LoadState;
use crate::i18n::{choose, use_locale, use_marked_strings, use_strings};
use crate::mode::is_kiosk;
use crate::navigation::{use_address, Link};
use crate::request::use_request;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let t = use_strings();
    let m = use_marked_strings();
    let kiosk = is_kiosk();
    let locale = use_locale();
    // The screens this publication has (all of them while it cannot be read).
    let menu_items = move |state: LoadState| {
        SCREENS
            .iter()
            .filter(|e| e.in_menu(kiosk))
            .filter(|e| match &state {
                LoadState::Ready { snapshot, .. } => (e.shown_with)(snapshot),
                LoadState::Failed(_) => true,
            })
            .map(|e| view! { <li><Link href=e.path>{move || e.label(kiosk, t())}</Link></li> })
            .collect_view()
    };
    // The city's name, after its logo where it has one (an image beside the name it shows: no
    // words of its own).
    let city_name = move |state: LoadState| match state {
        LoadState::Ready { snapshot, .. } => {
            let name = view_models::city::name_marked(&snapshot, locale.get())?;
            let name = view! { <span class="site-title__city">{ruby(&name)}</span> };
            Some(match view_models::city::logo(&snapshot) {
                Some(logo) => view! {
                    <img class="site-title__logo" src=logo.href width=logo.width height=logo.height alt=""/>
                    {name}
                }
                .into_any(),
                None => name.into_any(),
            })
        }
        LoadState::Failed(_) => None,
    };
    view! {
        <PrintHeader/>
        <a class="skip-link" href="#main">{move || ruby(m().skip_to_content)}</a>
        <header class="site-header">
            <div class="site-header__bar">
                <p class="site-title">
                    <Link href="/">
                        <WhenLoaded show=city_name/>
                        <span class="site-title__name">{move || ruby(m().app_name)}</span>
                    </Link>
                </p>
                <LanguageSwitcher/>
                {kiosk.then(|| view! { <TextSizeControl/> })}
            </div>
            <nav class="site-nav" aria-label=move || t().nav_label>
                <details class="site-nav__menu">
                    <summary class="site-nav__toggle">{move || ruby(m().menu)}</summary>
                    <ul>
                        <WhenLoaded show=menu_items/>
                    </ul>
                </details>
            </nav>
        </header>
        <main id="main" class="site-main" tabindex="-1">{children()}</main>
        <Footer/>
    }
}

/// Three links, each labelled in its own language, so a reader finds theirs. Without script
/// each loads the page in that language (the server remembers the choice in a cookie); with
/// script the page switches in place and sets the same cookie.
#[component]
fn LanguageSwitcher() -> impl IntoView {
    let locale = use_locale();
    let t = use_strings();
    let first = use_request();
    let address = use_address();
    view! {
        <div class="lang-switch" role="group" aria-label=move || t().language>
            {Locale::ALL
                .into_iter()
                .map(|l| {
                    let first = first.clone();
                    let href = move || language_href(&address.map(|a| a.path()).unwrap_or_else(|| first.path.clone()), &first, l);
                    view! {
                        <a
                            class="lang-switch__button"
                            href=href
                            hreflang=l.html_lang()
                            lang=l.html_lang()
                            aria-current=move || (locale.get().language() == l).then_some("true")
                            on:click=move |ev| {
                                ev.prevent_default();
                                choose(locale, l);
                            }
                        >
                            // On a page in やさしい日本語 the names carry their readings too.
                            {move || if locale.get().shows_readings() { ruby(l.native_name_marked()) } else { l.native_name().into_any() }}
                        </a>
                    }
                    .into_any()
                })
                .chain(furigana_switch())
                .collect_view()}
        </div>
    }
}

#[component]
fn Footer() -> impl IntoView {
    let t = use_strings();
    let locale = use_locale();
    let source = move |state: LoadState| match state {
        LoadState::Ready { snapshot, .. } => {
            let l = locale.get();
            Some(view! {
                <p>
                    {t().source} ": " {ruby(l.pick_marked(&snapshot.source.title))} " — "
                    {ruby(l.pick_marked(&snapshot.source.publisher))} " ("
                    {as_of(&snapshot.as_of, l)} ")"
                </p>
            })
        }
        _ => None,
    };
    view! { <footer class="site-footer"><WhenLoaded show=source/></footer> }
}
