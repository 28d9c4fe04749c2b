//! Shared by the publish tests: the published snapshot, the workbook written from it, cells
//! found by row id and heading, and tiny hand-made workbooks for what our writer never writes.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use publish::workbook::{read, write, Book, Cell, CellRef};
use snapshot::Snapshot;

pub fn public_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/data")
}

pub fn base() -> Snapshot {
    snapshot::parse_snapshot(&std::fs::read(public_data().join("snapshots/2023-12.json")).unwrap()).unwrap()
}

pub fn written() -> Vec<u8> {
    write::workbook(&base()).unwrap()
}

pub fn book() -> Book {
    read::read_bytes(&written()).unwrap()
}

/// The cell in `sheet` on the row whose column `id_col` holds `id`, under the heading `header`.
pub fn cell_of(book: &Book, sheet: &str, id_col: u32, id: &str, header: &str) -> CellRef {
    let s = book.sheet(sheet).unwrap_or_else(|| panic!("no sheet {sheet}"));
    let col = (0..64)
        .find(|c| s.text(0, *c).as_deref() == Some(header))
        .unwrap_or_else(|| panic!("no heading {header} in {sheet}"));
    let row = s
        .data_rows()
        .into_iter()
        .find(|r| s.text(*r, id_col).as_deref() == Some(id))
        .unwrap_or_else(|| panic!("no row {id} in {sheet}"));
    CellRef { row, col }
}

pub fn set(book: &mut Book, sheet: &str, at: CellRef, cell: Option<Cell>) {
    let s = book.sheets.iter_mut().find(|s| s.name == sheet).unwrap();
    match cell {
        Some(c) => s.cells.insert(at, c),
        None => s.cells.remove(&at),
    };
}

/// A fresh data folder holding the published files, as the server's first start makes it.
pub fn data_folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("widget-publish-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    assert!(publish::DataFolder::new(&dir).seed_if_empty(&public_data()).unwrap());
    dir
}

#[allow(unused_imports)]
pub use publish::testing::minimal_xlsx;
