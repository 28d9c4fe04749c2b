//! Reads a filled workbook into plain cells, bounded: .xlsx (streamed cell by cell with
//! `calamine`, merged ranges and formulas without results noted), .ods, or a folder of CSV files
//! (one per sheet, named after it) in UTF-8 with or without BOM, or Shift_JIS as Japanese Excel
//! saves it. A file that is too large, unpacks too far (a zip bomb) or has too many rows is a
//! problem, found before much is read.

use std::io::{Cursor, Read};
use std::path::Path;

use calamine::{Data, DataRef, Ods, Reader, Xlsx};

use super::{Book, Cell, CellRef, Sheet};
use crate::problem::{Kind, SheetProblem};

pub const MAX_FILE_BYTES: u64 = 20 << 20;
pub const MAX_UNZIPPED_BYTES: u64 = 64 << 20;
pub const MAX_ROWS: u32 = 10_000;
pub const MAX_COLS: u32 = 256;
const MAX_SHEETS: usize = 64;

type Read_ = Result<Book, Vec<SheetProblem>>;

fn problem(kind: Kind) -> Vec<SheetProblem> {
    vec![SheetProblem::file(kind)]
}

/// Reads `path`: a folder of CSV files, else a workbook by its content (.xlsx or .ods).
pub fn read_path(path: &Path) -> Read_ {
    if path.is_dir() {
        return read_csv_dir(path);
    }
    let size = std::fs::metadata(path)
        .map_err(|e| problem(Kind::NotAWorkbook(e.to_string())))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(problem(Kind::FileTooLarge {
            max_mib: MAX_FILE_BYTES >> 20,
        }));
    }
    let bytes = std::fs::read(path).map_err(|e| problem(Kind::NotAWorkbook(e.to_string())))?;
    read_bytes(&bytes)
}

/// Reads a workbook's bytes (an upload): .xlsx or .ods, told apart by their contents.
pub fn read_bytes(bytes: &[u8]) -> Read_ {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(problem(Kind::FileTooLarge {
            max_mib: MAX_FILE_BYTES >> 20,
        }));
    }
    let ods = check_zip(bytes)?;
    if ods {
        read_ods(bytes)
    } else {
        read_xlsx(bytes)
    }
}

/// Inflates every part of the zip container with a bound, whatever sizes it declares, so a
/// zip bomb stops at the bound; tells whether it is an OpenDocument spreadsheet.
fn check_zip(bytes: &[u8]) -> Result<bool, Vec<SheetProblem>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| problem(Kind::NotAWorkbook(e.to_string())))?;
    let mut total = 0u64;
    let mut ods = false;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|e| problem(Kind::NotAWorkbook(e.to_string())))?;
        if part.name().is_ok_and(|n| n == "mimetype") {
            let mut m = String::new();
            let _ = (&mut part).take(100).read_to_string(&mut m);
            ods = m.trim() == "application/vnd.oasis.opendocument.spreadsheet";
            continue;
        }
        let left = MAX_UNZIPPED_BYTES - total;
        let n =
            std::io::copy(&mut (&mut part).take(left + 1), &mut std::io::sink()).map_err(|e| problem(Kind::NotAWorkbook(e.to_string())))?;
        total += n;
        if total > MAX_UNZIPPED_BYTES {
            return Err(problem(Kind::Unzipped {
                max_mib: MAX_UNZIPPED_BYTES >> 20,
            }));
        }
    }
    Ok(ods)
}

/// Keeps a cell, or says the sheet is too big.
fn keep(sheet: &mut Sheet, pos: (u32, u32), cell: Option<Cell>) -> Result<(), Vec<SheetProblem>> {
    let Some(cell) = cell else { return Ok(()) };
    if pos.0 >= MAX_ROWS {
        return Err(vec![SheetProblem::sheet(&sheet.name, Kind::TooManyRows { max: MAX_ROWS })]);
    }
    if pos.1 >= MAX_COLS {
        return Err(vec![SheetProblem::sheet(&sheet.name, Kind::TooManyColumns { max: MAX_COLS })]);
    }
    sheet.cells.insert(CellRef { row: pos.0, col: pos.1 }, cell);
    Ok(())
}

