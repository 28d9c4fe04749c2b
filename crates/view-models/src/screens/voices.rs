//! 「みなさんの声と市の対応」: per card, how many voices the city received by month and its
//! answers, newest first; and the line a card shows when it has some. All from the published
//! snapshot (`voices`), never from the store: public counts are what a second person published.

use snapshot::{AnswerStatus, AsOf, CityAnswer, Snapshot};

use crate::format::{figure_with_readings, number, year_month, MONTHS_EN};
use crate::screens::contexts::{embed_card, embeddable_ids};
use crate::strings::marked_strings;
use crate::Locale;

/// The screen: the cards that have voices or answers, in the widget's card order.
#[derive(Debug, Clone, PartialEq)]
pub struct VoicesScreen {
    pub cards: Vec<CardVoices>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CardVoices {
    /// The card's id: the section's anchor (`/voices#konbini-yearly`).
    pub id: String,
    /// Its name, marked for `components::ruby` in やさしい日本語.
    pub name: String,
    /// Month and count (marked), oldest first, as the city writes them (`2024年4月`, `12件`).
    pub received: Vec<(String, String)>,
    /// The whole count (marked: `12件`), when any month is published.
    pub total: Option<String>,
    pub answers: Vec<AnswerView>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AnswerView {
    pub id: String,
    /// Marked texts (readings kept in やさしい日本語).
    pub title: String,
    pub status: &'static str,
    /// `considering`, `acting`, `done`, `declined`: for the badge's class.
    pub status_id: &'static str,
    pub date: String,
    pub voices_summary: String,
    pub answer: String,
    pub reason: Option<String>,
    /// The indicator it expects to move, by name.
    pub expects: Option<String>,
}

/// An answer's status in words, marked.
pub fn status_words(status: AnswerStatus, locale: Locale) -> &'static str {
    let m = marked_strings(locale);
    match status {
        AnswerStatus::Considering => m.answer_status_considering,
        AnswerStatus::Acting => m.answer_status_acting,
        AnswerStatus::Done => m.answer_status_done,
        AnswerStatus::Declined => m.answer_status_declined,
    }
}

/// `2024年3月31日`, `31 March 2024`, `2024ねん 3がつ 31にち`; a date without its day as it is.
pub fn day(date: &AsOf, locale: Locale) -> String {
    let Some(d) = date.date() else { return date.text().to_string() };
    let Some(day) = d.day else {
        return year_month(
            snapshot::YearMonth {
                year: d.year,
                month: d.month,
            },
            locale,
        );
    };
    date_words(d.year, d.month, day, locale)
}

/// A whole date in words, as [`day`] writes it.
pub fn date_words(year: impl std::fmt::Display, month: u8, day: u8, locale: Locale) -> String {
    match locale {
        Locale::Ja => format!("{year}年{month}月{day}日"),
        Locale::En => format!("{day} {} {year}", MONTHS_EN[usize::from(month.clamp(1, 12)) - 1]),
        Locale::JaEasy | Locale::JaFurigana => format!("{year}ねん {month}がつ {day}にち"),
    }
}

/// Every card a citizen can write from, in the widget's order, with its name (marked): the
/// chart cards and indicators (their captions) and the staff survey's (its title). The form's
/// topic, the staff pages' names and this screen read this one list.
pub fn cards(s: &Snapshot, locale: Locale) -> Vec<(String, String)> {
    let mut cards: Vec<(String, String)> = embeddable_ids(s)
        .into_iter()
        .filter_map(|id| embed_card(s, &id, locale).map(|c| (id, c.caption_marked)))
        .collect();
    if let Some(staff) = crate::screens::staff::staff(s, locale) {
        cards.push(("staff-engagement".into(), staff.title));
    }
    cards
}

/// A card's name (marked) by id: a card's, else an indicator group's, else the id.
fn card_name(s: &Snapshot, id: &str, locale: Locale) -> String {
    known_card_name(s, id, locale).unwrap_or_else(|| id.to_string())
}

/// The name (marked) of the card or indicator group `id` names, if it names one.
pub fn known_card_name(s: &Snapshot, id: &str, locale: Locale) -> Option<String> {
    if let Some((_, name)) = cards(s, locale).into_iter().find(|(c, _)| c == id) {
        return Some(name);
    }
    s.indicator_groups
        .iter()
        .find(|g| g.id == id)
        .map(|g| locale.pick_marked(&g.name).into_owned())
}

pub fn answer_view(s: &Snapshot, a: &CityAnswer, locale: Locale) -> AnswerView {
    AnswerView {
        id: a.id.clone(),
        title: locale.pick_marked(&a.title).into_owned(),
        status: status_words(a.status, locale),
        status_id: a.status.id(),
        date: day(&a.date, locale),
        voices_summary: locale.pick_marked(&a.voices_summary).into_owned(),
        answer: locale.pick_marked(&a.answer).into_owned(),
        reason: a.reason.as_ref().map(|r| locale.pick_marked(r).into_owned()),
        expects: a
            .expects
            .as_ref()
            .and_then(|e| s.indicators.iter().find(|i| i.id == *e))
            .map(|i| locale.pick_marked(&i.name).into_owned()),
    }
}

/// A count as the city writes it, marked: `12件` (`12｜件《けん》` in やさしい日本語, `12` in English).
fn count(n: u32, locale: Locale) -> String {
    match locale {
        Locale::En => number(f64::from(n)),
        _ => figure_with_readings(&format!("{}件", number(f64::from(n))), locale).into_owned(),
    }
}

pub fn voices(s: &Snapshot, locale: Locale) -> VoicesScreen {
    let v = &s.voices;
    // The widget's cards first, in their order; then any other id the city named.
    let mut ids: Vec<String> = embeddable_ids(s);
    for id in v.received.iter().map(|r| &r.card).chain(v.answers.iter().map(|a| &a.card)) {
        if !ids.contains(id) {
            ids.push(id.clone());
        }
    }
    let cards = ids
        .into_iter()
        .filter_map(|id| {
            let mut received: Vec<_> = v.received.iter().filter(|r| r.card == id).collect();
            received.sort_by_key(|r| r.month);
            let mut answers: Vec<&CityAnswer> = v.answers.iter().filter(|a| a.card == id).collect();
            if received.is_empty() && answers.is_empty() {
                return None;
            }
            answers.sort_by(|a, b| b.date.cmp(&a.date));
            let total: u32 = received.iter().map(|r| r.count).sum();
            Some(CardVoices {
                name: card_name(s, &id, locale),
                received: received
                    .iter()
                    .map(|r| (year_month(r.month, locale), count(r.count, locale)))
                    .collect(),
                total: (!received.is_empty()).then(|| count(total, locale)),
                answers: answers.into_iter().map(|a| answer_view(s, a, locale)).collect(),
                id,
            })
        })
        .collect();
    VoicesScreen { cards }
}

/// The answers of `current` that `previous` did not publish, or published otherwise: what a
/// publication says anew (the feed's entries, a draft's list for the second person).
pub fn new_or_changed<'a>(previous: &[CityAnswer], current: &'a [CityAnswer]) -> Vec<(&'a CityAnswer, bool)> {
    current
        .iter()
        .filter_map(|a| match previous.iter().find(|p| p.id == a.id) {
            None => Some((a, true)),
            Some(p) if p != a => Some((a, false)),
            Some(_) => None,
        })
        .collect()
}

