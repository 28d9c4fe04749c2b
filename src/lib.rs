//! The citizen-facing widget: app shell, router and the screens.
//!
//! Data flows one way: `data` fetches and parses the published snapshot, the
//! `view-models` crate turns it into what each screen shows, `routes` and
//! `components` render that, nothing more.

pub mod components;
pub mod data;
pub mod i18n;
pub mod outbox;
pub mod routes;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use components::layout::Layout;
use data::provide_snapshot;
use i18n::provide_locale;

#[component]
pub fn App() -> impl IntoView {
    provide_locale();
    provide_snapshot();
    outbox::provide_outbox();
    view! {
        <Router>
            <Layout>
                <Routes fallback=routes::not_found::NotFound>
                    <Route path=path!("/") view=routes::home::Home/>
                    <Route path=path!("/plan") view=routes::plan::Plan/>
                    <Route path=path!("/results") view=routes::results::Results/>
                    <Route path=path!("/indicators") view=routes::indicators::Indicators/>
                    <Route path=path!("/counter") view=routes::counter::Counter/>
                    <Route path=path!("/konbini") view=routes::konbini::Konbini/>
                    <Route path=path!("/staff") view=routes::staff::Staff/>
                    <Route path=path!("/feedback") view=routes::feedback::Feedback/>
                </Routes>
            </Layout>
        </Router>
    }
}

/// Replaces the static loading shell of `index.html` with the running app.
pub fn mount() {
    let document = web_sys::window().and_then(|w| w.document()).expect("a browser document");
    let root = document.get_element_by_id("app").expect("index.html has #app");
    root.set_inner_html("");
    let root: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(root);
    leptos::mount::mount_to(root, App).forget();
}
