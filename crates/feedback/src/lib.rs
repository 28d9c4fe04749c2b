//! Citizen feedback, validated the same way in the browser form and on the server.
//!
//! - [`normalise`]: full-width ASCII to half-width, half-width katakana to full-width,
//!   line ends unified — so limits count what a person sees.
//! - [`validate`]: required message of at most 2,000 characters, optional 1–5 satisfaction,
//!   a reply address only with consent, bounded topic, a well-formed idempotency key.
//! - [`personal_data_hints`]: phone numbers, 12-digit numbers, e-mail and postal addresses —
//!   a warning, never a block.

pub mod api;
#[cfg(feature = "openapi")]
pub mod contract;
mod normalise;
mod personal;
pub mod text;

pub use normalise::normalise;
pub use personal::{personal_data_hints, PersonalHint};
use text::{has_forbidden, is_email};

use serde::{Deserialize, Serialize};

pub const MAX_MESSAGE_CHARS: usize = 2000;
pub const MAX_TOPIC_CHARS: usize = 100;
pub const MAX_EMAIL_CHARS: usize = 254;
pub const MAX_COMMENT_CHARS: usize = 500;
/// Largest request body the server reads, in bytes, derived from the rules under the worst
/// legal encoding: every character of every text field written as JSON `\u` escapes (12 bytes
/// for a character outside the BMP, such as an emoji), plus 4 KiB for names, punctuation and
/// spaces. A body within the rules is never refused for its size, whatever its encoding.
pub const MAX_BODY_BYTES: usize =
    12 * (MAX_MESSAGE_CHARS + MAX_TOPIC_CHARS + MAX_EMAIL_CHARS + 2 * text::MAX_ID_CHARS + 36 + FOLLOW_TOKEN_CHARS) + 4096;

/// What kind of message it is: the general form, or the counter survey at a kiosk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    #[default]
    General,
    CounterSurvey,
}

/// A submission as sent by the browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    /// UUID chosen by the browser; a retry with the same key never makes a second record.
    pub key: String,
    #[serde(default)]
    pub kind: Kind,
    #[serde(default)]
    pub topic: String,
    pub message: String,
    #[serde(default, deserialize_with = "whole_number")]
    pub satisfaction: Option<u8>,
    #[serde(default)]
    pub consent: bool,
    #[serde(default)]
    pub email: String,
    /// Counter survey: the ward office (id, e.g. `chuo`).
    #[serde(default)]
    pub ward: String,
    /// Counter survey: the counter section (id, e.g. `tax`).
    #[serde(default)]
    pub section: String,
    /// Hidden field people never see; software that fills every field fills it.
    #[serde(default)]
    pub website: String,
    /// The private link's token (`/voices/mine/<follow>`), chosen by the browser with the key so
    /// a receipt shown before the message is sent, or after a retry, links to it. 64 hex
    /// characters; the server stores only its hash and makes one when none is sent.
    #[serde(default)]
    pub follow: String,
}

/// A rating as JSON writes it: `4` or `4.0` (JSON does not tell them apart), never `4.5`.
fn whole_number<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<u8>, D::Error> {
    match Option::<f64>::deserialize(deserializer)? {
        None => Ok(None),
        Some(v) if v.fract() == 0.0 && (0.0..=255.0).contains(&v) => Ok(Some(v as u8)),
        Some(v) => Err(serde::de::Error::custom(format!("{v} is not a whole number from 0 to 255"))),
    }
}

impl Submission {
    /// A form posted without script (`application/x-www-form-urlencoded`, already decoded into
    /// pairs). `form` says which form: `counter-survey` or the general one. Unknown fields are
    /// ignored, a satisfaction that is not a number is no answer, and the e-mail counts only
    /// with consent, as in the browser. The same `validate` then judges it.
    pub fn from_form(pairs: &[(String, String)]) -> Submission {
        let get = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default();
        let kind = if get("form") == "counter-survey" {
            Kind::CounterSurvey
        } else {
            Kind::General
        };
        let consent = pairs.iter().any(|(k, _)| k == "consent");
        Submission {
            key: get("key"),
            kind,
            topic: if kind == Kind::CounterSurvey {
                "counter-survey".into()
            } else {
                get("topic")
            },
            message: get("message"),
            satisfaction: get("satisfaction").trim().parse().ok(),
            consent,
            email: if consent { get("email") } else { String::new() },
            ward: get("ward"),
            section: get("section"),
            website: get("website"),
            follow: get("follow"),
        }
    }
}

/// A submission that passed every rule, normalised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Feedback {
    pub key: String,
    pub kind: Kind,
    pub topic: String,
    pub message: String,
    pub satisfaction: Option<u8>,
    /// Present only with consent.
    pub email: Option<String>,
    pub ward: Option<String>,
    pub section: Option<String>,
    /// The private link's token as sent (lower case), if one was.
    pub follow: Option<String>,
}

/// Which field a problem belongs to (the form links each error to its field by this id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Key,
    Topic,
    Message,
    Satisfaction,
    Consent,
    Email,
    Ward,
    Section,
    Follow,
}

impl Field {
    pub fn id(self) -> &'static str {
        match self {
            Field::Key => "key",
            Field::Topic => "topic",
            Field::Message => "message",
            Field::Satisfaction => "satisfaction",
            Field::Consent => "consent",
            Field::Email => "email",
            Field::Ward => "ward",
            Field::Section => "section",
            Field::Follow => "follow",
        }
    }
}

/// What is wrong, as a code the interface words in each language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Problem {
    Required,
    TooLong,
    OutOfRange,
    InvalidEmail,
    EmailWithoutConsent,
    InvalidKey,
    ControlCharacters,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct FieldError {
    pub field: Field,
    pub problem: Problem,
    /// The limit that was broken, where there is one (2000 for a long message).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<usize>,
}

