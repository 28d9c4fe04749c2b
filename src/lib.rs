//! The citizen-facing widget: app shell, navigation and the screens — rendered to HTML on the
//! server (`render`, feature `ssr`) and taken over in the browser (`hydrate`, feature `hydrate`).
//!
//! Data flows one way: `data` reads and parses the published snapshot, the `view-models` crate
//! turns it into what each screen shows, `routes` and `components` render that, nothing more.

// Deeply nested views (a screen inside a chunk inside a Transition) need more than the default.
#![recursion_limit = "256"]

// The server and the browser must build the same (erased) view types, or the browser's views do
// not match the server's HTML. `.cargo/config.toml` sets the flag; a target's own RUSTFLAGS
// replace it (scripts/build-web.sh repeats it), and once it was lost that way.
#[cfg(not(erase_components))]
compile_error!("build with `--cfg erase_components` (.cargo/config.toml; repeat it in any CARGO_TARGET_*_RUSTFLAGS)");

pub mod browser;
pub mod chunks;
pub mod components;
pub mod data;
pub mod forms;
pub mod i18n;
pub mod mode;
pub mod modes;
pub mod navigation;
pub mod outbox;
#[cfg(feature = "ssr")]
pub mod render;
pub mod request;
pub mod routes;
pub mod splitting;

use leptos::prelude::*;

use components::layout::Layout;
use data::provide_snapshot;
use i18n::provide_locale;
use request::{provide_request, PageRequest};
use view_models::screens::contexts::Mode;
use view_models::Locale;

/// The whole widget for one page request, in `locale` (the server's choice, which the browser
/// keeps so both render the same page).
#[component]
pub fn App(request: PageRequest, locale: Locale) -> impl IntoView {
    provide_request(request.clone());
    provide_locale(locale);
    i18n::follow_reader_choice(&request);
    provide_snapshot(request.params.asof.clone());
    outbox::provide_outbox();
    let mode = mode::provide_mode(&request);
    if let Mode::Embed { .. } = mode {
        // `main` outside the chunk: its height is what the card reports to the host page.
        return view! { <main id="main" class="embed"><chunks::OnDemand part=|| chunks::Part::Embed/></main> }.into_any();
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
    // At a kiosk the start screen is the counter survey, and the general form (which asks for
    // contact details) is not offered. Each screen but the home page is a chunk of its own.
    let part = Memo::new(move |_| chunks::Part::of(&mode, view_models::route::at_kiosk(address.screen(), kiosk)));
    view! {
        {idle}
        <Layout><chunks::OnDemand part=move || part.get()/></Layout>
    }
    .into_any()
}

/// Takes over the server's HTML in `#app`: same request, same language, the snapshot carried
/// in the page. Called by `boot.js` once the wasm is loaded. The shown screen's chunk is
/// downloaded first, so the takeover finds all its code; if it cannot be, the server's page stays
/// as it is (every link and form works without the app) and the promise rejects.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub async fn hydrate() -> Result<(), wasm_bindgen::JsValue> {
    console_error_panic_hook::set_once();
    let request = request::from_address_bar();
    let document = browser::document().expect("a browser document");
    let shown = request.resolve(view_models::strings(view_models::Locale::default()), None);
    if chunks::preload(chunks::Part::of(&shown.mode, shown.screen)).await.is_err() {
        return Err("the screen's code did not arrive; the page stays as the server sent it".into());
    }
    // The readings the server gave with the page: the app shows the text as the server did.
    if let Some(known) = document
        .get_element_by_id(data::READINGS_ID)
        .and_then(|e| e.text_content())
        .and_then(|json| serde_json::from_str(&json).ok())
    {
        snapshot::readings::install(std::sync::Arc::new(snapshot::readings::Known(known)));
    }
    // The language the page was rendered in; a static export's page may differ from the
    // reader's choice, which then follows once the page is live.
    let rendered = document
        .document_element()
        .and_then(|e| e.get_attribute("data-locale"))
        .and_then(|c| Locale::from_page_code(&c));
    let wanted = request.locale_shown(
        browser::cookie(view_models::request::LANG_COOKIE).as_deref(),
        browser::cookie(view_models::request::FURIGANA_COOKIE).as_deref(),
        snapshot::readings::offered(),
    );
    let root = document.get_element_by_id("app").expect("the page has #app");
    let root: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(root);
    let locale = rendered.unwrap_or(wanted);
    leptos::mount::hydrate_from(root, move || view! { <App request locale/> }).forget();
    // For tests and benchmarks: the page is live.
    if let Some(html) = document.document_element() {
        let _ = html.set_attribute("data-hydrated", "true");
    }
    Ok(())
}
