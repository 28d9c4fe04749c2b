//! One file per screen, named by its URL.

pub mod home;
pub mod not_found;
pub mod plan;
pub mod results;
