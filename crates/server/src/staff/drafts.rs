//! A draft: what changed against the published figures, a preview of every screen, and
//! publishing it as a second person; discarding it; rolling the latest publication back.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use publish::drafts::DraftInfo;
use publish::DataFolder;
use snapshot::{CityAnswer, Lang};
use view_models::screens::changes::changes;
use view_models::Locale;

use super::html::{e, page};
use super::session::{form_from_this_site, StaffAuth};
use super::{folder, me, other_site, refused, Token};
use crate::store::staff::Role;
use crate::AppState;

/// Whether this member of staff may publish this draft.
fn may_publish(app: &AppState, auth: &StaffAuth, draft: &DraftInfo) -> Result<(), &'static str> {
    if auth.0.role != Role::Publisher {
        return Err("公開できるのは公開担当者だけです");
    }
    if app.config.publish_approvals >= 2 && draft.author == auth.0.name {
        return Err("自分が作った下書きは公開できません。別の公開担当者に確認と公開を依頼してください");
    }
    Ok(())
}

/// The city's answers a draft adds, changes or withdraws, for the second person to read before
/// publishing: `(what, title, status)` in the answers' order, withdrawn ones last.
pub(super) fn answer_changes(published: &[CityAnswer], draft: &[CityAnswer]) -> Vec<(&'static str, String, &'static str)> {
    let status = |a: &CityAnswer| publish::workbook::layout::answer_status_word(a.status);
    let mut out: Vec<_> = view_models::screens::voices::new_or_changed(published, draft)
        .into_iter()
        .map(|(a, new)| (if new { "新しい対応" } else { "変わった対応" }, a.title.ja.clone(), status(a)))
        .collect();
    out.extend(
        published
            .iter()
            .filter(|p| !draft.iter().any(|a| a.id == p.id))
            .map(|p| ("取り下げる対応", p.title.ja.clone(), status(p))),
    );
    out
}

