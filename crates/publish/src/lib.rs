//! Publishing new figures without editing JSON. A clerk downloads the latest snapshot as a
//! workbook, fills it in, and the import builds the next snapshot with every rule of the
//! checker, naming problems by sheet and cell; publishing is an atomic, logged, reversible step
//! on the data folder the server reads. Used by `widget-publish` and the server's staff pages.

pub mod blank;
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

/// What the next publication is made on: the latest one, or for a city's first, the blank skeleton.
pub fn base_of(folder: &DataFolder) -> Result<snapshot::Snapshot, FolderError> {
    match folder.latest() {
        Ok(latest) => Ok(latest.snapshot),
        Err(FolderError::Empty(_)) => Ok(blank::skeleton(blank::this_fiscal_year())),
        Err(e) => Err(e),
    }
}

/// Reads a filled workbook and builds the draft on top of the folder's latest snapshot (the blank
/// skeleton before the first publication).
pub fn prepare(folder: &DataFolder, book: &workbook::Book, id: &str, as_of: &str) -> Result<Draft, Vec<SheetProblem>> {
    let folder_problem = |e: FolderError| vec![SheetProblem::file(Kind::folder(&e))];
    let manifest = folder.manifest_or_none().map_err(folder_problem)?;
    if manifest.snapshots.iter().any(|e| e.id == id) {
        return Err(folder_problem(FolderError::IdTaken(id.to_string())));
    }
    let snapshot = import::import(book, &base_of(folder).map_err(folder_problem)?, id, as_of)?;
    let title = import::title_for(&snapshot);
    Ok(Draft { snapshot, title })
}
