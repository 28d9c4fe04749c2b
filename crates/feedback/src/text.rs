//! The character rules the text fields share, kept as data: `validate` checks them and the API
//! document states them as patterns (`contract`), so the two cannot drift apart.

/// Characters refused in any text: controls other than tab and line breaks, and bidirectional
/// overrides that could make a message read differently to staff than it was written. (A
/// carriage return is allowed: normalisation turns it into a line break.)
pub const FORBIDDEN: &[(char, char)] = &[
    ('\u{0000}', '\u{0008}'),
    ('\u{000B}', '\u{000C}'),
    ('\u{000E}', '\u{001F}'),
    ('\u{007F}', '\u{009F}'),
    ('\u{202A}', '\u{202E}'),
    ('\u{2066}', '\u{2069}'),
];

/// What `str::trim` removes (Unicode White_Space), so "blank" means the same everywhere.
pub const WHITESPACE: &[(char, char)] = &[
    ('\u{0009}', '\u{000D}'),
    ('\u{0020}', '\u{0020}'),
    ('\u{0085}', '\u{0085}'),
    ('\u{00A0}', '\u{00A0}'),
    ('\u{1680}', '\u{1680}'),
    ('\u{2000}', '\u{200A}'),
    ('\u{2028}', '\u{2029}'),
    ('\u{202F}', '\u{202F}'),
    ('\u{205F}', '\u{205F}'),
    ('\u{3000}', '\u{3000}'),
];

/// Ward and counter ids: lower-case ASCII letters, digits and hyphens, at most this many.
pub const MAX_ID_CHARS: usize = 32;
/// The local part of an e-mail address (before `@`): at most this many characters, from
/// RFC 5322's `atext` and dots.
pub const MAX_EMAIL_LOCAL_CHARS: usize = 64;
pub const EMAIL_LOCAL_SPECIALS: &str = ".!#$%&'*+/=?^_`{|}~-";

pub fn in_ranges(ranges: &[(char, char)], c: char) -> bool {
    ranges.iter().any(|(from, to)| (*from..=*to).contains(&c))
}

pub fn has_forbidden(s: &str) -> bool {
    s.chars().any(|c| in_ranges(FORBIDDEN, c))
}

pub fn is_id(s: &str) -> bool {
    (1..=MAX_ID_CHARS).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// `local@domain.tld`: an ASCII local part, and dot-separated labels of letters, digits and
/// hyphens (at least two). The pattern in the API document says the same.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    let local_ok = (1..=MAX_EMAIL_LOCAL_CHARS).contains(&local.len())
        && local.chars().all(|c| c.is_ascii_alphanumeric() || EMAIL_LOCAL_SPECIALS.contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    local_ok
        && labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_is_what_trim_removes() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(in_ranges(WHITESPACE, c), c.is_whitespace(), "{:04X}", c as u32);
        }
    }

    #[test]
    fn forbidden_is_every_control_but_tab_and_line_breaks_plus_bidi_overrides() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let expected =
                (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
            assert_eq!(in_ranges(FORBIDDEN, c), expected, "{:04X}", c as u32);
        }
    }

    #[test]
    fn e_mail_addresses() {
        for ok in ["taro@example.jp", "a.b+c@city.kumamoto.lg.jp", "o'neil@x-y.com"] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in [
            "",
            "a@b",
            "@b.jp",
            "a@@b.jp",
            "a@.b.jp",
            "a@b..jp",
            "a@b.jp.",
            "太郎@example.jp",
            "a b@c.jp",
            "a@b_c.jp",
            &format!("{}@b.jp", "a".repeat(65)),
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }
}