/// The card a message's topic names: its id, or its name in words as the card's feedback link
/// gives it (in any language, as shown or as read), so voices are counted per card while the
/// citizen reads and may change words, not an id. `None` for any other topic.
pub fn card_for_topic(s: &Snapshot, topic: &str) -> Option<String> {
    let topic = topic.trim();
    if topic.is_empty() {
        return None;
    }
    // A card by its id, or by its name in any language, as shown or as read.
    Locale::ALL
        .into_iter()
        .flat_map(|l| cards(s, l))
        .find(|(id, name)| id == topic || snapshot::ruby::plain(name) == topic || snapshot::ruby::spoken(name) == topic)
        .map(|(id, _)| id)
}

/// The line a card shows when the city published voices or answers about it (marked), and
/// where it leads: 「この数値へのみなさんの声 12件・市の対応 1件」, `/voices#konbini-yearly`.
pub fn card_line(s: &Snapshot, card: &str, locale: Locale) -> Option<(String, String)> {
    let voices: u32 = s.voices.received.iter().filter(|r| r.card == card).map(|r| r.count).sum();
    let answers = s.voices.answers.iter().filter(|a| a.card == card).count();
    if voices == 0 && answers == 0 {
        return None;
    }
    let m = marked_strings(locale);
    let (v, a) = (number(f64::from(voices)), number(answers as f64));
    // Only what was published: no 「0件」 for a side the city has said nothing about.
    let line = match (voices, answers) {
        (0, _) => m.card_answers_only(&a),
        (_, 0) => m.card_voices_only(&v),
        _ => m.card_voices_line(&v, &a),
    };
    Some((line, format!("/voices#{card}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screens::home::tests::seed;
    use snapshot::{Text, VoicesReceived, YearMonth};

    /// The seed snapshot with synthetic voices and answers (for tests only).
    fn with_voices() -> Snapshot {
        let mut s = seed();
        let t = |ja: &str, easy: &str| Text {
            ja: ja.into(),
            en: Some(format!("{ja} (en)")),
            ja_easy: Some(easy.into()),
        };
        let answer = |id: &str, card: &str, status, date: &str| CityAnswer {
            id: id.into(),
            card: card.into(),
            title: t("手数料", "お金《かね》"),
            voices_summary: t("下げてほしい", "下《さ》げて ほしい"),
            answer: t("検討します", "考《かんが》えます"),
            status,
            reason: None,
            date: AsOf::parse(date),
            expects: Some("konbini-certificates".into()),
        };
        s.voices.answers = vec![
            answer("old", "konbini-yearly", AnswerStatus::Done, "2024-01-10"),
            answer("new", "konbini-yearly", AnswerStatus::Considering, "2024-03-31"),
        ];
        s.voices.received = vec![
            VoicesReceived {
                card: "konbini-yearly".into(),
                month: YearMonth { year: 2024, month: 3 },
                count: 1200,
            },
            VoicesReceived {
                card: "konbini-yearly".into(),
                month: YearMonth { year: 2024, month: 2 },
                count: 12,
            },
            VoicesReceived {
                card: "counter-satisfaction".into(),
                month: YearMonth { year: 2024, month: 2 },
                count: 15,
            },
        ];
        s
    }

    #[test]
    fn each_card_shows_its_counts_oldest_first_and_its_answers_newest_first() {
        let v = voices(&with_voices(), Locale::Ja);
        let ids: Vec<&str> = v.cards.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, vec!["konbini-yearly", "counter-satisfaction"], "the widget's card order");
        let k = &v.cards[0];
        assert_eq!(
            k.received,
            vec![
                ("2024年2月".to_string(), "12件".to_string()),
                ("2024年3月".to_string(), "1,200件".to_string())
            ]
        );
        assert_eq!(k.total.as_deref(), Some("1,212件"));
        assert_eq!(
            k.answers
                .iter()
                .map(|a| (a.id.as_str(), a.status, a.date.as_str()))
                .collect::<Vec<_>>(),
            vec![("new", "検討しています", "2024年3月31日"), ("old", "対応しました", "2024年1月10日")]
        );
        assert_eq!(k.answers[0].expects.as_deref(), Some("証明書コンビニ発行件数"));
        assert!(v.cards[1].answers.is_empty());
        let easy = voices(&with_voices(), Locale::JaEasy);
        assert_eq!(easy.cards[0].answers[0].title, "お金《かね》", "readings kept for the screen");
        assert_eq!(easy.cards[0].answers[0].date, "2024ねん 3がつ 31にち");
        assert_eq!(
            easy.cards[0].total.as_deref(),
            Some("1,212｜件《けん》"),
            "a count's unit with its reading"
        );
        assert!(voices(&seed(), Locale::Ja).cards.is_empty(), "nothing published, nothing shown");
    }

    #[test]
    fn a_topic_in_words_names_its_card_in_any_language() {
        let s = seed();
        assert_eq!(card_for_topic(&s, "konbini-yearly").as_deref(), Some("konbini-yearly"));
        assert_eq!(card_for_topic(&s, " 証明書コンビニ発行件数 ").as_deref(), Some("konbini-yearly"));
        let en = embed_card(&s, "konbini-yearly", Locale::En).unwrap().caption;
        assert_eq!(card_for_topic(&s, &en).as_deref(), Some("konbini-yearly"));
        let easy = snapshot::ruby::spoken(&embed_card(&s, "konbini-yearly", Locale::JaEasy).unwrap().caption_marked).into_owned();
        assert_eq!(card_for_topic(&s, &easy).as_deref(), Some("konbini-yearly"), "{easy}");
        let staff = snapshot::ruby::spoken(&crate::screens::staff::staff(&s, Locale::Ja).unwrap().title).into_owned();
        assert_eq!(card_for_topic(&s, &staff).as_deref(), Some("staff-engagement"));
        assert_eq!(card_for_topic(&s, "窓口の待ち時間について"), None);
        assert_eq!(card_for_topic(&s, ""), None);
    }

    #[test]
    fn a_card_with_voices_or_answers_says_how_many_and_links_to_them() {
        let s = with_voices();
        assert_eq!(
            card_line(&s, "konbini-yearly", Locale::Ja),
            Some((
                "この数値へのみなさんの声 1,212件・市の対応 2件".to_string(),
                "/voices#konbini-yearly".to_string()
            ))
        );
        assert_eq!(
            card_line(&s, "counter-satisfaction", Locale::En).unwrap().0,
            "Your voices about this figure: 15",
            "no answer yet: no 0"
        );
        let mut answers_only = s.clone();
        answers_only.voices.received.clear();
        assert_eq!(
            card_line(&answers_only, "konbini-yearly", Locale::Ja).unwrap().0,
            "この数値への市の対応 2件"
        );
        assert_eq!(
            card_line(&s, "konbini-yearly", Locale::JaEasy).unwrap().0,
            "この 数字《すうじ》への 声《こえ》 1,212件《けん》・市《し》の 対応《たいおう》 2件《けん》"
        );
        assert_eq!(card_line(&s, "staff-engagement", Locale::Ja), None);
    }
}
