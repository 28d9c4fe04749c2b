//! What the inbox's pages say, as pure functions of the store's rows and the published
//! snapshot: the words for statuses, kinds, places and cards, times in Japan time, the filters
//! with their counts, the checked query and form, and the audit log in sentences.

use serde::Deserialize;
use snapshot::Snapshot;
use view_models::format::number;
use view_models::request::href;
use view_models::Locale;

use crate::staff::page::Problem;
use crate::staff::words::STAFF;
use crate::store::receipt_for;
use crate::store::voices::{self, Facets, Handling, LogEntry, Status, Theme, VoiceQuery};

pub fn status_label(s: Status) -> &'static str {
    match s {
        Status::New => STAFF.status_new,
        Status::Seen => STAFF.status_seen,
        Status::Considering => STAFF.status_considering,
        Status::Answered => STAFF.status_answered,
        Status::Declined => STAFF.status_declined,
    }
}

pub fn kind_label(kind: &str) -> &str {
    match kind {
        "general" => STAFF.kind_general,
        "counter_survey" => STAFF.kind_counter_survey,
        other => other,
    }
}

/// Names for the ids a voice carries, from the published snapshot (its offices, cards and
/// counters) and the themes.
pub struct Names {
    offices: Vec<(String, String)>,
    cards: Vec<(String, String)>,
    sections: Vec<(String, String)>,
    themes: Vec<(i64, String)>,
}

impl Names {
    pub fn new(snapshot: Option<&Snapshot>, themes: &[Theme]) -> Names {
        let cards = snapshot
            .map(|s| view_models::screens::voices::cards(s, Locale::Ja))
            .unwrap_or_default();
        let sections = snapshot
            .map(|s| {
                s.counter_survey
                    .sections
                    .iter()
                    .map(|x| (x.id.clone(), x.name.ja.clone()))
                    .collect()
            })
            .unwrap_or_default();
        let offices = snapshot
            .map(|s| {
                view_models::city::offices(s)
                    .iter()
                    .map(|o| (o.id.clone(), o.name.ja.clone()))
                    .collect()
            })
            .unwrap_or_default();
        Names {
            offices,
            cards,
            sections,
            themes: themes.iter().map(|t| (t.id, t.title.clone())).collect(),
        }
    }

    /// The cards and indicators a theme can concern: `(id, name)`.
    pub fn cards(&self) -> &[(String, String)] {
        &self.cards
    }

    /// A topic as staff read it: the card's name and its id, or the words the citizen typed.
    pub fn topic(&self, topic: &str) -> String {
        match topic {
            "" => STAFF.no_topic.into(),
            "counter-survey" => STAFF.counter_survey.into(),
            t => self
                .cards
                .iter()
                .find(|(id, _)| id == t)
                .map_or_else(|| t.to_string(), |(id, name)| STAFF.named_id(name, id)),
        }
    }

    /// An office by its name; one the city no longer lists is kept and said to be former.
    pub fn ward(&self, ward: &str) -> String {
        self.offices
            .iter()
            .find(|(id, _)| id == ward)
            .map_or_else(|| STAFF.former_office(ward), |(_, name)| name.clone())
    }

    pub fn section(&self, section: &str) -> String {
        self.sections
            .iter()
            .find(|(id, _)| id == section)
            .map_or_else(|| section.to_string(), |(_, name)| name.clone())
    }

    pub fn theme(&self, id: i64) -> String {
        self.themes
            .iter()
            .find(|(t, _)| *t == id)
            .map_or_else(|| STAFF.theme_numbered(&id.to_string()), |(_, title)| title.clone())
    }

    pub fn place(&self, ward: Option<&str>, section: Option<&str>) -> String {
        match (ward, section) {
            (Some(w), Some(s)) => format!("{} {}", self.ward(w), self.section(s)),
            (Some(w), None) => self.ward(w),
            (None, Some(s)) => self.section(s),
            (None, None) => "—".into(),
        }
    }
}

/// A stored UTC time (`2026-12-05T08:20:00Z`) as a clerk reads it, in Japan time:
/// `2026年12月5日 17:20`. Anything else is shown as it is.
pub fn japan_time(utc: &str) -> String {
    match view_models::format::japan_time_of(utc) {
        Some(t) => STAFF.date_time(
            &t.year.to_string(),
            &t.month.to_string(),
            &t.day.to_string(),
            &format!("{}:{:02}", t.hour, t.minute),
        ),
        None => utc.to_string(),
    }
}

