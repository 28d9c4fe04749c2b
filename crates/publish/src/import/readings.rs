//! 「読み方」 read into the snapshot's words for ふりがな: one row per word, each value with its
//! cell, so the checker's problems (a word without kanji, a reading not in kana, a word twice, too
//! many words) are named where they were typed. The sheet replaces the published list; a
//! workbook without it (written before the sheet existed) keeps it.

use snapshot::{CityReading, Snapshot};

use super::Importer;
use crate::problem::Kind;
use crate::workbook::layout::*;
use crate::workbook::Book;

impl Importer {
    pub(super) fn city_readings(&mut self, book: &Book, s: &mut Snapshot) {
        let Some(sheet) = self.optional_sheet(book, READINGS, &reading_headers()) else {
            return;
        };
        // The list as a whole (too many words): the sheet's first cell.
        self.from("readings", READINGS, 0, 0);
        let mut words = Vec::new();
        for row in sheet.data_rows() {
            let (word, reading) = (sheet.text(row, 0), sheet.text(row, 1));
            if word.is_none() {
                self.report(READINGS, row, 0, Kind::Required);
            }
            if reading.is_none() {
                self.report(READINGS, row, 1, Kind::Required);
            }
            let (Some(word), Some(reading)) = (word, reading) else {
                continue;
            };
            let at = format!("readings[{}]", words.len());
            for (field, col) in [("", 0), (".word", 0), (".reading", 1), (".part_of_speech", 2)] {
                self.from(format!("{at}{field}"), READINGS, row, col);
            }
            words.push(CityReading {
                word,
                reading,
                part_of_speech: sheet.text(row, 2).unwrap_or_default(),
            });
        }
        s.readings = words;
    }
}