fn number_or_text(n: f64) -> Option<Cell> {
    Some(Cell::Number(n))
}

fn from_ref(v: &DataRef<'_>) -> Option<Cell> {
    match v {
        DataRef::Empty => None,
        DataRef::Int(i) => number_or_text(*i as f64),
        DataRef::Float(f) => number_or_text(*f),
        DataRef::String(s) => Some(Cell::Text(s.clone())).filter(|_| !s.trim().is_empty()),
        DataRef::SharedString(s) => Some(Cell::Text(s.to_string())).filter(|_| !s.trim().is_empty()),
        other => Some(Cell::Other(format!("{other:?}"))),
    }
}

fn from_data(v: &Data) -> Option<Cell> {
    match v {
        Data::Empty => None,
        Data::Int(i) => number_or_text(*i as f64),
        Data::Float(f) => number_or_text(*f),
        Data::String(s) => Some(Cell::Text(s.clone())).filter(|_| !s.trim().is_empty()),
        other => Some(Cell::Other(other.to_string())),
    }
}

fn read_xlsx(bytes: &[u8]) -> Read_ {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| problem(Kind::NotAWorkbook(e.to_string())))?;
    let names = book.sheet_names();
    if names.len() > MAX_SHEETS {
        return Err(problem(Kind::NotAWorkbook(format!("{} sheets", names.len()))));
    }
    let mut out = Book::default();
    for name in names {
        let mut sheet = Sheet {
            name: name.clone(),
            ..Sheet::default()
        };
        sheet.merged = book
            .merge_cells_by_sheet_name(&name)
            .unwrap_or_default()
            .iter()
            .map(|d| {
                format!(
                    "{}:{}",
                    CellRef {
                        row: d.start.0,
                        col: d.start.1
                    },
                    CellRef {
                        row: d.end.0,
                        col: d.end.1
                    }
                )
            })
            .collect();
        let mut cells = book
            .worksheet_cells_reader(&name)
            .map_err(|e| problem(Kind::NotAWorkbook(e.to_string())))?;
        while let Some(c) = cells
            .next_cell_with_formula()
            .map_err(|e| problem(Kind::NotAWorkbook(e.to_string())))?
        {
            let cell = match (&c.value, &c.formula) {
                (DataRef::Empty, Some(f)) if !f.is_empty() => Some(Cell::FormulaWithoutResult(format!("={f}"))),
                (v, _) => from_ref(v),
            };
            keep(&mut sheet, c.pos, cell)?;
        }
        out.sheets.push(sheet);
    }
    Ok(out)
}

fn read_ods(bytes: &[u8]) -> Read_ {
    let mut book: Ods<_> = Ods::new(Cursor::new(bytes)).map_err(|e| problem(Kind::NotAWorkbook(e.to_string())))?;
    let mut out = Book::default();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| problem(Kind::NotAWorkbook(e.to_string())))?;
        let mut sheet = Sheet {
            name: name.clone(),
            ..Sheet::default()
        };
        for (row, col, v) in range.used_cells() {
            let (r, c) = range.start().unwrap_or((0, 0));
            keep(&mut sheet, (r + row as u32, c + col as u32), from_data(v))?;
        }
        out.sheets.push(sheet);
    }
    Ok(out)
}

/// Text as Excel saves a CSV in Japan: UTF-8 with or without its BOM, else Shift_JIS (CP932).
pub fn decode(bytes: &[u8]) -> Option<String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest).ok().map(str::to_string);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some(s.to_string());
    }
    let (text, _, had_errors) = encoding_rs::SHIFT_JIS.decode(bytes);
    (!had_errors).then(|| text.into_owned())
}

