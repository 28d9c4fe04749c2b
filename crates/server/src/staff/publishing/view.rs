//! The publishing pages as thin Leptos components over plain data the handlers gather: the desk
//! and a draft. Drawn inside the staff frame (`staff::page`); every text is Leptos text.

use leptos::prelude::*;

use view_models::screens::changes::ChangeRow;

use crate::staff::page::{described_by, FieldError, Notice, Problem, ProblemSummary, TokenField};
use crate::staff::words::STAFF;

/// A draft waiting, as the desk lists it.
pub struct DraftRow {
    pub id: String,
    pub title: String,
    pub as_of: String,
    pub author: String,
    pub created: String,
}

/// One line of the publications' log.
pub struct LogRow {
    pub at: String,
    /// 公開 or 取り消し.
    pub action: &'static str,
    pub who: String,
    pub id: String,
}

/// What the desk shows.
pub struct Desk {
    pub csrf: String,
    /// What was just done (published, rolled back).
    pub notice: Option<String>,
    /// The upload's problems: a title and each problem, linked to its field.
    pub problems: Option<(String, Vec<Problem>)>,
    /// The upload form's values, as typed.
    pub id: String,
    pub as_of: String,
    pub drafts: Vec<DraftRow>,
    /// Each publication, newest first, in words (or why the folder cannot be read).
    pub published: Result<Vec<String>, String>,
    /// The latest publication's id, which 「ひとつ前の公開に戻す」 would withdraw; `None` when
    /// this member of staff may not roll back.
    pub rollback: Option<String>,
    pub log: Vec<LogRow>,
}

/// A field of the upload form: label, hint, error, control (`input` attributes as given).
fn upload_field(id: &'static str, label: &'static str, hint: &'static str, problems: &[Problem], control: impl IntoView) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <p class="hint" id=hint_id>{hint}</p>
            <FieldError id=id problems=problems.to_vec()/>
            {control}
        </div>
    }
}