pub(super) async fn draft_page(State(app): State<Arc<AppState>>, auth: StaffAuth, Path(id): Path<String>) -> Response {
    let folder = folder(&app);
    let (info, snapshot) = match folder.draft(&id) {
        Ok(d) => d,
        Err(why) => return refused(&auth, StatusCode::NOT_FOUND, &why.message(Lang::Ja)),
    };
    // Read once for what changed in figures and in answers.
    let latest = folder.latest().ok();
    let rows = latest
        .as_ref()
        .map(|l| changes(&l.snapshot, &snapshot, Locale::Ja))
        .unwrap_or_default();
    let changes = if rows.is_empty() {
        "<p>公開中のデータから変わった数値はありません。</p>".to_string()
    } else {
        let trs: String = rows
            .iter()
            .map(|r| {
                format!(
                    "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}<strong>{}</strong></td></tr>",
                    e(&r.indicator),
                    e(r.kind),
                    e(&r.period),
                    e(&r.before.clone().map(|b| format!("{b} → ")).unwrap_or_default()),
                    e(&r.after)
                )
            })
            .collect();
        format!(
            r#"<div class="table-scroll" tabindex="0" role="region" aria-label="公開中のデータからの変更"><table><thead><tr><th scope="col">指標</th><th scope="col">種類</th><th scope="col">年度</th><th scope="col">数値</th></tr></thead><tbody>{trs}</tbody></table></div>"#
        )
    };
    let answers = latest
        .map(|l| answer_changes(&l.snapshot.voices.answers, &snapshot.voices.answers))
        .unwrap_or_default();
    let answers = if answers.is_empty() {
        "<p>公開中のデータから変わった市の対応はありません。</p>".to_string()
    } else {
        let items: String = answers
            .iter()
            .map(|(what, title, status)| format!("<li>{}: 「{}」（{}）</li>", e(what), e(title), e(status)))
            .collect();
        format!("<ul>{items}</ul>")
    };
    let data = DataFolder::preview_manifest(&info.id);
    let t = view_models::strings(Locale::Ja);
    let previews: String = view_models::route::SCREENS
        .iter()
        .filter(|s| s.in_page_menu)
        .map(|s| format!(r#"<li><a href="{}?data={}">{}</a></li>"#, s.path, e(&data), e(s.label(false, t))))
        .collect();
    let csrf = e(&auth.0.csrf);
    let publish = match may_publish(&app, &auth, &info) {
        Ok(()) => format!(
            r#"<form method="post" action="/staff/drafts/{id}/publish"><input type="hidden" name="csrf" value="{csrf}"><p>内容を確かめたら公開します。公開すると、すぐに市民向けの画面に表示されます。</p><button type="submit" class="button">公開する</button></form>"#,
            id = e(&info.id)
        ),
        Err(why) => format!("<p>{}</p>", e(why)),
    };
    let body = format!(
        r#"<dl class="facts"><dt>公開ID</dt><dd>{id}</dd><dt>数値の時点</dt><dd>{as_of}</dd><dt>作成</dt><dd>{author} さん（{created}）</dd><dt>もとにした公開</dt><dd>{base}</dd></dl>
<h2>公開中のデータからの変更</h2>{changes}
<h2>市の対応の変更</h2>{answers}
<h2>プレビュー</h2><p>公開前の数値で、各画面を開きます（職員だけが見られます）。</p><ul>{previews}</ul>
<h2>窓口アンケートの回答を加える</h2>
<form method="post" action="/staff/drafts/{id}/kiosk" class="form"><input type="hidden" name="csrf" value="{csrf}">
<p>キオスクで集めた回答から、区・窓口・月ごとの満足度をこの下書きに加えます。回答が{min}件に満たない区・窓口・月は載せません。</p>
<div class="field"><label for="from">最初の月</label><input type="text" id="from" name="from" required placeholder="2024-04" maxlength="7"></div>
<div class="field"><label for="to">最後の月</label><input type="text" id="to" name="to" required placeholder="2025-03" maxlength="7"></div>
<button type="submit" class="button button--secondary">回答を加える</button></form>
<h2>市民の声の数を加える</h2>
<form method="post" action="/staff/drafts/{id}/voices" class="form"><input type="hidden" name="csrf" value="{csrf}">
<p>受け付けた市民の声の数を、カード（指標）と月ごとにこの下書きに加えます（いままでの数は置き換えます）。{min}件に満たない月は載せません。声の本文は載りません。</p>
<p>いまこの下書きにある数: {received}</p>
<button type="submit" class="button button--secondary">声の数を加える</button></form>
<h2>公開</h2>{publish}
<form method="post" action="/staff/drafts/{id}/discard"><input type="hidden" name="csrf" value="{csrf}"><button type="submit" class="button button--secondary">この下書きを削除する</button></form>
<p><a href="/staff/publishing">公開の作業に戻る</a></p>"#,
        id = e(&info.id),
        as_of = e(&info.as_of),
        author = e(&info.author),
        created = e(&info.created),
        base = e(&info.base),
        min = app.config.summary_min_count,
        received = if snapshot.voices.received.is_empty() {
            "なし".to_string()
        } else {
            format!(
                "{}か月分・合計{}件",
                snapshot.voices.received.len(),
                snapshot.voices.received.iter().map(|r| r.count).sum::<u32>()
            )
        },
    );
    page(StatusCode::OK, &format!("下書き: {}", info.title.ja), me(&auth), &body)
}

pub(super) async fn publish_draft(
    State(app): State<Arc<AppState>>,
    auth: StaffAuth,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(f): Form<Token>,
) -> Response {
    if !form_from_this_site(&headers, &auth.0.csrf, &f.csrf) {
        return other_site(&auth);
    }
    let folder = folder(&app);
    let info = match folder.draft(&id) {
        Ok((info, _)) => info,
        Err(why) => return refused(&auth, StatusCode::NOT_FOUND, &why.message(Lang::Ja)),
    };
    if let Err(why) = may_publish(&app, &auth, &info) {
        return refused(&auth, StatusCode::FORBIDDEN, why);
    }
    let who = auth.0.name.clone();
    match tokio::task::spawn_blocking(move || folder.publish_draft(&id, &who)).await {
        Ok(Ok(entry)) => {
            tracing::info!("staff: {} published", entry.id);
            Redirect::to(&format!("/staff/publishing?published={}", entry.id)).into_response()
        }
        Ok(Err(why)) => refused(&auth, StatusCode::CONFLICT, &why.message(Lang::Ja)),
        Err(_) => refused(&auth, StatusCode::INTERNAL_SERVER_ERROR, "公開できませんでした"),
    }
}

pub(super) async fn discard_draft(
    State(app): State<Arc<AppState>>,
    auth: StaffAuth,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(f): Form<Token>,
) -> Response {
    if !form_from_this_site(&headers, &auth.0.csrf, &f.csrf) {
        return other_site(&auth);
    }
    let folder = folder(&app);
    match folder.draft(&id) {
        Ok((info, _)) if info.author == auth.0.name || auth.is_publisher() => match folder.discard_draft(&id) {
            Ok(()) => Redirect::to("/staff/publishing").into_response(),
            Err(why) => refused(&auth, StatusCode::CONFLICT, &why.message(Lang::Ja)),
        },
        Ok(_) => refused(&auth, StatusCode::FORBIDDEN, "ほかの人の下書きを削除できるのは公開担当者だけです"),
        Err(why) => refused(&auth, StatusCode::NOT_FOUND, &why.message(Lang::Ja)),
    }
}

pub(super) async fn rollback(State(app): State<Arc<AppState>>, auth: StaffAuth, headers: HeaderMap, Form(f): Form<Token>) -> Response {
    if !form_from_this_site(&headers, &auth.0.csrf, &f.csrf) {
        return other_site(&auth);
    }
    if !auth.is_publisher() {
        return refused(&auth, StatusCode::FORBIDDEN, "公開を取り消せるのは公開担当者だけです");
    }
    let (folder, who) = (folder(&app), auth.0.name.clone());
    match tokio::task::spawn_blocking(move || folder.rollback(&who)).await {
        Ok(Ok((removed, _))) => Redirect::to(&format!("/staff/publishing?rolled_back={}", removed.id)).into_response(),
        Ok(Err(why)) => refused(&auth, StatusCode::CONFLICT, &why.message(Lang::Ja)),
        Err(_) => refused(&auth, StatusCode::INTERNAL_SERVER_ERROR, "取り消せませんでした"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(id: &str, status: snapshot::AnswerStatus, text: &str) -> CityAnswer {
        let t = |s: &str| snapshot::Text {
            ja: s.into(),
            en: None,
            ja_easy: None,
        };
        CityAnswer {
            id: id.into(),
            card: "konbini-yearly".into(),
            title: t(id),
            voices_summary: t("声"),
            answer: t(text),
            status,
            reason: None,
            date: snapshot::AsOf::parse("2024-03-01"),
            expects: None,
        }
    }

    #[test]
    fn a_drafts_new_changed_and_withdrawn_answers_are_listed() {
        use snapshot::AnswerStatus::*;
        let published = vec![
            answer("a", Considering, "検討"),
            answer("b", Acting, "実施"),
            answer("c", Done, "完了"),
        ];
        let draft = vec![
            answer("a", Acting, "実施中"),
            answer("c", Done, "完了"),
            answer("d", Considering, "新規"),
        ];
        assert_eq!(
            answer_changes(&published, &draft),
            vec![
                ("変わった対応", "a".to_string(), "対応しています"),
                ("新しい対応", "d".to_string(), "検討しています"),
                ("取り下げる対応", "b".to_string(), "対応しています")
            ]
        );
        assert!(answer_changes(&draft, &draft).is_empty());
    }
}