/// A count as the city writes it: `1,234件`.
pub fn count(n: i64) -> String {
    STAFF.count(&number(n as f64))
}

/// The list's address parameters, as a GET form sends them: every one optional, every one
/// checked before the store is asked.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct ListParams {
    pub q: String,
    pub topic: String,
    pub kind: String,
    pub ward: String,
    pub section: String,
    pub month: String,
    pub status: String,
    pub theme: String,
    pub before: String,
}

impl ListParams {
    /// The store's query, or what to correct (each linked to its field).
    pub fn query(&self) -> Result<VoiceQuery, Vec<Problem>> {
        let mut problems = vec![];
        let text = self.q.trim().to_string();
        if text.chars().count() > voices::MAX_SEARCH_CHARS || feedback::text::has_forbidden(&text) {
            problems.push(Problem::new(STAFF.search_too_long(&voices::MAX_SEARCH_CHARS.to_string()), "q"));
        }
        let some = |v: &str| Some(v.trim()).filter(|v| !v.is_empty()).map(str::to_string);
        let month = some(&self.month);
        if month.as_deref().is_some_and(|m| m.parse::<crate::summary::Month>().is_err()) {
            problems.push(Problem::new(STAFF.month_chosen, "month"));
        }
        let status = some(&self.status).map(|s| Status::parse(&s).ok_or(s));
        if let Some(Err(_)) = status {
            problems.push(Problem::new(STAFF.status_from_list, "status"));
        }
        let kind = some(&self.kind);
        if kind.as_deref().is_some_and(|k| k != "general" && k != "counter_survey") {
            problems.push(Problem::new(STAFF.kind_from_list, "kind"));
        }
        let theme = some(&self.theme).map(|t| t.parse::<i64>().map_err(|_| t));
        if let Some(Err(_)) = theme {
            problems.push(Problem::new(STAFF.theme_from_list, "theme"));
        }
        let before = some(&self.before).and_then(|b| b.parse::<i64>().ok()).filter(|b| *b > 0);
        let bounded = |v: Option<String>| v.filter(|v| v.chars().count() <= feedback::MAX_TOPIC_CHARS);
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(VoiceQuery {
            text,
            topic: bounded(some(&self.topic)),
            kind,
            ward: bounded(some(&self.ward)),
            section: bounded(some(&self.section)),
            month,
            status: status.and_then(Result::ok),
            theme: theme.and_then(Result::ok),
            before,
        })
    }

    /// The filters as address parameters (not the page): for the next page and for links that
    /// change one filter.
    fn kept(&self) -> Vec<(&'static str, &str)> {
        [
            ("q", &self.q),
            ("topic", &self.topic),
            ("kind", &self.kind),
            ("ward", &self.ward),
            ("section", &self.section),
            ("month", &self.month),
            ("status", &self.status),
            ("theme", &self.theme),
        ]
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (k, v.as_str()))
        .collect()
    }

    /// The next (older) page with the same filters.
    pub fn next_page(&self, before: i64) -> String {
        let before = before.to_string();
        let mut params = self.kept();
        params.push(("before", &before));
        href("/staff/voices", &params)
    }

    /// The first page with the same filters, when this is not it.
    pub fn first_page(&self) -> Option<String> {
        (!self.before.trim().is_empty()).then(|| href("/staff/voices", &self.kept()))
    }
}

/// One option of a filter: its value, its words with the number it finds, and whether it is
/// the one chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// One filter: the control's name and label, and its options (「すべて」 first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterView {
    pub name: &'static str,
    pub label: &'static str,
    pub choices: Vec<Choice>,
}

fn filter(name: &'static str, label: &'static str, chosen: &str, counted: Vec<(String, String, i64)>) -> FilterView {
    let chosen = chosen.trim();
    let mut choices = vec![Choice {
        value: String::new(),
        label: STAFF.all.into(),
        selected: chosen.is_empty(),
    }];
    let mut found = chosen.is_empty();
    for (value, label, n) in counted {
        let selected = value == chosen;
        found |= selected;
        choices.push(Choice {
            label: STAFF.choice_counted(&label, &count(n)),
            value,
            selected,
        });
    }
    // A chosen value the filters no longer find stays chosen, with its count of none.
    if !found {
        choices.push(Choice {
            value: chosen.to_string(),
            label: STAFF.choice_counted(chosen, &count(0)),
            selected: true,
        });
    }
    FilterView { name, label, choices }
}

