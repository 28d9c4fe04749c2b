//! Where the manifest is: `/data/index.json` on this site, or a `?data=` manifest on the
//! same origin (staff preview a new snapshot; tests use it). Other origins are refused.

use view_models::screens::failure::LoadError;

use crate::browser;

pub struct DataSource {
    pub manifest_url: String,
    pub preview: bool,
}

pub fn resolve_manifest_url() -> Result<DataSource, LoadError> {
    let window = browser::window().ok_or(LoadError::Network)?;
    let location = window.location();
    let href = location.href().map_err(|_| LoadError::BadDataParam)?;
    let search = location.search().unwrap_or_default();
    let param = web_sys::UrlSearchParams::new_with_str(&search).ok().and_then(|p| p.get("data"));
    let page_origin = location.origin().map_err(|_| LoadError::BadDataParam)?;
    resolve(param.as_deref(), &href, &page_origin)
}

/// Pure part of the rule, for tests: `param` is `?data=`, `base` the page's URL.
pub fn resolve(param: Option<&str>, base: &str, page_origin: &str) -> Result<DataSource, LoadError> {
    let Some(param) = param.filter(|p| !p.trim().is_empty()) else {
        // From the site's root, whichever route (`/plan`, `/plan/`) the page is on.
        let url = web_sys::Url::new_with_base("/data/index.json", base).map_err(|_| LoadError::BadDataParam)?;
        return Ok(DataSource {
            manifest_url: url.href(),
            preview: false,
        });
    };
    let url = web_sys::Url::new_with_base(param, base).map_err(|_| LoadError::BadDataParam)?;
    if !matches!(url.protocol().as_str(), "http:" | "https:") {
        return Err(LoadError::BadDataParam);
    }
    if url.origin() != page_origin {
        return Err(LoadError::ForeignOrigin);
    }
    Ok(DataSource {
        manifest_url: url.href(),
        preview: true,
    })
}

/// Changes the address's parameters without a reload (the back button is not burdened with each
/// choice). The address keeps the app's parameters only, in their one order, and its fragment.
pub fn change_address(change: impl FnOnce(&mut crate::request::Params)) {
    let Some(window) = browser::window() else { return };
    let location = window.location();
    let mut params = crate::request::Params::parse(&location.search().unwrap_or_default());
    change(&mut params);
    let (path, hash) = (location.pathname().unwrap_or_default(), location.hash().unwrap_or_default());
    let href = format!("{}{hash}", view_models::request::href(&path, &params.pairs()));
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&href));
    }
}
