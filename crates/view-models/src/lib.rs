//! View-models: pure functions from the snapshot model to what each screen shows.
//! No web dependencies, so everything here is tested natively with `cargo test`.

pub mod chart;
pub mod escape;
pub mod export;
pub mod format;
pub mod locale;
pub mod outbox;
pub mod progress;
pub mod request;
pub mod route;
pub mod screens;
pub mod strings;

pub use locale::Locale;
pub use strings::{marked_strings, strings, Strings};
