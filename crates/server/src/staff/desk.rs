//! The desk: download the workbook, upload a filled one (its problems by sheet and cell, or a
//! draft), the drafts waiting, what is published and the log of publications.

use std::sync::Arc;

use axum::extract::{Multipart, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use publish::workbook::{read, write};
use serde::Deserialize;
use snapshot::Lang;
use view_models::Locale;

use super::html::{self, e, page};
use super::session::{form_from_this_site, StaffAuth};
use super::{folder, me, other_site, refused};
use crate::AppState;

pub(super) fn desk_page(app: &AppState, auth: &StaffAuth, status: StatusCode, top: &str, id: &str, as_of: &str) -> Response {
    let folder = folder(app);
    let csrf = e(&auth.0.csrf);
    let drafts: String = folder
        .drafts()
        .iter()
        .map(|d| {
            format!(
                r#"<li><a href="/staff/drafts/{id}">{title}</a>（{as_of}時点、{author} さんが {created} に作成）</li>"#,
                id = e(&d.id),
                title = e(&d.title.ja),
                as_of = e(&d.as_of),
                author = e(&d.author),
                created = e(&d.created)
            )
        })
        .collect();
    let drafts = if drafts.is_empty() {
        "<p>下書きはありません。</p>".to_string()
    } else {
        format!("<ul>{drafts}</ul>")
    };
    let (published, latest) = match folder.manifest() {
        Ok((m, _)) => (
            m.snapshots
                .iter()
                .rev()
                .map(|s| {
                    format!(
                        "<li>{}（{}、ID {}）</li>",
                        e(&s.title.ja),
                        e(&view_models::format::as_of(s.as_of.clone(), Locale::Ja)),
                        e(&s.id)
                    )
                })
                .collect::<String>(),
            m.latest,
        ),
        Err(err) => (format!("<li>{}</li>", e(&err.message(Lang::Ja))), String::new()),
    };
    let log: String = folder
        .log_lines()
        .iter()
        .rev()
        .take(20)
        .map(|l| {
            let action = if l["action"] == "rollback" { "取り消し" } else { "公開" };
            format!(
                "<li>{} {} {} さん: {}</li>",
                e(l["at"].as_str().unwrap_or("")),
                action,
                e(l["who"].as_str().unwrap_or("")),
                e(l["id"].as_str().unwrap_or(""))
            )
        })
        .collect();
    let log = if log.is_empty() {
        "<li>まだありません。</li>".to_string()
    } else {
        log
    };
    let rollback = if auth.is_publisher() {
        format!(
            r#"<form method="post" action="/staff/rollback"><input type="hidden" name="csrf" value="{csrf}"><p>最新の公開（{}）を取り消して、ひとつ前の公開に戻します。</p><button type="submit" class="button button--secondary">ひとつ前の公開に戻す</button></form>"#,
            e(&latest)
        )
    } else {
        String::new()
    };
    let body = format!(
        r#"{top}
<h2>1. ワークブックをダウンロードする</h2>
<p>いま公開している数値を入れたExcelファイルです。「説明」シートに入力のしかたがあります。</p>
<p><a class="button" href="/staff/workbook.xlsx" download>ワークブック（.xlsx）をダウンロード</a></p>
<h2>2. 入力したワークブックをアップロードする</h2>
<form method="post" action="/staff/upload" enctype="multipart/form-data" class="form">
<input type="hidden" name="csrf" value="{csrf}">
<div class="field"><label for="file">ファイル</label><p class="hint" id="file-hint">.xlsx、.ods、またはシートごとのCSVファイル（複数選択）</p><input id="file" name="file" type="file" required multiple accept=".xlsx,.ods,.csv" aria-describedby="file-hint"></div>
<div class="field"><label for="id">公開ID</label><p class="hint" id="id-hint">半角英数字とハイフン。例: 2024-03</p><input type="text" id="id" name="id" required maxlength="64" pattern="[A-Za-z0-9][A-Za-z0-9_\-]*" value="{id}" aria-describedby="id-hint"></div>
<div class="field"><label for="as_of">数値の時点</label><p class="hint" id="as_of-hint">例: 2024-03-31（日が分からなければ 2024-03）</p><input type="text" id="as_of" name="as_of" required maxlength="10" value="{as_of}" aria-describedby="as_of-hint"></div>
<button type="submit" class="button">確認する</button></form>
<h2>3. 下書きを確認して公開する</h2>
{drafts}
<h2>公開中のデータ</h2><ul>{published}</ul>{rollback}
<h2>公開の記録</h2><ul>{log}</ul>
<h2>市民の声</h2><ul><li><a href="/staff/voices">市民の声を読む・状態や担当課を決める・テーマにまとめる</a></li><li><a href="/staff/feedback.csv">ご意見の一覧（CSV）</a></li><li><a href="/staff/counter-survey.json">窓口アンケートの集計（JSON）</a></li></ul>"#,
        id = e(id),
        as_of = e(as_of),
    );
    page(status, "公開の作業", me(auth), &body)
}

#[derive(Deserialize, Default)]
pub(super) struct Done {
    published: Option<String>,
    rolled_back: Option<String>,
}

pub(super) async fn desk(State(app): State<Arc<AppState>>, auth: StaffAuth, Query(done): Query<Done>) -> Response {
    let top = match (done.published, done.rolled_back) {
        (Some(id), _) => html::notice(&format!("「{id}」を公開しました。市民向けの画面に表示されています。")),
        (_, Some(id)) => html::notice(&format!("「{id}」の公開を取り消しました。")),
        _ => String::new(),
    };
    desk_page(&app, &auth, StatusCode::OK, &top, "", "")
}

pub(super) async fn workbook(State(app): State<Arc<AppState>>, auth: StaffAuth) -> Response {
    let bytes = folder(&app)
        .latest()
        .map_err(|e| e.message(Lang::Ja))
        .and_then(|l| write::workbook(&l.snapshot).map(|b| (b, l.snapshot.id)).map_err(|e| e.to_string()));
    match bytes {
        Ok((bytes, id)) => (
            [
                (
                    header::CONTENT_TYPE,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
                ),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"widget-{id}.xlsx\"")),
                (header::CACHE_CONTROL, "no-store".to_string()),
            ],
            bytes,
        )
            .into_response(),
        Err(why) => refused(&auth, StatusCode::SERVICE_UNAVAILABLE, &why),
    }
}

