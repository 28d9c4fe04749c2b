//! View-models: pure functions from the snapshot model to what each screen shows.
//! No web dependencies, so everything here is tested natively with `cargo test`.

pub mod chart;
pub mod city;
pub mod escape;
pub mod export;
pub mod format;
pub mod outbox;
pub mod progress;
pub mod request;
pub mod route;
pub mod screens;
pub mod strings;

/// The languages, as the snapshot's texts and problems know them (`snapshot::Locale`).
pub use snapshot::Locale;
pub use strings::{marked_strings, strings, Strings};
