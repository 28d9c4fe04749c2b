//! The feedback form's steps (edit → preview → handed to the outbox, or received by the server
//! without script) and its words: error messages linked to fields, the character count,
//! satisfaction labels and personal-data warnings.

use feedback::{validate, Field, FieldError, PersonalHint, Problem, Submission, Verdict};

use crate::outbox::{ItemState, Outbox};

use crate::format::number;
use crate::strings::strings;
use crate::Locale;

pub fn field_label(field: Field, locale: Locale) -> &'static str {
    let t = strings(locale);
    match field {
        Field::Topic => t.topic_label,
        Field::Message => t.message_label,
        Field::Satisfaction => t.satisfaction_label,
        Field::Consent => t.consent_label,
        Field::Email => t.email_label,
        Field::Key | Field::Follow => t.send_button,
        Field::Ward => t.ward_office,
        Field::Section => t.counter_section,
    }
}

/// The message for one error, naming its field.
pub fn error_message(e: &FieldError, locale: Locale) -> String {
    let t = strings(locale);
    let label = field_label(e.field, locale);
    match e.problem {
        Problem::Required => t.err_required(label),
        Problem::TooLong => t.err_too_long(label),
        Problem::OutOfRange => t.err_out_of_range(label),
        Problem::InvalidEmail => t.err_invalid_email.into(),
        Problem::EmailWithoutConsent => t.err_email_without_consent.into(),
        Problem::InvalidKey => t.err_invalid_key.into(),
        Problem::ControlCharacters => t.err_control(label),
    }
}

/// 「残り1,234文字」 or 「12文字多すぎます」.
pub fn chars_left(count: usize, max: usize, locale: Locale) -> (String, bool) {
    let t = strings(locale);
    if count <= max {
        (t.chars_left(&number((max - count) as f64)), false)
    } else {
        (t.chars_over(&number((count - max) as f64)), true)
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

/// Where the general form stands. Pure, so the component is a thin view over it.
#[derive(Debug, Clone, PartialEq)]
pub enum FormStep {
    Edit,
    /// Checked and shown back to the writer before sending.
    Preview(Submission),
    /// Handed to the outbox (with script), by key: its state there says sent or waiting.
    Done(String),
    /// Stored by the server from a form posted without script: the receipt number.
    Received(String),
}

impl FormStep {
    /// The first step: the receipt when the server stored a form posted without script.
    pub fn start(receipt: Option<String>) -> FormStep {
        receipt.map_or(FormStep::Edit, FormStep::Received)
    }

    /// 「確認画面へ」: the preview when the rules accept `s` (a honeypot answer looks accepted
    /// too), else the errors to show on the form.
    pub fn preview(s: Submission) -> Result<FormStep, Vec<FieldError>> {
        // The general form names no office, so it needs none of the city's.
        match validate(&s, &[]) {
            Verdict::Invalid(errors) => Err(errors),
            Verdict::Valid(_) | Verdict::Bot => Ok(FormStep::Preview(s)),
        }
    }

    /// 「送信する」 on the preview: the submission for the outbox, and the step after it.
    pub fn send(&self) -> Option<(Submission, FormStep)> {
        match self {
            FormStep::Preview(s) => Some((s.clone(), FormStep::Done(s.key.clone()))),
            _ => None,
        }
    }

    /// After a delivery: the server's refusal (4xx) sends the writer back to the form with its
    /// field errors; anything else leaves the step as it is.
    pub fn refused(&self, outbox: &Outbox) -> Option<Vec<FieldError>> {
        match (self, self.key().and_then(|k| outbox.state_of(k))) {
            (FormStep::Done(_), Some(ItemState::Refused { errors })) => Some(errors.clone()),
            _ => None,
        }
    }

    fn key(&self) -> Option<&str> {
        match self {
            FormStep::Done(k) => Some(k),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_their_field() {
        let e = FieldError {
            field: Field::Message,
            problem: Problem::Required,
            limit: None,
        };
        assert_eq!(error_message(&e, Locale::Ja), "ご意見を入力してください");
        assert_eq!(error_message(&e, Locale::En), "Enter Your message");
        let long = FieldError {
            field: Field::Message,
            problem: Problem::TooLong,
            limit: Some(2000),
        };
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
        assert!((1..=5)
            .filter(|&l| counts_as_satisfied(l))
            .map(|l| counter_satisfaction_label(l, Locale::Ja))
            .eq(["ほぼ満足", "とても満足"]));
        for l in Locale::ALL {
            let labels: std::collections::HashSet<_> = (1..=5).map(|v| counter_satisfaction_label(v, l)).collect();
            assert_eq!(labels.len(), 5, "five distinct answers in {l:?}");
        }
        assert_eq!(
            hint_message(PersonalHint::TwelveDigits, Locale::Ja),
            "12桁の数字（マイナンバーの可能性）"
        );
    }

    #[test]
    fn the_form_goes_edit_preview_done_and_back_on_a_refusal() {
        use feedback::Kind;
        let key = "00000000-0000-4000-8000-000000000042".to_string();
        let s = Submission {
            key: key.clone(),
            kind: Kind::General,
            message: "ありがとう".into(),
            ..Default::default()
        };
        assert_eq!(FormStep::start(None), FormStep::Edit);
        assert_eq!(FormStep::start(Some("KR-0000001".into())), FormStep::Received("KR-0000001".into()));
        let empty = Submission {
            message: String::new(),
            ..s.clone()
        };
        assert_eq!(FormStep::preview(empty).unwrap_err()[0].field, Field::Message, "the rules' errors");
        let preview = FormStep::preview(s.clone()).unwrap();
        assert_eq!(preview, FormStep::Preview(s.clone()));
        assert_eq!(FormStep::Edit.send(), None, "only a preview sends");
        let (sent, done) = preview.send().unwrap();
        assert_eq!((sent.key.as_str(), &done), (key.as_str(), &FormStep::Done(key.clone())));
        let mut outbox = Outbox::default();
        outbox.enqueue(sent);
        assert_eq!(done.refused(&outbox), None, "waiting is not refused");
        let errors = vec![FieldError {
            field: Field::Message,
            problem: Problem::TooLong,
            limit: Some(2000),
        }];
        outbox.record(&key, crate::outbox::Delivery::Refused { errors: errors.clone() });
        assert_eq!(done.refused(&outbox), Some(errors));
        assert_eq!(outbox.receipt_of(&key), None);
        assert_eq!(FormStep::Edit.refused(&outbox), None);
    }
}
