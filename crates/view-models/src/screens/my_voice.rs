//! 「あなたの声のその後」, the private page where a citizen follows their own message
//! (`/voices/mine/<token>`): the day it was received, the card it was about, where it stands in
//! words, and the city's published answer once there is one. Never the message or the address:
//! the page is for whoever holds the link, which may be a phone left on a counter.

use snapshot::Snapshot;

use crate::format::japan_time_of;
use crate::screens::voices::{answer_view, date_words, known_card_name, AnswerView};
use crate::strings::marked_strings;
use crate::Locale;

/// What the store says about the message a link names (the server looks it up; the page only
/// words it).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FollowedVoice {
    /// UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    pub received_at: String,
    /// A card's id when the message was about one; anything else the citizen wrote is not shown.
    pub topic: String,
    pub progress: Progress,
    /// The theme staff grouped it into: its answer, once published, is `theme-<id>`.
    pub theme_id: Option<i64>,
}

/// Where a message stands, as the staff inbox's status says (the server maps each of its
/// statuses to one of these, `follow::progress`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Progress {
    #[default]
    Received,
    Read,
    Considering,
    Answered,
    Declined,
}

impl Progress {
    /// For the badge's class.
    pub fn id(self) -> &'static str {
        match self {
            Progress::Received => "received",
            Progress::Read => "read",
            Progress::Considering => "considering",
            Progress::Answered => "answered",
            Progress::Declined => "declined",
        }
    }
}

/// The id a theme's answer is published under (the staff pages' answer form writes it).
pub fn theme_answer_id(theme: i64) -> String {
    format!("theme-{theme}")
}

#[derive(Debug, Clone, PartialEq)]
pub struct MyVoiceScreen {
    /// The day received, in Japan time, as the city writes dates.
    pub received: String,
    /// The card's name (marked), when the message was about one of the published cards.
    pub card: Option<String>,
    /// Where its voices and answers are on 「みなさんの声と市の対応」.
    pub card_link: Option<String>,
    /// Marked.
    pub status: &'static str,
    pub status_id: &'static str,
    /// The city's answer to the message's theme, once published.
    pub answer: Option<AnswerView>,
}

pub fn my_voice(s: &Snapshot, locale: Locale, f: &FollowedVoice) -> MyVoiceScreen {
    let m = marked_strings(locale);
    let received = japan_time_of(&f.received_at).map_or_else(String::new, |t| date_words(t.year, t.month, t.day, locale));
    // Only a card's name: a topic the citizen typed is theirs, and stays off a page a link opens.
    let card = known_card_name(s, &f.topic, locale);
    // The theme's answer, once published, and its card's section on the public page.
    let published = f
        .theme_id
        .and_then(|t| s.voices.answers.iter().find(|a| a.id == theme_answer_id(t)));
    let answer = published.map(|a| answer_view(s, a, locale));
    let linked_card = published.map(|a| a.card.as_str()).or(card.as_ref().map(|_| f.topic.as_str()));
    let card_link = linked_card.filter(|c| !c.is_empty()).map(|c| format!("/voices#{c}"));
    let status = match f.progress {
        Progress::Received => m.my_voice_new,
        Progress::Read => m.my_voice_seen,
        Progress::Considering => m.my_voice_considering,
        Progress::Answered => m.my_voice_answered,
        Progress::Declined => m.my_voice_declined,
    };
    MyVoiceScreen {
        received,
        card,
        card_link,
        status,
        status_id: f.progress.id(),
        answer,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screens::home::tests::seed;
    use snapshot::{AnswerStatus, AsOf, CityAnswer, Text};

    /// The seed snapshot with one synthetic answer to theme 7 (for tests only).
    fn with_answer() -> Snapshot {
        let mut s = seed();
        let t = |ja: &str| Text {
            ja: ja.into(),
            en: Some(format!("{ja} (en)")),
            ja_easy: Some(ja.into()),
        };
        s.voices.answers.push(CityAnswer {
            id: theme_answer_id(7),
            card: "konbini-yearly".into(),
            title: t("手数料について"),
            voices_summary: t("下げてほしいという声"),
            answer: t("検討を始めました"),
            status: AnswerStatus::Considering,
            reason: None,
            date: AsOf::parse("2026-11-30"),
            expects: None,
        });
        s
    }

    fn followed(topic: &str, progress: Progress, theme: Option<i64>) -> FollowedVoice {
        FollowedVoice {
            received_at: "2026-03-31T15:30:00Z".into(),
            topic: topic.into(),
            progress,
            theme_id: theme,
        }
    }

    #[test]
    fn the_day_is_japans_and_the_card_is_named_in_words() {
        let s = with_answer();
        let v = my_voice(&s, Locale::Ja, &followed("konbini-yearly", Progress::Received, None));
        assert_eq!(v.received, "2026年4月1日", "15:30 UTC is the next morning in Japan");
        assert!(v.card.as_deref().is_some_and(|c| c.contains("コンビニ")), "{:?}", v.card);
        assert_eq!(v.card_link.as_deref(), Some("/voices#konbini-yearly"));
        assert_eq!(v.status, "受け付けました");
        assert_eq!(
            my_voice(&s, Locale::En, &followed("konbini-yearly", Progress::Received, None)).received,
            "1 April 2026"
        );
    }

    #[test]
    fn a_topic_the_citizen_typed_is_never_shown() {
        let v = my_voice(
            &with_answer(),
            Locale::Ja,
            &followed("私の住所は熊本市中央区", Progress::Read, None),
        );
        assert_eq!((v.card, v.card_link), (None, None));
        assert_eq!(v.status, "市の職員が読みました");
    }

    #[test]
    fn every_status_has_its_words() {
        use Progress::*;
        let words: Vec<_> = [Received, Read, Considering, Answered, Declined]
            .into_iter()
            .map(|p| my_voice(&seed(), Locale::Ja, &followed("", p, None)).status)
            .collect();
        assert_eq!(
            words,
            [
                "受け付けました",
                "市の職員が読みました",
                "担当課で検討しています",
                "市の対応を公開しました",
                "今回は対応しないことにしました"
            ]
        );
    }

    #[test]
    fn the_themes_answer_shows_once_published_and_only_that_one() {
        let s = with_answer();
        let v = my_voice(&s, Locale::Ja, &followed("", Progress::Answered, Some(7)));
        let a = v.answer.expect("theme 7's answer is published");
        assert_eq!((a.title.as_str(), a.answer.as_str()), ("手数料について", "検討を始めました"));
        assert_eq!(
            v.card_link.as_deref(),
            Some("/voices#konbini-yearly"),
            "the answer's card, though the message named none"
        );
        assert_eq!(
            my_voice(&s, Locale::Ja, &followed("konbini-yearly", Progress::Answered, Some(8))).answer,
            None,
            "another theme's answer is not this one's"
        );
        assert_eq!(
            my_voice(&seed(), Locale::Ja, &followed("konbini-yearly", Progress::Answered, Some(7))).answer,
            None,
            "not yet published"
        );
    }
}
