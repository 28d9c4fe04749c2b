//! The publishing pages as thin Leptos components over plain data the handlers gather: the desk
//! and a draft. Drawn inside the staff frame (`staff::page`); every text is Leptos text.

use leptos::prelude::*;

use view_models::screens::changes::ChangeRow;

use crate::staff::page::{described_by, FieldError, Notice, Problem, ProblemSummary, TokenField};

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
        view! { <p>"下書きはありません。"</p> }.into_any()
    } else {
        view! {
            <ul>
                {drafts.into_iter().map(|d| view! {
                    <li><a href=format!("/staff/drafts/{}", d.id)>{d.title}</a>{format!("（{}時点、{} さんが {} に作成）", d.as_of, d.author, d.created)}</li>
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
                <p>{format!("最新の公開（{latest}）を取り消して、ひとつ前の公開に戻します。")}</p>
                <button type="submit" class="button button--secondary">"ひとつ前の公開に戻す"</button>
            </form>
        }
    });
    let log = if log.is_empty() {
        view! { <li>"まだありません。"</li> }.into_any()
    } else {
        log.into_iter()
            .map(|l| view! { <li>{format!("{} {} {} さん: {}", l.at, l.action, l.who, l.id)}</li> })
            .collect_view()
            .into_any()
    };
    let file = view! { <input id="file" name="file" type="file" required multiple accept=".xlsx,.ods,.csv" aria-describedby=described_by("file", Some("file-hint"), &p)/> };
    let id_input = view! { <input type="text" id="id" name="id" required maxlength="64" pattern="[A-Za-z0-9][A-Za-z0-9_\\-]*" value=id aria-describedby=described_by("id", Some("id-hint"), &p)/> };
    let as_of_input = view! { <input type="text" id="as_of" name="as_of" required maxlength="10" value=as_of aria-describedby=described_by("as_of", Some("as_of-hint"), &p)/> };
    view! {
        {notice.map(|text| view! { <Notice text/> })}
        {summary}
        <h2>"1. ワークブックをダウンロードする"</h2>
        <p>"いま公開している数値を入れたExcelファイルです。「説明」シートに入力のしかたがあります。"</p>
        <p><a class="button" href="/staff/workbook.xlsx" download>"ワークブック（.xlsx）をダウンロード"</a></p>
        <h2>"2. 入力したワークブックをアップロードする"</h2>
        <form method="post" action="/staff/upload" enctype="multipart/form-data" class="form">
            <TokenField csrf=csrf.clone()/>
            {upload_field("file", "ファイル", ".xlsx、.ods、またはシートごとのCSVファイル（複数選択）", &p, file)}
            {upload_field("id", "公開ID", "半角英数字とハイフン。例: 2024-03", &p, id_input)}
            {upload_field("as_of", "数値の時点", "例: 2024-03-31（日が分からなければ 2024-03）", &p, as_of_input)}
            <button type="submit" class="button">"確認する"</button>
        </form>
        <h2>"3. 下書きを確認して公開する"</h2>
        {drafts}
        <h2>"公開中のデータ"</h2>
        <ul>{published}</ul>
        {rollback}
        <h2>"公開の記録"</h2>
        <ul>{log}</ul>
        <h2>"市民の声"</h2>
        <ul>
            <li><a href="/staff/voices">"市民の声を読む・状態や担当課を決める・テーマにまとめる"</a></li>
            <li><a href="/staff/feedback.csv">"ご意見の一覧（CSV）"</a></li>
            <li><a href="/staff/counter-survey.json">"窓口アンケートの集計（JSON）"</a></li>
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
    } = draft;
    let changes = if changes.is_empty() {
        view! { <p>"公開中のデータから変わった数値はありません。"</p> }.into_any()
    } else {
        view! {
            <div class="table-scroll" tabindex="0" role="region" aria-label="公開中のデータからの変更">
                <table>
                    <thead><tr><th scope="col">"指標"</th><th scope="col">"種類"</th><th scope="col">"年度"</th><th scope="col">"数値"</th></tr></thead>
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
        view! { <p>"公開中のデータから変わった市の対応はありません。"</p> }.into_any()
    } else {
        view! { <ul>{answers.into_iter().map(|(what, title, status)| view! { <li>{format!("{what}: 「{title}」（{status}）")}</li> }).collect_view()}</ul> }.into_any()
    };
    let publish = match may_publish {
        Ok(()) => view! {
            <form method="post" action=format!("/staff/drafts/{id}/publish")>
                <TokenField csrf=csrf.clone()/>
                <p>"内容を確かめたら公開します。公開すると、すぐに市民向けの画面に表示されます。"</p>
                <button type="submit" class="button">"公開する"</button>
            </form>
        }
        .into_any(),
        Err(why) => view! { <p>{why}</p> }.into_any(),
    };
    view! {
        <dl class="facts">
            <dt>"公開ID"</dt><dd>{id.clone()}</dd>
            <dt>"数値の時点"</dt><dd>{as_of}</dd>
            <dt>"作成"</dt><dd>{format!("{author} さん（{created}）")}</dd>
            <dt>"もとにした公開"</dt><dd>{base}</dd>
        </dl>
        <h2>"公開中のデータからの変更"</h2>
        {changes}
        <h2>"市の対応の変更"</h2>
        {answers}
        <h2>"プレビュー"</h2>
        <p>"公開前の数値で、各画面を開きます（職員だけが見られます）。"</p>
        <ul>{previews.into_iter().map(|(href, label)| view! { <li><a href=href>{label}</a></li> }).collect_view()}</ul>
        <h2>"窓口アンケートの回答を加える"</h2>
        <form method="post" action=format!("/staff/drafts/{id}/kiosk") class="form">
            <TokenField csrf=csrf.clone()/>
            <p>{format!("キオスクで集めた回答から、区・窓口・月ごとの満足度をこの下書きに加えます。回答が{min_count}件に満たない区・窓口・月は載せません。")}</p>
            <div class="field"><label for="from">"最初の月"</label><input type="text" id="from" name="from" required placeholder="2024-04" maxlength="7"/></div>
            <div class="field"><label for="to">"最後の月"</label><input type="text" id="to" name="to" required placeholder="2025-03" maxlength="7"/></div>
            <button type="submit" class="button button--secondary">"回答を加える"</button>
        </form>
        <h2>"市民の声の数を加える"</h2>
        <form method="post" action=format!("/staff/drafts/{id}/voices") class="form">
            <TokenField csrf=csrf.clone()/>
            <p>{format!("受け付けた市民の声の数を、カード（指標）と月ごとにこの下書きに加えます（いままでの数は置き換えます）。{min_count}件に満たない月は載せません。声の本文は載りません。")}</p>
            <p>{format!("いまこの下書きにある数: {received}")}</p>
            <button type="submit" class="button button--secondary">"声の数を加える"</button>
        </form>
        <h2>"公開"</h2>
        {publish}
        <form method="post" action=format!("/staff/drafts/{id}/discard")>
            <TokenField csrf/>
            <button type="submit" class="button button--secondary">"この下書きを削除する"</button>
        </form>
        <p><a href="/staff/publishing">"公開の作業に戻る"</a></p>
    }
}
