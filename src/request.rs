//! The page request the app renders: built from the HTTP request on the server and from the
//! address bar in the browser, so both sides start from the same path, query and language.

use leptos::prelude::*;
pub use view_models::request::{PageRequest, Params};

#[derive(Clone, Debug)]
pub struct RequestContext {
    pub request: PageRequest,
}

pub fn provide_request(request: PageRequest) {
    provide_context(RequestContext { request });
}

/// The request the page was first rendered for (in-app navigation changes only the path).
pub fn use_request() -> PageRequest {
    use_context::<RequestContext>().map(|r| r.request).unwrap_or_default()
}

/// The address's query parameters now: the address bar in the browser (in-app navigation
/// changes it), the request on the server.
pub fn query_params() -> Params {
    #[cfg(target_arch = "wasm32")]
    if crate::browser::window().is_some() {
        return from_address_bar().params;
    }
    use_request().params
}

/// The address bar, in the browser.
#[cfg(target_arch = "wasm32")]
pub fn from_address_bar() -> PageRequest {
    let location = crate::browser::window().map(|w| w.location());
    let get =
        |f: fn(&web_sys::Location) -> Result<String, wasm_bindgen::JsValue>| location.as_ref().and_then(|l| f(l).ok()).unwrap_or_default();
    PageRequest::new(
        &get(web_sys::Location::pathname),
        &get(web_sys::Location::search),
        &get(web_sys::Location::origin),
    )
}