fn counted_of(counts: &[(String, i64)], label: impl Fn(&str) -> String) -> Vec<(String, String, i64)> {
    counts
        .iter()
        .filter(|(v, _)| !v.is_empty())
        .map(|(v, n)| (v.clone(), label(v), *n))
        .collect()
}

/// The list's filters in the order the form shows them, each option with the number of voices
/// it finds under the other choices.
pub fn filters(p: &ListParams, f: &Facets, names: &Names) -> Vec<FilterView> {
    let of = |counts: &[(String, i64)], v: &str| counts.iter().find(|(x, _)| x == v).map_or(0, |(_, n)| *n);
    let statuses = Status::ALL
        .iter()
        .map(|s| (s.id().to_string(), status_label(*s).to_string(), of(&f.status, s.id())))
        .collect();
    let kinds = ["general", "counter_survey"]
        .iter()
        .map(|k| (k.to_string(), kind_label(k).to_string(), of(&f.kind, k)))
        .collect();
    let themes = f
        .theme
        .iter()
        .map(|(v, n)| {
            if v.is_empty() {
                ("0".to_string(), STAFF.theme_unset.to_string(), *n)
            } else {
                (v.clone(), names.theme(v.parse().unwrap_or(0)), *n)
            }
        })
        .collect();
    vec![
        filter("status", STAFF.status, &p.status, statuses),
        filter("topic", STAFF.topic_chosen, &p.topic, counted_of(&f.topic, |t| names.topic(t))),
        filter("kind", STAFF.kind, &p.kind, kinds),
        filter("ward", STAFF.ward, &p.ward, counted_of(&f.ward, |w| names.ward(w))),
        filter("section", STAFF.section, &p.section, counted_of(&f.section, |s| names.section(s))),
        filter(
            "month",
            STAFF.month_received,
            &p.month,
            counted_of(&f.month, |m| {
                m.split_once('-').map_or(m.to_string(), |(y, mo)| STAFF.year_month(y, mo))
            }),
        ),
        filter("theme", STAFF.theme_by_staff, &p.theme, themes),
    ]
}

/// The handling form as posted.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct HandlingForm {
    pub status: String,
    pub assigned: String,
    pub note: String,
    pub theme: String,
    pub version: String,
}

impl HandlingForm {
    pub fn of(h: &Handling, version: i64) -> HandlingForm {
        HandlingForm {
            status: h.status.id().into(),
            assigned: h.assigned.clone(),
            note: h.note.clone(),
            theme: h.theme_id.map(|t| t.to_string()).unwrap_or_default(),
            version: version.to_string(),
        }
    }

    /// The handling to store and the version it was read at, or what to correct.
    pub fn checked(&self) -> Result<(Handling, i64), Vec<Problem>> {
        let mut problems = vec![];
        let status = Status::parse(self.status.trim());
        if status.is_none() {
            problems.push(Problem::new(STAFF.choose_status, "status-new"));
        }
        let assigned = feedback::normalise(self.assigned.trim());
        if assigned.chars().count() > voices::MAX_ASSIGNED_CHARS || feedback::text::has_forbidden(&assigned) || assigned.contains('\n') {
            problems.push(Problem::new(
                STAFF.assigned_too_long(&voices::MAX_ASSIGNED_CHARS.to_string()),
                "assigned",
            ));
        }
        let note = feedback::normalise(self.note.trim());
        if note.chars().count() > voices::MAX_NOTE_CHARS || feedback::text::has_forbidden(&note) {
            problems.push(Problem::new(STAFF.note_too_long(&number(voices::MAX_NOTE_CHARS as f64)), "note"));
        } else if status == Some(Status::Declined) && note.is_empty() {
            problems.push(Problem::new(STAFF.declined_needs_reason, "note"));
        }
        let theme = match self.theme.trim() {
            "" => Ok(None),
            t => t.parse::<i64>().map(Some).map_err(|_| ()),
        };
        if theme.is_err() {
            problems.push(Problem::new(STAFF.theme_from_list, "theme"));
        }
        let version = self.version.trim().parse::<i64>().unwrap_or(-1);
        match (status, theme) {
            (Some(status), Ok(theme_id)) if problems.is_empty() => Ok((
                Handling {
                    status,
                    assigned,
                    note,
                    theme_id,
                },
                version,
            )),
            _ => Err(problems),
        }
    }
}

