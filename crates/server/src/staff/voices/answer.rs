//! 「市の対応を書く」: a theme's answer (市の対応) written on the staff pages, in three languages,
//! made into a draft of the next publication: the latest published snapshot with this answer
//! added (or replaced), checked by every rule of the checker. A publisher who is not its author
//! publishes it, as any draft (`--publish-approvals`). The workbook's 「市の対応」 sheet does the
//! same for many answers at once.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;
use serde::Deserialize;
use snapshot::{AnswerStatus, AsOf, CityAnswer, Snapshot, Text};

use super::{id_of, not_found, unavailable};
use crate::staff::page::{described_by, render, text_field, FieldError, Problem, ProblemSummary, TokenField, Who};
use crate::staff::session::{StaffAuth, StaffForm};
use crate::staff::words::STAFF;
use crate::store::voices::Theme;
use crate::AppState;
use snapshot::validate::{MAX_NAME_CHARS, MAX_PROSE_CHARS};

/// The answer's form as posted (and as shown again after a refusal).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct AnswerForm {
    pub draft: String,
    pub status: String,
    pub date: String,
    pub title_en: String,
    pub title_easy: String,
    pub summary_ja: String,
    pub summary_en: String,
    pub summary_easy: String,
    pub answer_ja: String,
    pub answer_en: String,
    pub answer_easy: String,
    pub reason_ja: String,
    pub reason_en: String,
    pub reason_easy: String,
    pub expects: String,
}

/// The texts staff write, each in three languages: the answer's part and its label.
const TEXTS: [(&str, &str); 3] = [
    ("voices_summary", STAFF.answer_summary),
    ("answer", STAFF.answer),
    ("reason", STAFF.answer_reason),
];
/// The languages as the snapshot names them, and as the form labels them.
const LANGS: [(&str, &str); 3] = [("ja", STAFF.in_japanese), ("en", "English"), ("ja_easy", STAFF.in_easy_japanese)];
/// Every text field of the form, written once: its id, the answer's part and language it fills.
/// The form draws from it, and a checker problem at that part and language links to it.
const TEXT_FIELDS: [(&str, &str, &str); 11] = [
    ("title_en", "title", "en"),
    ("title_easy", "title", "ja_easy"),
    ("summary_ja", "voices_summary", "ja"),
    ("summary_en", "voices_summary", "en"),
    ("summary_easy", "voices_summary", "ja_easy"),
    ("answer_ja", "answer", "ja"),
    ("answer_en", "answer", "en"),
    ("answer_easy", "answer", "ja_easy"),
    ("reason_ja", "reason", "ja"),
    ("reason_en", "reason", "en"),
    ("reason_easy", "reason", "ja_easy"),
];

/// The form's field for a part of the answer in a language.
fn text_field_id(part: &str, lang: &str) -> &'static str {
    TEXT_FIELDS
        .iter()
        .find(|(_, p, l)| *p == part && *l == lang)
        .map_or("", |(id, _, _)| id)
}

/// A text as staff wrote it: published in the city's own typography (full-width brackets stay),
/// only trimmed and with line ends unified.
fn text(ja: &str, en: &str, easy: &str) -> Text {
    let clean = |s: &str| s.trim().replace("\r\n", "\n");
    let some = |s: &str| Some(clean(s)).filter(|s| !s.is_empty());
    Text {
        ja: clean(ja),
        en: some(en),
        ja_easy: some(easy),
    }
}