/// The outcome of validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Valid(Feedback),
    Invalid(Vec<FieldError>),
    /// The honeypot was filled: answer as if accepted, store nothing.
    Bot,
}

fn err(field: Field, problem: Problem, limit: Option<usize>) -> FieldError {
    FieldError { field, problem, limit }
}

pub fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// Hex characters in a private link's token: 256 bits as written, at least 128 of them random
/// however the browser made it (two UUIDs v4 have 244).
pub const FOLLOW_TOKEN_CHARS: usize = 64;

/// A private link's token as the rules accept it: 64 lower-case hex characters.
pub fn is_follow_token(s: &str) -> bool {
    s.len() == FOLLOW_TOKEN_CHARS && s.bytes().all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c))
}

/// Where a citizen follows their message: the page's path for a token.
pub fn follow_path(token: &str) -> String {
    format!("{FOLLOW_PATH_PREFIX}{token}")
}

/// The private links' common prefix (the server's route, the log's redaction, robots.txt).
pub const FOLLOW_PATH_PREFIX: &str = "/voices/mine/";

/// Counts characters as a person sees them (after normalisation).
pub fn char_count(s: &str) -> usize {
    normalise(s).chars().count()
}

/// Checks a submission by every rule. `offices`: the ids of the offices the city publishes (its
/// latest publication's 「市」), the only places a counter survey answer may name.
pub fn validate(input: &Submission, offices: &[&str]) -> Verdict {
    let mut errors = vec![];
    let key = input.key.trim().to_ascii_lowercase();
    if !is_uuid(&key) {
        errors.push(err(Field::Key, Problem::InvalidKey, None));
    }
    // Limits count every character as the form's counter shows it (normalised, nothing
    // trimmed), and controls are refused wherever they stand: the API document can then state
    // the rules exactly (`contract`). What is stored is trimmed.
    let topic = normalise(input.topic.trim());
    let max_message = match input.kind {
        Kind::General => MAX_MESSAGE_CHARS,
        Kind::CounterSurvey => MAX_COMMENT_CHARS,
    };
    if char_count(&input.topic) > MAX_TOPIC_CHARS {
        errors.push(err(Field::Topic, Problem::TooLong, Some(MAX_TOPIC_CHARS)));
    } else if has_forbidden(&input.topic) || topic.contains('\n') {
        errors.push(err(Field::Topic, Problem::ControlCharacters, None));
    }
    let message = normalise(input.message.trim());
    // A counter-survey answer may be only a rating; a general message needs words.
    if message.is_empty() && input.kind == Kind::General {
        errors.push(err(Field::Message, Problem::Required, None));
    } else if char_count(&input.message) > max_message {
        errors.push(err(Field::Message, Problem::TooLong, Some(max_message)));
    } else if has_forbidden(&input.message) {
        errors.push(err(Field::Message, Problem::ControlCharacters, None));
    }
    match input.satisfaction {
        Some(s) if !(1..=5).contains(&s) => errors.push(err(Field::Satisfaction, Problem::OutOfRange, None)),
        None if input.kind == Kind::CounterSurvey => errors.push(err(Field::Satisfaction, Problem::Required, None)),
        _ => {}
    }
    let email = normalise(input.email.trim());
    let email = if email.is_empty() {
        None
    } else if !input.consent {
        errors.push(err(Field::Consent, Problem::EmailWithoutConsent, None));
        None
    } else if char_count(&input.email) > MAX_EMAIL_CHARS {
        errors.push(err(Field::Email, Problem::TooLong, Some(MAX_EMAIL_CHARS)));
        None
    } else if !is_email(&email) {
        errors.push(err(Field::Email, Problem::InvalidEmail, None));
        None
    } else {
        Some(email)
    };
    if input.consent && input.email.trim().is_empty() {
        errors.push(err(Field::Email, Problem::Required, None));
    }
    // Ward and section are short ids; the counter survey needs both.
    let id_field = |value: &str, field: Field, errors: &mut Vec<FieldError>| -> Option<String> {
        let v = value.trim();
        if v.is_empty() {
            if input.kind == Kind::CounterSurvey {
                errors.push(err(field, Problem::Required, None));
            }
            return None;
        }
        if !text::is_id(v) {
            errors.push(err(field, Problem::OutOfRange, None));
            return None;
        }
        Some(v.to_string())
    };
    let ward = id_field(&input.ward, Field::Ward, &mut errors);
    // Only the city's offices: an answer must count for an office the city publishes.
    let ward = match ward {
        Some(w) if !offices.contains(&w.as_str()) => {
            errors.push(err(Field::Ward, Problem::OutOfRange, None));
            None
        }
        w => w,
    };
    let section = id_field(&input.section, Field::Section, &mut errors);
    let follow = input.follow.trim().to_ascii_lowercase();
    let follow = if follow.is_empty() {
        None
    } else if is_follow_token(&follow) {
        Some(follow)
    } else {
        errors.push(err(Field::Follow, Problem::InvalidKey, None));
        None
    };
    if !errors.is_empty() {
        return Verdict::Invalid(errors);
    }
    // The honeypot is judged last, so a well-formed body is the only one answered as accepted.
    if !input.website.trim().is_empty() {
        return Verdict::Bot;
    }
    Verdict::Valid(Feedback {
        key,
        kind: input.kind,
        topic,
        message,
        satisfaction: input.satisfaction,
        email,
        ward,
        section,
        follow,
    })
}

#[cfg(test)]
mod tests;
