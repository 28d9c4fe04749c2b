//! Every store test runs on both stores: a SQLite file and a PostgreSQL database.

use feedback::{Feedback, Kind};

use super::testing::{both, fresh_sqlite};
use super::{Location, Store};

fn message(key: u32, email: Option<&str>) -> Feedback {
    Feedback {
        key: format!("00000000-0000-4000-8000-{key:012}"),
        kind: Kind::General,
        topic: String::new(),
        message: format!("message {key}"),
        satisfaction: None,
        email: email.map(String::from),
        ward: None,
        section: None,
        follow: None,
    }
}

fn answer(key: u32, ward: &str, satisfaction: u8) -> Feedback {
    Feedback {
        kind: Kind::CounterSurvey,
        topic: "counter-survey".into(),
        message: String::new(),
        satisfaction: Some(satisfaction),
        ward: Some(ward.into()),
        section: Some("tax".into()),
        ..message(key, None)
    }
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

#[tokio::test(flavor = "multi_thread")]
async fn a_retry_with_the_same_key_returns_the_first_receipt_and_stores_nothing_new() {
    for location in both("retry") {
        let store = Store::open(&location).await.unwrap();
        let first = store.insert(message(1, None)).await.unwrap();
        let again = store
            .insert(Feedback {
                message: "changed on retry".into(),
                ..message(1, None)
            })
            .await
            .unwrap();
        let other = store.insert(message(2, None)).await.unwrap();
        assert!(first.created && !again.created && other.created, "{location:?}");
        assert_eq!(first.receipt, again.receipt, "{location:?}");
        assert_ne!(first.receipt, other.receipt, "{location:?}");
        assert_eq!(store.count().await.unwrap(), 2, "{location:?}");
        assert!(
            !store.export_csv().await.unwrap().contains("changed on retry"),
            "the first text stays: {location:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn many_requests_with_one_key_at_once_store_one_record_with_one_receipt() {
    for location in both("same-key") {
        let store = std::sync::Arc::new(Store::open(&location).await.unwrap());
        let tasks: Vec<_> = (0..40)
            .map(|i| {
                let store = store.clone();
                // Half the requests carry one key, the rest their own.
                tokio::spawn(async move { store.insert(message(if i % 2 == 0 { 7 } else { 100 + i }, None)).await.unwrap() })
            })
            .collect();
        let mut receipts = vec![];
        for (i, t) in tasks.into_iter().enumerate() {
            let stored = t.await.unwrap();
            if i % 2 == 0 {
                receipts.push(stored);
            }
        }
        assert_eq!(receipts.iter().filter(|s| s.created).count(), 1, "{location:?}");
        assert!(receipts.iter().all(|s| s.receipt == receipts[0].receipt), "{location:?}");
        assert_eq!(store.count().await.unwrap(), 21, "{location:?}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn e_mail_addresses_are_forgotten_after_the_retention_period_and_messages_stay() {
    for location in both("retention") {
        let store = Store::open(&location).await.unwrap();
        store.insert(message(1, Some("a@example.jp"))).await.unwrap();
        let day = 86_400;
        assert_eq!(
            store.forget_old_emails(now() + 89 * day, 90).await.unwrap(),
            0,
            "kept within 90 days: {location:?}"
        );
        assert!(store.export_csv().await.unwrap().contains("a@example.jp"));
        // The clock moved on 91 days: the address goes, the message stays.
        assert_eq!(store.forget_old_emails(now() + 91 * day, 90).await.unwrap(), 1, "{location:?}");
        let csv = store.export_csv().await.unwrap();
        assert!(!csv.contains("a@example.jp") && csv.contains("message 1"), "{location:?}: {csv}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn counter_survey_answers_are_counted_per_month_in_japan_time_ward_and_counter() {
    let this_month = {
        let (year, month, _) = publish::folder::civil_date((now() + 9 * 3600).div_euclid(86_400));
        format!("{year:04}-{month:02}")
    };
    for location in both("survey") {
        let store = Store::open(&location).await.unwrap();
        for (i, (ward, rating)) in [("chuo", 5), ("chuo", 4), ("chuo", 2), ("kita", 5)].into_iter().enumerate() {
            store.insert(answer(i as u32, ward, rating)).await.unwrap();
        }
        store.insert(message(99, None)).await.unwrap();
        let counted = store.counter_survey_counts(this_month.clone(), this_month.clone()).await.unwrap();
        let cells: Vec<(String, u32, u32)> = counted.iter().map(|c| (c.ward.clone(), c.answers, c.satisfied)).collect();
        assert_eq!(cells, [("chuo".to_string(), 3, 2), ("kita".to_string(), 1, 1)], "{location:?}");
        assert_eq!(format!("{:04}-{:02}", counted[0].month.year, counted[0].month.month), this_month);
        assert!(
            store
                .counter_survey_counts("2000-01".into(), "2000-12".into())
                .await
                .unwrap()
                .is_empty(),
            "{location:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_staff_csv_is_the_same_from_either_store() {
    let mut exports = vec![];
    for location in both("csv") {
        let store = Store::open(&location).await.unwrap();
        store
            .insert(Feedback {
                message: "=HYPERLINK(\"x\"),\n二行目".into(),
                satisfaction: Some(4),
                email: Some("a@example.jp".into()),
                ..message(1, None)
            })
            .await
            .unwrap();
        store.insert(answer(2, "chuo", 5)).await.unwrap();
        let csv = store.export_csv().await.unwrap();
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines[0], "\u{FEFF}receipt,received_at,kind,topic,satisfaction,message,email,ward,section",
            "{location:?}"
        );
        assert!(
            lines[1].starts_with("KR-0000001,20") && lines[1].contains("Z,general,,4,\"'=HYPERLINK"),
            "{location:?}: {csv}"
        );
        assert!(csv.contains(",counter_survey,counter-survey,5,,,chuo,tax"), "{location:?}: {csv}");
        // Times differ; everything else is the same.
        exports.push(
            csv.lines()
                .map(|l| {
                    l.split(',')
                        .enumerate()
                        .filter(|(i, _)| *i != 1)
                        .map(|(_, c)| c)
                        .collect::<Vec<_>>()
                        .join(",")
                })
                .collect::<Vec<_>>(),
        );
    }
    assert_eq!(exports[0], exports[1]);
}

#[tokio::test(flavor = "multi_thread")]
async fn servers_that_start_together_migrate_once() {
    let location = super::testing::fresh_postgres("migrate");
    let opens: Vec<_> = (0..4)
        .map(|_| {
            let location = location.clone();
            tokio::spawn(async move { Store::open(&location).await.map(|_| ()) })
        })
        .collect();
    for o in opens {
        o.await.unwrap().unwrap();
    }
    let store = Store::open(&location).await.unwrap();
    assert!(store.insert(message(1, None)).await.unwrap().created);
}

/// A file as the server wrote it before migrations were versioned: `CREATE TABLE IF NOT EXISTS`
/// at start, and (after the counter survey) its two columns patched in.
fn old_file(location: &Location, with_survey_columns: bool) {
    let Location::Sqlite(path) = location else { unreachable!() };
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(
        "CREATE TABLE feedback (
            id INTEGER PRIMARY KEY AUTOINCREMENT, idempotency_key TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, topic TEXT NOT NULL,
            message TEXT NOT NULL, satisfaction INTEGER, email TEXT,
            received_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')));
         INSERT INTO feedback (idempotency_key, kind, topic, message) VALUES ('00000000-0000-4000-8000-000000000001', 'general', '', 'kept from before');",
    )
    .unwrap();
    if with_survey_columns {
        conn.execute_batch("ALTER TABLE feedback ADD COLUMN ward TEXT; ALTER TABLE feedback ADD COLUMN section TEXT;")
            .unwrap();
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn database_files_from_before_versioned_migrations_upgrade() {
    for with_survey_columns in [false, true] {
        let location = fresh_sqlite(&format!("old-{with_survey_columns}"));
        old_file(&location, with_survey_columns);
        let store = Store::open(&location).await.unwrap();
        let retry = store.insert(message(1, None)).await.unwrap();
        assert_eq!(
            (retry.receipt.as_str(), retry.created),
            ("KR-0000001", false),
            "the old record's key still holds"
        );
        assert!(store.insert(answer(2, "chuo", 4)).await.unwrap().created);
        let csv = store.export_csv().await.unwrap();
        assert!(csv.contains("kept from before") && csv.contains("chuo,tax"), "{csv}");
        drop(store);
        let Location::Sqlite(path) = &location else { unreachable!() };
        let version: i64 = rusqlite::Connection::open(path)
            .unwrap()
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, 6, "at the latest migration");
        // Opening again changes nothing.
        assert_eq!(Store::open(&location).await.unwrap().count().await.unwrap(), 2);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn staff_accounts_lock_after_failures_and_sessions_expire() {
    use super::staff::Role;
    for location in both("staff") {
        let store = Store::open(&location).await.unwrap();
        store.staff_put("tanaka", Role::Editor, "hash-1").await.unwrap();
        let a = store.staff_get("tanaka").await.unwrap().unwrap();
        assert_eq!(
            (a.role, a.password_hash.as_str(), a.failed, a.locked_until),
            (Role::Editor, "hash-1", 0, 0)
        );
        assert!(store.staff_get("nobody").await.unwrap().is_none());
        for _ in 0..2 {
            store.staff_failed("tanaka", 3, 5000).await.unwrap();
        }
        assert_eq!(store.staff_get("tanaka").await.unwrap().unwrap().locked_until, 0, "two of three");
        store.staff_failed("tanaka", 3, 5000).await.unwrap();
        assert_eq!(
            store.staff_get("tanaka").await.unwrap().unwrap().locked_until,
            5000,
            "the third locks"
        );
        store.staff_signed_in("tanaka").await.unwrap();
        assert_eq!(store.staff_get("tanaka").await.unwrap().unwrap().failed, 0);
        // A new role and password replace the old ones.
        store.staff_put("tanaka", Role::Publisher, "hash-2").await.unwrap();
        assert_eq!(store.staff_get("tanaka").await.unwrap().unwrap().role, Role::Publisher);
        store.session_put("t1", "tanaka", "csrf-1", 1000).await.unwrap();
        let s = store.session_get("t1", 999).await.unwrap().unwrap();
        assert_eq!((s.name.as_str(), s.role, s.csrf.as_str()), ("tanaka", Role::Publisher, "csrf-1"));
        assert!(store.session_get("t1", 1000).await.unwrap().is_none(), "expired");
        store.session_put("t2", "tanaka", "csrf-2", 9000).await.unwrap();
        store.session_delete("t2").await.unwrap();
        assert!(store.session_get("t2", 1).await.unwrap().is_none(), "signed out");
    }
}

fn voice(key: u32, topic: &str, text: &str) -> Feedback {
    Feedback {
        topic: topic.into(),
        message: text.into(),
        ..message(key, None)
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_inbox_finds_japanese_words_anywhere_and_counts_what_each_filter_finds() {
    use super::voices::{Status, VoiceQuery};
    for location in both("voices-search") {
        let store = Store::open(&location).await.unwrap();
        store
            .insert(voice(1, "konbini-yearly", "コンビニ交付の手数料を下げてほしいです"))
            .await
            .unwrap();
        store
            .insert(voice(2, "counter-satisfaction", "区役所の窓口の待ち時間が長かった"))
            .await
            .unwrap();
        store
            .insert(voice(3, "konbini-yearly", "マイナンバーカードでの発行が便利でした"))
            .await
            .unwrap();
        store
            .insert(Feedback {
                message: "窓口の方が親切でした".into(),
                ..answer(4, "chuo", 5)
            })
            .await
            .unwrap();
        // A kiosk rating without a comment is not a voice.
        store.insert(answer(5, "kita", 3)).await.unwrap();
        let all = store.voices(&VoiceQuery::default()).await.unwrap();
        assert_eq!(all.facets.total, 4, "{location:?}");
        assert_eq!(
            all.items.iter().map(|v| v.id).collect::<Vec<_>>(),
            vec![4, 3, 2, 1],
            "newest first: {location:?}"
        );
        assert_eq!(all.facets.status, vec![("new".to_string(), 4)], "{location:?}");
        assert!(
            all.facets.topic.contains(&("konbini-yearly".to_string(), 2)),
            "{:?}",
            all.facets.topic
        );
        assert_eq!(all.facets.ward, vec![(String::new(), 3), ("chuo".to_string(), 1)], "{location:?}");
        // Three characters or more from the middle of a word, two characters, and two words.
        let ids = |q: &str| {
            let store = &store;
            let q = q.to_string();
            async move {
                store
                    .voices(&VoiceQuery {
                        text: q,
                        ..Default::default()
                    })
                    .await
                    .unwrap()
                    .items
                    .iter()
                    .map(|v| v.id)
                    .collect::<Vec<_>>()
            }
        };
        assert_eq!(ids("待ち時").await, vec![2], "{location:?}");
        assert_eq!(ids("窓口").await, vec![4, 2], "{location:?}");
        assert_eq!(ids("窓口　親切").await, vec![4], "{location:?}");
        assert_eq!(ids("ナンバーカ").await, vec![3], "{location:?}");
        assert!(
            ids("100%").await.is_empty() && ids("\"").await.is_empty() && ids("_").await.is_empty(),
            "wildcards are text: {location:?}"
        );
        let found = store
            .voices(&VoiceQuery {
                text: "窓口".into(),
                kind: Some("counter_survey".into()),
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!((found.facets.total, found.items[0].id), (1, 4), "{location:?}");
        let konbini = store
            .voices(&VoiceQuery {
                topic: Some("konbini-yearly".into()),
                status: Some(Status::New),
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(konbini.facets.total, 2, "{location:?}");
        let month = all.facets.month[0].0.clone();
        assert_eq!(
            store
                .voices(&VoiceQuery {
                    month: Some(month),
                    ..Default::default()
                })
                .await
                .unwrap()
                .facets
                .total,
            4,
            "{location:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_inbox_pages_newest_first_without_gaps_or_repeats() {
    use super::voices::{VoiceQuery, PAGE_SIZE};
    for location in both("voices-paging") {
        let store = Store::open(&location).await.unwrap();
        for i in 1..=(PAGE_SIZE as u32 * 2 + 3) {
            store.insert(voice(i, "", &format!("声 {i}"))).await.unwrap();
        }
        let (mut seen, mut before) = (vec![], None);
        loop {
            let page = store
                .voices(&VoiceQuery {
                    before,
                    ..Default::default()
                })
                .await
                .unwrap();
            seen.extend(page.items.iter().map(|v| v.id));
            match page.next_before {
                Some(b) => before = Some(b),
                None => break,
            }
        }
        let expected: Vec<i64> = (1..=(PAGE_SIZE as i64 * 2 + 3)).rev().collect();
        assert_eq!(seen, expected, "{location:?}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_voices_handling_is_logged_field_by_field_and_a_stale_form_changes_nothing() {
    use super::voices::{Handling, Status, Updated};
    for location in both("voices-handling") {
        let store = Store::open(&location).await.unwrap();
        store
            .insert(Feedback {
                email: Some("a@example.jp".into()),
                ..voice(1, "konbini-yearly", "手数料について")
            })
            .await
            .unwrap();
        store.insert(answer(2, "kita", 3)).await.unwrap();
        let theme = store.theme_add("コンビニ交付の手数料", "konbini-yearly", "suzuki").await.unwrap();
        let v = store.voice(1).await.unwrap().unwrap();
        assert_eq!(
            (v.handling.status, v.version, v.email.as_deref()),
            (Status::New, 0, Some("a@example.jp")),
            "{location:?}"
        );
        let to = Handling {
            status: Status::Considering,
            assigned: "区政課".into(),
            note: "内部の話".into(),
            theme_id: Some(theme),
        };
        assert_eq!(
            store.voice_update(1, 0, to.clone(), "tanaka").await.unwrap(),
            Updated::Done,
            "{location:?}"
        );
        let after = store.voice(1).await.unwrap().unwrap();
        assert_eq!(after.handling, to, "{location:?}");
        // The form read before that change is refused, and nothing is written.
        let stale = Handling {
            status: Status::Declined,
            ..to.clone()
        };
        assert_eq!(
            store.voice_update(1, 0, stale, "sato").await.unwrap(),
            Updated::Outdated,
            "{location:?}"
        );
        assert_eq!(
            store.voice(1).await.unwrap().unwrap().handling.status,
            Status::Considering,
            "{location:?}"
        );
        assert_eq!(
            store
                .voice_update(
                    1,
                    after.version,
                    Handling {
                        theme_id: Some(9999),
                        ..to.clone()
                    },
                    "tanaka"
                )
                .await
                .unwrap(),
            Updated::NoSuchTheme,
            "{location:?}"
        );
        // A rating without text, and an id that does not exist, are no voice.
        assert!(
            store.voice(2).await.unwrap().is_none() && store.voice(77).await.unwrap().is_none(),
            "{location:?}"
        );
        assert_eq!(
            store.voice_update(2, 0, to.clone(), "tanaka").await.unwrap(),
            Updated::NotFound,
            "{location:?}"
        );
        let log = store.voice_log(Some(1), None, 100).await.unwrap();
        let fields: Vec<_> = log
            .iter()
            .map(|e| (e.field.as_str(), e.who.as_str(), e.new_value.as_str()))
            .collect();
        assert_eq!(
            fields,
            vec![
                ("theme", "tanaka", theme.to_string().as_str()),
                ("note", "tanaka", "4"),
                ("assigned", "tanaka", "区政課"),
                ("status", "tanaka", "considering")
            ],
            "{location:?}"
        );
        assert!(
            log.iter().all(|e| !e.old_value.contains("内部") && !e.new_value.contains("内部")),
            "a note's text is not logged: {location:?}"
        );
        assert!(log.iter().all(|e| e.at.ends_with('Z') && e.at.len() == 20), "{:?}", log[0].at);
        assert!(
            store.theme_update(theme, "手数料", "", "suzuki").await.unwrap() && !store.theme_update(999, "x", "", "suzuki").await.unwrap(),
            "{location:?}"
        );
        let themes = store.themes().await.unwrap();
        assert_eq!(
            (themes[0].title.as_str(), themes[0].card.as_str(), themes[0].voices),
            ("手数料", "", 1),
            "{location:?}"
        );
        let everything = store.voice_log(None, None, 100).await.unwrap();
        assert_eq!(
            everything
                .iter()
                .filter(|e| e.theme_id == Some(theme))
                .map(|e| e.field.as_str())
                .collect::<Vec<_>>(),
            vec!["card", "title", "created"],
            "{location:?}"
        );
        let older = store.voice_log(None, Some(everything[1].id), 100).await.unwrap();
        assert_eq!(older.len(), everything.len() - 2, "{location:?}");
        let filtered = store
            .voices(&super::voices::VoiceQuery {
                theme: Some(theme),
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(filtered.facets.total, 1, "{location:?}");
        assert_eq!(
            store
                .voices(&super::voices::VoiceQuery {
                    theme: Some(0),
                    ..Default::default()
                })
                .await
                .unwrap()
                .facets
                .total,
            0,
            "{location:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_private_link_finds_its_message_by_the_tokens_hash_for_a_year() {
    use super::voices::{Handling, Status};
    for location in both("follow") {
        let store = Store::open(&location).await.unwrap();
        let token = "7e".repeat(32);
        let stored = store
            .insert(Feedback {
                topic: "konbini-yearly".into(),
                follow: Some(token.clone()),
                ..message(1, None)
            })
            .await
            .unwrap();
        assert_eq!(stored.follow_hash, Some(crate::token_hash(&token)), "{location:?}");
        // A rating without words keeps no link, whatever it was sent with.
        let silent = store
            .insert(Feedback {
                message: String::new(),
                follow: Some("7f".repeat(32)),
                ..answer(2, "chuo", 4)
            })
            .await
            .unwrap();
        assert_eq!(silent.follow_hash, None, "{location:?}");
        assert_eq!(store.followed(&"7f".repeat(32), now()).await.unwrap(), None, "{location:?}");
        let found = store.followed(&token, now()).await.unwrap().expect("found by its token");
        assert_eq!(
            (found.topic.as_str(), found.status, found.theme_id),
            ("konbini-yearly", Status::New, None),
            "{location:?}"
        );
        assert!(
            found.received_at.ends_with('Z') && found.received_at.len() == 20,
            "UTC as text: {}",
            found.received_at
        );
        // It follows the staff's handling.
        let theme = store.theme_add("手数料", "konbini-yearly", "editor").await.unwrap();
        let version = store.voice(1).await.unwrap().unwrap().version;
        store
            .voice_update(
                1,
                version,
                Handling {
                    status: Status::Considering,
                    assigned: String::new(),
                    note: String::new(),
                    theme_id: Some(theme),
                },
                "editor",
            )
            .await
            .unwrap();
        let found = store.followed(&token, now()).await.unwrap().unwrap();
        assert_eq!((found.status, found.theme_id), (Status::Considering, Some(theme)), "{location:?}");
        assert_eq!(
            store.followed(&"7d".repeat(32), now()).await.unwrap(),
            None,
            "another token finds nothing: {location:?}"
        );
        // A year on, it finds nothing, and the purge forgets the hash.
        let later = now() + (i64::from(super::FOLLOW_DAYS) + 1) * 86_400;
        assert!(
            store.followed(&token, now() + 300 * 86_400).await.unwrap().is_some(),
            "{location:?}"
        );
        assert_eq!(store.followed(&token, later).await.unwrap(), None, "{location:?}");
        assert_eq!(store.forget_old_follow_links(now()).await.unwrap(), 0, "{location:?}");
        assert_eq!(store.forget_old_follow_links(later).await.unwrap(), 1, "{location:?}");
        assert_eq!(store.followed(&token, now()).await.unwrap(), None, "forgotten: {location:?}");
    }
}
