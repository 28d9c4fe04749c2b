//! Shared by the publish tests: the published snapshot, the workbook written from it, cells
//! found by row id and heading, and tiny hand-made workbooks for what our writer never writes.
#![allow(dead_code)]

use std::io::{Cursor, Write};
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
    let col = (0..64).find(|c| s.text(0, *c).as_deref() == Some(header)).unwrap_or_else(|| panic!("no heading {header} in {sheet}"));
    let row = s.data_rows().into_iter().find(|r| s.text(*r, id_col).as_deref() == Some(id)).unwrap_or_else(|| panic!("no row {id} in {sheet}"));
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

/// A minimal .xlsx of one sheet whose `<sheetData>` is `rows` (inline strings, no styles),
/// padded with `padding` bytes of whitespace inside the sheet part.
pub fn minimal_xlsx(sheet: &str, rows: &mut dyn FnMut(&mut dyn Write), padding: usize) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let parts = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string()),
        ("xl/workbook.xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>"#)),
        ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_string()),
    ];
    for (name, body) in parts {
        zip.start_file(name, o).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.start_file("xl/worksheets/sheet1.xml", o).unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#).unwrap();
    rows(&mut zip);
    zip.write_all(b"</sheetData>").unwrap();
    let spaces = vec![b' '; 1 << 20];
    let mut left = padding;
    while left > 0 {
        let n = left.min(spaces.len());
        zip.write_all(&spaces[..n]).unwrap();
        left -= n;
    }
    zip.write_all(b"</worksheet>").unwrap();
    zip.finish().unwrap().into_inner()
}
