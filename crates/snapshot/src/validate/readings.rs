//! The rules of 「読み方」: each word has a kanji and no reading marks, each reading is kana, no
//! word is listed twice, and the list is bounded (it is read by every server at each
//! publication, and every word is tried on every text).

use super::*;

/// Most words on the list: a city's wards, districts, sections and terms, with room to spare.
pub const MAX_CITY_READINGS: usize = 1000;
/// Most characters of a word, and of its reading.
const MAX_WORD_CHARS: usize = 30;
const MAX_READING_CHARS: usize = 60;
const MAX_PART_OF_SPEECH_CHARS: usize = 20;

impl Checker {
    pub(super) fn city_readings(&mut self, list: &[CityReading]) {
        self.list_len(list.len(), 0, MAX_CITY_READINGS);
        let mut seen = HashSet::new();
        self.each(list, MAX_CITY_READINGS, |c, _i, r| {
            c.at("word", |c| {
                c.string(&r.word, MAX_WORD_CHARS);
                if crate::ruby::has_notation(&r.word) || !r.word.chars().any(crate::ruby::is_kanji) {
                    c.report(Code::WordWithoutKanji, params!["word" => r.word.clone()]);
                } else if !seen.insert(r.word.as_str()) {
                    c.report(Code::WordTwice, params!["word" => r.word.clone()]);
                }
            });
            c.at("reading", |c| {
                c.string(&r.reading, MAX_READING_CHARS);
                if !r.reading.is_empty() && !r.reading.chars().all(crate::ruby::is_kana) {
                    c.report(Code::ReadingNotKana, params!["reading" => r.reading.clone()]);
                }
            });
            if !r.part_of_speech.is_empty() {
                c.at("part_of_speech", |c| c.string(&r.part_of_speech, MAX_PART_OF_SPEECH_CHARS));
            }
        });
    }
}
