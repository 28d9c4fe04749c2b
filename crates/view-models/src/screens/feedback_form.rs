//! The feedback form's words: error messages linked to fields, the character count,
//! satisfaction labels and personal-data warnings.

use feedback::{Field, FieldError, PersonalHint, Problem};

use crate::format::number;
use crate::strings::{fill, strings};
use crate::Locale;

pub fn field_label(field: Field, locale: Locale) -> &'static str {
    let t = strings(locale);
    match field {
        Field::Topic => t.topic_label,
        Field::Message => t.message_label,
        Field::Satisfaction => t.satisfaction_label,
        Field::Consent => t.consent_label,
        Field::Email => t.email_label,
        Field::Key => t.send_button,
        Field::Ward => t.ward_office,
        Field::Section => t.counter_section,
    }
}

/// The message for one error, naming its field.
pub fn error_message(e: &FieldError, locale: Locale) -> String {
    let t = strings(locale);
    let label = field_label(e.field, locale);
    match e.problem {
        Problem::Required => fill(t.err_required, &[("field", label)]),
        Problem::TooLong => fill(t.err_too_long, &[("field", label)]),
        Problem::OutOfRange => fill(t.err_out_of_range, &[("field", label)]),
        Problem::InvalidEmail => t.err_invalid_email.into(),
        Problem::EmailWithoutConsent => t.err_email_without_consent.into(),
        Problem::InvalidKey => t.err_invalid_key.into(),
        Problem::ControlCharacters => fill(t.err_control, &[("field", label)]),
    }
}

/// 「残り1,234文字」 or 「12文字多すぎます」.
pub fn chars_left(count: usize, max: usize, locale: Locale) -> (String, bool) {
    let t = strings(locale);
    if count <= max {
        (fill(t.chars_left, &[("count", &number((max - count) as f64))]), false)
    } else {
        (fill(t.chars_over, &[("count", &number((count - max) as f64))]), true)
    }
}

pub fn satisfaction_label(level: u8, locale: Locale) -> &'static str {
    let t = strings(locale);
    match level {
        1 => t.sat_1,
        2 => t.sat_2,
        3 => t.sat_3,
        4 => t.sat_4,
        _ => t.sat_5,
    }
}

/// The counter survey's answer words (5 best): the city's scale, not the general form's.
pub fn counter_satisfaction_label(level: u8, locale: Locale) -> &'static str {
    let t = strings(locale);
    match level {
        1 => t.counter_sat_1,
        2 => t.counter_sat_2,
        3 => t.counter_sat_3,
        4 => t.counter_sat_4,
        _ => t.counter_sat_5,
    }
}

/// Counted as satisfied, as the city's published indicator counts: 「とても満足」 and 「ほぼ満足」.
pub fn counts_as_satisfied(level: u8) -> bool {
    level >= 4
}

/// An error of the counter survey: its satisfaction question is about today's counter.
pub fn survey_error_message(e: &FieldError, locale: Locale) -> String {
    match (e.field, e.problem) {
        (Field::Satisfaction, Problem::Required) => strings(locale).counter_required.into(),
        _ => error_message(e, locale),
    }
}

pub fn hint_message(h: PersonalHint, locale: Locale) -> &'static str {
    let t = strings(locale);
    match h {
        PersonalHint::PhoneNumber => t.hint_phone,
        PersonalHint::TwelveDigits => t.hint_twelve,
        PersonalHint::Email => t.hint_email,
        PersonalHint::PostalAddress => t.hint_address,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_their_field() {
        let e = FieldError { field: Field::Message, problem: Problem::Required, limit: None };
        assert_eq!(error_message(&e, Locale::Ja), "ご意見を入力してください");
        assert_eq!(error_message(&e, Locale::En), "Enter Your message");
        let long = FieldError { field: Field::Message, problem: Problem::TooLong, limit: Some(2000) };
        assert_eq!(error_message(&long, Locale::Ja), "ご意見が長すぎます");
    }

    #[test]
    fn the_count_says_what_is_left_or_over() {
        assert_eq!(chars_left(766, 2000, Locale::Ja), ("残り1,234文字".into(), false));
        assert_eq!(chars_left(2012, 2000, Locale::Ja), ("12文字多すぎます".into(), true));
        assert_eq!(satisfaction_label(5, Locale::Ja), "とても満足");
        // The counter survey speaks the city's scale: its two best answers are the ones the
        // published satisfied share counts.
        assert_eq!(counter_satisfaction_label(5, Locale::Ja), "とても満足");
        assert_eq!(counter_satisfaction_label(4, Locale::Ja), "ほぼ満足");
        assert!((1..=5).filter(|&l| counts_as_satisfied(l)).map(|l| counter_satisfaction_label(l, Locale::Ja)).eq(["ほぼ満足", "とても満足"]));
        for l in Locale::ALL {
            let labels: std::collections::HashSet<_> = (1..=5).map(|v| counter_satisfaction_label(v, l)).collect();
            assert_eq!(labels.len(), 5, "five distinct answers in {l:?}");
        }
        assert_eq!(hint_message(PersonalHint::TwelveDigits, Locale::Ja), "12桁の数字（マイナンバーの可能性）");
    }
}
