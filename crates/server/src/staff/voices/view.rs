//! The inbox's pages as thin Leptos components over `model`: the list with its filters, one
//! voice with its handling form and history, the themes, the audit log. Plain forms and links:
//! everything works without script.

use leptos::prelude::*;

use super::model::{self, FilterView, HandlingForm, ListParams, Names};
use crate::staff::page::{described_by, text_field, FieldError, Notice, Problem, ProblemSummary, TokenField};
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
        {(!problems.is_empty()).then(|| view! { <ProblemSummary title="検索の条件を確かめてください".into() problems=problems.clone()/> })}
        <form class="form voice-filters" method="get" action="/staff/voices" role="search" aria-label="市民の声を探す">
            <div class="field">
                <label for="q">"言葉で探す"</label>
                <p class="hint" id="q-hint">"本文のどこかにある言葉（2文字以上がおすすめ）。スペースで区切ると、すべてを含む声を探します。"</p>
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
            <button type="submit" class="button">"この条件で表示する"</button>
            " "
            <a href="/staff/voices">"条件をすべて外す"</a>
        </form>
        <h2 id="found" aria-live="polite">{format!("{}の声が見つかりました", model::count(total))}</h2>
        {if rows.is_empty() {
            view! { <p>"この条件にあう声はありません。"</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll" role="region" aria-labelledby="found" tabindex="0">
                    <table class="voice-table">
                        <thead><tr><th scope="col">"受付番号"</th><th scope="col">"受け付けた日時"</th><th scope="col">"状態"</th><th scope="col">"カード・テーマ"</th><th scope="col">"種類・場所"</th><th scope="col">"担当課"</th><th scope="col">"内容（はじめの部分）"</th></tr></thead>
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
        <nav class="pager" aria-label="ページ">
            {first.map(|href| view! { <a href=href>"最初のページへ"</a> })}
            " "
            {next.map(|href| view! { <a href=href rel="next">"次の50件（古い声）"</a> })}
        </nav>
        <p><a href="/staff/feedback.csv">"すべての声をCSVでダウンロード"</a></p>
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
        (None, _) => "なし（返信の希望なし、または保存期間が過ぎて削除済み）".to_string(),
        (Some(e), true) => e.clone(),
        (Some(_), false) => "あり（閲覧できるのは公開担当の職員だけです）".to_string(),
    };
    let chosen = Status::parse(&form.status);
    let p = problems.clone();
    view! {
        {saved.then(|| view! { <Notice text="保存しました。変更は記録に残ります。".into()/> })}
        {(!problems.is_empty()).then(|| view! { <ProblemSummary title="保存できませんでした。次の点を確かめてください".into() problems=problems.clone()/> })}
        <dl class="voice-facts">
            <div><dt>"受付番号"</dt><dd>{receipt_for(voice.id)}</dd></div>
            <div><dt>"受け付けた日時"</dt><dd>{model::japan_time(&voice.received_at)}</dd></div>
            <div><dt>"種類"</dt><dd>{model::kind_label(&voice.kind).to_string()}</dd></div>
            <div><dt>"カード・テーマ（市民が選んだもの）"</dt><dd>{names.topic(&voice.topic)}</dd></div>
            <div><dt>"区・窓口"</dt><dd>{place}</dd></div>
            <div><dt>"満足度"</dt><dd>{voice.satisfaction.map_or("—".to_string(), |s| format!("{s}（5段階）"))}</dd></div>
            <div><dt>"連絡先"</dt><dd>{contact}</dd></div>
        </dl>
        <h2>"市民が書いたこと"</h2>
        <p class="voice-message">{voice.message.clone()}</p>
        <h2>"この声の扱い"</h2>
        <form class="form" method="post" action=format!("/staff/voices/{}", voice.id) novalidate>
            <TokenField csrf/>
            <input type="hidden" name="version" value=form.version.clone()/>
            <fieldset class="field" id="status-group" aria-describedby=described_by("status-new", None, &p)>
                <legend>"状態"</legend>
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
            {text_field("assigned", "担当課", Some("例: 区役所改革推進課（空欄でもかまいません）"), &form.assigned, voices::MAX_ASSIGNED_CHARS, None, &p)}
            <div class="field">
                <label for="theme">"テーマ"</label>
                <p class="hint" id="theme-hint">"似た声をまとめるテーマ。新しいテーマは「テーマ」のページで作ります。"</p>
                <FieldError id="theme" problems=p.clone()/>
                <select id="theme" name="theme" aria-describedby=described_by("theme", Some("theme-hint"), &p)>
                    <option value="" selected=form.theme.is_empty()>"テーマなし"</option>
                    {themes.into_iter().map(|t| {
                        let selected = form.theme == t.id.to_string();
                        view! { <option value=t.id.to_string() selected=selected>{t.title}</option> }
                    }).collect_view()}
                </select>
            </div>
            {text_field("note", "内部メモ", Some("職員だけが読みます。公開されません。「対応しない」ときは理由を書きます。"), &form.note, voices::MAX_NOTE_CHARS, Some(5), &p)}
            <button type="submit" class="button">"保存する"</button>
        </form>
        <h2>"この声の変更の記録"</h2>
        <LogList entries=history names/>
        <p><a href="/staff/voices">"一覧に戻る"</a></p>
    }
}

/// Audit log entries, newest first.
#[component]
pub fn LogList(entries: Vec<LogEntry>, names: Names) -> impl IntoView {
    if entries.is_empty() {
        return view! { <p>"まだ変更はありません。"</p> }.into_any();
    }
    view! {
        <ul class="voice-log">
            {entries.iter().map(|e| view! { <li>{format!("{} {} さん: {}", model::japan_time(&e.at), e.who, model::log_sentence(e, &names))}</li> }).collect_view()}
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
            let mut options = vec![view! { <option value="" selected=chosen.is_empty()>"指定しない"</option> }.into_any()];
            options.extend(names.cards().iter().map(|(id, name)| {
                view! { <option value=id.clone() selected=*id == chosen>{format!("{name}（{id}）")}</option> }.into_any()
            }));
            options
        };
    view! {
        {notice.map(|text| view! { <Notice text/> })}
        {(!problems.is_empty()).then(|| view! { <ProblemSummary title="保存できませんでした。次の点を確かめてください".into() problems=problems.clone()/> })}
        <p>"似た声をテーマにまとめ、そのテーマがどのカードや指標についてのものかを決めます。テーマの名前は市の言葉で書きます。"</p>
        <h2>"新しいテーマ"</h2>
        <form class="form" method="post" action="/staff/voices/themes" novalidate>
            <TokenField csrf=csrf.clone()/>
            {text_field("title", "テーマの名前", Some("例: 窓口の待ち時間"), &form.title, voices::MAX_THEME_CHARS, None, &p)}
            <div class="field">
                <label for="card">"どのカード・指標について"</label>
                <FieldError id="card" problems=p.clone()/>
                <select id="card" name="card" aria-describedby=described_by("card", None, &p)>{card_options(&form.card)}</select>
            </div>
            <button type="submit" class="button">"テーマを作る"</button>
        </form>
        <h2>"テーマの一覧"</h2>
        {if themes.is_empty() {
            view! { <p>"テーマはまだありません。"</p> }.into_any()
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
                                    <p><a href=format!("/staff/voices?theme={}", t.id)>{format!("{}（{}）", t.title, model::count(t.voices))}</a>" — "{format!("作成: {} さん", t.created_by)}</p>
                                    <div class="field"><label for=title_id.clone()>"名前"</label><input type="text" id=title_id name="title" value=t.title.clone() maxlength=voices::MAX_THEME_CHARS.to_string()/></div>
                                    <div class="field"><label for=card_id.clone()>"カード・指標"</label><select id=card_id name="card">{card_options(&t.card)}</select></div>
                                    <button type="submit" class="button button--secondary">"変更を保存"</button>
                                </form>
                                <p><a href=format!("/staff/voices/themes/{}/answer", t.id)>{format!("「{}」への市の対応を書く", t.title)}</a></p>
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
        <p>"市民の声とテーマへの変更を、だれが、いつ、何をしたか、新しい順に示します。声の本文、連絡先、内部メモの中身は記録しません。"</p>
        <LogList entries names/>
        {next.map(|href| view! { <nav class="pager" aria-label="ページ"><a href=href rel="next">"さらに古い記録"</a></nav> })}
    }
}
