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

/// Whether the reader asked to save data (`Save-Data`, where the browser tells): then nothing
/// is downloaded ahead of need.
pub fn saves_data() -> bool {
    let Some(w) = window() else { return false };
    js_sys::Reflect::get(&w.navigator(), &"connection".into())
        .and_then(|c| js_sys::Reflect::get(&c, &"saveData".into()))
        .is_ok_and(|v| v.is_truthy())
}

/// A named point in the page's performance timeline (read by the benchmarks).
pub fn mark(name: &str) {
    if let Some(p) = window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// Resolves when the browser is next idle (`requestIdleCallback`; a short timer where it is
/// missing), so background work never delays a tap.
pub async fn idle() {
    let Some(w) = window() else { return };
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if w.request_idle_callback(&resolve).is_err() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 200);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