/// A theme's form as posted.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ThemeForm {
    pub title: String,
    pub card: String,
}

impl ThemeForm {
    /// The title and card to store, or what to correct; `field` is the title control's id.
    pub fn checked(&self, names: &Names, field: &str) -> Result<(String, String), Vec<Problem>> {
        // In the city's own words and typography: full-width brackets stay as typed.
        let title = self.title.trim().to_string();
        let card = self.card.trim().to_string();
        let mut problems = vec![];
        if title.is_empty() {
            problems.push(Problem::new(STAFF.theme_name_required, field));
        } else if title.chars().count() > voices::MAX_THEME_CHARS || feedback::text::has_forbidden(&title) || title.contains('\n') {
            problems.push(Problem::new(STAFF.theme_name_too_long(&voices::MAX_THEME_CHARS.to_string()), field));
        }
        if !card.is_empty() && !names.cards().iter().any(|(id, _)| *id == card) {
            problems.push(Problem::new(STAFF.card_from_list, field.replace("title", "card")));
        }
        if problems.is_empty() {
            Ok((title, card))
        } else {
            Err(problems)
        }
    }
}

/// One audit log entry in words (never a message's text, an address or a note's content).
pub fn log_sentence(e: &LogEntry, names: &Names) -> String {
    let status = |v: &str| Status::parse(v).map_or(v.to_string(), |s| status_label(s).to_string());
    let theme = |v: &str| {
        if v.is_empty() {
            STAFF.none.to_string()
        } else {
            names.theme(v.parse().unwrap_or(0))
        }
    };
    let card = |v: &str| if v.is_empty() { STAFF.none.to_string() } else { names.topic(v) };
    let voice = e.feedback_id.map(receipt_for).unwrap_or_default();
    let theme_name = e.theme_id.map(|t| names.theme(t)).unwrap_or_default();
    match e.field.as_str() {
        "status" => STAFF.log_status(&voice, &status(&e.old_value), &status(&e.new_value)),
        "assigned" => STAFF.log_assigned(&voice, &e.old_value, &e.new_value),
        "note" => STAFF.log_note(&voice, &e.old_value, &e.new_value),
        "theme" => STAFF.log_theme(&voice, &theme(&e.old_value), &theme(&e.new_value)),
        "created" => STAFF.log_theme_created(&e.new_value),
        "title" => STAFF.log_theme_title(&e.old_value, &e.new_value),
        "card" => STAFF.log_theme_card(&theme_name, &card(&e.old_value), &card(&e.new_value)),
        other => STAFF.log_other(&voice, other, &e.old_value, &e.new_value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_shown_in_japan_time_across_days_months_and_years() {
        assert_eq!(japan_time("2026-12-05T08:20:00Z"), "2026年12月5日 17:20");
        assert_eq!(japan_time("2026-12-31T15:05:09Z"), "2027年1月1日 0:05");
        assert_eq!(japan_time("2024-02-28T20:00:00Z"), "2024年2月29日 5:00");
        assert_eq!(japan_time("2023-02-28T20:00:00Z"), "2023年3月1日 5:00");
        assert_eq!(japan_time("not a time"), "not a time");
    }

    #[test]
    fn the_query_is_checked_and_hostile_values_are_named_not_used() {
        let ok = ListParams {
            q: " 窓口 ".into(),
            status: "considering".into(),
            month: "2026-11".into(),
            theme: "0".into(),
            before: "120".into(),
            ..Default::default()
        }
        .query()
        .unwrap();
        assert_eq!(
            (ok.text.as_str(), ok.status, ok.month.as_deref(), ok.theme, ok.before),
            ("窓口", Some(Status::Considering), Some("2026-11"), Some(0), Some(120))
        );
        let bad = ListParams {
            status: "<script>".into(),
            month: "2026-13".into(),
            kind: "x".into(),
            theme: "one".into(),
            q: "あ".repeat(101),
            ..Default::default()
        }
        .query()
        .unwrap_err();
        let fields: Vec<_> = bad.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, vec!["q", "month", "status", "kind", "theme"]);
    }

    #[test]
    fn paging_keeps_the_filters_and_escapes_them() {
        let p = ListParams {
            q: "待ち & 時間".into(),
            status: "new".into(),
            before: "80".into(),
            ..Default::default()
        };
        assert_eq!(
            p.next_page(31),
            "/staff/voices?q=%E5%BE%85%E3%81%A1%20%26%20%E6%99%82%E9%96%93&status=new&before=31"
        );
        assert_eq!(
            p.first_page().as_deref(),
            Some("/staff/voices?q=%E5%BE%85%E3%81%A1%20%26%20%E6%99%82%E9%96%93&status=new")
        );
        assert_eq!(ListParams::default().first_page(), None);
    }

    #[test]
    fn every_filter_option_says_how_many_it_finds_and_a_chosen_one_stays() {
        let facets = Facets {
            total: 3,
            status: vec![("new".into(), 2), ("seen".into(), 1)],
            month: vec![("2026-11".into(), 3)],
            ..Default::default()
        };
        let names = Names::new(None, &[]);
        let p = ListParams {
            ward: "atlantis".into(),
            ..Default::default()
        };
        let f = filters(&p, &facets, &names);
        let status = &f[0];
        assert_eq!(
            status.choices.iter().map(|c| c.label.as_str()).collect::<Vec<_>>(),
            vec![
                "すべて",
                "新着（2件）",
                "確認済み（1件）",
                "担当課で検討中（0件）",
                "市の対応を公開（0件）",
                "対応しない（理由を記録）（0件）"
            ]
        );
        let month = f.iter().find(|x| x.name == "month").unwrap();
        assert_eq!(month.choices[1].label, "2026年11月（3件）");
        let ward = f.iter().find(|x| x.name == "ward").unwrap();
        assert!(ward
            .choices
            .iter()
            .any(|c| c.selected && c.value == "atlantis" && c.label.ends_with("（0件）")));
    }

    #[test]
    fn a_declined_voice_needs_its_reason_and_every_field_is_bounded() {
        let form = |status: &str, note: &str| HandlingForm {
            status: status.into(),
            note: note.into(),
            version: "3".into(),
            ..Default::default()
        };
        assert_eq!(form("declined", " ").checked().unwrap_err()[0].field, "note");
        let (h, v) = form("declined", "予算の範囲外のため").checked().unwrap();
        assert_eq!((h.status, v), (Status::Declined, 3));
        assert_eq!(form("nope", "").checked().unwrap_err()[0].field, "status-new");
        let long = HandlingForm {
            status: "seen".into(),
            assigned: "課".repeat(61),
            note: "あ".repeat(2001),
            theme: "x".into(),
            ..Default::default()
        };
        let fields: Vec<_> = long.checked().unwrap_err().iter().map(|p| p.field.clone()).collect();
        assert_eq!(fields, vec!["assigned", "note", "theme"]);
    }

    #[test]
    fn the_log_says_what_changed_in_words_and_never_a_notes_text() {
        let names = Names::new(
            None,
            &[Theme {
                id: 4,
                title: "待ち時間".into(),
                card: String::new(),
                created_by: "a".into(),
                voices: 0,
            }],
        );
        let e = |field: &str, old: &str, new: &str| LogEntry {
            id: 1,
            at: String::new(),
            who: "tanaka".into(),
            feedback_id: Some(12),
            theme_id: None,
            field: field.into(),
            old_value: old.into(),
            new_value: new.into(),
        };
        assert_eq!(
            log_sentence(&e("status", "new", "considering"), &names),
            "KR-0000012: 状態を「新着」から「担当課で検討中」にしました"
        );
        assert_eq!(
            log_sentence(&e("theme", "", "4"), &names),
            "KR-0000012: テーマを「なし」から「待ち時間」にしました"
        );
        assert_eq!(
            log_sentence(&e("note", "0", "14"), &names),
            "KR-0000012: 内部メモを書き換えました（0文字から14文字に）"
        );
    }
}
