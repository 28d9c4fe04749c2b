//! Tables as CSV that Excel opens safely: UTF-8 with a BOM (Japanese reads correctly), CRLF,
//! RFC 4180 quoting, and formula-like cells defused. Shared by the widget's downloads and the
//! server's staff export, so neither depends on the other.

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
    let cell = if !looks_numeric && cell.starts_with(['=', '+', '-', '@']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    };
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell
    }
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
        let t = Table {
            header: vec!["x".into()],
            rows: vec![vec!["=HYPERLINK(\"x\")".into()], vec!["-1.5".into()], vec!["@SUM(A1)".into()]],
        };
        let out = csv(&t);
        assert!(out.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{out}");
        assert!(out.contains("\r\n-1.5\r\n"));
        assert!(out.contains("'@SUM(A1)"));
    }
}
