//! The JSON Schema of a submission, built from the rules `validate` applies: the same limits,
//! office ids, kinds and character classes. Every body this schema accepts is stored; the API
//! document (`openapi.json`, written by the server crate) carries it. Property tests below hold
//! the patterns to the Rust checks.

use serde_json::{json, Value};

use crate::text::{EMAIL_LOCAL_SPECIALS, FORBIDDEN, MAX_EMAIL_LOCAL_CHARS, MAX_ID_CHARS, WHITESPACE};
use crate::{Kind, MAX_COMMENT_CHARS, MAX_EMAIL_CHARS, MAX_MESSAGE_CHARS, MAX_TOPIC_CHARS};

/// `\uXXXX` escapes for a regex character class (ECMA-262, Python's `re` and Rust's `regex`
/// all read them).
fn class_body(ranges: &[(char, char)]) -> String {
    ranges
        .iter()
        .map(|(a, b)| {
            if a == b {
                format!("\\u{:04x}", *a as u32)
            } else {
                format!("\\u{:04x}-\\u{:04x}", *a as u32, *b as u32)
            }
        })
        .collect()
}

/// Text with no forbidden character.
pub fn text_pattern() -> String {
    format!("^[^{}]*$", class_body(FORBIDDEN))
}

/// Text with no forbidden character and something besides white space.
pub fn required_text_pattern() -> String {
    let f = class_body(FORBIDDEN);
    format!("^[^{f}]*[^{f}{}][^{f}]*$", class_body(WHITESPACE))
}

/// White space that is not itself forbidden: what may surround a trimmed value.
fn allowed_space() -> String {
    let ranges: Vec<(char, char)> = WHITESPACE
        .iter()
        .flat_map(|&(a, b)| (a..=b).filter(|c| !crate::text::in_ranges(FORBIDDEN, *c)).map(|c| (c, c)))
        .collect();
    class_body(&ranges)
}

/// One line once trimmed: no forbidden character anywhere, no line break but at the ends.
pub fn line_pattern() -> String {
    let space = allowed_space();
    format!("^[{space}]*[^{}\\n\\r]*[{space}]*$", class_body(FORBIDDEN))
}

/// Nothing but white space (it is trimmed away).
pub fn blank_pattern() -> String {
    format!("^[{}]*$", class_body(WHITESPACE))
}

/// A ward or counter id (white space around it is trimmed).
pub fn id_pattern() -> String {
    let space = class_body(WHITESPACE);
    format!("^[{space}]*[a-z0-9-]{{1,{MAX_ID_CHARS}}}[{space}]*$")
}

/// A private link's token, or nothing (white space around it is trimmed).
pub fn follow_pattern() -> String {
    let space = class_body(WHITESPACE);
    format!("^[{space}]*([0-9a-fA-F]{{{}}})?[{space}]*$", crate::FOLLOW_TOKEN_CHARS)
}

pub fn email_pattern() -> String {
    let specials: String = EMAIL_LOCAL_SPECIALS
        .chars()
        .map(|c| if "-^/".contains(c) { format!("\\{c}") } else { c.to_string() })
        .collect();
    let space = class_body(WHITESPACE);
    format!("^[{space}]*[A-Za-z0-9{specials}]{{1,{MAX_EMAIL_LOCAL_CHARS}}}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+[{space}]*$")
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::General => "general",
        Kind::CounterSurvey => "counter_survey",
    }
}

/// One accepted shape: a kind, with or without a reply address.
fn variant(kind: Kind, reply: bool, offices: &[&str]) -> Value {
    let survey = kind == Kind::CounterSurvey;
    let (max_message, message_pattern) = if survey {
        (MAX_COMMENT_CHARS, text_pattern())
    } else {
        (MAX_MESSAGE_CHARS, required_text_pattern())
    };
    // The general form has no place: a blank ward or section is none.
    let or_blank = |schema: Value| {
        if survey {
            schema
        } else {
            json!({ "anyOf": [{ "type": "string", "pattern": blank_pattern() }, schema] })
        }
    };
    let ward = or_blank(json!({ "enum": offices, "description": "Office id: one of the offices the city's latest publication lists" }));
    let section = or_blank(json!({ "type": "string", "pattern": id_pattern(), "description": "Counter id" }));
    let satisfaction = if survey {
        json!({ "type": "integer", "minimum": 1, "maximum": 5 })
    } else {
        json!({ "type": ["integer", "null"], "minimum": 1, "maximum": 5 })
    };
    let (consent, email) = if reply {
        (
            json!({ "const": true }),
            json!({ "type": "string", "maxLength": MAX_EMAIL_CHARS, "pattern": email_pattern() }),
        )
    } else {
        (json!({ "const": false }), json!({ "type": "string", "pattern": blank_pattern() }))
    };
    let mut required = vec!["key", "message"];
    if survey {
        required.extend(["kind", "satisfaction", "ward", "section"]);
    }
    if reply {
        required.extend(["consent", "email"]);
    }
    json!({
        "title": format!("{}{}", kind_name(kind), if reply { ", with a reply address" } else { "" }),
        "type": "object",
        "additionalProperties": false,
        "required": required,
        "properties": {
            "key": { "type": "string", "format": "uuid", "description": "Chosen by the client; a retry with the same key returns the first receipt and stores nothing new" },
            "kind": { "enum": [kind_name(kind)] },
            "topic": { "type": "string", "maxLength": MAX_TOPIC_CHARS, "pattern": line_pattern() },
            "message": { "type": "string", "maxLength": max_message, "pattern": message_pattern, "description": "Counted in characters after width normalisation" },
            "satisfaction": satisfaction,
            "consent": consent,
            "email": email,
            "ward": ward,
            "section": section,
            "website": { "type": "string", "description": "Leave empty. Filled in, the reply looks the same and nothing is stored" },
            "follow": { "type": "string", "pattern": follow_pattern(), "description": "The private link's token (64 hex characters, at least 128 of its bits random), chosen by the client with the key; the receipt's follow path uses it. Left out, the server makes one" }
        }
    })
}

