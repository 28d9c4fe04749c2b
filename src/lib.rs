//! The citizen-facing widget: app shell, navigation and the screens — rendered to HTML on the
//! server (`render`, feature `ssr`) and taken over in the browser (`hydrate`, feature `hydrate`).
//!
//! Data flows one way: `data` reads and parses the published snapshot, the `view-models` crate
//! turns it into what each screen shows, `routes` and `components` render that, nothing more.

pub mod browser;
pub mod components;
pub mod data;
pub mod forms;
pub mod i18n;
pub mod modes;
pub mod navigation;
pub mod outbox;
pub mod request;
pub mod routes;
#[cfg(feature = "ssr")]
pub mod render;

use leptos::prelude::*;

use components::layout::Layout;
use data::provide_snapshot;
use i18n::provide_locale;
use request::{provide_request, PageRequest};
use view_models::route::Screen;
use view_models::screens::contexts::Mode;
use view_models::Locale;

/// The whole widget for one page request, in `locale` (the server's choice, which the browser
/// keeps so both render the same page).
#[component]
pub fn App(request: PageRequest, locale: Locale) -> impl IntoView {
    provide_request(request.clone());
    provide_locale(locale);
    i18n::follow_reader_choice(&request);
    provide_snapshot(request.param("asof"));
    outbox::provide_outbox();
    let mode = modes::provide_mode(&request);
    if let Mode::Embed { card } = mode {
        return view! { <modes::embed::EmbedApp card/> }.into_any();
    }
    let kiosk = matches!(mode, Mode::Kiosk { .. });
    let address = navigation::provide_address(&request.path, kiosk);
    if kiosk {
        modes::kiosk::start_kiosk();
    }
    let idle = match mode {
        Mode::Kiosk { idle_seconds } => Some(view! { <modes::kiosk::IdleGuard idle_seconds/> }),
        _ => None,
    };
    let screen = Memo::new(move |_| view_models::route::at_kiosk(address.screen(), kiosk));
    // At a kiosk the start screen is the counter survey, and the general form (which asks for
    // contact details) is not offered.
    let page = move || match screen.get() {
        Screen::Start if kiosk => view! { <modes::kiosk::KioskStart/> }.into_any(),
        Screen::Start | Screen::Home => view! { <routes::home::Home/> }.into_any(),
        Screen::Plan => view! { <routes::plan::Plan/> }.into_any(),
        Screen::Results => view! { <routes::results::Results/> }.into_any(),
        Screen::Indicators => view! { <routes::indicators::Indicators/> }.into_any(),
        Screen::Counter => view! { <routes::counter::Counter/> }.into_any(),
        Screen::Konbini => view! { <routes::konbini::Konbini/> }.into_any(),
        Screen::Staff => view! { <routes::staff::Staff/> }.into_any(),
        Screen::Feedback => view! { <routes::feedback::Feedback/> }.into_any(),
        Screen::NotFound => view! { <routes::not_found::NotFound/> }.into_any(),
    };
    view! {
        {idle}
        <Layout>{page}</Layout>
    }
    .into_any()
}

/// Takes over the server's HTML in `#app`: same request, same language, the snapshot carried
/// in the page. Called by `boot.js` once the wasm is loaded.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    let request = request::from_address_bar();
    let document = browser::document().expect("a browser document");
    // The language the page was rendered in; a static export's page may differ from the
    // reader's choice, which then follows once the page is live.
    let rendered = document.document_element().and_then(|e| e.get_attribute("data-locale")).and_then(|c| Locale::from_code(&c));
    let wanted = request.locale(browser::cookie(view_models::request::LANG_COOKIE).as_deref());
    let root = document.get_element_by_id("app").expect("the page has #app");
    let root: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(root);
    let locale = rendered.unwrap_or(wanted);
    leptos::mount::hydrate_from(root, move || view! { <App request locale/> }).forget();
    // For tests and benchmarks: the page is live.
    if let Some(html) = document.document_element() {
        let _ = html.set_attribute("data-hydrated", "true");
    }
}
