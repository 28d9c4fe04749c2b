//! The staff inbox through the full router: nothing without signing in, posts from other
//! sites or with a wrong token change nothing, ids that name nothing are a plain 404, a contact
//! address only for the role that may read it, the audit log only for publishers, hostile
//! text shown as text, a declined voice needs its reason, and a stale form keeps what was typed.

mod common;

use axum::http::{header, StatusCode};
use common::staff::*;
use common::{harness, send, Harness};
use feedback::{Feedback, Kind};
use server::store::staff::Role;

/// Synthetic, for tests only.
const HOSTILE: &str = "<script>alert(1)</script>=HYPERLINK(\"x\") 窓口の待ち時間";

fn enc(s: &str) -> String {
    view_models::escape::percent_encode(s)
}

async fn seeded(name: &str) -> Harness {
    let h = harness(name, |_| {}).await;
    let f = |key: u32, topic: &str, message: &str| Feedback {
        key: format!("00000000-0000-4000-8000-{key:012}"),
        kind: Kind::General,
        topic: topic.into(),
        message: message.into(),
        satisfaction: Some(2),
        email: None,
        ward: None,
        section: None,
        follow: None,
    };
    h.state
        .store
        .insert(Feedback {
            email: Some("citizen@example.jp".into()),
            ..f(1, "konbini-yearly", "コンビニ交付の手数料を下げてほしい")
        })
        .await
        .unwrap();
    h.state.store.insert(f(2, "<b>topic</b>", HOSTILE)).await.unwrap();
    // A kiosk rating without a comment: not a voice.
    h.state
        .store
        .insert(Feedback {
            kind: Kind::CounterSurvey,
            topic: "counter-survey".into(),
            ward: Some("kita".into()),
            section: Some("tax".into()),
            ..f(3, "", "")
        })
        .await
        .unwrap();
    add(&h, "tanaka", Role::Editor).await;
    add(&h, "suzuki", Role::Publisher).await;
    h
}

#[tokio::test]
async fn every_inbox_route_refuses_visitors_who_have_not_signed_in() {
    let h = seeded("voices-anon").await;
    for path in [
        "/staff/voices",
        "/staff/voices?q=x",
        "/staff/voices/1",
        "/staff/voices/themes",
        "/staff/voices/log",
        "/staff/voices/themes/1/answer",
    ] {
        let (status, headers, _) = send(&h, get(path, None)).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{path}");
        assert_eq!(headers[header::LOCATION], "/staff/sign-in", "{path}");
    }
    for path in [
        "/staff/voices/1",
        "/staff/voices/themes",
        "/staff/voices/themes/1",
        "/staff/voices/themes/1/answer",
    ] {
        let (status, page) = text(&h, form(path, "status=seen&title=x", None, ORIGIN)).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
        assert!(!page.contains("手数料"), "{path}");
    }
    assert_eq!(h.state.store.voice(1).await.unwrap().unwrap().version, 0, "nothing changed");
}

#[tokio::test]
async fn staff_find_a_voice_by_a_word_from_its_middle_and_each_filter_says_how_many() {
    let h = seeded("voices-list").await;
    let (cookie, _) = sign_in(&h, "tanaka").await;
    let (status, page) = text(&h, get("/staff/voices", Some(&cookie))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("2件の声が見つかりました"), "{page}");
    assert!(page.contains("新着（2件）") && page.contains("確認済み（0件）"), "{page}");
    assert!(
        page.contains("KR-0000001") && page.contains("KR-0000002") && !page.contains("KR-0000003"),
        "a rating without text is not listed"
    );
    let (_, found) = text(&h, get(&format!("/staff/voices?q={}", enc("手数料")), Some(&cookie))).await;
    assert!(
        found.contains("1件の声が見つかりました") && found.contains("KR-0000001") && !found.contains("KR-0000002"),
        "{found}"
    );
    // A month that is not one, and an unknown status, are named and linked; the list still shows.
    let (status, bad) = text(&h, get("/staff/voices?month=2026-13&status=%3Cx%3E", Some(&cookie))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        bad.contains("href=\"#month\"") && bad.contains("href=\"#status\"") && bad.contains("KR-0000001"),
        "{bad}"
    );
    assert!(!bad.contains("<x>"), "the hostile value is escaped");
}

