//! One view-model per screen: everything a screen shows, already chosen, computed and worded.

pub mod changes;
pub mod contexts;
pub mod failure;
pub mod feedback_form;
pub mod home;
pub mod results;
pub mod trends;
