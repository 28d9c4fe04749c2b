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
/// Largest request body the server reads, in bytes (2,000 characters of 4 bytes, plus fields).
pub const MAX_BODY_BYTES: usize = 16 * 1024;

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
        let kind = if get("form") == "counter-survey" { Kind::CounterSurvey } else { Kind::General };
        let consent = pairs.iter().any(|(k, _)| k == "consent");
        Submission {
            key: get("key"),
            kind,
            topic: if kind == Kind::CounterSurvey { "counter-survey".into() } else { get("topic") },
            message: get("message"),
            satisfaction: get("satisfaction").trim().parse().ok(),
            consent,
            email: if consent { get("email") } else { String::new() },
            ward: get("ward"),
            section: get("section"),
            website: get("website"),
        }
    }
}

/// Kumamoto City's five ward offices, by id (names in `view_models::screens::contexts::wards`).
pub const WARD_IDS: [&str; 5] = ["chuo", "higashi", "nishi", "minami", "kita"];

/// A submission that passed every rule, normalised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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

/// Counts characters as a person sees them (after normalisation).
pub fn char_count(s: &str) -> usize {
    normalise(s).chars().count()
}

pub fn validate(input: &Submission) -> Verdict {
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
    // Only the city's five ward offices: an answer must count for a ward the city publishes.
    let ward = match ward {
        Some(w) if !WARD_IDS.contains(&w.as_str()) => {
            errors.push(err(Field::Ward, Problem::OutOfRange, None));
            None
        }
        w => w,
    };
    let section = id_field(&input.section, Field::Section, &mut errors);
    if !errors.is_empty() {
        return Verdict::Invalid(errors);
    }
    // The honeypot is judged last, so a well-formed body is the only one answered as accepted.
    if !input.website.trim().is_empty() {
        return Verdict::Bot;
    }
    Verdict::Valid(Feedback { key, kind: input.kind, topic, message, satisfaction: input.satisfaction, email, ward, section })
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "0f8fad5b-d9cb-469f-a165-70867728950e";

    fn ok(s: Submission) -> Feedback {
        match validate(&s) {
            Verdict::Valid(f) => f,
            other => panic!("{other:?}"),
        }
    }

    fn problems(s: Submission) -> Vec<(Field, Problem)> {
        match validate(&s) {
            Verdict::Invalid(e) => e.into_iter().map(|e| (e.field, e.problem)).collect(),
            other => panic!("{other:?}"),
        }
    }

    fn base() -> Submission {
        Submission { key: KEY.into(), message: "窓口がとても丁寧でした".into(), ..Default::default() }
    }

    #[test]
    fn a_plain_message_is_valid_and_normalised() {
        let f = ok(Submission { message: "  ＡＢＣ　ｶﾞｲﾄﾞ  ".into(), topic: "konbini-yearly".into(), ..base() });
        assert_eq!(f.message, "ABC ガイド");
        assert_eq!(f.topic, "konbini-yearly");
        assert_eq!(f.email, None);
    }

    #[test]
    fn message_is_required_and_limited_to_2000_characters() {
        assert_eq!(problems(Submission { message: "   ".into(), ..base() }), [(Field::Message, Problem::Required)]);
        ok(Submission { message: "あ".repeat(2000), ..base() });
        assert_eq!(problems(Submission { message: "あ".repeat(2001), ..base() }), [(Field::Message, Problem::TooLong)]);
        // Counted as characters after normalisation: 2,000 half-width katakana with dakuten
        // become 2,000 full-width characters, not 4,000.
        ok(Submission { message: "ｶﾞ".repeat(2000), ..base() });
    }

    #[test]
    fn satisfaction_is_1_to_5() {
        ok(Submission { satisfaction: Some(5), ..base() });
        assert_eq!(problems(Submission { satisfaction: Some(0), ..base() }), [(Field::Satisfaction, Problem::OutOfRange)]);
        assert_eq!(problems(Submission { satisfaction: Some(6), ..base() }), [(Field::Satisfaction, Problem::OutOfRange)]);
    }

    #[test]
    fn email_only_with_consent_and_well_formed() {
        assert_eq!(problems(Submission { email: "a@example.jp".into(), ..base() }), [(Field::Consent, Problem::EmailWithoutConsent)]);
        assert_eq!(problems(Submission { consent: true, ..base() }), [(Field::Email, Problem::Required)]);
        assert_eq!(problems(Submission { consent: true, email: "not an address".into(), ..base() }), [(Field::Email, Problem::InvalidEmail)]);
        let f = ok(Submission { consent: true, email: "ｔａｒｏ@example.jp".into(), ..base() });
        assert_eq!(f.email.as_deref(), Some("taro@example.jp"));
    }

    #[test]
    fn honeypot_means_bot() {
        assert_eq!(validate(&Submission { website: "http://spam".into(), ..base() }), Verdict::Bot);
    }

    #[test]
    fn key_must_be_a_uuid() {
        assert_eq!(problems(Submission { key: "1".into(), ..base() }), [(Field::Key, Problem::InvalidKey)]);
        ok(Submission { key: KEY.to_uppercase(), ..base() });
    }

    #[test]
    fn controls_and_bidi_overrides_are_refused_in_text() {
        assert_eq!(problems(Submission { message: "abc\u{202E}def".into(), ..base() }), [(Field::Message, Problem::ControlCharacters)]);
        assert_eq!(problems(Submission { message: "a\u{0007}".into(), ..base() }), [(Field::Message, Problem::ControlCharacters)]);
        ok(Submission { message: "一行目\n二行目".into(), ..base() });
    }

    #[test]
    fn counter_survey_needs_a_rating_and_keeps_comments_short() {
        let survey = Submission { kind: Kind::CounterSurvey, message: String::new(), satisfaction: Some(4), ward: "chuo".into(), section: "tax".into(), ..base() };
        let f = ok(survey.clone());
        assert_eq!((f.ward.as_deref(), f.section.as_deref()), (Some("chuo"), Some("tax")));
        assert_eq!(problems(Submission { ward: String::new(), ..survey.clone() }), [(Field::Ward, Problem::Required)]);
        assert_eq!(problems(Submission { ward: "atlantis".into(), ..survey.clone() }), [(Field::Ward, Problem::OutOfRange)], "only the city's wards");
        assert_eq!(problems(Submission { section: "<b>".into(), ..survey.clone() }), [(Field::Section, Problem::OutOfRange)]);
        assert_eq!(problems(Submission { satisfaction: None, ..survey.clone() }), [(Field::Satisfaction, Problem::Required)]);
        assert_eq!(problems(Submission { message: "あ".repeat(501), ..survey }), [(Field::Message, Problem::TooLong)]);
    }

    #[test]
    fn a_rating_may_be_written_as_4_or_4_0_but_not_4_5() {
        let read = |rating: &str| serde_json::from_str::<Submission>(&format!(r#"{{"key":"k","message":"m","satisfaction":{rating}}}"#)).map(|s| s.satisfaction);
        assert_eq!(read("4").unwrap(), Some(4));
        assert_eq!(read("4.0").unwrap(), Some(4));
        assert_eq!(read("null").unwrap(), None);
        assert!(read("4.5").is_err() && read("300").is_err() && read("-1").is_err() && read("\"4\"").is_err());
    }

    #[test]
    fn unknown_fields_are_refused() {
        assert!(serde_json::from_str::<Submission>(r#"{"key":"k","message":"m","extra":1}"#).is_err());
    }

    proptest::proptest! {
        #[test]
        fn validation_never_panics(message in ".{0,300}", email in ".{0,40}", topic in ".{0,40}", sat in proptest::option::of(proptest::num::u8::ANY), consent: bool) {
            let _ = validate(&Submission { key: KEY.into(), message, email, topic, satisfaction: sat, consent, ..Default::default() });
        }
    }
}

#[cfg(test)]
mod form_tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn a_posted_general_form_reads_like_the_json_body() {
        let s = Submission::from_form(&pairs(&[("form", "general"), ("key", "k1"), ("topic", "t"), ("message", "hello"), ("satisfaction", "4"), ("email", "a@b.jp"), ("website", "")]));
        assert_eq!(s.kind, Kind::General);
        assert_eq!(s.satisfaction, Some(4));
        assert_eq!(s.email, "", "no consent, no e-mail");
        let s = Submission::from_form(&pairs(&[("key", "k1"), ("message", "hello"), ("consent", "on"), ("email", "a@b.jp"), ("satisfaction", "x")]));
        assert!(s.consent);
        assert_eq!(s.email, "a@b.jp");
        assert_eq!(s.satisfaction, None);
    }

    #[test]
    fn a_posted_counter_survey_is_validated_by_the_same_rules() {
        let s = Submission::from_form(&pairs(&[("form", "counter-survey"), ("key", "0b6c1f4e-3a1e-4c43-9a3f-0e8f6f3a9d11"), ("ward", "chuo"), ("section", "x")]));
        assert_eq!(s.kind, Kind::CounterSurvey);
        assert_eq!(s.topic, "counter-survey");
        match validate(&s) {
            Verdict::Invalid(errors) => assert!(errors.iter().any(|e| e.field == Field::Satisfaction)),
            other => panic!("{other:?}"),
        }
    }
}