#[tokio::test]
async fn hostile_text_is_shown_as_text_on_every_inbox_page() {
    let h = seeded("voices-hostile").await;
    let (cookie, csrf) = sign_in(&h, "tanaka").await;
    let note = "</textarea><script>alert(2)</script>";
    let (status, _) = text(
        &h,
        form(
            "/staff/voices/2",
            &format!(
                "csrf={csrf}&version=0&status=seen&assigned={}&note={}&theme=",
                enc("<i>課</i>"),
                enc(note)
            ),
            Some(&cookie),
            ORIGIN,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _) = text(
        &h,
        form(
            "/staff/voices/themes",
            &format!("csrf={csrf}&title={}&card=", enc("<img src=x onerror=alert(3)>")),
            Some(&cookie),
            ORIGIN,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    for path in ["/staff/voices", "/staff/voices/2", "/staff/voices/themes"] {
        let (_, page) = text(&h, get(path, Some(&cookie))).await;
        assert!(
            !page.contains("<script>") && !page.contains("<img") && !page.contains("<b>topic") && !page.contains("<i>課"),
            "{path}: {page}"
        );
    }
    let (_, detail) = text(&h, get("/staff/voices/2", Some(&cookie))).await;
    assert!(
        detail.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the message as text: {detail}"
    );
    assert!(
        detail.contains("&lt;/textarea&gt;&lt;script&gt;alert(2)"),
        "the note as text inside its textarea: {detail}"
    );
}

#[tokio::test]
async fn posts_from_other_sites_or_without_the_token_change_nothing() {
    let h = seeded("voices-csrf").await;
    let (cookie, csrf) = sign_in(&h, "tanaka").await;
    let body = format!("csrf={csrf}&version=0&status=seen&assigned=&note=&theme=");
    let (status, _) = text(&h, form("/staff/voices/1", &body, Some(&cookie), "https://evil.example")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = text(
        &h,
        form(
            "/staff/voices/1",
            "csrf=0123456789abcdef0123456789abcdef&version=0&status=seen",
            Some(&cookie),
            ORIGIN,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = text(&h, form("/staff/voices/themes", "title=x", Some(&cookie), ORIGIN)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(h.state.store.voice(1).await.unwrap().unwrap().version, 0);
    assert!(h.state.store.themes().await.unwrap().is_empty());
}

#[tokio::test]
async fn ids_that_name_nothing_get_a_plain_not_found_and_never_another_voice() {
    let h = seeded("voices-ids").await;
    let (cookie, csrf) = sign_in(&h, "tanaka").await;
    for path in [
        "/staff/voices/3",
        "/staff/voices/999",
        "/staff/voices/abc",
        "/staff/voices/-1",
        "/staff/voices/1%20OR%201=1",
        "/staff/voices/99999999999999999999",
    ] {
        let (status, page) = text(&h, get(path, Some(&cookie))).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(!page.contains("手数料") && !page.contains("alert"), "{path}");
    }
    let (status, _) = text(
        &h,
        form(
            "/staff/voices/3",
            &format!("csrf={csrf}&version=0&status=seen"),
            Some(&cookie),
            ORIGIN,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = text(
        &h,
        form("/staff/voices/themes/999", &format!("csrf={csrf}&title=x"), Some(&cookie), ORIGIN),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, page) = text(
        &h,
        form(
            "/staff/voices/1",
            &format!("csrf={csrf}&version=0&status=seen&theme=999"),
            Some(&cookie),
            ORIGIN,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("href=\"#theme\""), "{page}");
}

#[tokio::test]
async fn the_contact_address_is_for_publishers_and_so_is_the_audit_log() {
    let h = seeded("voices-roles").await;
    let (editor, csrf) = sign_in(&h, "tanaka").await;
    let (_, page) = text(&h, get("/staff/voices/1", Some(&editor))).await;
    assert!(
        page.contains("閲覧できるのは公開担当の職員だけです") && !page.contains("citizen@example.jp"),
        "{page}"
    );
    let (status, _) = text(&h, get("/staff/voices/log", Some(&editor))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = text(
        &h,
        form(
            "/staff/voices/1",
            &format!("csrf={csrf}&version=0&status=considering&assigned={}&note=&theme=", enc("区政課")),
            Some(&editor),
            ORIGIN,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (publisher, _) = sign_in(&h, "suzuki").await;
    let (_, page) = text(&h, get("/staff/voices/1", Some(&publisher))).await;
    assert!(page.contains("citizen@example.jp"), "{page}");
    let (status, log) = text(&h, get("/staff/voices/log", Some(&publisher))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        log.contains("tanaka さん: KR-0000001: 状態を「新着」から「担当課で検討中」にしました")
            && log.contains("担当課を「」から「区政課」にしました"),
        "{log}"
    );
    assert!(
        !log.contains("手数料") && !log.contains("citizen@example.jp"),
        "no text or address in the log"
    );
}

#[tokio::test]
async fn a_declined_voice_needs_its_reason_and_a_stale_form_keeps_what_was_typed() {
    let h = seeded("voices-forms").await;
    let (a, csrf_a) = sign_in(&h, "tanaka").await;
    let (b, csrf_b) = sign_in(&h, "suzuki").await;
    let (status, page) = text(
        &h,
        form(
            "/staff/voices/1",
            &format!("csrf={csrf_a}&version=0&status=declined&note="),
            Some(&a),
            ORIGIN,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains("<a href=\"#note\">対応しない場合は、その理由を内部メモに書いてください</a>") && page.contains("id=\"note-error\""),
        "{page}"
    );
    // Two people open the form; the second to save is told, and keeps what they typed.
    let (status, _) = text(
        &h,
        form(
            "/staff/voices/1",
            &format!("csrf={csrf_b}&version=0&status=seen&note="),
            Some(&b),
            ORIGIN,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let typed = "予算の範囲を超えるため";
    let (status, page) = text(
        &h,
        form(
            "/staff/voices/1",
            &format!("csrf={csrf_a}&version=0&status=declined&note={}", enc(typed)),
            Some(&a),
            ORIGIN,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(
        page.contains("ほかの職員が、この声を先に変更しました") && page.contains(typed),
        "{page}"
    );
    assert_eq!(
        h.state.store.voice(1).await.unwrap().unwrap().handling.status,
        server::store::voices::Status::Seen
    );
}

#[tokio::test]
async fn a_draft_takes_the_voice_counts_per_card_and_month_from_a_staff_form_only() {
    let h = seeded("voices-counts").await;
    let folder = publish::DataFolder::new(h.dir.join("data"));
    let mut snapshot = folder.latest().unwrap().snapshot;
    snapshot.id = "2024-03-voices".into();
    let title = publish::import::title_for(&snapshot);
    folder.save_draft(&publish::Draft { snapshot, title }, "tanaka").unwrap();
    // Ten more synthetic voices from the konbini card: enough for the default minimum of 10.
    for key in 100..110u32 {
        let f = Feedback {
            key: format!("00000000-0000-4000-8000-{key:012}"),
            kind: Kind::General,
            topic: "konbini-yearly".into(),
            message: format!("声 {key}"),
            satisfaction: None,
            email: None,
            ward: None,
            section: None,
            follow: None,
        };
        h.state.store.insert(f).await.unwrap();
    }
    let (cookie, csrf) = sign_in(&h, "tanaka").await;
    let (status, _) = text(&h, form("/staff/drafts/2024-03-voices/voices", "csrf=wrong", Some(&cookie), ORIGIN)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = text(
        &h,
        form(
            "/staff/drafts/2024-03-voices/voices",
            &format!("csrf={csrf}"),
            Some(&cookie),
            ORIGIN,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    // Eleven konbini voices this month; the one about a free-text topic is no card's.
    let (_, draft) = folder.draft("2024-03-voices").unwrap();
    assert_eq!(
        draft.voices.received.iter().map(|r| (r.card.as_str(), r.count)).collect::<Vec<_>>(),
        vec![("konbini-yearly", 11)]
    );
    let (_, page) = text(&h, get("/staff/drafts/2024-03-voices", Some(&cookie))).await;
    assert!(page.contains("いまこの下書きにある数: 1か月分・合計11件"), "{page}");
    // Nothing of the messages themselves is in the draft.
    let file = std::fs::read_to_string(h.dir.join("data/drafts/2024-03-voices/snapshots/2024-03-voices.json")).unwrap();
    assert!(file.contains("\"received\""), "the counts are in the draft file");
    assert!(
        !file.contains("声 10") && !file.contains("手数料を下げて"),
        "no message text in a draft"
    );
}

#[tokio::test]
async fn a_themes_answer_becomes_a_draft_only_from_this_site_with_its_card_and_every_rule() {
    let h = seeded("voices-answer").await;
    let (cookie, csrf) = sign_in(&h, "tanaka").await;
    let no_card = h.state.store.theme_add("カードのないテーマ", "", "tanaka").await.unwrap();
    let theme = h
        .state
        .store
        .theme_add("コンビニ交付の手数料", "konbini-yearly", "tanaka")
        .await
        .unwrap();
    let body = |csrf: &str, draft: &str, easy: &str| {
        format!(
            "csrf={csrf}&draft={draft}&status=considering&date=2024-03-31&summary_ja={}&answer_ja={}&answer_easy={}",
            enc("下げてほしいという声"),
            enc("<b>検討します</b>"),
            enc(easy)
        )
    };
    let (status, _) = text(
        &h,
        form(
            &format!("/staff/voices/themes/{theme}/answer"),
            &body("0123456789abcdef0123456789abcdef", "2024-03-a", ""),
            Some(&cookie),
            ORIGIN,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a wrong token");
    let (status, page) = text(
        &h,
        form(
            &format!("/staff/voices/themes/{no_card}/answer"),
            &body(&csrf, "2024-03-a", ""),
            Some(&cookie),
            ORIGIN,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("どのカード・指標についてかが決まっていません"), "{page}");
    // やさしい日本語 without readings breaks a checker rule: named and linked to its field.
    let (status, page) = text(
        &h,
        form(
            &format!("/staff/voices/themes/{theme}/answer"),
            &body(&csrf, "2024-03-a", "検討します"),
            Some(&cookie),
            ORIGIN,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains("href=\"#answer_easy\"") && page.contains("&lt;b&gt;検討します&lt;/b&gt;"),
        "linked, and what was typed kept as text: {page}"
    );
    let (status, _) = text(
        &h,
        form(
            &format!("/staff/voices/themes/{theme}/answer"),
            &body(&csrf, "2024-03-a", ""),
            Some(&cookie),
            ORIGIN,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (info, draft) = publish::DataFolder::new(h.dir.join("data")).draft("2024-03-a").unwrap();
    assert_eq!(info.author, "tanaka");
    let a = &draft.voices.answers[0];
    assert_eq!(
        (a.id.as_str(), a.card.as_str(), a.title.ja.as_str(), a.answer.ja.as_str()),
        (
            format!("theme-{theme}").as_str(),
            "konbini-yearly",
            "コンビニ交付の手数料",
            "<b>検討します</b>"
        )
    );
    let (_, page) = text(&h, get("/staff/drafts/2024-03-a", Some(&cookie))).await;
    assert!(
        page.contains("新しい対応: 「コンビニ交付の手数料」（検討しています）") && !page.contains("公開する</button>"),
        "the author sees it, and may not publish it: {page}"
    );
}
