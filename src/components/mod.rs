//! Thin, reusable pieces of the screens: layout, the data gate, charts and small widgets.

pub mod charts;
pub mod downloads;
pub mod embed_dialog;
pub mod error_summary;
pub mod history;
pub mod indicator_card;
pub mod layout;
pub mod loaded;
pub mod skeleton;
