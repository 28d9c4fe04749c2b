//! The frame around every screen: skip link, header with the language switcher, main menu, footer.

use leptos::prelude::*;
use view_models::{format::as_of, Locale};

use crate::data::{use_snapshot, LoadState};
use crate::i18n::{use_locale, use_strings};
use crate::modes::is_kiosk;
use crate::modes::kiosk::TextSizeControl;
use crate::modes::print::PrintHeader;
use crate::navigation::Link;

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
                    <Link href="/">
                        <span class="site-title__city">{move || t().city}</span>
                        <span class="site-title__name">{move || t().app_name}</span>
                    </Link>
                </p>
                <LanguageSwitcher/>
                {kiosk.then(|| view! { <TextSizeControl/> })}
            </div>
            <nav class="site-nav" aria-label=move || t().nav_label>
                <ul>
                    <li><Link href="/">{move || if kiosk { t().kiosk_title } else { t().nav_home }}</Link></li>
                    {kiosk.then(|| view! { <li><Link href="/home">{move || t().nav_home}</Link></li> })}
                    <li><Link href="/plan">{move || t().nav_plan}</Link></li>
                    <li><Link href="/results">{move || t().nav_results}</Link></li>
                    <li><Link href="/indicators">{move || t().nav_indicators}</Link></li>
                    <li><Link href="/counter">{move || t().nav_counter}</Link></li>
                    <li><Link href="/konbini">{move || t().nav_konbini}</Link></li>
                    <li><Link href="/staff">{move || t().nav_staff}</Link></li>
                    {(!kiosk).then(|| view! { <li><Link href="/feedback">{move || t().nav_feedback}</Link></li> })}
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
