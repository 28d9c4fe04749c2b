//! For tests only: a read book written back as .xlsx or CSV files (as a clerk's program would
//! save it), and tiny hand-made workbooks for what our writer never writes (a formula saved
//! without its result, a million rows, a zip bomb); a fresh PostgreSQL database in the cluster the
//! test command starts. Used by this crate's tests and the server's.

use std::io::{Cursor, Write};
use std::path::Path;

use crate::workbook::{Book, Cell};

/// `book` as an .xlsx file: numbers as numbers, texts as texts.
pub fn xlsx_of(book: &Book) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for sheet in &book.sheets {
        let ws = wb.add_worksheet().set_name(&sheet.name).expect("a sheet name");
        for (c, v) in &sheet.cells {
            match v {
                Cell::Number(n) => ws.write_number(c.row, c.col as u16, *n),
                Cell::Text(t) | Cell::Other(t) => ws.write_string(c.row, c.col as u16, t),
                Cell::FormulaWithoutResult(f) => ws.write_formula(c.row, c.col as u16, f.as_str()),
            }
            .expect("a cell");
        }
    }
    wb.save_to_buffer().expect("a workbook")
}

/// `book` as one CSV file per sheet in `dir`, each cell's text passed through `shown` (Excel
/// writes numbers as displayed) and the file's text through `encode`.
pub fn csv_files_of(book: &Book, dir: &Path, shown: impl Fn(&str, String) -> String, encode: impl Fn(&str) -> Vec<u8>) {
    std::fs::create_dir_all(dir).expect("a folder");
    for sheet in &book.sheets {
        let rows = sheet.cells.keys().map(|c| c.row).max().unwrap_or(0);
        let cols = sheet.cells.keys().map(|c| c.col).max().unwrap_or(0);
        let mut w = csv::Writer::from_writer(vec![]);
        for r in 0..=rows {
            let record: Vec<String> = (0..=cols)
                .map(|c| sheet.text(r, c).unwrap_or_default())
                .map(|v| if r > 0 { shown(&sheet.name, v) } else { v })
                .collect();
            w.write_record(&record).expect("a record");
        }
        let text = String::from_utf8(w.into_inner().expect("written")).expect("UTF-8");
        std::fs::write(dir.join(format!("{}.csv", sheet.name)), encode(&text)).expect("written");
    }
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

/// A minimal OpenDocument spreadsheet of one sheet whose `<table:table>` rows are `rows`.
pub fn minimal_ods(sheet: &str, rows: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
    zip.start_file("META-INF/manifest.xml", stored).unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
    zip.start_file("content.xml", stored).unwrap();
    write!(
        zip,
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="{sheet}">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    )
    .unwrap();
    zip.finish().unwrap().into_inner()
}

fn env(name: &str, default: &str) -> String {
    std::env::var(name)
        .ok()
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| default.to_string())
}

/// The URL of `database` in the cluster `pg_virtualenv` starts (it exports `PGHOST`, `PGPORT`,
/// `PGUSER`, `PGPASSWORD`).
pub fn postgres_url(database: &str) -> String {
    let (host, port, user, password) = (
        env("PGHOST", ""),
        env("PGPORT", "5432"),
        env("PGUSER", "postgres"),
        env("PGPASSWORD", ""),
    );
    assert!(
        !host.is_empty(),
        "PostgreSQL tests need a cluster: run them under `pg_virtualenv` (scripts/test.sh does)"
    );
    let host = if host.starts_with('/') { "localhost".to_string() } else { host };
    format!("postgres://{user}:{password}@{host}:{port}/{database}")
}

/// A new, empty PostgreSQL database named after the test (dropped first if a run left it): its URL.
pub fn fresh_database(name: &str) -> String {
    let database = format!(
        "widget_{}_{}",
        name.replace(|c: char| !c.is_ascii_alphanumeric(), "_"),
        std::process::id()
    );
    let admin_url = postgres_url(&env("PGDATABASE", "postgres"));
    let statements = [
        format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)"),
        format!("CREATE DATABASE {database}"),
    ];
    // On a thread and runtime of its own: callers may be sync or async.
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async {
            let (admin, connection) = tokio_postgres::connect(&admin_url, tokio_postgres::NoTls)
                .await
                .expect("the test cluster answers");
            tokio::spawn(connection);
            for statement in statements {
                admin.batch_execute(&statement).await.expect("a fresh database");
            }
        })
    })
    .join()
    .expect("created");
    postgres_url(&database)
}