fn read_csv_dir(dir: &Path) -> Read_ {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| problem(Kind::NotAWorkbook(e.to_string())))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| is_csv(&p.to_string_lossy()))
        .collect();
    files.sort();
    if files.is_empty() || files.len() > MAX_SHEETS {
        return Err(problem(Kind::NoSheets));
    }
    let mut total = 0u64;
    let mut named = vec![];
    for file in files {
        total += std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
        if total > MAX_FILE_BYTES {
            return Err(problem(Kind::FileTooLarge {
                max_mib: MAX_FILE_BYTES >> 20,
            }));
        }
        let bytes = std::fs::read(&file).map_err(|e| problem(Kind::NotAWorkbook(e.to_string())))?;
        named.push((
            file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            bytes,
        ));
    }
    read_csv_files(&named)
}

fn is_csv(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".csv")
}

/// The sheet a CSV file holds, by its name: `検証指標.csv` as Excel saves one sheet, or
/// `BOOK-検証指標.csv` as LibreOffice saves every sheet of a book at once.
fn sheet_of_file(file: &str) -> Option<&'static str> {
    let stem = file.get(..file.len().checked_sub(4)?)?;
    super::layout::all_sheets().find(|sheet| stem == *sheet || stem.strip_suffix(sheet).is_some_and(|book| book.ends_with('-')))
}

/// CSV files named after their sheets, as a book; a file named after no sheet is a problem that
/// names it (else every sheet would be reported missing, and the files never mentioned).
fn read_csv_files(files: &[(String, Vec<u8>)]) -> Read_ {
    let mut out = Book::default();
    let mut strays = vec![];
    for (file, bytes) in files {
        let file = file.rsplit(['/', '\\']).next().unwrap_or(file);
        let Some(name) = sheet_of_file(file) else {
            strays.push(problem(Kind::FileMatchesNoSheet(file.to_string())).remove(0));
            continue;
        };
        let text = decode(bytes).ok_or_else(|| vec![SheetProblem::sheet(name, Kind::UnknownEncoding)])?;
        out.sheets.push(read_csv(name, &text)?);
    }
    if strays.is_empty() {
        Ok(out)
    } else {
        Err(strays)
    }
}

/// Files uploaded through the staff page: one workbook, or one CSV file per sheet.
pub struct Upload(pub Vec<(String, Vec<u8>)>);

impl Upload {
    pub fn read(&self) -> Read_ {
        let total: usize = self.0.iter().map(|(_, b)| b.len()).sum();
        if total as u64 > MAX_FILE_BYTES {
            return Err(problem(Kind::FileTooLarge {
                max_mib: MAX_FILE_BYTES >> 20,
            }));
        }
        match self.0.as_slice() {
            [] => Err(problem(Kind::NoSheets)),
            files if files.len() <= MAX_SHEETS && files.iter().all(|(n, _)| is_csv(n)) => read_csv_files(files),
            [(_, bytes)] => read_bytes(bytes),
            _ => Err(problem(Kind::NotAWorkbook("one workbook, or CSV files only".into()))),
        }
    }
}

/// One CSV file as a sheet. Every cell is text, as CSV has no types; the import reads numbers
/// from it by the same rules as a number typed into a text cell.
pub fn read_csv(name: &str, text: &str) -> Result<Sheet, Vec<SheetProblem>> {
    let mut sheet = Sheet {
        name: name.to_string(),
        ..Sheet::default()
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    for (r, record) in reader.records().enumerate() {
        let record = record.map_err(|e| vec![SheetProblem::sheet(name, Kind::NotAWorkbook(e.to_string()))])?;
        for (c, field) in record.iter().enumerate() {
            let cell = Some(Cell::Text(field.to_string())).filter(|_| !field.trim().is_empty());
            keep(&mut sheet, (r as u32, c as u32), cell)?;
        }
    }
    Ok(sheet)
}
