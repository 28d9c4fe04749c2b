//! Data for people who want it: each card's figures as CSV (UTF-8 with a BOM, so Excel opens
//! Japanese correctly) and as JSON, offered as `data:` links (no script needed to download).

/// A table to export: a header row and data rows, all as text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

const BOM: &str = "\u{FEFF}";

/// RFC 4180 CSV with CRLF line ends, a leading BOM, and cells that could start a spreadsheet
/// formula (`=`, `+`, `-`, `@`) prefixed with `'` so opening the file runs nothing.
pub fn csv(table: &Table) -> String {
    let mut out = String::from(BOM);
    for row in std::iter::once(&table.header).chain(table.rows.iter()) {
        let line: Vec<String> = row.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

fn csv_cell(cell: &str) -> String {
    let looks_numeric = cell.parse::<f64>().is_ok();
    let cell = if !looks_numeric && cell.starts_with(['=', '+', '-', '@']) { format!("'{cell}") } else { cell.to_string() };
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters (safe in any URL part).
/// Text made safe for HTML text and attribute values (`&`, `<`, `>`, `"`).
pub fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A `data:` URL for `text` of `mime`, percent-encoded (safe in an `href`).
pub fn data_url(mime: &str, text: &str) -> String {
    format!("data:{mime};charset=utf-8,{}", percent_encode(text))
}

/// A plain number for machine-readable files: `107087`, `48.9`; empty when not published.
pub fn raw_number(v: Option<f64>) -> String {
    v.map(|v| format!("{v}")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_has_bom_crlf_and_quotes() {
        let t = Table {
            header: vec!["年度".into(), "件数".into()],
            rows: vec![vec!["2021".into(), "107087".into()], vec!["a,\"b\"".into(), "".into()]],
        };
        assert_eq!(csv(&t), "\u{FEFF}年度,件数\r\n2021,107087\r\n\"a,\"\"b\"\"\",\r\n");
    }

    #[test]
    fn csv_defuses_formulas_but_keeps_negative_numbers() {
        let t = Table { header: vec!["x".into()], rows: vec![vec!["=HYPERLINK(\"x\")".into()], vec!["-1.5".into()], vec!["@SUM(A1)".into()]] };
        let out = csv(&t);
        assert!(out.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{out}");
        assert!(out.contains("\r\n-1.5\r\n"));
        assert!(out.contains("'@SUM(A1)"));
    }

    #[test]
    fn data_urls_are_percent_encoded() {
        assert_eq!(data_url("text/csv", "a,b\r\n"), "data:text/csv;charset=utf-8,a%2Cb%0D%0A");
        assert!(data_url("text/csv", "\u{FEFF}").ends_with("%EF%BB%BF"));
        assert_eq!(raw_number(Some(107087.0)), "107087");
        assert_eq!(raw_number(None), "");
    }
}
