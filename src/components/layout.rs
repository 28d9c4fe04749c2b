//! The frame around every screen: skip link, header with the language switcher, main menu, footer.

use leptos::prelude::*;
use leptos_router::components::A;
use view_models::{format::as_of, Locale};

use crate::data::{use_snapshot, LoadState};
use crate::i18n::{use_locale, use_strings};
use crate::modes::is_kiosk;
use crate::modes::kiosk::TextSizeControl;
use crate::modes::print::PrintHeader;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let t = use_strings();
    let kiosk = is_kiosk();
    view! {
        <PrintHeader/>
        <a class="skip-link" href="#main">{move || t().skip_to_content}</a>
        <header class="site-header">
            <div class="site-header__bar">
                <p class="site-title">
                    <A href="/">
                        <span class="site-title__city">{move || t().city}</span>
                        <span class="site-title__name">{move || t().app_name}</span>
                    </A>
                </p>
                <LanguageSwitcher/>
                {kiosk.then(|| view! { <TextSizeControl/> })}
            </div>
            <nav class="site-nav" aria-label=move || t().nav_label>
                <ul>
                    <li><A href="/" exact=true>{move || if kiosk { t().kiosk_title } else { t().nav_home }}</A></li>
                    {kiosk.then(|| view! { <li><A href="/home">{move || t().nav_home}</A></li> })}
                    <li><A href="/plan">{move || t().nav_plan}</A></li>
                    <li><A href="/results">{move || t().nav_results}</A></li>
                    <li><A href="/indicators">{move || t().nav_indicators}</A></li>
                    <li><A href="/counter">{move || t().nav_counter}</A></li>
                    <li><A href="/konbini">{move || t().nav_konbini}</A></li>
                    <li><A href="/staff">{move || t().nav_staff}</A></li>
                    {(!kiosk).then(|| view! { <li><A href="/feedback">{move || t().nav_feedback}</A></li> })}
                </ul>
            </nav>
        </header>
        <main id="main" class="site-main" tabindex="-1">{children()}</main>
        <Footer/>
    }
}

/// Three buttons, each labelled in its own language, so a reader finds theirs.
#[component]
fn LanguageSwitcher() -> impl IntoView {
    let locale = use_locale();
    let t = use_strings();
    view! {
        <div class="lang-switch" role="group" aria-label=move || t().language>
            {Locale::ALL
                .into_iter()
                .map(|l| {
                    view! {
                        <button
                            type="button"
                            class="lang-switch__button"
                            lang=l.html_lang()
                            aria-pressed=move || (locale.get() == l).to_string()
                            on:click=move |_| locale.set(l)
                        >
                            {l.native_name()}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}

#[component]
fn Footer() -> impl IntoView {
    let t = use_strings();
    let locale = use_locale();
    let ctx = use_snapshot();
    let source = move || match ctx.state.get() {
        LoadState::Ready { snapshot, .. } => {
            let l = locale.get();
            Some(view! {
                <p>
                    {t().source} ": " {l.pick(&snapshot.source.title).to_string()} " — "
                    {l.pick(&snapshot.source.publisher).to_string()} " ("
                    {as_of(&snapshot.as_of, l)} ")"
                </p>
            })
        }
        _ => None,
    };
    view! { <footer class="site-footer">{source}</footer> }
}
