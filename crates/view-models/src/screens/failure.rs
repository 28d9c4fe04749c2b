//! What went wrong while loading the data, in words a citizen understands.

use crate::format::as_of;
use crate::strings::{fill, strings};
use crate::Locale;

/// Why the snapshot could not be shown. Serializable: the server's answer travels to the browser.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum LoadError {
    /// No answer at all: offline, DNS, connection refused.
    Network,
    /// 404 for the manifest or the snapshot.
    NotFound,
    /// Any other non-success HTTP status.
    Http(u16),
    /// The file is not JSON at all.
    NotJson,
    /// JSON, but breaks the format's rules; `path` is the first problem's JSON path.
    Invalid { path: String },
    /// `?data=` points to another site.
    ForeignOrigin,
    /// `?data=` is not a usable address.
    BadDataParam,
}

impl LoadError {
    pub fn message(&self, locale: Locale) -> String {
        let s = strings(locale);
        match self {
            LoadError::Network => s.error_network.into(),
            LoadError::NotFound => s.error_not_found.into(),
            LoadError::Http(code) => format!("{} (HTTP {code})", s.error_http),
            LoadError::NotJson => s.error_not_json.into(),
            LoadError::Invalid { path } => fill(s.error_invalid, &[("path", path)]),
            LoadError::ForeignOrigin => s.error_foreign_origin.into(),
            LoadError::BadDataParam => s.error_bad_data_param.into(),
        }
    }

    /// Whether trying again could help (a foreign `data` origin never will).
    pub fn retryable(&self) -> bool {
        !matches!(self, LoadError::ForeignOrigin | LoadError::BadDataParam)
    }
}

/// The banner shown over a snapshot kept from an earlier visit.
pub fn stale_banner(as_of_date: &str, locale: Locale) -> String {
    fill(strings(locale).stale_banner, &[("as_of", &as_of(as_of_date, locale))])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_what_went_wrong() {
        assert!(LoadError::Invalid { path: "indicators[0].unit".into() }.message(Locale::Ja).contains("indicators[0].unit"));
        assert!(LoadError::Http(503).message(Locale::En).contains("503"));
        assert!(LoadError::NotFound.message(Locale::Ja).contains("404"));
        assert!(!LoadError::ForeignOrigin.retryable());
        assert!(LoadError::Network.retryable());
        assert_eq!(
            stale_banner("2023-12", Locale::Ja),
            "最新のデータを読み込めなかったため、この端末に保存されている2023年12月時点のデータを表示しています。"
        );
    }
}
