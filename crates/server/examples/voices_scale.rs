//! How fast the staff inbox answers with 100,000 stored voices: fills a throwaway SQLite file
//! and (under `pg_virtualenv`, which sets PGHOST) a throwaway PostgreSQL database with synthetic
//! messages — made up here, for this measurement only, never shipped — then times the store's
//! list and search queries and whole `/staff/voices` requests through the real router, and
//! prints p50 and p95 per query. Run by `bench/voices-scale.sh`.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{header, Request};
use server::config::Config;
use server::store::staff::Role;
use server::store::voices::{Status, VoiceQuery};
use server::store::{Location, Store};
use server::AppState;
use tower::ServiceExt;

const VOICES: usize = 100_000;
const RUNS: usize = 40;

/// Phrases the synthetic messages are made of (invented for the benchmark).
const PHRASES: [&str; 24] = [
    "窓口の待ち時間が長かったです",
    "コンビニで証明書が取れて便利でした",
    "職員の方の説明がとても丁寧でした",
    "オンラインで手続きできるようにしてほしい",
    "駐車場が混んでいて停められませんでした",
    "案内の表示が分かりにくいと思います",
    "マイナンバーカードの申請に時間がかかった",
    "土日にも窓口を開けてほしいです",
    "書類の書き方をもっと簡単にしてください",
    "区役所のトイレがきれいになって良かった",
    "電話がなかなかつながりませんでした",
    "ホームページで必要な書類が見つからない",
    "子育ての手続きを一度で済ませたい",
    "高齢の母の代わりに手続きに来ました",
    "番号札の呼び出しが聞き取りにくかった",
    "手数料の支払いにキャッシュレスを使いたい",
    "引っ越しの手続きがスムーズでした",
    "外国語の案内があると助かります",
    "職員が忙しそうで声をかけにくかった",
    "証明書の発行が早くて驚きました",
    "エレベーターの場所が分かりにくい",
    "市の取り組みがよく分かりました",
    "駐輪場をもう少し広くしてほしい",
    "アンケートの結果を公開してほしい",
];
const TOPICS: [&str; 6] = [
    "konbini-yearly",
    "counter-satisfaction",
    "citizen-satisfaction",
    "staff-engagement",
    "",
    "online-procedures",
];
const WARDS: [&str; 5] = ["chuo", "higashi", "nishi", "minami", "kita"];
const SECTIONS: [&str; 2] = ["juumin", "tax"];

/// A small deterministic generator: the same messages every run.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

struct Row {
    key: String,
    kind: &'static str,
    topic: &'static str,
    message: String,
    ward: Option<&'static str>,
    section: Option<&'static str>,
    status: &'static str,
    /// UTC, `YYYY-MM-DDTHH:MM:SSZ`, spread over two years.
    at: String,
}

fn rows() -> Vec<Row> {
    let mut r = Lcg(20261205);
    (0..VOICES)
        .map(|i| {
            let phrases = 1 + r.next(4);
            // Normalised as the form's rules store every message.
            let message = feedback::normalise(
                &((0..phrases).map(|_| PHRASES[r.next(PHRASES.len())]).collect::<Vec<_>>().join("。") + &format!("（合成データ {i}）")),
            );
            let kiosk = r.next(5) == 0;
            let day = i * 730 / VOICES;
            let (y, m, d) = (2025 + (day / 365) as i32, 1 + (day % 365) / 31, 1 + (day % 365) % 28);
            Row {
                key: format!("00000000-0000-4000-8000-{i:012}"),
                kind: if kiosk { "counter_survey" } else { "general" },
                topic: if kiosk { "counter-survey" } else { TOPICS[r.next(TOPICS.len())] },
                message,
                ward: kiosk.then(|| WARDS[r.next(WARDS.len())]),
                section: kiosk.then(|| SECTIONS[r.next(SECTIONS.len())]),
                status: Status::ALL[r.next(5)].id(),
                at: format!("{y:04}-{:02}-{d:02}T{:02}:00:00Z", m.min(12), r.next(24)),
            }
        })
        .collect()
}

