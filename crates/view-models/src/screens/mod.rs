//! One view-model per screen: everything a screen shows, already chosen, computed and worded.

pub mod changes;
pub mod contexts;
pub mod counter;
pub mod failure;
pub mod feedback_form;
pub mod home;
pub mod indicators;
pub mod kiosk_survey;
pub mod konbini;
pub mod my_voice;
pub mod results;
pub mod series;
pub mod share;
pub mod staff;
pub mod voices;
