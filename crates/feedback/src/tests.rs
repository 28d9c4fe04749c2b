//! The rules, case by case: what a person may send, and what a posted form reads as.

use crate::*;

/// A test city's offices (synthetic): the rules take whatever the publication lists.
const OFFICES: [&str; 3] = ["chuo", "kita", "north-branch"];

const KEY: &str = "0f8fad5b-d9cb-469f-a165-70867728950e";

fn ok(s: Submission) -> Feedback {
    match validate(&s, &OFFICES) {
        Verdict::Valid(f) => f,
        other => panic!("{other:?}"),
    }
}

fn problems(s: Submission) -> Vec<(Field, Problem)> {
    match validate(&s, &OFFICES) {
        Verdict::Invalid(e) => e.into_iter().map(|e| (e.field, e.problem)).collect(),
        other => panic!("{other:?}"),
    }
}

fn base() -> Submission {
    Submission {
        key: KEY.into(),
        message: "窓口がとても丁寧でした".into(),
        ..Default::default()
    }
}

#[test]
fn a_plain_message_is_valid_and_normalised() {
    let f = ok(Submission {
        message: "  ＡＢＣ　ｶﾞｲﾄﾞ  ".into(),
        topic: "konbini-yearly".into(),
        ..base()
    });
    assert_eq!(f.message, "ABC ガイド");
    assert_eq!(f.topic, "konbini-yearly");
    assert_eq!(f.email, None);
}

#[test]
fn message_is_required_and_limited_to_2000_characters() {
    assert_eq!(
        problems(Submission {
            message: "   ".into(),
            ..base()
        }),
        [(Field::Message, Problem::Required)]
    );
    ok(Submission {
        message: "あ".repeat(2000),
        ..base()
    });
    assert_eq!(
        problems(Submission {
            message: "あ".repeat(2001),
            ..base()
        }),
        [(Field::Message, Problem::TooLong)]
    );
    // Counted as characters after normalisation: 2,000 half-width katakana with dakuten
    // become 2,000 full-width characters, not 4,000.
    ok(Submission {
        message: "ｶﾞ".repeat(2000),
        ..base()
    });
}

#[test]
fn satisfaction_is_1_to_5() {
    ok(Submission {
        satisfaction: Some(5),
        ..base()
    });
    assert_eq!(
        problems(Submission {
            satisfaction: Some(0),
            ..base()
        }),
        [(Field::Satisfaction, Problem::OutOfRange)]
    );
    assert_eq!(
        problems(Submission {
            satisfaction: Some(6),
            ..base()
        }),
        [(Field::Satisfaction, Problem::OutOfRange)]
    );
}

#[test]
fn email_only_with_consent_and_well_formed() {
    assert_eq!(
        problems(Submission {
            email: "a@example.jp".into(),
            ..base()
        }),
        [(Field::Consent, Problem::EmailWithoutConsent)]
    );
    assert_eq!(
        problems(Submission { consent: true, ..base() }),
        [(Field::Email, Problem::Required)]
    );
    assert_eq!(
        problems(Submission {
            consent: true,
            email: "not an address".into(),
            ..base()
        }),
        [(Field::Email, Problem::InvalidEmail)]
    );
    let f = ok(Submission {
        consent: true,
        email: "ｔａｒｏ@example.jp".into(),
        ..base()
    });
    assert_eq!(f.email.as_deref(), Some("taro@example.jp"));
}

#[test]
fn honeypot_means_bot() {
    assert_eq!(
        validate(
            &Submission {
                website: "http://spam".into(),
                ..base()
            },
            &OFFICES
        ),
        Verdict::Bot
    );
}

#[test]
fn key_must_be_a_uuid() {
    assert_eq!(
        problems(Submission { key: "1".into(), ..base() }),
        [(Field::Key, Problem::InvalidKey)]
    );
    ok(Submission {
        key: KEY.to_uppercase(),
        ..base()
    });
}

#[test]
fn a_private_links_token_is_64_hex_characters_or_none() {
    let token = "0123456789abcdef".repeat(4);
    assert_eq!(
        ok(Submission {
            follow: token.clone(),
            ..base()
        })
        .follow,
        Some(token.clone())
    );
    assert_eq!(
        ok(Submission {
            follow: format!(" {} ", token.to_uppercase()),
            ..base()
        })
        .follow,
        Some(token.clone()),
        "trimmed, lower case"
    );
    assert_eq!(ok(base()).follow, None);
    for bad in [&token[..63], &format!("{token}0"), &token.replace('0', "g"), "../../etc"] {
        assert_eq!(
            problems(Submission {
                follow: bad.into(),
                ..base()
            }),
            [(Field::Follow, Problem::InvalidKey)],
            "{bad}"
        );
    }
    let form = Submission::from_form(&[("message".into(), "m".into()), ("follow".into(), token.clone())]);
    assert_eq!(form.follow, token, "the form without script carries it");
}