fn fill_sqlite(path: &Path, rows: &[Row]) {
    let mut conn = rusqlite::Connection::open(path).unwrap();
    let tx = conn.transaction().unwrap();
    {
        let mut stmt = tx.prepare("INSERT INTO feedback (idempotency_key, kind, topic, message, ward, section, status, received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)").unwrap();
        for r in rows {
            stmt.execute(rusqlite::params![
                r.key, r.kind, r.topic, r.message, r.ward, r.section, r.status, r.at
            ])
            .unwrap();
        }
    }
    tx.commit().unwrap();
    conn.execute_batch("ANALYZE").unwrap();
}

async fn fill_postgres(url: &str, rows: &[Row]) {
    let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls).await.unwrap();
    tokio::spawn(connection);
    for chunk in rows.chunks(1000) {
        let mut sql =
            String::from("INSERT INTO feedback (idempotency_key, kind, topic, message, ward, section, status, received_at) VALUES ");
        let mut values: Vec<Box<dyn tokio_postgres::types::ToSql + Sync + Send>> = vec![];
        for (i, r) in chunk.iter().enumerate() {
            let b = i * 8;
            sql += &format!(
                "{}(${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}::TEXT::TIMESTAMPTZ)",
                if i == 0 { "" } else { "," },
                b + 1,
                b + 2,
                b + 3,
                b + 4,
                b + 5,
                b + 6,
                b + 7,
                b + 8
            );
            values.push(Box::new(r.key.clone()));
            values.push(Box::new(r.kind));
            values.push(Box::new(r.topic));
            values.push(Box::new(r.message.clone()));
            values.push(Box::new(r.ward));
            values.push(Box::new(r.section));
            values.push(Box::new(r.status));
            values.push(Box::new(r.at.clone()));
        }
        let refs: Vec<&(dyn tokio_postgres::types::ToSql + Sync)> = values.iter().map(|v| v.as_ref() as _).collect();
        client.execute(&sql, &refs).await.unwrap();
    }
    client.batch_execute("ANALYZE feedback").await.unwrap();
}

