//! The screens particular to a mode: the embedded card (`embed`) and the counter kiosk
//! (`kiosk`). Which mode a page is in is `crate::mode`.

pub mod embed;
pub mod kiosk;
