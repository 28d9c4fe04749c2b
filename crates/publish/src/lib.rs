//! Publishing new figures without editing JSON. A clerk downloads the latest snapshot as a
//! workbook, fills it in, and the import builds the next snapshot with every rule of the
//! checker, naming problems by sheet and cell; publishing is an atomic, logged, reversible step
//! on the data folder the server reads. Used by `widget-publish` and the server's staff pages.

pub mod drafts;
pub mod folder;
pub mod import;
pub mod mirror;
pub mod problem;
pub mod shared;
#[doc(hidden)]
pub mod testing;
pub mod words;
pub mod workbook;

pub use folder::{DataFolder, FolderError};
pub use problem::{Kind, SheetProblem};

use snapshot::{Snapshot, Text};

/// A checked draft: the next snapshot and its manifest title, not yet published.
#[derive(Debug, Clone)]
pub struct Draft {
    pub snapshot: Snapshot,
    pub title: Text,
}

/// Reads a filled workbook and builds the draft on top of the folder's latest snapshot.
pub fn prepare(folder: &DataFolder, book: &workbook::Book, id: &str, as_of: &str) -> Result<Draft, Vec<SheetProblem>> {
    let latest = folder.latest().map_err(|e| vec![SheetProblem::file(Kind::folder(&e))])?;
    if latest.manifest.snapshots.iter().any(|e| e.id == id) {
        return Err(vec![SheetProblem::file(Kind::folder(&FolderError::IdTaken(id.to_string())))]);
    }
    let snapshot = import::import(book, &latest.snapshot, id, as_of)?;
    let title = import::title_for(&snapshot);
    Ok(Draft { snapshot, title })
}