/// The queries a clerk asks, by name.
fn queries() -> Vec<(&'static str, VoiceQuery, &'static str)> {
    let q = |text: &str| VoiceQuery {
        text: text.into(),
        ..Default::default()
    };
    vec![
        ("list: everything, first page", VoiceQuery::default(), ""),
        (
            "list: status 新着",
            VoiceQuery {
                status: Some(Status::New),
                ..Default::default()
            },
            "status=new",
        ),
        (
            "list: a card and a month",
            VoiceQuery {
                topic: Some("konbini-yearly".into()),
                month: Some("2025-06".into()),
                ..Default::default()
            },
            "topic=konbini-yearly&month=2025-06",
        ),
        (
            "list: a ward's kiosk comments",
            VoiceQuery {
                kind: Some("counter_survey".into()),
                ward: Some("kita".into()),
                ..Default::default()
            },
            "kind=counter_survey&ward=kita",
        ),
        (
            "list: a page deep in the past",
            VoiceQuery {
                before: Some(2_000),
                ..Default::default()
            },
            "before=2000",
        ),
        (
            "search: a common phrase (待ち時間)",
            q("待ち時間"),
            "q=%E5%BE%85%E3%81%A1%E6%99%82%E9%96%93",
        ),
        ("search: a rare word (駐輪場)", q("駐輪場"), "q=%E9%A7%90%E8%BC%AA%E5%A0%B4"),
        ("search: two characters (窓口)", q("窓口"), "q=%E7%AA%93%E5%8F%A3"),
        (
            "search: two words and a status",
            VoiceQuery {
                text: "証明書 便利".into(),
                status: Some(Status::Seen),
                ..Default::default()
            },
            "q=%E8%A8%BC%E6%98%8E%E6%9B%B8%20%E4%BE%BF%E5%88%A9&status=seen",
        ),
        (
            "search: a message's number (データ 4242)",
            q("データ 4242"),
            "q=%E3%83%87%E3%83%BC%E3%82%BF%204242",
        ),
    ]
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn print(label: &str, mut ms: Vec<f64>) -> f64 {
    ms.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let p95 = percentile(&ms, 0.95);
    println!("  {label:<44} p50 {:>7.1} ms   p95 {:>7.1} ms", percentile(&ms, 0.5), p95);
    p95
}

async fn measure(name: &str, location: Location, rows: &[Row]) {
    let store = Store::open(&location).await.unwrap();
    let started = Instant::now();
    match &location {
        Location::Sqlite(path) => fill_sqlite(path, rows),
        Location::Postgres(url) => fill_postgres(url, rows).await,
    }
    println!(
        "{name}: {} synthetic voices stored in {:.1} s",
        VOICES,
        started.elapsed().as_secs_f64()
    );
    // A fresh store, as a server that starts on the filled database.
    drop(store);
    let store = Store::open(&location).await.unwrap();
    let mut worst = 0f64;
    println!(" the store's answer (page + every filter's count):");
    for (label, q, _) in queries() {
        let _ = store.voices(&q).await.unwrap(); // warm
        let mut ms = vec![];
        for _ in 0..RUNS {
            let t = Instant::now();
            let page = store.voices(&q).await.unwrap();
            ms.push(t.elapsed().as_secs_f64() * 1000.0);
            assert!(!page.items.is_empty() || label.contains("month"), "{label} found nothing");
        }
        worst = worst.max(print(label, ms));
    }

    // Whole requests through the router, signed in, as a clerk's browser sends them.
    let dir = std::env::temp_dir().join(format!("widget-voices-scale-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("static")).unwrap();
    std::fs::create_dir_all(dir.join("data")).unwrap();
    publish::DataFolder::new(dir.join("data"))
        .seed_if_empty(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/data"))
        .unwrap();
    let config = Config {
        db: location.clone(),
        static_dir: dir.join("static"),
        data_dir: dir.join("data"),
        ..Config::default()
    };
    store
        .staff_put("bench", Role::Editor, "not a hash: no one signs in with it")
        .await
        .unwrap();
    let token = "b".repeat(64);
    store
        .session_put(&server::token_hash(&token), "bench", "c", i64::MAX / 2)
        .await
        .unwrap();
    let state = Arc::new(AppState::new(config, store));
    let router = server::app(state).layer(MockConnectInfo(SocketAddr::from(([127, 0, 0, 1], 40000))));
    println!(" the whole page (GET /staff/voices, rendered):");
    let mut worst_page = 0f64;
    for (label, _, query) in queries() {
        let mut ms = vec![];
        for _ in 0..=RUNS {
            let req = Request::get(format!("/staff/voices?{query}"))
                .header(header::HOST, "127.0.0.1")
                .header(header::COOKIE, format!("widget-staff={token}"))
                .body(Body::empty())
                .unwrap();
            let t = Instant::now();
            let res = router.clone().oneshot(req).await.unwrap();
            let body = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap();
            ms.push(t.elapsed().as_secs_f64() * 1000.0);
            assert!(body.len() > 1000);
        }
        ms.remove(0); // warm
        worst_page = worst_page.max(print(label, ms));
    }
    println!("{name}: worst p95 — store {worst:.1} ms, whole page {worst_page:.1} ms (target ≤ 150 ms)");
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::main]
async fn main() {
    let rows = rows();
    measure("sqlite", server::store::testing::fresh_sqlite("voices-scale"), &rows).await;
    if std::env::var("PGHOST").is_ok_and(|h| !h.is_empty()) {
        measure("postgres", server::store::testing::fresh_postgres("voices_scale"), &rows).await;
    } else {
        println!("postgres: skipped (run under pg_virtualenv: bench/voices-scale.sh)");
    }
}
