//! What went wrong while loading the data, in words a citizen understands.

use crate::format::as_of;
use crate::strings::strings;
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
    /// JSON, but breaks the format's rules; `path` is the first problem's JSON path, `problem`
    /// what is wrong there (when a rule, not the JSON's shape, found it).
    Invalid {
        path: String,
        #[serde(default)]
        problem: Option<Worded>,
    },
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
            LoadError::Invalid { path, problem: None } => s.error_invalid(path),
            LoadError::Invalid { path, problem: Some(p) } => s.error_invalid_rule(path, p.pick(locale)),
            LoadError::ForeignOrigin => s.error_foreign_origin.into(),
            LoadError::BadDataParam => s.error_bad_data_param.into(),
        }
    }

    /// Whether trying again could help (a foreign `data` origin never will).
    pub fn retryable(&self) -> bool {
        !matches!(self, LoadError::ForeignOrigin | LoadError::BadDataParam)
    }
}

/// A broken rule in the data, worded in each language (from `snapshot::Problem`'s code and
/// parameters) where it is found, so it can travel from the server to the browser.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Worded {
    pub ja: String,
    pub en: String,
    pub ja_easy: String,
}

impl Worded {
    pub fn from_problem(problem: &snapshot::Problem) -> Worded {
        use snapshot::Locale;
        Worded {
            ja: problem.message_in(Locale::Ja),
            en: problem.message_in(Locale::En),
            ja_easy: problem.message_in(Locale::JaEasy),
        }
    }

    pub fn pick(&self, locale: Locale) -> &str {
        match locale {
            Locale::Ja | Locale::JaFurigana => &self.ja,
            Locale::En => &self.en,
            Locale::JaEasy => &self.ja_easy,
        }
    }
}

/// The banner shown over a snapshot kept from an earlier visit.
pub fn stale_banner(as_of_date: impl Into<snapshot::AsOf>, locale: Locale) -> String {
    strings(locale).stale_banner(&as_of(as_of_date, locale))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_what_went_wrong() {
        assert!(LoadError::Invalid {
            path: "indicators[0].unit".into(),
            problem: None
        }
        .message(Locale::Ja)
        .contains("indicators[0].unit"));
        let long = snapshot::Problem::new(
            "plan.name.ja",
            snapshot::Code::TooLong,
            vec![("chars", "201".into()), ("max", "200".into())],
        );
        let error = LoadError::Invalid {
            path: long.path.clone(),
            problem: Some(Worded::from_problem(&long)),
        };
        assert_eq!(
            error.message(Locale::Ja),
            "データの内容に誤りがあります（場所: plan.name.ja：201文字あります。200文字以下にしてください）。"
        );
        assert!(
            error.message(Locale::En).contains("at most 200 are allowed"),
            "{}",
            error.message(Locale::En)
        );
        assert!(error.message(Locale::JaEasy).contains("ながすぎます"));
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
