//! Publishing, for staff: the desk (the workbook to download and upload, the drafts waiting,
//! what is published, the log) and a draft (what changed, previews, the kiosks' answers and the
//! voices' counts to add, publishing by a second person, discarding); rolling back. Handlers in
//! `desk.rs` and `drafts.rs` gather what a page shows into the plain data of `view.rs`, whose
//! components draw it inside the staff frame.

pub(in crate::staff) mod desk;
pub(in crate::staff) mod drafts;
mod view;