/// The uploaded files: one workbook, or one CSV file per sheet.
async fn read_upload(mut form: Multipart) -> Result<(String, String, String, read::Upload), String> {
    let (mut csrf, mut id, mut as_of, mut files) = (String::new(), String::new(), String::new(), vec![]);
    while let Some(field) = form.next_field().await.map_err(|e| e.body_text())? {
        let name = field.name().unwrap_or("").to_string();
        let file_name = field.file_name().unwrap_or("").to_string();
        let bytes = field.bytes().await.map_err(|e| e.body_text())?;
        match name.as_str() {
            "csrf" => csrf = String::from_utf8_lossy(&bytes).into_owned(),
            "id" => id = String::from_utf8_lossy(&bytes).trim().to_string(),
            "as_of" => as_of = String::from_utf8_lossy(&bytes).trim().to_string(),
            "file" if !bytes.is_empty() => files.push((file_name, bytes.to_vec())),
            _ => {}
        }
    }
    Ok((csrf, id, as_of, read::Upload(files)))
}

pub(super) async fn upload(State(app): State<Arc<AppState>>, auth: StaffAuth, headers: HeaderMap, form: Multipart) -> Response {
    let (csrf, id, as_of, files) = match read_upload(form).await {
        Ok(parts) => parts,
        Err(why) => {
            return refused(
                &auth,
                StatusCode::BAD_REQUEST,
                &format!("アップロードを読み込めませんでした（{why}）"),
            )
        }
    };
    if !form_from_this_site(&headers, &auth.0.csrf, &csrf) {
        return other_site(&auth);
    }
    let mut missing = vec![];
    if files.0.is_empty() {
        missing.push(("ファイルを選んでください".to_string(), "file"));
    }
    if !publish::drafts::plain_id(&id) {
        missing.push(("公開IDは半角英数字とハイフンで入力してください（例: 2024-03）".to_string(), "id"));
    }
    if snapshot::AsOf::parse(&as_of).date().is_none() {
        missing.push(("数値の時点は 2024-03-31 や 2024-03 の形で入力してください".to_string(), "as_of"));
    }
    if !missing.is_empty() {
        return desk_page(
            &app,
            &auth,
            StatusCode::UNPROCESSABLE_ENTITY,
            &html::problems_linked("入力を確かめてください", &missing),
            &id,
            &as_of,
        );
    }
    let (folder, author, (id2, as_of2)) = (folder(&app), auth.0.name.clone(), (id.clone(), as_of.clone()));
    // Reading and checking a workbook is CPU work, off the async threads.
    let prepared = tokio::task::spawn_blocking(move || {
        let draft = files.read().and_then(|book| publish::prepare(&folder, &book, &id2, &as_of2))?;
        folder
            .save_draft(&draft, &author)
            .map_err(|e| vec![publish::SheetProblem::file(publish::Kind::folder(&e))])
    })
    .await;
    match prepared {
        Ok(Ok(info)) => {
            tracing::info!("staff: draft {} prepared", info.id);
            Redirect::to(&format!("/staff/drafts/{}", info.id)).into_response()
        }
        Ok(Err(problems)) => {
            // Each links to the file field: the correction is a new upload.
            let items: Vec<(String, &str)> = problems.iter().take(200).map(|p| (p.message(Lang::Ja), "file")).collect();
            let title = format!(
                "ワークブックに{}件の問題があります。直してからもう一度アップロードしてください",
                problems.len()
            );
            desk_page(
                &app,
                &auth,
                StatusCode::UNPROCESSABLE_ENTITY,
                &html::problems_linked(&title, &items),
                &id,
                &as_of,
            )
        }
        Err(_) => refused(&auth, StatusCode::INTERNAL_SERVER_ERROR, "ワークブックを読み込めませんでした"),
    }
}
