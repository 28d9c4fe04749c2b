//! Readings (furigana) in plain text, in Aozora Bunko's notation: `｜市役所《しやくしょ》`, or
//! `市役所《しやくしょ》` when the base is the run of kanji just before the reading. One parser for
//! the checker (which reports broken ruby) and the widget (which shows `<ruby>` and drops the
//! readings where a download, a title or a label needs plain text). See docs/decisions.md.

use std::borrow::Cow;

/// Starts a base explicitly (FULLWIDTH VERTICAL LINE).
pub const BASE_MARK: char = '｜';
/// Opens a reading (LEFT DOUBLE ANGLE BRACKET).
pub const OPEN: char = '《';
/// Closes a reading (RIGHT DOUBLE ANGLE BRACKET).
pub const CLOSE: char = '》';

/// A piece of a text: plain, or a base with its reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Ruby { base: &'a str, reading: &'a str },
}

/// What is wrong with a text's notation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RubyError {
    /// A `《` without its `》`, a `》` without its `《`, or a `｜` with no reading after it.
    Unbalanced { near: String },
    /// A reading with no base (no `｜` and no kanji before `《`), or `《》`.
    Empty { near: String },
    /// A reading that is not all kana.
    ReadingNotKana { reading: String },
}

/// A kanji, as the easy-Japanese rules count them (CJK ideographs and 々).
pub fn is_kanji(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}' | '々')
}

/// Hiragana or katakana (with the long-vowel mark and the middle dot).
pub fn is_kana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{309F}' | '\u{30A0}'..='\u{30FF}')
}

/// Whether `text` uses the notation at all (most texts do not: their fast path).
pub fn has_notation(text: &str) -> bool {
    text.contains([BASE_MARK, OPEN, CLOSE])
}

/// The text's pieces, or what is wrong with its notation.
pub fn parse(text: &str) -> Result<Vec<Piece<'_>>, RubyError> {
    let near = |at: usize| text[at..].chars().take(12).collect::<String>();
    let mut pieces = Vec::new();
    // Where the text not yet in a piece starts, and where an explicit base starts (after `｜`).
    let mut pending = 0;
    let mut base_from: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            BASE_MARK => {
                if base_from.is_some() {
                    return Err(RubyError::Unbalanced { near: near(at) });
                }
                base_from = Some(at);
            }
            CLOSE => return Err(RubyError::Unbalanced { near: near(at) }),
            OPEN => {
                let start = at + OPEN.len_utf8();
                let Some(len) = text[start..]
                    .find([CLOSE, OPEN, BASE_MARK])
                    .filter(|&n| text[start + n..].starts_with(CLOSE))
                else {
                    return Err(RubyError::Unbalanced { near: near(at) });
                };
                let reading = &text[start..start + len];
                let (base_start, before_end) = match base_from.take() {
                    Some(mark) => (mark + BASE_MARK.len_utf8(), mark),
                    None => {
                        let run = text[pending..at]
                            .char_indices()
                            .rev()
                            .take_while(|&(_, c)| is_kanji(c))
                            .last()
                            .map(|(i, _)| pending + i);
                        let s = run.unwrap_or(at);
                        (s, s)
                    }
                };
                let base = &text[base_start..at];
                if base.is_empty() || reading.is_empty() {
                    return Err(RubyError::Empty {
                        near: near(if base.is_empty() { at } else { base_start }),
                    });
                }
                if !reading.chars().all(is_kana) {
                    return Err(RubyError::ReadingNotKana {
                        reading: reading.to_string(),
                    });
                }
                if before_end > pending {
                    pieces.push(Piece::Text(&text[pending..before_end]));
                }
                pieces.push(Piece::Ruby { base, reading });
                pending = start + len + CLOSE.len_utf8();
                // Skip the reading and its `》`.
                while chars.peek().is_some_and(|&(i, _)| i < pending) {
                    chars.next();
                }
            }
            _ => {}
        }
    }
    if let Some(mark) = base_from {
        return Err(RubyError::Unbalanced { near: near(mark) });
    }
    if pending < text.len() {
        pieces.push(Piece::Text(&text[pending..]));
    }
    Ok(pieces)
}

/// The text without its readings (`市役所`), for a download, a title, a label or a search engine.
/// A text whose notation is broken is returned as it is (the checker refuses it before it is
/// published).
pub fn plain(text: &str) -> Cow<'_, str> {
    flatten(text, |base, _| base)
}

/// The text as it is read (`しやくしょ`): each base replaced by its reading, for a place that
/// cannot show ruby where a reader needs the readings (the interface's やさしい日本語 outside
/// `<ruby>`: a label, a title, a status line).
pub fn spoken(text: &str) -> Cow<'_, str> {
    flatten(text, |_, reading| reading)
}

