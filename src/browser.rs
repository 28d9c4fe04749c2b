//! The browser, when there is one: the same components also render on the server, where
//! there is no window, so every reach for the page goes through these and finds nothing there.

/// The page's window in the browser; `None` while rendering on the server.
pub fn window() -> Option<web_sys::Window> {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}

pub fn document() -> Option<web_sys::Document> {
    window()?.document()
}

/// This device's localStorage, when the browser allows it.
pub fn local_storage() -> Option<web_sys::Storage> {
    window()?.local_storage().ok()?
}

/// Milliseconds since the epoch (0 on the server, where no timer runs).
pub fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}

/// Moves keyboard focus (and so the view) to the element with `id`, if there is one.
pub fn focus_by_id(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = document().and_then(|d| d.get_element_by_id(id)) {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// Sets the tab's title (the server writes it into the page's head).
pub fn set_title(title: &str) {
    if let Some(doc) = document() {
        doc.set_title(title);
    }
}

/// Reads a cookie of this site by name.
pub fn cookie(name: &str) -> Option<String> {
    use wasm_bindgen::JsCast;
    let doc: web_sys::HtmlDocument = document()?.dyn_into().ok()?;
    let all = doc.cookie().ok()?;
    view_models::request::cookie_value(&all, name).map(str::to_string)
}

/// Writes a cookie of this site (`attributes` such as `Path=/; Max-Age=…`).
pub fn set_cookie(name: &str, value: &str, attributes: &str) {
    use wasm_bindgen::JsCast;
    if let Some(doc) = document().and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok()) {
        let _ = doc.set_cookie(&format!("{name}={value}; {attributes}"));
    }
}
