//! Where the widget runs — full page, embedded card, or counter kiosk — read once from the
//! address at start-up and kept for the whole visit.

pub mod embed;
pub mod kiosk;
pub mod print;

use leptos::prelude::*;
use view_models::screens::contexts::{mode, Mode};

use crate::request::PageRequest;

#[derive(Clone)]
pub struct ModeContext(pub Mode);

pub fn provide_mode(request: &PageRequest) -> Mode {
    let param = |k: &str| request.param(k);
    let m = mode(param("embed").as_deref(), param("card").as_deref(), param("mode").as_deref(), param("idle").as_deref());
    provide_context(ModeContext(m.clone()));
    m
}

pub fn use_mode() -> Mode {
    use_context::<ModeContext>().map(|m| m.0).unwrap_or(Mode::Full)
}

pub fn is_kiosk() -> bool {
    matches!(use_mode(), Mode::Kiosk { .. })
}