/// The submission schema: exactly one of the four shapes. `offices`: the ids the running city
/// publishes, as `validate` takes them.
pub fn submission_schema(offices: &[&str]) -> Value {
    let variants: Vec<Value> = [Kind::General, Kind::CounterSurvey]
        .into_iter()
        .flat_map(|k| [variant(k, false, offices), variant(k, true, offices)])
        .collect();
    json!({
        "description": "Feedback from the general form (kind general, the default) or the counter survey at a kiosk (kind counter_survey). A reply address needs consent.",
        "oneOf": variants
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{validate, Submission, Verdict};
    use proptest::prelude::*;
    use regex::Regex;

    const KEY: &str = "0f8fad5b-d9cb-469f-a165-70867728950e";
    const OFFICES: [&str; 2] = ["chuo", "north-branch"];

    fn re(p: String) -> Regex {
        Regex::new(&p).unwrap()
    }

    fn valid(s: Submission) -> bool {
        matches!(validate(&s, &OFFICES), Verdict::Valid(_))
    }

    /// Characters worth trying: the edges of every class, and ordinary text.
    fn interesting() -> impl Strategy<Value = char> {
        let edges: Vec<char> = FORBIDDEN
            .iter()
            .chain(WHITESPACE)
            .flat_map(|(a, b)| {
                [
                    *a,
                    *b,
                    (*a as u32).checked_sub(1).and_then(char::from_u32).unwrap_or(*a),
                    char::from_u32(*b as u32 + 1).unwrap_or(*b),
                ]
            })
            .collect();
        prop_oneof![
            proptest::sample::select(edges),
            proptest::char::any(),
            proptest::sample::select(vec!['a', 'あ', 'ｶ', 'ﾞ', '@', '.', '-', 'Ａ', '\r', '\n'])
        ]
    }

    proptest! {
        #[test]
        fn message_pattern_matches_what_validate_accepts(chars in proptest::collection::vec(interesting(), 0..12)) {
            let text: String = chars.into_iter().collect();
            let accepted = valid(Submission { key: KEY.into(), message: text.clone(), ..Default::default() });
            prop_assert_eq!(re(required_text_pattern()).is_match(&text), accepted, "{:?}", text);
        }

        #[test]
        fn topic_pattern_matches_what_validate_accepts(chars in proptest::collection::vec(interesting(), 0..8)) {
            let topic: String = chars.into_iter().collect();
            let accepted = valid(Submission { key: KEY.into(), message: "m".into(), topic: topic.clone(), ..Default::default() });
            prop_assert_eq!(re(line_pattern()).is_match(&topic), accepted, "{:?}", topic);
        }

        #[test]
        fn email_pattern_matches_what_validate_accepts(local in "[a-z.+'@あ \\n\\u{b}]{0,5}", domain in "[a-z.\\-_@ ]{0,8}") {
            let email = format!("{local}@{domain}");
            let accepted = valid(Submission { key: KEY.into(), message: "m".into(), consent: true, email: email.clone(), ..Default::default() });
            prop_assert_eq!(re(email_pattern()).is_match(&email), accepted, "{:?}", email);
        }

        #[test]
        fn id_pattern_matches_what_validate_accepts(id in "[a-zA-Z0-9_\\- \\n]{0,40}") {
            let accepted = valid(Submission { key: KEY.into(), message: "m".into(), section: id.clone(), ..Default::default() });
            // An empty section is no section (the general form has none).
            prop_assert_eq!(re(id_pattern()).is_match(&id) || id.trim().is_empty(), accepted, "{:?}", id);
        }

        #[test]
        fn blank_pattern_is_what_trim_empties(chars in proptest::collection::vec(interesting(), 0..4)) {
            let s: String = chars.into_iter().collect();
            prop_assert_eq!(re(blank_pattern()).is_match(&s), s.trim().is_empty(), "{:?}", s);
        }
    }

    #[test]
    fn the_schema_names_every_office_and_both_kinds() {
        let text = submission_schema(&OFFICES).to_string();
        for id in OFFICES.iter().chain(&["general", "counter_survey"]) {
            assert!(text.contains(&format!("\"{id}\"")), "{id}");
        }
    }
}
