//! `?mode=kiosk`: a touch screen at a ward-office counter, one person after another.
//! Large type and targets, the counter survey one step at a time as the start screen
//! (`survey`), and an idle timer that warns, then wipes every trace of the previous person
//! (`idle`). The text-size control is `components::text_size`.

mod idle;
mod survey;

pub use idle::IdleGuard;
pub use survey::KioskStart;

use view_models::request::PageRequest;
use view_models::screens::kiosk_survey::kiosk_address;

use crate::browser;
use crate::outbox::OutboxContext;

/// The start screen's address, taken when the kiosk starts: in-app navigation drops the query.
static KIOSK_START: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Marks the page as a kiosk (large type, 60 px targets) and remembers its start address. (Its
/// links replace the history entry: `navigation::provide_address`.)
pub fn start_kiosk() {
    let Some(window) = browser::window() else { return };
    let _ = KIOSK_START.set(kiosk_address(
        &PageRequest::new("/", &window.location().search().unwrap_or_default(), ""),
        true,
    ));
    if let Some(root) = window.document().and_then(|d| d.document_element()) {
        let _ = root.class_list().add_1("kiosk");
    }
}

/// Back to the start screen with nothing of the previous person left: pending messages stay
/// queued (hidden) until delivered; drafts, language choice, session data and in-memory state
/// go; the page is replaced, not pushed.
pub fn reset_kiosk(outbox: OutboxContext) {
    outbox.hide_all();
    let Some(window) = browser::window() else { return };
    if let Ok(Some(s)) = window.session_storage() {
        let _ = s.clear();
    }
    crate::i18n::forget_choice();
    let start = KIOSK_START.get().cloned().unwrap_or_else(|| "/?mode=kiosk".into());
    let _ = window.location().replace(&start);
}
