//! The clerks' workbook: its sheets and headers (`layout`), written from the latest snapshot
//! (`write`), and read back from .xlsx, .ods or a folder of CSV files (`read`) into a [`Book`]
//! of plain cells that the import turns into the next snapshot.

pub mod layout;
pub mod read;
pub mod write;

use std::collections::BTreeMap;

/// One cell as a spreadsheet saved it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Number(f64),
    Text(String),
    /// A formula saved without its result (some tools write them so): it has no value to read.
    FormulaWithoutResult(String),
    /// An error value (`#DIV/0!`), a date or a true/false: never a figure.
    Other(String),
}

/// A cell's address, zero-based; shown as `D7`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CellRef {
    pub row: u32,
    pub col: u32,
}

impl std::fmt::Display for CellRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut letters = Vec::new();
        let mut n = self.col + 1;
        while n > 0 {
            letters.push((b'A' + ((n - 1) % 26) as u8) as char);
            n = (n - 1) / 26;
        }
        letters.reverse();
        write!(f, "{}{}", letters.into_iter().collect::<String>(), self.row + 1)
    }
}

/// One sheet: its non-empty cells, and the merged ranges it has (as `B2:C3`).
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    pub name: String,
    pub cells: BTreeMap<CellRef, Cell>,
    pub merged: Vec<String>,
}

impl Sheet {
    pub fn get(&self, row: u32, col: u32) -> Option<&Cell> {
        self.cells.get(&CellRef { row, col })
    }

    /// The text a cell shows, trimmed (a number as written); `None` for an empty cell.
    pub fn text(&self, row: u32, col: u32) -> Option<String> {
        match self.get(row, col)? {
            Cell::Number(n) => Some(format!("{n}")),
            Cell::Text(t) | Cell::Other(t) => Some(t.trim().to_string()).filter(|t| !t.is_empty()),
            Cell::FormulaWithoutResult(_) => None,
        }
    }

    /// Rows below the header that hold anything, in order.
    pub fn data_rows(&self) -> Vec<u32> {
        let mut rows: Vec<u32> = self.cells.keys().map(|c| c.row).filter(|r| *r > 0).collect();
        rows.dedup();
        rows
    }
}

/// A read workbook: its sheets in order.
#[derive(Debug, Clone, Default)]
pub struct Book {
    pub sheets: Vec<Sheet>,
}

impl Book {
    pub fn sheet(&self, name: &str) -> Option<&Sheet> {
        self.sheets.iter().find(|s| s.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_spreadsheets_name_them() {
        assert_eq!(CellRef { row: 6, col: 3 }.to_string(), "D7");
        assert_eq!(CellRef { row: 0, col: 25 }.to_string(), "Z1");
        assert_eq!(CellRef { row: 0, col: 26 }.to_string(), "AA1");
        assert_eq!(CellRef { row: 9, col: 701 }.to_string(), "ZZ10");
    }
}
