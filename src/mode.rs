//! Where the widget runs — full page, embedded card, or counter kiosk — read once from the
//! address at start-up and kept for the whole visit, as a context every layer may read
//! (components, routes and the modes' own screens in `modes/`).

use leptos::prelude::*;
use view_models::screens::contexts::Mode;

use crate::request::PageRequest;

#[derive(Clone)]
pub struct ModeContext(pub Mode);

pub fn provide_mode(request: &PageRequest) -> Mode {
    let m = request.mode();
    provide_context(ModeContext(m.clone()));
    m
}

pub fn use_mode() -> Mode {
    use_context::<ModeContext>().map(|m| m.0).unwrap_or(Mode::Full)
}

pub fn is_kiosk() -> bool {
    matches!(use_mode(), Mode::Kiosk { .. })
}
