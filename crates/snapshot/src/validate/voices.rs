//! The rules of 「みなさんの声と市の対応」: every count and answer names a card or indicator the
//! snapshot has, counts are per card and month once each, an answer the city declines says why,
//! and an answer's date is a day. (An answer may be dated after the figures' own date: the city
//! answers later what was said about earlier figures.)

use super::*;

/// Most card × month counts (30 cards over more than five years).
const MAX_RECEIVED: usize = 2000;
/// Most answers in one publication.
const MAX_ANSWERS: usize = 500;

/// The ids a voice or an answer may name: every indicator (and group) and the chart cards.
pub fn card_ids(s: &Snapshot) -> HashSet<&str> {
    s.indicators
        .iter()
        .map(|i| i.id.as_str())
        .chain(s.indicator_groups.iter().map(|g| g.id.as_str()))
        .chain(CHART_CARDS)
        .collect()
}

impl Checker {
    pub(super) fn voices(&mut self, s: &Snapshot) {
        let v = &s.voices;
        let cards = card_ids(s);
        let card = |c: &mut Checker, id: &str| {
            if !cards.contains(id) {
                c.at("card", |c| c.report(Code::NoSuchCard, params!["id" => quoted(id)]));
            }
        };
        self.at("received", |c| {
            c.list_len(v.received.len(), 0, MAX_RECEIVED);
            let mut seen = HashSet::new();
            c.each(&v.received, MAX_RECEIVED, |c, _i, r| {
                card(c, &r.card);
                c.at("month", |c| c.year_month(r.month));
                if !seen.insert((r.card.as_str(), r.month)) {
                    c.report(Code::VoicesTwice, vec![]);
                }
            });
        });
        self.at("answers", |c| c.list_len(v.answers.len(), 0, MAX_ANSWERS));
        self.unique_ids("answers", v.answers.iter().take(MAX_ANSWERS).map(|a| a.id.as_str()));
        self.at("answers", |c| {
            c.each(&v.answers, MAX_ANSWERS, |c, _i, a| {
                card(c, &a.card);
                c.at("title", |c| c.text(&a.title, MAX_NAME_CHARS));
                c.at("voices_summary", |c| c.text(&a.voices_summary, MAX_PROSE_CHARS));
                c.at("answer", |c| c.text(&a.answer, MAX_PROSE_CHARS));
                match (&a.reason, a.status) {
                    (Some(reason), _) => c.at("reason", |c| c.text(reason, MAX_PROSE_CHARS)),
                    (None, AnswerStatus::Declined) => c.at("reason", |c| c.report(Code::DeclinedWithoutReason, vec![])),
                    (None, _) => {}
                }
                c.at("date", |c| match a.date.date() {
                    Some(d) if d.day.is_none() => c.report(Code::NotDate, params!["text" => quoted(a.date.text())]),
                    Some(_) => {}
                    None => c.report(Code::NotDate, params!["text" => quoted(a.date.text())]),
                });
                if let Some(e) = &a.expects {
                    if !s.indicators.iter().any(|i| i.id == *e) {
                        c.at("expects", |c| c.report(Code::NoSuchIndicator, params!["id" => quoted(e)]));
                    }
                }
            });
        });
    }
}
