//! Readings (ふりがな) for standard Japanese, worked out on the server: a morphological analyser
//! (vibrato) over a dictionary installed with the system (Debian's `mecab-ipadic`, MeCab sources
//! in EUC-JP, read when the server starts). `mark` writes each run of kanji with its reading in the
//! widget's ruby notation (`｜市役所《しやくしょ》`), so the screens show it as they show やさしい日本語.
//! A reading already written in a text wins over the analyser; the city's own words come first
//! (`CityWords`, from its publication's 「読み方」).

use std::io::Read;
use std::path::{Path, PathBuf};

use snapshot::ruby::{is_kanji, parse, Piece};

/// Where Debian's `mecab-ipadic` puts the dictionary's sources.
pub const DEBIAN_IPADIC: &str = "/usr/share/mecab/dic/ipadic";

/// Why the dictionary could not be read.
#[derive(Debug)]
pub struct LoadError(pub String);

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A word the city reads its own way: 北区 as きたく, 託麻 as たくま.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    pub word: String,
    pub reading: String,
}

/// The city's words (its publication's 「読み方」, checked by the snapshot's rules), longest
/// first, so 北区役所 is not read as 北区 + 役所 by accident.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CityWords(Vec<Name>);

impl CityWords {
    /// From (word, reading) pairs; a reading in katakana is kept in hiragana.
    pub fn new<'a>(words: impl IntoIterator<Item = (&'a str, &'a str)>) -> CityWords {
        let mut names: Vec<Name> = words
            .into_iter()
            .map(|(word, reading)| Name {
                word: word.to_string(),
                reading: hiragana(reading),
            })
            .collect();
        names.sort_by_key(|n| std::cmp::Reverse(n.word.chars().count()));
        CityWords(names)
    }

    /// A publication's 「読み方」.
    pub fn of(snapshot: &snapshot::Snapshot) -> CityWords {
        CityWords::new(snapshot.readings.iter().map(|r| (r.word.as_str(), r.reading.as_str())))
    }
}

pub struct Furigana {
    tokenizer: vibrato::Tokenizer,
}

/// A dictionary source file as text: UTF-8 if it is, else EUC-JP (how Debian ships ipadic).
fn text_of(path: &Path) -> Result<String, LoadError> {
    let mut bytes = vec![];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_to_end(&mut bytes))
        .map_err(|e| LoadError(format!("{}: {e}", path.display())))?;
    Ok(match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => encoding_rs::EUC_JP.decode(e.as_bytes()).0.into_owned(),
    })
}

impl Furigana {
    /// Builds the analyser from a MeCab dictionary's sources in `dir` (every `*.csv`, `matrix.def`,
    /// `char.def`, `unk.def`). Takes a few seconds: done once, when the server starts.
    pub fn load(dir: &Path) -> Result<Furigana, LoadError> {
        let mut lexicon = String::new();
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| LoadError(format!("{}: {e}", dir.display())))?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "csv"))
            .collect();
        if files.is_empty() {
            return Err(LoadError(format!("{}: no dictionary sources (*.csv)", dir.display())));
        }
        files.sort();
        for file in files {
            lexicon.push_str(&text_of(&file)?);
            if !lexicon.ends_with('\n') {
                lexicon.push('\n');
            }
        }
        let part = |name: &str| text_of(&dir.join(name));
        let dictionary = vibrato::SystemDictionaryBuilder::from_readers(
            lexicon.as_bytes(),
            part("matrix.def")?.as_bytes(),
            part("char.def")?.as_bytes(),
            part("unk.def")?.as_bytes(),
        )
        .map_err(|e| LoadError(format!("{}: {e}", dir.display())))?;
        Ok(Furigana {
            tokenizer: vibrato::Tokenizer::new(dictionary),
        })
    }

    /// `text` with a reading on every run of kanji, in the ruby notation, the city's `words`
    /// read first. A text that already holds readings keeps them; a text with a broken notation
    /// is left as it is (the checker reports it). Text without kanji comes back unchanged.
    pub fn mark(&self, text: &str, words: &CityWords) -> String {
        if !text.chars().any(is_kanji) {
            return text.to_string();
        }
        let Ok(pieces) = parse(text) else {
            return text.to_string();
        };
        let mut out = String::with_capacity(text.len() * 2);
        for piece in pieces {
            match piece {
                Piece::Ruby { base, reading } => out.push_str(&format!("｜{base}《{reading}》")),
                Piece::Text(plain) => self.mark_plain(plain, words, &mut out),
            }
        }
        out
    }

    /// Marks text without notation: the city's names first, the analyser for the rest.
    fn mark_plain(&self, text: &str, words: &CityWords, out: &mut String) {
        let mut rest = text;
        while !rest.is_empty() {
            let found = words
                .0
                .iter()
                .filter_map(|n| rest.find(n.word.as_str()).map(|at| (at, n)))
                .min_by_key(|(at, n)| (*at, std::cmp::Reverse(n.word.len())));
            match found {
                Some((at, name)) => {
                    self.analyse(&rest[..at], out);
                    out.push_str(&format!("｜{}《{}》", name.word, name.reading));
                    rest = &rest[at + name.word.len()..];
                }
                None => {
                    self.analyse(rest, out);
                    rest = "";
                }
            }
        }
    }

    fn analyse(&self, text: &str, out: &mut String) {
        if !text.chars().any(is_kanji) {
            out.push_str(text);
            return;
        }
        let mut worker = self.tokenizer.new_worker();
        worker.reset_sentence(text);
        worker.tokenize();
        let mut after_number = false;
        for i in 0..worker.num_tokens() {
            let token = worker.token(i);
            let surface = token.surface();
            // ipadic's features: part of speech (4), conjugation (2), base form, reading, pronunciation.
            let reading = token.feature().split(',').nth(7).filter(|r| *r != "*");
            // After a number, a counter is read as one (1月 is いちがつ, not いちつき).
            let counter = after_number.then(|| counter_reading(surface)).flatten();
            match (counter, reading) {
                (Some(c), _) => out.push_str(&format!("｜{surface}《{c}》")),
                (None, Some(r)) if surface.chars().any(is_kanji) => out.push_str(&ruby_for(surface, &hiragana(r))),
                _ => out.push_str(surface),
            }
            // A template's `{count}` stands for a number too.
            after_number = surface
                .chars()
                .last()
                .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c) || c == '}');
        }
    }
}

