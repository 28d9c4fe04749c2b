//! The inbox's pages as thin Leptos components over `model`: the list with its filters, one
//! voice with its handling form and history, the themes, the audit log. Plain forms and links:
//! everything works without script.

use leptos::prelude::*;

use super::model::{self, FilterView, HandlingForm, ListParams, Names};
use crate::staff::page::{described_by, text_field, FieldError, Notice, Problem, ProblemSummary, TokenField};
use crate::staff::words::STAFF;
use crate::store::receipt_for;
use crate::store::voices::{self, LogEntry, Status, Theme, Voice, VoicePage};

/// The list: a search and the filters (a GET form), how many voices they find, a page of them.
#[component]
pub fn VoiceList(
    params: ListParams,
    page: Option<VoicePage>,
    filters: Vec<FilterView>,
    names: Names,
    problems: Vec<Problem>,
) -> impl IntoView {
    let total = page.as_ref().map_or(0, |p| p.facets.total);
    let next = page.as_ref().and_then(|p| p.next_before).map(|b| params.next_page(b));
    let first = params.first_page();
    let rows = page.map(|p| p.items).unwrap_or_default();
    let q_described = described_by("q", Some("q-hint"), &problems);
    view! {
        {(!problems.is_empty()).then(|| view! { <ProblemSummary title=STAFF.check_search.into() problems=problems.clone()/> })}
        <form class="form voice-filters" method="get" action="/staff/voices" role="search" aria-label=STAFF.search_voices>
            <div class="field">
                <label for="q">{STAFF.search_words}</label>
                <p class="hint" id="q-hint">{STAFF.search_hint}</p>
                <FieldError id="q" problems=problems.clone()/>
                <input type="search" id="q" name="q" value=params.q.clone() maxlength=voices::MAX_SEARCH_CHARS.to_string() aria-describedby=q_described/>
            </div>
            <div class="voice-filters__grid">
                {filters.into_iter().map(|f| {
                    let described = described_by(f.name, None, &problems);
                    view! {
                        <div class="field">
                            <label for=f.name>{f.label}</label>
                            <FieldError id=f.name problems=problems.clone()/>
                            <select id=f.name name=f.name aria-describedby=described>
                                {f.choices.into_iter().map(|c| view! { <option value=c.value selected=c.selected>{c.label}</option> }).collect_view()}
                            </select>
                        </div>
                    }
                }).collect_view()}
            </div>
            <button type="submit" class="button">{STAFF.show_filtered}</button>
            " "
            <a href="/staff/voices">{STAFF.clear_filters}</a>
        </form>
        <h2 id="found" aria-live="polite">{STAFF.voices_found(&model::count(total))}</h2>
        {if rows.is_empty() {
            view! { <p>{STAFF.no_voices_found}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll" role="region" aria-labelledby="found" tabindex="0">
                    <table class="voice-table">
                        <thead><tr><th scope="col">{STAFF.receipt}</th><th scope="col">{STAFF.received_at}</th><th scope="col">{STAFF.status}</th><th scope="col">{STAFF.topic}</th><th scope="col">{STAFF.kind_and_place}</th><th scope="col">{STAFF.assigned}</th><th scope="col">{STAFF.excerpt}</th></tr></thead>
                        <tbody>
                            {rows.into_iter().map(|v| {
                                let place = names.place(v.ward.as_deref(), v.section.as_deref());
                                let kind = model::kind_label(&v.kind).to_string();
                                let theme = v.theme_id.map(|t| format!(" ／ {}", names.theme(t))).unwrap_or_default();
                                view! {
                                    <tr>
                                        <th scope="row"><a href=format!("/staff/voices/{}", v.id)>{receipt_for(v.id)}</a></th>
                                        <td>{model::japan_time(&v.received_at)}</td>
                                        <td><span class=format!("voice-status voice-status--{}", v.status.id())>{model::status_label(v.status)}</span></td>
                                        <td>{names.topic(&v.topic)}{theme}</td>
                                        <td>{kind}<br/>{place}</td>
                                        <td>{if v.assigned.is_empty() { "—".to_string() } else { v.assigned.clone() }}</td>
                                        <td class="voice-excerpt">{v.excerpt}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        <nav class="pager" aria-label=STAFF.pages>
            {first.map(|href| view! { <a href=href>{STAFF.first_page}</a> })}
            " "
            {next.map(|href| view! { <a href=href rel="next">{STAFF.next_page}</a> })}
        </nav>
        <p><a href="/staff/feedback.csv">{STAFF.download_all}</a></p>
    }
}

/// One voice: what the citizen sent, its handling form, and what was changed.
#[component]
pub fn VoiceDetail(
    voice: Voice,
    form: HandlingForm,
    themes: Vec<Theme>,
    names: Names,
    history: Vec<LogEntry>,
    may_read_contact: bool,
    csrf: String,
    problems: Vec<Problem>,
    saved: bool,
) -> impl IntoView {
    let place = names.place(voice.ward.as_deref(), voice.section.as_deref());
    let contact = match (&voice.email, may_read_contact) {
        (None, _) => STAFF.no_contact.to_string(),
        (Some(e), true) => e.clone(),
        (Some(_), false) => STAFF.contact_hidden.to_string(),
    };
    let chosen = Status::parse(&form.status);
    let p = problems.clone();
    view! {
        {saved.then(|| view! { <Notice text=STAFF.saved.into()/> })}
        {(!problems.is_empty()).then(|| view! { <ProblemSummary title=STAFF.not_saved.into() problems=problems.clone()/> })}
        <dl class="voice-facts">
            <div><dt>{STAFF.receipt}</dt><dd>{receipt_for(voice.id)}</dd></div>
            <div><dt>{STAFF.received_at}</dt><dd>{model::japan_time(&voice.received_at)}</dd></div>
            <div><dt>{STAFF.kind}</dt><dd>{model::kind_label(&voice.kind).to_string()}</dd></div>
            <div><dt>{STAFF.topic_chosen}</dt><dd>{names.topic(&voice.topic)}</dd></div>
            <div><dt>{STAFF.place}</dt><dd>{place}</dd></div>
            <div><dt>{STAFF.satisfaction}</dt><dd>{voice.satisfaction.map_or("—".to_string(), |s| STAFF.satisfaction_score(&s.to_string()))}</dd></div>
            <div><dt>{STAFF.contact}</dt><dd>{contact}</dd></div>
        </dl>
        <h2>{STAFF.message}</h2>
        <p class="voice-message">{voice.message.clone()}</p>
        <h2>{STAFF.handling}</h2>
        <form class="form" method="post" action=format!("/staff/voices/{}", voice.id) novalidate>
            <TokenField csrf/>
            <input type="hidden" name="version" value=form.version.clone()/>
            <fieldset class="field" id="status-group" aria-describedby=described_by("status-new", None, &p)>
                <legend>{STAFF.status}</legend>
                <FieldError id="status-new" problems=p.clone()/>
                {Status::ALL.into_iter().map(|s| {
                    let id = format!("status-{}", s.id());
                    view! {
                        <div class="choice">
                            <input type="radio" name="status" id=id.clone() value=s.id() checked=chosen == Some(s)/>
                            <label for=id>{model::status_label(s)}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            {text_field("assigned", STAFF.assigned, Some(STAFF.assigned_hint), &form.assigned, voices::MAX_ASSIGNED_CHARS, None, &p)}
            <div class="field">
                <label for="theme">{STAFF.theme}</label>
                <p class="hint" id="theme-hint">{STAFF.theme_hint}</p>
                <FieldError id="theme" problems=p.clone()/>
                <select id="theme" name="theme" aria-describedby=described_by("theme", Some("theme-hint"), &p)>
                    <option value="" selected=form.theme.is_empty()>{STAFF.no_theme}</option>
                    {themes.into_iter().map(|t| {
                        let selected = form.theme == t.id.to_string();
                        view! { <option value=t.id.to_string() selected=selected>{t.title}</option> }
                    }).collect_view()}
                </select>
            </div>
            {text_field("note", STAFF.note, Some(STAFF.note_hint), &form.note, voices::MAX_NOTE_CHARS, Some(5), &p)}
            <button type="submit" class="button">{STAFF.save}</button>
        </form>
        <h2>{STAFF.voice_log}</h2>
        <LogList entries=history names/>
        <p><a href="/staff/voices">{STAFF.back_to_list}</a></p>
    }
}

/// Audit log entries, newest first.
#[component]
pub fn LogList(entries: Vec<LogEntry>, names: Names) -> impl IntoView {
    if entries.is_empty() {
        return view! { <p>{STAFF.no_changes}</p> }.into_any();
    }
    view! {
        <ul class="voice-log">
            {entries.iter().map(|e| view! { <li>{STAFF.log_entry(&model::japan_time(&e.at), &e.who, &model::log_sentence(e, &names))}</li> }).collect_view()}
        </ul>
    }
    .into_any()
}

/// The themes: each with how many voices it holds and the card it concerns, a form to rename it
/// or move it to another card, and a form for a new one.
#[component]
pub fn ThemeList(
    themes: Vec<Theme>,
    names: Names,
    csrf: String,
    problems: Vec<Problem>,
    form: model::ThemeForm,
    notice: Option<String>,
) -> impl IntoView {
    let p = problems.clone();
    let card_options =
        move |chosen: &str| {
            let chosen = chosen.to_string();
            let mut options = vec![view! { <option value="" selected=chosen.is_empty()>{STAFF.not_specified}</option> }.into_any()];
            options.extend(names.cards().iter().map(|(id, name)| {
                view! { <option value=id.clone() selected=*id == chosen>{STAFF.named_id(name, id)}</option> }.into_any()
            }));
            options
        };
    view! {
        {notice.map(|text| view! { <Notice text/> })}
        {(!problems.is_empty()).then(|| view! { <ProblemSummary title=STAFF.not_saved.into() problems=problems.clone()/> })}
        <p>{STAFF.themes_explained}</p>
        <h2>{STAFF.new_theme}</h2>
        <form class="form" method="post" action="/staff/voices/themes" novalidate>
            <TokenField csrf=csrf.clone()/>
            {text_field("title", STAFF.theme_name, Some(STAFF.theme_name_hint), &form.title, voices::MAX_THEME_CHARS, None, &p)}
            <div class="field">
                <label for="card">{STAFF.theme_card}</label>
                <FieldError id="card" problems=p.clone()/>
                <select id="card" name="card" aria-describedby=described_by("card", None, &p)>{card_options(&form.card)}</select>
            </div>
            <button type="submit" class="button">{STAFF.create_theme}</button>
        </form>
        <h2>{STAFF.theme_list}</h2>
        {if themes.is_empty() {
            view! { <p>{STAFF.no_themes}</p> }.into_any()
        } else {
            view! {
                <ul class="theme-list">
                    {themes.into_iter().map(|t| {
                        let title_id = format!("title-{}", t.id);
                        let card_id = format!("card-{}", t.id);
                        view! {
                            <li>
                                <form class="form theme-form" method="post" action=format!("/staff/voices/themes/{}", t.id) novalidate>
                                    <TokenField csrf=csrf.clone()/>
                                    <p><a href=format!("/staff/voices?theme={}", t.id)>{STAFF.choice_counted(&t.title, &model::count(t.voices))}</a>" — "{STAFF.created_by(&t.created_by)}</p>
                                    <div class="field"><label for=title_id.clone()>{STAFF.name}</label><input type="text" id=title_id name="title" value=t.title.clone() maxlength=voices::MAX_THEME_CHARS.to_string()/></div>
                                    <div class="field"><label for=card_id.clone()>{STAFF.card}</label><select id=card_id name="card">{card_options(&t.card)}</select></div>
                                    <button type="submit" class="button button--secondary">{STAFF.save_changes}</button>
                                </form>
                                <p><a href=format!("/staff/voices/themes/{}/answer", t.id)>{STAFF.write_answer(&t.title)}</a></p>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

/// The whole audit log, a page at a time (publishers only).
#[component]
pub fn AuditLog(entries: Vec<LogEntry>, names: Names, next: Option<String>) -> impl IntoView {
    view! {
        <p>{STAFF.log_explained}</p>
        <LogList entries names/>
        {next.map(|href| view! { <nav class="pager" aria-label=STAFF.pages><a href=href rel="next">{STAFF.older_log}</a></nav> })}
    }
}