fn flatten<'a>(text: &'a str, keep: impl Fn(&'a str, &'a str) -> &'a str) -> Cow<'a, str> {
    if !has_notation(text) {
        return Cow::Borrowed(text);
    }
    match parse(text) {
        Ok(pieces) => Cow::Owned(
            pieces
                .iter()
                .map(|p| match *p {
                    Piece::Text(t) => t,
                    Piece::Ruby { base, reading } => keep(base, reading),
                })
                .collect(),
        ),
        Err(_) => Cow::Borrowed(text),
    }
}

/// The kanji in `text` outside any ruby, for the easy-Japanese rule "every kanji has a reading".
pub fn kanji_without_reading(text: &str) -> Result<Vec<char>, RubyError> {
    let mut found = Vec::new();
    for piece in parse(text)? {
        if let Piece::Text(t) = piece {
            found.extend(t.chars().filter(|&c| is_kanji(c)));
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_keeps_the_bases_and_spoken_the_readings() {
        let text = "｜市役所《しやくしょ》の 窓口《まどぐち》 107,087件";
        assert_eq!(plain(text), "市役所の 窓口 107,087件");
        assert_eq!(spoken(text), "しやくしょの まどぐち 107,087件");
        assert!(matches!(spoken("ひらがな"), Cow::Borrowed("ひらがな")));
        assert_eq!(spoken("こわれた《"), "こわれた《", "broken notation is left as written");
    }

    #[test]
    fn explicit_and_implicit_bases() {
        assert_eq!(
            parse("｜市役所《しやくしょ》の プラン").unwrap(),
            [
                Piece::Ruby {
                    base: "市役所",
                    reading: "しやくしょ"
                },
                Piece::Text("の プラン")
            ]
        );
        // Without `｜` the base is the run of kanji before `《`.
        assert_eq!(
            parse("くまもと市役所《しやくしょ》です").unwrap(),
            [
                Piece::Text("くまもと"),
                Piece::Ruby {
                    base: "市役所",
                    reading: "しやくしょ"
                },
                Piece::Text("です")
            ]
        );
        // `｜` lets a base hold kana or start inside a run of kanji.
        assert_eq!(
            parse("熊本｜市《し》").unwrap(),
            [
                Piece::Text("熊本"),
                Piece::Ruby {
                    base: "市", reading: "し"
                }
            ]
        );
        assert_eq!(
            parse("すうじ 107,087件《けん》").unwrap(),
            [
                Piece::Text("すうじ 107,087"),
                Piece::Ruby {
                    base: "件",
                    reading: "けん"
                }
            ]
        );
        assert_eq!(parse("ひらがな だけ").unwrap(), [Piece::Text("ひらがな だけ")]);
        assert_eq!(parse("").unwrap(), []);
    }

    #[test]
    fn broken_notation_is_named() {
        assert!(matches!(parse("市役所《しやくしょ"), Err(RubyError::Unbalanced { .. })));
        assert!(matches!(parse("市役所しやくしょ》"), Err(RubyError::Unbalanced { .. })));
        assert!(matches!(parse("｜市役所 しやくしょ"), Err(RubyError::Unbalanced { .. })));
        assert!(matches!(parse("｜市《し《》》"), Err(RubyError::Unbalanced { .. })));
        assert!(matches!(parse("市役所《》"), Err(RubyError::Empty { .. })));
        assert!(matches!(parse("かな《かな》"), Err(RubyError::Empty { .. })));
        assert!(matches!(parse("｜《し》"), Err(RubyError::Empty { .. })));
        assert_eq!(
            parse("市役所《shiyakusho》"),
            Err(RubyError::ReadingNotKana {
                reading: "shiyakusho".into()
            })
        );
        assert_eq!(parse("市《市》"), Err(RubyError::ReadingNotKana { reading: "市".into() }));
    }

    #[test]
    fn plain_text_drops_the_readings_and_counts_bare_kanji() {
        assert_eq!(plain("｜市役所《しやくしょ》の 改革《かいかく》"), "市役所の 改革");
        assert!(matches!(plain("ただの 文"), Cow::Borrowed(_)));
        assert_eq!(kanji_without_reading("市役所《しやくしょ》の 改革").unwrap(), ['改', '革']);
        assert_eq!(kanji_without_reading("市役所《しやくしょ》").unwrap(), []);
        assert_eq!(kanji_without_reading("人々《ひとびと》").unwrap(), []);
    }
}
