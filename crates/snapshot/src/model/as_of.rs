//! The date a snapshot's figures are as of, read once: the text as published (`2023-12` or
//! `2024-03-31`) and, when it is a real date, its year, month and day. Validation reports a text
//! that is not a date; everything after reads the parts.

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Serialize};

/// `YYYY-MM-DD`, or `YYYY-MM` when the city gave only a month.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub struct AsOf {
    text: String,
    date: Option<AsOfDate>,
}

/// The parts of a valid as-of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct AsOfDate {
    pub year: u16,
    pub month: u8,
    /// `None` when only the month was given.
    pub day: Option<u8>,
}

impl AsOf {
    pub fn parse(text: &str) -> AsOf {
        let date = crate::validate::is_iso_date(text).then(|| {
            let part = |r: std::ops::Range<usize>| text.get(r).and_then(|p| p.parse::<u16>().ok());
            let small = |r| part(r).and_then(|v| u8::try_from(v).ok());
            AsOfDate {
                year: part(0..4).unwrap_or_default(),
                month: small(5..7).unwrap_or_default(),
                day: small(8..10),
            }
        });
        AsOf {
            text: text.to_string(),
            date,
        }
    }

    /// As published.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The parts, when the text is a valid date.
    pub fn date(&self) -> Option<AsOfDate> {
        self.date
    }
}

impl From<String> for AsOf {
    fn from(text: String) -> AsOf {
        AsOf::parse(&text)
    }
}

impl From<&str> for AsOf {
    fn from(text: &str) -> AsOf {
        AsOf::parse(text)
    }
}

impl From<&AsOf> for AsOf {
    fn from(a: &AsOf) -> AsOf {
        a.clone()
    }
}

impl From<AsOf> for String {
    fn from(a: AsOf) -> String {
        a.text
    }
}

impl PartialEq for AsOf {
    fn eq(&self, other: &AsOf) -> bool {
        self.text == other.text
    }
}

impl Eq for AsOf {}

impl PartialOrd for AsOf {
    fn partial_cmp(&self, other: &AsOf) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Older first; a month sorts before the days in it.
impl Ord for AsOf {
    fn cmp(&self, other: &AsOf) -> Ordering {
        self.date.cmp(&other.date).then_with(|| self.text.cmp(&other.text))
    }
}

impl fmt::Display for AsOf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parsed_once_into_parts() {
        assert_eq!(
            AsOf::parse("2023-12").date(),
            Some(AsOfDate {
                year: 2023,
                month: 12,
                day: None
            })
        );
        assert_eq!(
            AsOf::parse("2024-03-31").date(),
            Some(AsOfDate {
                year: 2024,
                month: 3,
                day: Some(31)
            })
        );
        assert_eq!(AsOf::parse("2024-02-30").date(), None, "not a date");
        assert!(AsOf::parse("2023-12") < AsOf::parse("2023-12-31") && AsOf::parse("2023-12-31") < AsOf::parse("2024-01"));
        let json: AsOf = serde_json::from_str("\"2023-12\"").unwrap();
        assert_eq!(
            (json.text(), serde_json::to_string(&json).unwrap().as_str()),
            ("2023-12", "\"2023-12\"")
        );
    }
}