#[component]
pub fn DeskBody(desk: Desk) -> impl IntoView {
    let Desk {
        csrf,
        notice,
        problems,
        id,
        as_of,
        drafts,
        published,
        rollback,
        log,
    } = desk;
    let p: Vec<Problem> = problems.as_ref().map(|(_, list)| list.clone()).unwrap_or_default();
    let summary = problems.map(|(title, problems)| view! { <ProblemSummary title problems/> });
    let drafts = if drafts.is_empty() {
        view! { <p>{STAFF.no_drafts}</p> }.into_any()
    } else {
        view! {
            <ul>
                {drafts.into_iter().map(|d| view! {
                    <li><a href=format!("/staff/drafts/{}", d.id)>{d.title}</a>{STAFF.draft_made(&d.as_of, &d.author, &d.created)}</li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let published = match published {
        Ok(list) => list.into_iter().map(|s| view! { <li>{s}</li> }).collect_view().into_any(),
        Err(why) => view! { <li>{why}</li> }.into_any(),
    };
    let rollback = rollback.map(|latest| {
        view! {
            <form method="post" action="/staff/rollback">
                <TokenField csrf=csrf.clone()/>
                <p>{STAFF.rollback_explained(&latest)}</p>
                <button type="submit" class="button button--secondary">{STAFF.rollback}</button>
            </form>
        }
    });
    let log = if log.is_empty() {
        view! { <li>{STAFF.none_yet}</li> }.into_any()
    } else {
        log.into_iter()
            .map(|l| view! { <li>{STAFF.log_line(&l.at, l.action, &l.who, &l.id)}</li> })
            .collect_view()
            .into_any()
    };
    let file = view! { <input id="file" name="file" type="file" required multiple accept=".xlsx,.ods,.csv" aria-describedby=described_by("file", Some("file-hint"), &p)/> };
    let id_input = view! { <input type="text" id="id" name="id" required maxlength="64" pattern="[A-Za-z0-9][A-Za-z0-9_\\-]*" value=id aria-describedby=described_by("id", Some("id-hint"), &p)/> };
    let as_of_input = view! { <input type="text" id="as_of" name="as_of" required maxlength="10" value=as_of aria-describedby=described_by("as_of", Some("as_of-hint"), &p)/> };
    view! {
        {notice.map(|text| view! { <Notice text/> })}
        {summary}
        <h2>{STAFF.step_download}</h2>
        <p>{STAFF.step_download_explained}</p>
        <p><a class="button" href="/staff/workbook.xlsx" download>{STAFF.download_workbook}</a></p>
        <h2>{STAFF.step_upload}</h2>
        <form method="post" action="/staff/upload" enctype="multipart/form-data" class="form">
            <TokenField csrf=csrf.clone()/>
            {upload_field("file", STAFF.file, STAFF.file_hint, &p, file)}
            {upload_field("id", STAFF.publication_id, STAFF.publication_id_hint, &p, id_input)}
            {upload_field("as_of", STAFF.as_of, STAFF.as_of_hint, &p, as_of_input)}
            <button type="submit" class="button">{STAFF.check}</button>
        </form>
        <h2>{STAFF.step_publish}</h2>
        {drafts}
        <h2>{STAFF.published_data}</h2>
        <ul>{published}</ul>
        {rollback}
        <h2>{STAFF.publication_log}</h2>
        <ul>{log}</ul>
        <h2>{STAFF.nav_voices}</h2>
        <ul>
            <li><a href="/staff/voices">{STAFF.voices_link}</a></li>
            <li><a href="/staff/feedback.csv">{STAFF.feedback_csv}</a></li>
            <li><a href="/staff/counter-survey.json">{STAFF.counter_survey_json}</a></li>
        </ul>
    }
}

/// What a draft's page shows.
pub struct DraftPage {
    pub csrf: String,
    pub id: String,
    pub as_of: String,
    pub author: String,
    pub created: String,
    pub base: String,
    pub changes: Vec<ChangeRow>,
    /// `(what, title, status)`: the answers it adds, changes or withdraws.
    pub answers: Vec<(&'static str, String, &'static str)>,
    /// Each screen's preview: its address with the draft's data, and its name.
    pub previews: Vec<(String, &'static str)>,
    /// The cells a summary leaves out below this many answers.
    pub min_count: u32,
    /// The voices' counts the draft holds, in words.
    pub received: String,
    /// `Ok` when this member of staff may publish it, else why not.
    pub may_publish: Result<(), &'static str>,
    /// The readings (ふりがな) of what it changes; `None` without a dictionary.
    pub readings: Option<crate::readings::DraftReadings>,
}

#[component]
pub fn DraftBody(draft: DraftPage) -> impl IntoView {
    let DraftPage {
        csrf,
        id,
        as_of,
        author,
        created,
        base,
        changes,
        answers,
        previews,
        min_count,
        received,
        may_publish,
        readings,
    } = draft;
    let readings = match readings {
        None => view! { <p>{STAFF.readings_unavailable}</p> }.into_any(),
        Some(r) if r.texts.is_empty() => view! { <p>{STAFF.readings_none}</p> }.into_any(),
        Some(r) => view! {
            <p>{STAFF.readings_explained}</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label=STAFF.readings_check>
                <table>
                    <thead><tr><th scope="col">{STAFF.text_place}</th><th scope="col">{STAFF.text_with_readings}</th></tr></thead>
                    <tbody>
                        {r.texts.into_iter().map(|(place, marked)| view! {
                            <tr><th scope="row"><code>{place}</code></th><td lang="ja">{reform_widget::components::ruby::ruby(marked)}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {(r.more > 0).then(|| view! { <p>{STAFF.readings_more(&r.more.to_string())}</p> })}
        }
        .into_any(),
    };
    let changes = if changes.is_empty() {
        view! { <p>{STAFF.no_changed_figures}</p> }.into_any()
    } else {
        view! {
            <div class="table-scroll" tabindex="0" role="region" aria-label=STAFF.changes>
                <table>
                    <thead><tr><th scope="col">{STAFF.indicator}</th><th scope="col">{STAFF.kind}</th><th scope="col">{STAFF.fiscal_year}</th><th scope="col">{STAFF.figure}</th></tr></thead>
                    <tbody>
                        {changes.into_iter().map(|r| view! {
                            <tr><th scope="row">{r.indicator}</th><td>{r.kind}</td><td>{r.period}</td><td>{r.before.map(|b| format!("{b} → "))}<strong>{r.after}</strong></td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let answers = if answers.is_empty() {
        view! { <p>{STAFF.no_changed_answers}</p> }.into_any()
    } else {
        view! { <ul>{answers.into_iter().map(|(what, title, status)| view! { <li>{STAFF.answer_change(what, &title, status)}</li> }).collect_view()}</ul> }.into_any()
    };
    let publish = match may_publish {
        Ok(()) => view! {
            <form method="post" action=format!("/staff/drafts/{id}/publish")>
                <TokenField csrf=csrf.clone()/>
                <p>{STAFF.publish_explained}</p>
                <button type="submit" class="button">{STAFF.publish}</button>
            </form>
        }
        .into_any(),
        Err(why) => view! { <p>{why}</p> }.into_any(),
    };
    view! {
        <dl class="facts">
            <dt>{STAFF.publication_id}</dt><dd>{id.clone()}</dd>
            <dt>{STAFF.as_of}</dt><dd>{as_of}</dd>
            <dt>{STAFF.made}</dt><dd>{STAFF.made_by(&author, &created)}</dd>
            <dt>{STAFF.base}</dt><dd>{base}</dd>
        </dl>
        <h2>{STAFF.changes}</h2>
        {changes}
        <h2>{STAFF.answer_changes}</h2>
        {answers}
        <h2>{STAFF.readings_check}</h2>
        {readings}
        <h2>{STAFF.preview}</h2>
        <p>{STAFF.preview_explained}</p>
        <ul>{previews.into_iter().map(|(href, label)| view! { <li><a href=href>{label}</a></li> }).collect_view()}</ul>
        <h2>{STAFF.add_survey}</h2>
        <form method="post" action=format!("/staff/drafts/{id}/kiosk") class="form">
            <TokenField csrf=csrf.clone()/>
            <p>{STAFF.add_survey_explained(&min_count.to_string())}</p>
            <div class="field"><label for="from">{STAFF.first_month}</label><input type="text" id="from" name="from" required placeholder="2024-04" maxlength="7"/></div>
            <div class="field"><label for="to">{STAFF.last_month}</label><input type="text" id="to" name="to" required placeholder="2025-03" maxlength="7"/></div>
            <button type="submit" class="button button--secondary">{STAFF.add_answers}</button>
        </form>
        <h2>{STAFF.add_voice_counts}</h2>
        <form method="post" action=format!("/staff/drafts/{id}/voices") class="form">
            <TokenField csrf=csrf.clone()/>
            <p>{STAFF.add_voice_counts_explained(&min_count.to_string())}</p>
            <p>{STAFF.counts_in_draft(&received)}</p>
            <button type="submit" class="button button--secondary">{STAFF.add_counts}</button>
        </form>
        <h2>{STAFF.publish_heading}</h2>
        {publish}
        <form method="post" action=format!("/staff/drafts/{id}/discard")>
            <TokenField csrf/>
            <button type="submit" class="button button--secondary">{STAFF.discard_draft}</button>
        </form>
        <p><a href="/staff/publishing">{STAFF.back_to_publishing}</a></p>
    }
}
