//! The counter survey at a kiosk, one step at a time: where (ward, then counter, unless the
//! kiosk is configured for its place), one tap on an answer, an optional comment, then thanks.
//! Pure, so the app's steps and the server's answer to a step posted without script agree.

use crate::request::{PageRequest, Params};
use crate::screens::contexts::KioskPlace;

/// The kiosk's own address: `mode=kiosk` and its settings from `request` (see
/// [`Params::kiosk_settings`]), nothing else; with `preview`, a preview's `data` too. The survey's
/// form posts to it (without `data`, as the server renders the answer from the published
/// snapshot); the reset goes back to it, built from the query the kiosk was opened with (in-app
/// links drop the query), and the server keeps it in its answer.
pub fn kiosk_address(request: &PageRequest, preview: bool) -> String {
    let params = Params {
        mode: Some("kiosk".into()),
        data: request.params.data.clone().filter(|_| preview),
        ..request.params.kiosk_settings()
    };
    crate::request::href("/", &params.pairs())
}

/// Seconds the thank-you stays before the kiosk goes back to its start by itself (`?thanks=`).
pub const THANKS_SECONDS: u32 = 10;

/// `?thanks=`: at least 3 s (time to read the receipt), at most 120 s; the default otherwise.
pub fn thanks_seconds(param: Option<&str>) -> u32 {
    param
        .and_then(|v| v.parse::<u32>().ok())
        .map_or(THANKS_SECONDS, |s| s.clamp(3, 120))
}

/// One screen of the survey.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SurveyStep {
    Ward,
    Section,
    Answer,
    Comment,
}

/// What is known so far: the kiosk's place, then each tap.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SurveyProgress {
    pub ward: Option<String>,
    pub section: Option<String>,
    pub satisfaction: Option<u8>,
}

impl SurveyProgress {
    /// The kiosk's configured place, and what a step posted without script carried (only values
    /// the survey accepts: an office the city publishes, a counter of this snapshot, a level 1–5).
    pub fn new(
        place: &KioskPlace,
        ward: &str,
        section: &str,
        satisfaction: Option<u8>,
        office_ids: &[&str],
        section_ids: &[&str],
    ) -> SurveyProgress {
        let known_ward = office_ids.contains(&ward).then(|| ward.to_string());
        let known_section = section_ids.contains(&section).then(|| section.to_string());
        SurveyProgress {
            ward: place.ward.clone().or(known_ward),
            section: place.section.clone().or(known_section),
            satisfaction: satisfaction.filter(|l| (1..=5).contains(l)),
        }
    }

    /// The screen to show: the first thing not yet known.
    pub fn step(&self) -> SurveyStep {
        match (&self.ward, &self.section, self.satisfaction) {
            (None, _, _) => SurveyStep::Ward,
            (_, None, _) => SurveyStep::Section,
            (_, _, None) => SurveyStep::Answer,
            _ => SurveyStep::Comment,
        }
    }

    /// One step back from `step` (「もどる」), forgetting the answer given there but never the
    /// kiosk's configured place; `None` on the first screen.
    pub fn back(&self, place: &KioskPlace) -> Option<SurveyProgress> {
        let mut p = self.clone();
        match self.step() {
            SurveyStep::Comment => p.satisfaction = None,
            SurveyStep::Answer if place.section.is_none() => p.section = None,
            SurveyStep::Answer | SurveyStep::Section if place.ward.is_none() => {
                p.ward = None;
                p.section = place.section.clone();
            }
            _ => return None,
        }
        Some(p)
    }
}

/// The face drawn on an answer's button: the mouth's curve, from a smile (5) to a frown (1).
pub fn mouth_curve(level: u8) -> i8 {
    match level {
        5 => 12,
        4 => 6,
        3 => 0,
        2 => -6,
        _ => -12,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECTIONS: [&str; 2] = ["juumin", "tax"];
    const OFFICES: [&str; 2] = ["chuo", "kita"];

    #[test]
    fn the_kiosk_address_keeps_the_kiosk_and_its_settings_only() {
        let start = |query: &str| kiosk_address(&PageRequest::new("/", query, ""), true);
        assert_eq!(
            start("?utm_source=x&mode=kiosk&ward=chuo&lang=en&section=tax&thanks=5&idle=60"),
            "/?mode=kiosk&idle=60&ward=chuo&section=tax&thanks=5"
        );
        assert_eq!(
            start("mode=kiosk&data=/fixtures/a%20b.json"),
            "/?mode=kiosk&data=%2Ffixtures%2Fa%20b.json"
        );
        let action = kiosk_address(&PageRequest::new("/feedback", "mode=kiosk&data=/x.json&ward=kita", ""), false);
        assert_eq!(action, "/?mode=kiosk&ward=kita", "the form posts to the published kiosk");
    }

    #[test]
    fn an_unconfigured_kiosk_asks_where_then_how_then_for_a_comment() {
        let none = KioskPlace::default();
        let mut p = SurveyProgress::new(&none, "", "", None, &OFFICES, &SECTIONS);
        assert_eq!(p.step(), SurveyStep::Ward);
        p.ward = Some("chuo".into());
        assert_eq!(p.step(), SurveyStep::Section);
        p.section = Some("tax".into());
        assert_eq!(p.step(), SurveyStep::Answer);
        p.satisfaction = Some(4);
        assert_eq!(p.step(), SurveyStep::Comment);
        let back = p.back(&none).unwrap();
        assert_eq!((back.step(), back.section.as_deref()), (SurveyStep::Answer, Some("tax")));
        let back = back.back(&none).unwrap();
        assert_eq!(back.step(), SurveyStep::Section);
        let back = back.back(&none).unwrap();
        assert_eq!(back.step(), SurveyStep::Ward);
        assert_eq!(back.back(&none), None);
    }

    #[test]
    fn a_configured_kiosk_starts_at_the_answer_and_never_forgets_its_place() {
        let place = KioskPlace {
            ward: Some("kita".into()),
            section: Some("tax".into()),
            unknown: vec![],
        };
        let p = SurveyProgress::new(&place, "", "", None, &OFFICES, &SECTIONS);
        assert_eq!(p.step(), SurveyStep::Answer);
        assert_eq!(p.back(&place), None);
        let answered = SurveyProgress {
            satisfaction: Some(5),
            ..p.clone()
        };
        assert_eq!(answered.back(&place), Some(p));
        // A posted step cannot move it elsewhere, nor carry what the survey does not accept.
        let p = SurveyProgress::new(&place, "chuo", "juumin", Some(9), &OFFICES, &SECTIONS);
        assert_eq!(
            (p.ward.as_deref(), p.section.as_deref(), p.satisfaction),
            (Some("kita"), Some("tax"), None)
        );
        let p = SurveyProgress::new(&KioskPlace::default(), "atlantis", "nowhere", Some(3), &OFFICES, &SECTIONS);
        assert_eq!((p.ward, p.section, p.satisfaction), (None, None, Some(3)));
    }

    #[test]
    fn the_thank_you_stays_a_readable_while() {
        assert_eq!(thanks_seconds(None), 10);
        assert_eq!(thanks_seconds(Some("30")), 30);
        assert_eq!(thanks_seconds(Some("0")), 3);
        assert_eq!(thanks_seconds(Some("9999")), 120);
        assert_eq!(thanks_seconds(Some("x")), 10);
        assert!(mouth_curve(5) > mouth_curve(4) && mouth_curve(3) == 0 && mouth_curve(1) < mouth_curve(2));
    }
}