/// Today in Japan, `YYYY-MM-DD`: an answer's date unless staff give another.
pub fn today_in_japan() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
        + 9 * 3600;
    let (y, m, d) = publish::folder::civil_date(secs.div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

impl AnswerForm {
    /// A blank form for `theme`: the next draft's suggested id, today's date.
    pub fn new(latest: &Snapshot, theme: &Theme) -> AnswerForm {
        AnswerForm {
            draft: format!("{}-answer-{}", latest.id, theme.id),
            status: AnswerStatus::Considering.id().into(),
            date: today_in_japan(),
            ..Default::default()
        }
    }

    /// What was typed into the text field `id`.
    fn value(&self, id: &str) -> &str {
        match id {
            "title_en" => &self.title_en,
            "title_easy" => &self.title_easy,
            "summary_ja" => &self.summary_ja,
            "summary_en" => &self.summary_en,
            "summary_easy" => &self.summary_easy,
            "answer_ja" => &self.answer_ja,
            "answer_en" => &self.answer_en,
            "answer_easy" => &self.answer_easy,
            "reason_ja" => &self.reason_ja,
            "reason_en" => &self.reason_en,
            "reason_easy" => &self.reason_easy,
            _ => "",
        }
    }

    /// The answer for `theme` (its id `theme-<id>`, its card, its title in Japanese), or what to
    /// correct. The checker's own rules run on the draft afterwards.
    pub fn answer(&self, theme: &Theme) -> Result<CityAnswer, Vec<Problem>> {
        let mut problems = vec![];
        if theme.card.is_empty() {
            problems.push(Problem::new(STAFF.theme_without_card, ""));
        }
        if !publish::drafts::plain_id(self.draft.trim()) {
            problems.push(Problem::new(STAFF.answer_draft_id_typed, "draft"));
        }
        let status = AnswerStatus::parse(self.status.trim());
        if status.is_none() {
            problems.push(Problem::new(STAFF.choose_status, "status-considering"));
        }
        let date = AsOf::parse(self.date.trim());
        if date.date().is_none_or(|d| d.day.is_none()) {
            problems.push(Problem::new(STAFF.date_typed, "date"));
        }
        for (part, label) in &TEXTS[..2] {
            let id = text_field_id(part, "ja");
            if self.value(id).trim().is_empty() {
                problems.push(Problem::new(STAFF.text_required(label), id));
            }
        }
        let reason = [&self.reason_ja, &self.reason_en, &self.reason_easy]
            .iter()
            .any(|s| !s.trim().is_empty())
            .then(|| text(&self.reason_ja, &self.reason_en, &self.reason_easy));
        let (Some(status), true) = (status, problems.is_empty()) else {
            return Err(problems);
        };
        Ok(CityAnswer {
            id: view_models::screens::my_voice::theme_answer_id(theme.id),
            card: theme.card.clone(),
            title: text(&theme.title, &self.title_en, &self.title_easy),
            voices_summary: text(&self.summary_ja, &self.summary_en, &self.summary_easy),
            answer: text(&self.answer_ja, &self.answer_en, &self.answer_easy),
            status,
            reason,
            date,
            expects: Some(self.expects.trim().to_string()).filter(|e| !e.is_empty()),
        })
    }
}

/// The latest snapshot with `answer` added, or put in place of the one with its id.
pub fn with_answer(mut s: Snapshot, draft_id: &str, answer: CityAnswer) -> Snapshot {
    s.id = draft_id.to_string();
    match s.voices.answers.iter_mut().find(|a| a.id == answer.id) {
        Some(slot) => *slot = answer,
        None => s.voices.answers.push(answer),
    }
    s
}

/// The form's field for a checker problem at `path` in the draft, when it is this answer's.
pub fn field_of(path: &str, index: usize) -> &'static str {
    let Some(rest) = path.strip_prefix(&format!("voices.answers[{index}].")) else {
        return "";
    };
    let (part, lang) = rest.split_once('.').unwrap_or((rest, "ja"));
    match part {
        "date" => "date",
        "expects" => "expects",
        "status" => "status-considering",
        _ => text_field_id(part, lang),
    }
}

