//! In-app navigation: the address is a signal; plain clicks on same-origin links and the back
//! and forward buttons change it; `view_models::route` decides the screen and which clicks are
//! ours. leptos_router did this too, but added 47 KB of brotli wasm to a minimal app
//! (docs/decisions.md): more than this whole widget's first-view budget allows for routing.

use leptos::prelude::*;
use view_models::route::{handle_in_app, is_current, screen_for, LinkClick, Screen};
use wasm_bindgen::JsCast;

use crate::browser;
pub use crate::browser::focus_by_id;

/// The page's path, as the address bar shows it. (The query is read from the address bar when
/// needed: `history` has updated it before this signal changes.)
#[derive(Clone, Copy)]
pub struct Address {
    path: RwSignal<String>,
    /// Links replace the history entry instead of adding one (the kiosk: the back button never
    /// reveals a previous person's pages).
    replace_history: bool,
}

impl Address {
    pub fn path(self) -> String {
        self.path.get()
    }

    pub fn screen(self) -> Screen {
        self.path.with(|path| screen_for(path))
    }

    /// Shows `url` (path, query, fragment) without loading a page. `replace` keeps the history
    /// entry count (the kiosk: back never reveals a previous person's pages).
    pub fn go(self, url: &str, replace: bool) {
        let Some(window) = browser::window() else { return };
        if let Ok(history) = window.history() {
            let _ = if replace {
                history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url))
            } else {
                history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url))
            };
        }
        self.path.set(current_path());
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

fn current_path() -> String {
    browser::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default()
}

/// Starts at `path` (the page's, as rendered) and, in the browser, listens to link clicks and
/// history moves. The listeners are never removed, on purpose: the app is never unmounted, and
/// the next page load takes them with the page (so their handles are dropped, not kept).
pub fn provide_address(path: &str, replace_history: bool) -> Address {
    let address = Address {
        path: RwSignal::new(path.to_string()),
        replace_history,
    };
    provide_context(address);
    if browser::window().is_none() {
        return address;
    }
    let _ = window_event_listener(leptos::ev::popstate, move |_| address.path.set(current_path()));
    let _ = window_event_listener(leptos::ev::click, move |ev| on_link_click(address, ev));
    address
}

fn on_link_click(address: Address, ev: web_sys::MouseEvent) {
    if ev.default_prevented() {
        return;
    }
    let link = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("a[href]").ok().flatten());
    let (Some(link), Some(window)) = (link, browser::window()) else {
        return;
    };
    let href = link.get_attribute("href").unwrap_or_default();
    if let Some(id) = href.strip_prefix('#') {
        // In-page anchors such as the skip link: focus moves to the target (the browser would
        // scroll, but not move focus into a `main` it cannot tab to), and no history entry.
        ev.prevent_default();
        focus_by_id(id);
        return;
    }
    let location = window.location();
    let (Ok(page_href), Ok(page_origin), Ok(page_path), Ok(page_search)) =
        (location.href(), location.origin(), location.pathname(), location.search())
    else {
        return;
    };
    let Ok(url) = web_sys::Url::new_with_base(&href, &page_href) else {
        return;
    };
    let (link_path_and_query, page_path_and_query) = (url.pathname() + &url.search(), page_path + &page_search);
    let click = LinkClick {
        modified: ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key(),
        download_or_target: link.has_attribute("download") || link.get_attribute("target").is_some_and(|t| t != "_self"),
        link_origin: &url.origin(),
        page_origin: &page_origin,
        link_path_and_query: &link_path_and_query,
        page_path_and_query: &page_path_and_query,
        link_hash: &url.hash(),
    };
    if handle_in_app(&click) {
        ev.prevent_default();
        address.go(&(link_path_and_query + &url.hash()), address.replace_history);
    }
}

pub fn use_address() -> Option<Address> {
    use_context::<Address>()
}

/// A link to a screen of the widget, marked `aria-current="page"` while that screen is shown.
#[component]
pub fn Link(#[prop(into)] href: String, #[prop(optional)] class: Option<&'static str>, children: Children) -> impl IntoView {
    let address = use_address();
    let target = href.clone();
    let current = move || address.and_then(|a| is_current(&target, &a.path()).then_some("page"));
    view! { <a href=href class=class aria-current=current>{children()}</a> }
}