/// Counters read one way after a number, whatever the word alone would be (月 alone is つき;
/// after 1 it is がつ). Only those read the same after every number: 分 (ふん, ぷん) and 本 are not.
const COUNTERS: [(&str, &str); 17] = [
    ("末", "まつ"),
    ("年", "ねん"),
    ("年度", "ねんど"),
    ("月", "がつ"),
    ("日", "にち"),
    ("人", "にん"),
    ("件", "けん"),
    ("回", "かい"),
    ("円", "えん"),
    ("万", "まん"),
    ("億", "おく"),
    ("万件", "まんけん"),
    ("億円", "おくえん"),
    ("時", "じ"),
    ("歳", "さい"),
    ("台", "だい"),
    ("点", "てん"),
];

fn counter_reading(surface: &str) -> Option<&'static str> {
    COUNTERS.iter().find(|(w, _)| *w == surface).map(|(_, r)| *r)
}

/// How `text` is read, in hiragana (its kanji as [`Furigana::mark`] reads them): what the
/// accuracy set compares.
pub fn reading_of(furigana: &Furigana, text: &str, words: &CityWords) -> String {
    hiragana(&snapshot::ruby::spoken(&furigana.mark(text, words)))
}

/// Katakana as hiragana (ー and other marks unchanged).
pub fn hiragana(katakana: &str) -> String {
    katakana
        .chars()
        .map(|c| match c {
            '\u{30A1}'..='\u{30F6}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// A word with its reading, the reading only over the kanji: the kana the word and its reading
/// share at either end stay outside (書き → ｜書《か》き, お知らせ → お｜知《し》らせ). When the
/// kana inside cannot be matched, the whole word carries the reading.
pub fn ruby_for(surface: &str, reading: &str) -> String {
    let s: Vec<char> = surface.chars().collect();
    let r: Vec<char> = reading.chars().collect();
    let same = |a: char, b: char| a == b || hiragana(&a.to_string()) == b.to_string();
    let mut head = 0;
    while head < s.len() && head < r.len() && !is_kanji(s[head]) && same(s[head], r[head]) {
        head += 1;
    }
    let mut tail = 0;
    while tail < s.len() - head
        && tail < r.len() - head
        && !is_kanji(s[s.len() - 1 - tail])
        && same(s[s.len() - 1 - tail], r[r.len() - 1 - tail])
    {
        tail += 1;
    }
    let base: String = s[head..s.len() - tail].iter().collect();
    let inner: String = r[head..r.len() - tail].iter().collect();
    // Kana left inside the base (送り仮名 in the middle: 取り組み) is read as written: one reading
    // over the whole middle, which readers still follow.
    if base.is_empty() || inner.is_empty() {
        return surface.to_string();
    }
    let before: String = s[..head].iter().collect();
    let after: String = s[s.len() - tail..].iter().collect();
    format!("{before}｜{base}《{inner}》{after}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings_sit_over_the_kanji_only() {
        assert_eq!(ruby_for("書き", "かき"), "｜書《か》き");
        assert_eq!(ruby_for("お知らせ", "おしらせ"), "お｜知《し》らせ");
        assert_eq!(ruby_for("市役所", "しやくしょ"), "｜市役所《しやくしょ》");
        assert_eq!(ruby_for("取り組み", "とりくみ"), "｜取り組《とりく》み");
        assert_eq!(hiragana("シヤクショ"), "しやくしょ");
        assert_eq!(hiragana("コンビニ・センター"), "こんびに・せんたー");
    }
}