#[test]
fn controls_and_bidi_overrides_are_refused_in_text() {
    assert_eq!(
        problems(Submission {
            message: "abc\u{202E}def".into(),
            ..base()
        }),
        [(Field::Message, Problem::ControlCharacters)]
    );
    assert_eq!(
        problems(Submission {
            message: "a\u{0007}".into(),
            ..base()
        }),
        [(Field::Message, Problem::ControlCharacters)]
    );
    ok(Submission {
        message: "一行目\n二行目".into(),
        ..base()
    });
}

#[test]
fn counter_survey_needs_a_rating_and_keeps_comments_short() {
    let survey = Submission {
        kind: Kind::CounterSurvey,
        message: String::new(),
        satisfaction: Some(4),
        ward: "chuo".into(),
        section: "tax".into(),
        ..base()
    };
    let f = ok(survey.clone());
    assert_eq!((f.ward.as_deref(), f.section.as_deref()), (Some("chuo"), Some("tax")));
    assert_eq!(
        problems(Submission {
            ward: String::new(),
            ..survey.clone()
        }),
        [(Field::Ward, Problem::Required)]
    );
    assert_eq!(
        problems(Submission {
            ward: "atlantis".into(),
            ..survey.clone()
        }),
        [(Field::Ward, Problem::OutOfRange)],
        "only the city's offices"
    );
    assert_eq!(
        ok(Submission {
            ward: "north-branch".into(),
            ..survey.clone()
        })
        .ward
        .as_deref(),
        Some("north-branch"),
        "any office the city publishes"
    );
    assert!(
        matches!(validate(&survey, &[]), Verdict::Invalid(e) if e[0].field == Field::Ward),
        "a city without offices takes no counter survey"
    );
    assert_eq!(
        problems(Submission {
            section: "<b>".into(),
            ..survey.clone()
        }),
        [(Field::Section, Problem::OutOfRange)]
    );
    assert_eq!(
        problems(Submission {
            satisfaction: None,
            ..survey.clone()
        }),
        [(Field::Satisfaction, Problem::Required)]
    );
    assert_eq!(
        problems(Submission {
            message: "あ".repeat(501),
            ..survey
        }),
        [(Field::Message, Problem::TooLong)]
    );
}

#[test]
fn a_rating_may_be_written_as_4_or_4_0_but_not_4_5() {
    let read = |rating: &str| {
        serde_json::from_str::<Submission>(&format!(r#"{{"key":"k","message":"m","satisfaction":{rating}}}"#)).map(|s| s.satisfaction)
    };
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
        let _ = validate(&Submission { key: KEY.into(), message, email, topic, satisfaction: sat, consent, ..Default::default() }, &OFFICES);
    }
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[test]
fn a_posted_general_form_reads_like_the_json_body() {
    let s = Submission::from_form(&pairs(&[
        ("form", "general"),
        ("key", "k1"),
        ("topic", "t"),
        ("message", "hello"),
        ("satisfaction", "4"),
        ("email", "a@b.jp"),
        ("website", ""),
    ]));
    assert_eq!(s.kind, Kind::General);
    assert_eq!(s.satisfaction, Some(4));
    assert_eq!(s.email, "", "no consent, no e-mail");
    let s = Submission::from_form(&pairs(&[
        ("key", "k1"),
        ("message", "hello"),
        ("consent", "on"),
        ("email", "a@b.jp"),
        ("satisfaction", "x"),
    ]));
    assert!(s.consent);
    assert_eq!(s.email, "a@b.jp");
    assert_eq!(s.satisfaction, None);
}

#[test]
fn a_posted_counter_survey_is_validated_by_the_same_rules() {
    let s = Submission::from_form(&pairs(&[
        ("form", "counter-survey"),
        ("key", "0b6c1f4e-3a1e-4c43-9a3f-0e8f6f3a9d11"),
        ("ward", "chuo"),
        ("section", "x"),
    ]));
    assert_eq!(s.kind, Kind::CounterSurvey);
    assert_eq!(s.topic, "counter-survey");
    match validate(&s, &OFFICES) {
        Verdict::Invalid(errors) => assert!(errors.iter().any(|e| e.field == Field::Satisfaction)),
        other => panic!("{other:?}"),
    }
}
