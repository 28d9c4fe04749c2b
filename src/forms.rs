//! A form posted without script comes back from the server as a page: the values to fill in
//! again with the errors found by the same `feedback` rules, or the receipt. The server provides
//! it as context while rendering that page; in the browser there is none.

use feedback::{FieldError, Submission};
use leptos::prelude::*;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PostedForm {
    pub submission: Submission,
    pub errors: Vec<FieldError>,
    /// The stored record's receipt number, when the submission was accepted.
    pub receipt: Option<String>,
    /// A step of the kiosk survey (`step`, nothing stored yet): its 「もどる」 was pressed.
    pub back: bool,
}

pub fn use_posted_form() -> Option<PostedForm> {
    use_context::<PostedForm>()
}
