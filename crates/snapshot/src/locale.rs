//! The three languages the widget speaks, and choosing text in one of them.

use std::borrow::Cow;

use crate::Text;

/// Interface and content language. Japanese is the default; content without a
/// translation falls back to Japanese.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    #[default]
    Ja,
    En,
    /// やさしい日本語 (Easy Japanese), for readers still learning Japanese and children.
    JaEasy,
    /// Japanese with ふりがな: the same text as `Ja`, each kanji with its reading
    /// (`crate::readings`). A reading aid the reader switches on, not a language: not in
    /// [`Locale::ALL`], and its code is Japanese's.
    JaFurigana,
}

impl Locale {
    pub const ALL: [Locale; 3] = [Locale::Ja, Locale::En, Locale::JaEasy];

    /// The language: Japanese for Japanese with ふりがな.
    pub fn language(self) -> Locale {
        match self {
            Locale::JaFurigana => Locale::Ja,
            other => other,
        }
    }

    /// This language with ふりがな when `on` (only Japanese has them to add).
    pub fn with_furigana(self, on: bool) -> Locale {
        match self {
            Locale::Ja if on => Locale::JaFurigana,
            other => other,
        }
    }

    /// Its text is shown with readings: やさしい日本語, or Japanese with ふりがな.
    pub fn shows_readings(self) -> bool {
        matches!(self, Locale::JaEasy | Locale::JaFurigana)
    }

    /// Code used in the URL (`?lang=`) and in storage: the language's.
    pub fn code(self) -> &'static str {
        match self {
            Locale::Ja | Locale::JaFurigana => "ja",
            Locale::En => "en",
            Locale::JaEasy => "ja-easy",
        }
    }

    /// Value for the HTML `lang` attribute (Easy Japanese is Japanese).
    pub fn html_lang(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Ja | Locale::JaEasy | Locale::JaFurigana => "ja",
        }
    }

    /// The `hreflang` of a page in this language: easy Japanese is a private-use subtag of
    /// Japanese, so the set of alternates stays one entry per language.
    pub fn hreflang(self) -> &'static str {
        match self {
            Locale::Ja | Locale::JaFurigana => "ja",
            Locale::En => "en",
            Locale::JaEasy => "ja-x-easy",
        }
    }

    /// The language's own name, shown in the switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::Ja | Locale::JaFurigana => "日本語",
            Locale::En => "English",
            Locale::JaEasy => "やさしい日本語",
        }
    }

    /// The language's own name with its readings, for the switcher on a page in やさしい日本語.
    pub fn native_name_marked(self) -> &'static str {
        match self {
            Locale::Ja | Locale::JaFurigana => "日本語《にほんご》",
            Locale::En => "English",
            Locale::JaEasy => "やさしい日本語《にほんご》",
        }
    }

    /// The page's own code (`<html data-locale>`, a kept page's key): the language's, and
    /// `ja-furigana` for Japanese with ふりがな, which no address can ask for by `?lang=`.
    pub fn page_code(self) -> &'static str {
        match self {
            Locale::JaFurigana => "ja-furigana",
            other => other.code(),
        }
    }

    pub fn from_page_code(code: &str) -> Option<Locale> {
        match code {
            "ja-furigana" => Some(Locale::JaFurigana),
            other => Locale::from_code(other),
        }
    }

    pub fn from_code(code: &str) -> Option<Locale> {
        Locale::ALL.into_iter().find(|l| l.code() == code)
    }

    /// This language's version of a text, falling back to Japanese, as plain text: readings
    /// written ｜漢字《かんじ》 are dropped (for a title, a label, a download, a chart's SVG).
    pub fn pick(self, text: &Text) -> Cow<'_, str> {
        crate::ruby::plain(self.chosen(text))
    }

    /// This language's version of a text for reading on screen: in やさしい日本語 its readings stay
    /// in, for `components::ruby` to show as `<ruby>`; with ふりがな the Japanese gets its readings
    /// (those written in it kept); the other languages get plain text.
    pub fn pick_marked(self, text: &Text) -> Cow<'_, str> {
        match self {
            Locale::JaEasy => Cow::Borrowed(self.chosen(text)),
            Locale::JaFurigana => crate::readings::mark(&text.ja),
            _ => self.pick(text),
        }
    }

    fn chosen(self, text: &Text) -> &str {
        let translated = match self {
            Locale::Ja | Locale::JaFurigana => None,
            Locale::En => text.en.as_deref(),
            Locale::JaEasy => text.ja_easy.as_deref(),
        };
        translated.unwrap_or(&text.ja)
    }

    /// The `lang` of what [`Locale::pick`] returns: Japanese when it fell back.
    pub fn lang_of(self, text: &Text) -> &'static str {
        match self {
            Locale::En if text.en.is_some() => "en",
            Locale::En => "ja",
            _ => "ja",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(en: Option<&str>, easy: Option<&str>) -> Text {
        Text {
            ja: "日本語".into(),
            en: en.map(Into::into),
            ja_easy: easy.map(Into::into),
        }
    }

    #[test]
    fn picks_translation_or_falls_back_to_japanese() {
        let full = text(Some("English"), Some("にほんご"));
        assert_eq!(Locale::Ja.pick(&full), "日本語");
        assert_eq!(Locale::En.pick(&full), "English");
        assert_eq!(Locale::JaEasy.pick(&full), "にほんご");
        let ja_only = text(None, None);
        assert_eq!(Locale::En.pick(&ja_only), "日本語");
        assert_eq!(Locale::En.lang_of(&ja_only), "ja");
        assert_eq!(Locale::JaEasy.pick(&ja_only), "日本語");
        // Readings are for the screen in やさしい日本語; everywhere else the text is plain.
        let marked = Text {
            ja: "市役所《しやくしょ》".into(),
            en: None,
            ja_easy: Some("｜市役所《しやくしょ》の プラン".into()),
        };
        assert_eq!(Locale::JaEasy.pick_marked(&marked), "｜市役所《しやくしょ》の プラン");
        assert_eq!(Locale::JaEasy.pick(&marked), "市役所の プラン");
        assert_eq!(Locale::Ja.pick_marked(&marked), "市役所");
        assert_eq!(Locale::En.pick_marked(&marked), "市役所");
    }

    #[test]
    fn codes_round_trip() {
        for l in Locale::ALL {
            assert_eq!(Locale::from_code(l.code()), Some(l));
        }
        assert_eq!(Locale::from_code("fr"), None);
        assert_eq!(Locale::default(), Locale::Ja);
    }
}
