//! The citizen-facing widget: app shell, router and the screens.
//!
//! Data flows one way: `data` fetches and parses the published snapshot, the
//! `view-models` crate turns it into what each screen shows, `routes` and
//! `components` render that, nothing more.

pub mod components;
pub mod data;
pub mod i18n;
pub mod modes;
pub mod outbox;
pub mod routes;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use components::layout::Layout;
use data::provide_snapshot;
use i18n::provide_locale;
use view_models::screens::contexts::Mode;

#[component]
pub fn App() -> impl IntoView {
    provide_locale();
    provide_snapshot();
    outbox::provide_outbox();
    let mode = modes::provide_mode();
    if let Mode::Embed { card } = mode {
        return view! { <Router><modes::embed::EmbedApp card/></Router> }.into_any();
    }
    let kiosk = matches!(mode, Mode::Kiosk { .. });
    if kiosk {
        modes::kiosk::start_kiosk();
    }
    let idle = match mode {
        Mode::Kiosk { idle_seconds } => Some(view! { <modes::kiosk::IdleGuard idle_seconds/> }),
        _ => None,
    };
    // At a kiosk the start screen is the counter survey, and the general form (which asks for
    // contact details) is not offered.
    let start = move || if kiosk { view! { <modes::kiosk::KioskStart/> }.into_any() } else { view! { <routes::home::Home/> }.into_any() };
    let feedback = move || if kiosk { view! { <routes::not_found::NotFound/> }.into_any() } else { view! { <routes::feedback::Feedback/> }.into_any() };
    view! {
        <Router>
            {idle}
            <Layout>
                <Routes fallback=routes::not_found::NotFound>
                    <Route path=path!("/") view=start/>
                    <Route path=path!("/home") view=routes::home::Home/>
                    <Route path=path!("/plan") view=routes::plan::Plan/>
                    <Route path=path!("/results") view=routes::results::Results/>
                    <Route path=path!("/indicators") view=routes::indicators::Indicators/>
                    <Route path=path!("/counter") view=routes::counter::Counter/>
                    <Route path=path!("/konbini") view=routes::konbini::Konbini/>
                    <Route path=path!("/staff") view=routes::staff::Staff/>
                    <Route path=path!("/feedback") view=feedback/>
                </Routes>
            </Layout>
        </Router>
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
