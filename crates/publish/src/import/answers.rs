//! 「市の対応」 read into the snapshot's answers: one row per answer, in the sheet's order, each
//! value with its cell. The sheet replaces the published answers; a workbook without it (written
//! before the sheet existed) keeps them.

use snapshot::{AsOf, CityAnswer, Snapshot, Text};

use super::Importer;
use crate::problem::Kind;
use crate::workbook::layout::*;
use crate::workbook::{Book, Cell, Sheet};

/// A date as a clerk's spreadsheet keeps it: text (`2024-03-31`), or a date cell (a serial day
/// number since 1899-12-30, as Excel and LibreOffice store it; calamine may show it as a
/// date-time text).
fn date_of(cell: &Cell) -> Option<String> {
    let from_serial = |n: f64| -> Option<String> {
        if !(1.0..=2_958_465.0).contains(&n) {
            return None;
        }
        // Day 25,569 is 1970-01-01.
        let (y, m, d) = crate::folder::civil_date(n.floor() as i64 - 25_569);
        Some(format!("{y:04}-{m:02}-{d:02}"))
    };
    match cell {
        Cell::Number(n) => from_serial(*n),
        Cell::Text(t) | Cell::Other(t) => {
            let t = t.trim();
            match t.parse::<f64>() {
                Ok(n) => from_serial(n),
                // `2024-03-31` or `2024-03-31T00:00:00`.
                Err(_) => Some(
                    t.get(..10)
                        .filter(|_| t.len() == 10 || t[10..].starts_with('T') || t[10..].starts_with(' '))
                        .unwrap_or(t)
                        .replace('/', "-"),
                ),
            }
        }
        Cell::FormulaWithoutResult(_) => None,
    }
}

impl Importer {
    /// The three languages of a text from `col` on: `None` when all three are empty.
    pub(super) fn three(sheet: &Sheet, row: u32, col: u32) -> Option<Text> {
        let (ja, en, ja_easy) = (sheet.text(row, col), sheet.text(row, col + 1), sheet.text(row, col + 2));
        (ja.is_some() || en.is_some() || ja_easy.is_some()).then(|| Text {
            ja: ja.unwrap_or_default(),
            en,
            ja_easy,
        })
    }

    pub(super) fn answers(&mut self, book: &Book, s: &mut Snapshot) {
        let Some(sheet) = self.optional_sheet(book, ANSWERS, &answer_headers()) else {
            return;
        };
        let mut answers = Vec::new();
        for row in sheet.data_rows() {
            let at = format!("voices.answers[{}]", answers.len());
            let required = |im: &mut Importer, col: u32| -> Option<String> {
                let v = sheet.text(row, col);
                if v.is_none() {
                    im.report(ANSWERS, row, col, Kind::Required);
                }
                v
            };
            let (id, card, status_text) = (required(self, 0), required(self, 1), required(self, 2));
            let status = status_text.as_deref().and_then(|t| {
                let s = answer_status_of(t);
                if s.is_none() {
                    let allowed = snapshot::AnswerStatus::ALL.map(answer_status_word).join("」「");
                    self.report(
                        ANSWERS,
                        row,
                        2,
                        Kind::NotOneOf {
                            found: t.to_string(),
                            allowed: format!("「{allowed}」"),
                        },
                    );
                }
                s
            });
            let date = match sheet.get(row, 3) {
                None => {
                    self.report(ANSWERS, row, 3, Kind::Required);
                    None
                }
                Some(cell) => date_of(cell).or_else(|| {
                    self.report(ANSWERS, row, 3, Kind::NotADate(sheet.text(row, 3).unwrap_or_default()));
                    None
                }),
            };
            let texts: Vec<Option<Text>> = [ANS_TITLE, ANS_SUMMARY, ANS_ANSWER]
                .iter()
                .map(|c| Self::three(sheet, row, *c))
                .collect();
            for (text, col) in texts.iter().zip([ANS_TITLE, ANS_SUMMARY, ANS_ANSWER]) {
                if text.as_ref().is_none_or(|t| t.ja.is_empty()) {
                    self.report(ANSWERS, row, col, Kind::Required);
                }
            }
            let (Some(id), Some(card), Some(status), Some(date), [Some(title), Some(voices_summary), Some(answer)]) =
                (id, card, status, date, <[Option<Text>; 3]>::try_from(texts).unwrap_or_default())
            else {
                continue;
            };
            for (field, col) in [
                ("", 0),
                (".id", 0),
                (".card", 1),
                (".status", 2),
                (".date", 3),
                (".title", ANS_TITLE),
                (".voices_summary", ANS_SUMMARY),
                (".answer", ANS_ANSWER),
                (".reason", ANS_REASON),
                (".expects", ANS_EXPECTS),
            ] {
                self.from(format!("{at}{field}"), ANSWERS, row, col);
            }
            // Each language of a text in its own column.
            for (field, col) in [
                (".title", ANS_TITLE),
                (".voices_summary", ANS_SUMMARY),
                (".answer", ANS_ANSWER),
                (".reason", ANS_REASON),
            ] {
                for (lang, offset) in [(".ja", 0), (".en", 1), (".ja_easy", 2)] {
                    self.from(format!("{at}{field}{lang}"), ANSWERS, row, col + offset);
                }
            }
            answers.push(CityAnswer {
                id,
                card,
                title,
                voices_summary,
                answer,
                status,
                reason: Self::three(sheet, row, ANS_REASON),
                date: AsOf::parse(&date),
                expects: sheet.text(row, ANS_EXPECTS),
            });
        }
        s.voices.answers = answers;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_as_text_or_as_the_spreadsheet_keeps_them() {
        assert_eq!(date_of(&Cell::Text("2024-03-31".into())).as_deref(), Some("2024-03-31"));
        assert_eq!(date_of(&Cell::Number(45382.0)).as_deref(), Some("2024-03-31"));
        assert_eq!(date_of(&Cell::Other("2024-03-31T00:00:00".into())).as_deref(), Some("2024-03-31"));
        assert_eq!(date_of(&Cell::Text("2024/03/31".into())).as_deref(), Some("2024-03-31"));
        assert_eq!(date_of(&Cell::Number(-3.0)), None);
        // Anything else is passed on as typed, for the checker to name.
        assert_eq!(date_of(&Cell::Text("来月".into())).as_deref(), Some("来月"));
    }
}
