//! The citizen-facing widget: app shell, router and the screens.
//!
//! Data flows one way: `data` fetches and parses the published snapshot, the
//! `view-models` crate turns it into what each screen shows, `routes` and
//! `components` render that, nothing more.

pub mod components;
pub mod data;
pub mod i18n;
pub mod modes;
pub mod navigation;
pub mod outbox;
pub mod routes;

use leptos::prelude::*;

use components::layout::Layout;
use data::provide_snapshot;
use i18n::provide_locale;
use view_models::route::Screen;
use view_models::screens::contexts::Mode;

#[component]
pub fn App() -> impl IntoView {
    provide_locale();
    provide_snapshot();
    outbox::provide_outbox();
    let mode = modes::provide_mode();
    if let Mode::Embed { card } = mode {
        return view! { <modes::embed::EmbedApp card/> }.into_any();
    }
    let address = navigation::provide_address();
    let kiosk = matches!(mode, Mode::Kiosk { .. });
    if kiosk {
        modes::kiosk::start_kiosk();
    }
    let idle = match mode {
        Mode::Kiosk { idle_seconds } => Some(view! { <modes::kiosk::IdleGuard idle_seconds/> }),
        _ => None,
    };
    let screen = Memo::new(move |_| address.screen());
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
        Screen::Feedback if !kiosk => view! { <routes::feedback::Feedback/> }.into_any(),
        Screen::Feedback | Screen::NotFound => view! { <routes::not_found::NotFound/> }.into_any(),
    };
    view! {
        {idle}
        <Layout>{page}</Layout>
    }
    .into_any()
}

/// Replaces the static loading shell of `index.html` with the running app.
pub fn mount() {
    let document = web_sys::window().and_then(|w| w.document()).expect("a browser document");
    let root = document.get_element_by_id("app").expect("index.html has #app");
    root.set_inner_html("");
    let root: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(root);
    leptos::mount::mount_to(root, App).forget();
}
