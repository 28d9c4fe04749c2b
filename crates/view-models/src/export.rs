//! Data for people who want it: each card's figures as CSV (UTF-8 with a BOM, so Excel opens
//! Japanese correctly) and as JSON, offered as `data:` links (no script needed to download).

pub use csv_table::{csv, Table};

use crate::escape::percent_encode;

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
    fn data_urls_are_percent_encoded() {
        assert_eq!(data_url("text/csv", "a,b\r\n"), "data:text/csv;charset=utf-8,a%2Cb%0D%0A");
        assert!(data_url("text/csv", "\u{FEFF}").ends_with("%EF%BB%BF"));
        assert_eq!(raw_number(Some(107087.0)), "107087");
        assert_eq!(raw_number(None), "");
    }
}
