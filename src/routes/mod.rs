//! One file per screen, named by its URL.

pub mod counter;
pub mod feedback;
pub mod home;
pub mod indicators;
pub mod konbini;
pub mod my_voice;
pub mod not_found;
pub mod plan;
pub mod results;
pub mod staff;
pub mod voices;