#[component]
fn AnswerPage(
    theme: Theme,
    card: String,
    form: AnswerForm,
    indicators: Vec<(String, String)>,
    csrf: String,
    problems: Vec<Problem>,
) -> impl IntoView {
    let p = problems.clone();
    let chosen = AnswerStatus::parse(&form.status);
    let word = |s: AnswerStatus| publish::workbook::layout::answer_status_word(s);
    let texts = TEXTS
        .iter()
        .map(|(part, label)| {
            let fields = LANGS
                .iter()
                .map(|(lang, lang_label)| {
                    let id = text_field_id(part, lang);
                    text_field(
                        id,
                        STAFF.text_in(label, lang_label),
                        None,
                        form.value(id),
                        MAX_PROSE_CHARS,
                        Some(4),
                        &p,
                    )
                })
                .collect_view();
            let legend = match *part {
                "voices_summary" => STAFF.answer_summary_legend(label),
                "reason" => STAFF.answer_reason_legend(label),
                _ => label.to_string(),
            };
            view! { <fieldset class="field"><legend>{legend}</legend>{fields}</fieldset> }
        })
        .collect_view();
    view! {
        {(!problems.is_empty()).then(|| view! { <ProblemSummary title=STAFF.not_drafted.into() problems=problems.clone()/> })}
        <dl class="voice-facts">
            <div><dt>{STAFF.theme}</dt><dd>{theme.title.clone()}</dd></div>
            <div><dt>{STAFF.card}</dt><dd>{if card.is_empty() { STAFF.unset.to_string() } else { card }}</dd></div>
            <div><dt>{STAFF.theme_voices}</dt><dd><a href=format!("/staff/voices?theme={}", theme.id)>{super::model::count(theme.voices)}</a></dd></div>
        </dl>
        <p>{STAFF.answer_explained}</p>
        <form class="form" method="post" action=format!("/staff/voices/themes/{}/answer", theme.id) novalidate>
            <TokenField csrf/>
            {text_field("draft", STAFF.answer_draft_id, Some(STAFF.answer_draft_id_hint), &form.draft, MAX_NAME_CHARS, None, &p)}
            <fieldset class="field" id="status-group" aria-describedby=described_by("status-considering", None, &p)>
                <legend>{STAFF.status}</legend>
                <FieldError id="status-considering" problems=p.clone()/>
                {AnswerStatus::ALL.into_iter().map(|s| {
                    let id = format!("status-{}", s.id());
                    view! { <div class="choice"><input type="radio" name="status" id=id.clone() value=s.id() checked=chosen == Some(s)/><label for=id>{word(s)}</label></div> }
                }).collect_view()}
            </fieldset>
            {text_field("date", STAFF.date, Some(STAFF.date_hint), &form.date, MAX_NAME_CHARS, None, &p)}
            {text_field("title_en", STAFF.theme_in_english, None, &form.title_en, MAX_NAME_CHARS, None, &p)}
            {text_field("title_easy", STAFF.theme_in_easy_japanese, Some(STAFF.easy_japanese_hint), &form.title_easy, MAX_NAME_CHARS, None, &p)}
            {texts}
            <div class="field">
                <label for="expects">{STAFF.expects}</label>
                <FieldError id="expects" problems=p.clone()/>
                <select id="expects" name="expects" aria-describedby=described_by("expects", None, &p)>
                    <option value="" selected=form.expects.is_empty()>{STAFF.not_specified}</option>
                    {indicators.into_iter().map(|(id, name)| { let selected = form.expects == id; view! { <option value=id selected=selected>{name}</option> } }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button">{STAFF.make_draft}</button>
        </form>
        <p><a href="/staff/voices/themes">{STAFF.back_to_themes}</a></p>
    }
}

async fn page(app: &AppState, auth: &StaffAuth, theme_id: &str, form: Option<AnswerForm>, problems: Vec<Problem>) -> Response {
    let Some(id) = id_of(theme_id) else {
        return not_found(auth, STAFF.no_such_theme);
    };
    let themes = match app.store.themes().await {
        Ok(t) => t,
        Err(e) => return unavailable(auth, e),
    };
    let Some(theme) = themes.into_iter().find(|t| t.id == id) else {
        return not_found(auth, STAFF.no_such_theme);
    };
    let Some(latest) = crate::pages::published(app) else {
        return super::super::refused(auth, StatusCode::SERVICE_UNAVAILABLE, STAFF.published_unreadable);
    };
    let names = super::model::Names::new(Some(&latest), &[]);
    let card = if theme.card.is_empty() {
        String::new()
    } else {
        names.topic(&theme.card)
    };
    let indicators = latest.indicators.iter().map(|i| (i.id.clone(), i.name.ja.clone())).collect();
    let form = form.unwrap_or_else(|| AnswerForm::new(&latest, &theme));
    let status = if problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let csrf = auth.0.csrf.clone();
    render(
        status,
        &STAFF.answer_title(&theme.title),
        Some(Who::from(&auth.0)),
        move || view! { <AnswerPage theme card form indicators csrf problems/> },
    )
}

pub(super) async fn answer_form(State(app): State<Arc<AppState>>, auth: StaffAuth, Path(id): Path<String>) -> Response {
    page(&app, &auth, &id, None, vec![]).await
}

pub(super) async fn answer_draft(
    State(app): State<Arc<AppState>>,
    Path(id): Path<String>,
    StaffForm(auth, form): StaffForm<AnswerForm>,
) -> Response {
    let Some(theme_id) = id_of(&id) else {
        return not_found(&auth, STAFF.no_such_theme);
    };
    let theme = match app.store.themes().await {
        Ok(t) => t.into_iter().find(|t| t.id == theme_id),
        Err(e) => return unavailable(&auth, e),
    };
    let Some(theme) = theme else {
        return not_found(&auth, STAFF.no_such_theme);
    };
    let answer = match form.answer(&theme) {
        Ok(a) => a,
        Err(problems) => return page(&app, &auth, &id, Some(form), problems).await,
    };
    let (folder, author, draft_id) = (super::super::folder(&app), auth.0.name.clone(), form.draft.trim().to_string());
    let made = tokio::task::spawn_blocking(move || {
        let latest = folder
            .latest()
            .map_err(|e| vec![Problem::new(e.message(snapshot::Locale::Ja), "")])?;
        let next = with_answer(latest.snapshot, &draft_id, answer);
        let index = next
            .voices
            .answers
            .iter()
            .position(|a| a.id == view_models::screens::my_voice::theme_answer_id(theme_id))
            .unwrap_or(0);
        let problems: Vec<Problem> = snapshot::check_snapshot(&next)
            .iter()
            .map(|p| Problem::new(p.message_in(snapshot::Locale::Ja), field_of(&p.path, index)))
            .collect();
        if !problems.is_empty() {
            return Err(problems);
        }
        let title = publish::import::title_for(&next);
        Ok(publish::Draft { snapshot: next, title })
    })
    .await;
    let saved = match made {
        Ok(Ok(draft)) => app
            .publications
            .save_draft(draft, &author)
            .await
            .map_err(|e| vec![Problem::new(e.message(snapshot::Locale::Ja), "draft")]),
        Ok(Err(problems)) => Err(problems),
        Err(_) => return super::super::refused(&auth, StatusCode::INTERNAL_SERVER_ERROR, STAFF.draft_failed),
    };
    match saved {
        Ok(info) => {
            tracing::info!("staff: draft {} with an answer prepared", info.id);
            Redirect::to(&format!("/staff/drafts/{}", info.id)).into_response()
        }
        Err(problems) => page(&app, &auth, &id, Some(form), problems).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme(card: &str) -> Theme {
        Theme {
            id: 7,
            title: "コンビニ交付の手数料".into(),
            card: card.into(),
            created_by: "tanaka".into(),
            voices: 3,
        }
    }

    #[test]
    fn an_answer_names_its_theme_and_card_and_needs_what_it_says() {
        let form = AnswerForm {
            draft: "2024-03-answers".into(),
            status: "declined".into(),
            date: "2024-03-31".into(),
            summary_ja: " 下げてほしい ".into(),
            answer_ja: "下げません".into(),
            reason_ja: "国の決まりです".into(),
            ..Default::default()
        };
        let a = form.answer(&theme("konbini-yearly")).unwrap();
        assert_eq!(
            (
                a.id.as_str(),
                a.card.as_str(),
                a.title.ja.as_str(),
                a.voices_summary.ja.as_str(),
                a.status
            ),
            (
                "theme-7",
                "konbini-yearly",
                "コンビニ交付の手数料",
                "下げてほしい",
                AnswerStatus::Declined
            )
        );
        assert_eq!(a.reason.unwrap().ja, "国の決まりです");
        let fields: Vec<String> = AnswerForm {
            draft: "../x".into(),
            status: "maybe".into(),
            date: "2024-03".into(),
            ..Default::default()
        }
        .answer(&theme(""))
        .unwrap_err()
        .into_iter()
        .map(|p| p.field)
        .collect();
        assert_eq!(fields, vec!["", "draft", "status-considering", "date", "summary_ja", "answer_ja"]);
    }

    #[test]
    fn a_checker_problem_is_linked_to_the_field_it_came_from() {
        assert_eq!(field_of("voices.answers[2].answer.ja_easy", 2), "answer_easy");
        assert_eq!(field_of("voices.answers[2].reason", 2), "reason_ja");
        assert_eq!(field_of("voices.answers[2].title.en", 2), "title_en");
        assert_eq!(field_of("voices.answers[1].answer.ja", 2), "", "another answer's");
        assert_eq!(field_of("indicators[0].name.ja", 2), "");
    }

    #[test]
    fn the_draft_adds_the_answer_or_puts_it_in_place_of_the_earlier_one() {
        let base = snapshot::parse_snapshot(
            &std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/data/snapshots/2023-12.json")).unwrap(),
        )
        .unwrap();
        let form = AnswerForm {
            draft: "d".into(),
            status: "considering".into(),
            date: "2024-03-31".into(),
            summary_ja: "声".into(),
            answer_ja: "検討します".into(),
            ..Default::default()
        };
        let first = with_answer(base, "2024-03-answers", form.answer(&theme("konbini-yearly")).unwrap());
        assert_eq!((first.id.as_str(), first.voices.answers.len()), ("2024-03-answers", 1));
        assert!(
            snapshot::check_snapshot(&first).is_empty(),
            "{:?}",
            snapshot::check_snapshot(&first)
        );
        let again = AnswerForm {
            status: "done".into(),
            ..form
        };
        let second = with_answer(first, "2024-04-answers", again.answer(&theme("konbini-yearly")).unwrap());
        assert_eq!(second.voices.answers.len(), 1);
        assert_eq!(second.voices.answers[0].status, AnswerStatus::Done);
    }
}
