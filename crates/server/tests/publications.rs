//! Publications kept in PostgreSQL (issue 33): two servers' stores on one database, each with a
//! folder of its own. A draft made on one is published on the other, and the first serves it
//! within a second; two publishers at once get one publication and one refusal; a tampered
//! snapshot is refused and the folder keeps what it had; a folder with publications is never
//! silently replaced by the build's.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use publish::{DataFolder, Draft, FolderError};
use server::publications::Publications;
use server::store::testing::fresh_postgres;
use server::store::{Location, Store};

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/data")
}

fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("widget-publications-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// A server's publications on `url`, mirrored into a folder of its own, following the database.
async fn server(url: &str, name: &str) -> (Arc<Publications>, DataFolder) {
    let store = Store::open(&Location::Postgres(url.into())).await.unwrap();
    let dir = folder(name);
    let p = Arc::new(
        Publications::shared(store.postgres_pool().unwrap(), url, &dir, Some(&seed()))
            .await
            .unwrap_or_else(|e| panic!("{}", e.message(snapshot::Locale::En))),
    );
    let follower = p.clone();
    tokio::spawn(async move { follower.follow().await });
    (p, DataFolder::new(dir))
}

/// A server started again on the folder it had (its start writes the database into it).
async fn restarted(url: &str, dir: &Path) {
    let store = Store::open(&Location::Postgres(url.into())).await.unwrap();
    Publications::shared(store.postgres_pool().unwrap(), url, dir, Some(&seed()))
        .await
        .unwrap_or_else(|e| panic!("{}", e.message(snapshot::Locale::En)));
}

/// The database taken out of reach (no new connections, the open ones ended), until given back.
struct Reach {
    admin: tokio_postgres::Client,
    name: String,
}

impl Reach {
    async fn take_away(url: &str) -> Reach {
        let name = url.rsplit('/').next().unwrap().to_string();
        let (admin, connection) = tokio_postgres::connect(&publish::testing::postgres_url("postgres"), tokio_postgres::NoTls)
            .await
            .unwrap();
        tokio::spawn(connection);
        admin
            .batch_execute(&format!(
                "ALTER DATABASE {name} ALLOW_CONNECTIONS false;
                 SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid();"
            ))
            .await
            .unwrap();
        Reach { admin, name }
    }

    async fn give_back(self) {
        let name = self.name;
        self.admin
            .batch_execute(&format!("ALTER DATABASE {name} ALLOW_CONNECTIONS true"))
            .await
            .unwrap();
    }
}

fn url_of(location: Location) -> String {
    match location {
        Location::Postgres(url) => url,
        Location::Sqlite(_) => unreachable!(),
    }
}

/// The latest published snapshot under a new id, with one figure changed (synthetic, for tests).
fn draft_from(folder: &DataFolder, id: &str, figure: f64) -> Draft {
    let mut snapshot = folder.latest().unwrap().snapshot;
    snapshot.id = id.into();
    snapshot.indicators[0].actuals[0].value = Some(figure).into();
    Draft {
        title: publish::import::title_for(&snapshot),
        snapshot,
    }
}

/// A draft of the latest publication with one figure changed, made by an editor and published by
/// a publisher, as the staff pages do it.
async fn publish_figure(p: &Publications, folder: &DataFolder, id: &str, figure: f64) {
    p.save_draft(draft_from(folder, id, figure), "henshu").await.unwrap();
    p.publish_draft(id, "koukai").await.unwrap();
}

/// How long until `folder` names `id` as its latest publication (at most 10 s).
async fn until_latest(folder: &DataFolder, id: &str) -> Duration {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(10) {
        if folder.manifest().is_ok_and(|(m, _)| m.latest == id) {
            return started.elapsed();
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    panic!("{} never showed {id}", folder.dir().display());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_draft_made_on_one_server_is_published_on_another_and_every_server_follows_within_a_second() {
    let url = url_of(fresh_postgres("publications_follow"));
    let (a, folder_a) = server(&url, "follow-a").await;
    let (b, folder_b) = server(&url, "follow-b").await;
    let first = folder_a.manifest().unwrap().0.latest;
    assert_eq!(
        folder_b.manifest().unwrap().0.latest,
        first,
        "both start from the build's publication"
    );

    // An editor uploads on A; the publisher, on B, finds the draft there.
    let info = a.save_draft(draft_from(&folder_a, "2024-03-test", 51.5), "henshu").await.unwrap();
    assert_eq!(info.base, first);
    let started = Instant::now();
    while folder_b.drafts().is_empty() {
        assert!(started.elapsed() < Duration::from_secs(5), "B never saw the draft");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert_eq!(folder_b.draft("2024-03-test").unwrap().0.author, "henshu");

    // Published on B: A serves it without a restart.
    b.publish_draft("2024-03-test", "koukai").await.unwrap();
    let reached = until_latest(&folder_a, "2024-03-test").await;
    println!("a publication on B reached A's folder in {} ms", reached.as_millis());
    assert!(reached < Duration::from_secs(1), "within a second: {reached:?}");
    let latest = folder_a.latest().unwrap();
    assert_eq!(*latest.snapshot.indicators[0].actuals[0].value, Some(51.5));
    assert!(
        folder_a.drafts().is_empty() && folder_b.drafts().is_empty(),
        "the published draft is gone everywhere"
    );
    assert_eq!(
        folder_a.check().map_err(|e| e.message(snapshot::Locale::En)),
        Ok(()),
        "A's folder passes every rule"
    );

    // Rolled back on A: B follows the same way; the log on both says who did what.
    a.rollback("koukai").await.unwrap();
    let reached = until_latest(&folder_b, &first).await;
    println!("a rollback on A reached B's folder in {} ms", reached.as_millis());
    assert!(reached < Duration::from_secs(1), "within a second: {reached:?}");
    // What following costs each server every 3 s: one one-row query (median of 200).
    let store = publish::shared::SharedStore::open(&url).await.unwrap();
    let mut took = vec![];
    for _ in 0..200 {
        let started = Instant::now();
        store.version().await.unwrap();
        took.push(started.elapsed());
    }
    took.sort();
    println!("the version check takes {} µs (median of 200)", took[100].as_micros());
    let actions: Vec<String> = folder_b
        .log_lines()
        .iter()
        .map(|l| format!("{} {}", l["action"], l["who"]))
        .collect();
    assert_eq!(actions, ["\"publish\" \"koukai\"", "\"rollback\" \"koukai\""]);
}

#[tokio::test(flavor = "multi_thread")]
async fn two_publishers_at_once_get_one_publication_and_one_refusal() {
    let url = url_of(fresh_postgres("publications_race"));
    let (a, folder_a) = server(&url, "race-a").await;
    let (b, _) = server(&url, "race-b").await;
    a.save_draft(draft_from(&folder_a, "draft-one", 1.0), "henshu").await.unwrap();
    a.save_draft(draft_from(&folder_a, "draft-two", 2.0), "henshu").await.unwrap();
    let (one, two) = tokio::join!(a.publish_draft("draft-one", "koukai"), b.publish_draft("draft-two", "kanri"));
    let refusal = match (one, two) {
        (Ok(_), Err(refusal)) | (Err(refusal), Ok(_)) => refusal,
        other => panic!("one publication and one refusal, not {other:?}"),
    };
    assert!(matches!(refusal, FolderError::DraftOutdated { .. }), "{refusal:?}");

    // An id already published cannot be a draft again, on any server.
    let published = folder_a.manifest().unwrap().0.snapshots[0].id.clone();
    let again = b.save_draft(draft_from(&folder_a, &published, 3.0), "henshu").await.unwrap_err();
    assert!(matches!(again, FolderError::IdTaken(_)), "{again:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_tampered_snapshot_is_refused_and_the_folder_keeps_the_publication_it_had() {
    let url = url_of(fresh_postgres("publications_tamper"));
    let (a, folder_a) = server(&url, "tamper-a").await;
    let before = folder_a.manifest().unwrap().1;
    publish_figure(&a, &folder_a, "2024-03-test", 9.0).await;
    let published = folder_a.manifest().unwrap().1;
    assert_ne!(published, before);

    // Someone edits the stored file behind the server's back, and tells every server.
    let (client, connection) = tokio_postgres::connect(&url, tokio_postgres::NoTls).await.unwrap();
    tokio::spawn(connection);
    client
        .batch_execute(
            "UPDATE publication_snapshots SET bytes = bytes || ' '::bytea WHERE id = '2024-03-test';
             UPDATE publication_state SET version = version + 1, manifest = manifest;
             NOTIFY widget_publications",
        )
        .await
        .unwrap();
    // A heard it (a later change is mirrored within milliseconds, as the first test measures).
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(folder_a.manifest().unwrap().1, published, "A's folder is unchanged");
    assert!(folder_a.check().is_ok(), "and still consistent");
    // A server starting now refuses the tampered publication too, and does not write it.
    let (_, folder_b) = server(&url, "tamper-b").await;
    assert!(folder_b.manifest().is_err(), "B's folder names no file it does not hold");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_folder_with_publications_is_never_replaced_by_the_builds() {
    let url = url_of(fresh_postgres("publications_not_migrated"));
    let dir = folder("not-migrated");
    let own = DataFolder::new(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    own.seed_if_empty(&seed()).unwrap();
    let store = Store::open(&Location::Postgres(url.clone())).await.unwrap();
    let refused = Publications::shared(store.postgres_pool().unwrap(), &url, &dir, Some(&seed()))
        .await
        .err()
        .expect("refused");
    assert!(matches!(refused, FolderError::NotMigrated(_)), "{refused:?}");
    assert!(refused.message(snapshot::Locale::Ja).contains("widget-publish migrate"));
}

fn backup(args: &[&std::ffi::OsStr]) -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/backup.sh");
    let out = std::process::Command::new(script).args(args).output().unwrap();
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{said}");
    said
}

/// A folder's image, for comparing what a restore brought back.
fn image_of(folder: &DataFolder) -> publish::mirror::Image {
    folder.image().unwrap_or_else(|e| panic!("{}", e.message(snapshot::Locale::En)))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_backup_restored_brings_back_every_publication_draft_and_log_line_with_sqlite() {
    let dir = folder("backup-sqlite");
    let (db, data, out) = (dir.join("feedback.sqlite3"), dir.join("data"), dir.join("backup.sqlite3"));
    Store::open(&Location::Sqlite(db.clone())).await.unwrap();
    let own = DataFolder::new(&data);
    std::fs::create_dir_all(&data).unwrap();
    own.seed_if_empty(&seed()).unwrap();
    let next = draft_from(&own, "2024-03-test", 54.5);
    own.publish(&next.snapshot, next.title, "koukai").unwrap();
    own.save_draft(&draft_from(&own, "2024-06-test", 55.5), "henshu").unwrap();
    let before = image_of(&own);

    let said = backup(&[db.as_os_str(), out.as_os_str(), data.as_os_str()]);
    assert!(said.contains("2 snapshot files"), "{said}");
    // The disk is lost; the backup is copied back as the README says.
    std::fs::remove_dir_all(&data).unwrap();
    std::fs::remove_file(&db).unwrap();
    std::fs::copy(&out, &db).unwrap();
    let copied = std::process::Command::new("cp")
        .arg("-R")
        .arg(out.with_extension("sqlite3.data"))
        .arg(&data)
        .status()
        .unwrap();
    assert!(copied.success());
    assert_eq!(image_of(&own), before, "every publication, draft and log line");
    assert!(own.check().is_ok());
    Store::open(&Location::Sqlite(db)).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_backup_restored_brings_back_every_publication_draft_and_log_line_with_postgresql() {
    let url = url_of(fresh_postgres("publications_backup"));
    let (a, folder_a) = server(&url, "backup-pg-a").await;
    publish_figure(&a, &folder_a, "2024-03-test", 56.5).await;
    a.save_draft(draft_from(&folder_a, "2024-06-test", 57.5), "henshu").await.unwrap();
    until_latest(&folder_a, "2024-03-test").await;
    let before = image_of(&folder_a);
    assert_eq!(before.drafts.len(), 1);

    let out = folder("backup-pg-out");
    std::fs::create_dir_all(&out).unwrap();
    let dump = out.join("backup.dump");
    let said = backup(&[url.as_ref(), dump.as_os_str()]);
    assert!(said.contains("2 published snapshots"), "{said}");
    // The database is lost and restored from the dump; a server with an empty folder of its own
    // finds everything again.
    assert_eq!(url_of(fresh_postgres("publications_backup")), url, "the same database, emptied");
    let restored = std::process::Command::new("pg_restore")
        .args(["--no-owner", "-d", &url])
        .arg(&dump)
        .output()
        .unwrap();
    assert!(restored.status.success(), "{}", String::from_utf8_lossy(&restored.stderr));
    let (_, folder_b) = server(&url, "backup-pg-b").await;
    assert_eq!(image_of(&folder_b), before, "every publication, draft and log line");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_static_export_reads_the_databases_publications() {
    let url = url_of(fresh_postgres("publications_export"));
    let (a, folder_a) = server(&url, "export-a").await;
    publish_figure(&a, &folder_a, "2024-03-test", 58.5).await;
    // A stand-in for the built browser side (the export copies it; nothing here reads it).
    let dist = folder("export-dist");
    std::fs::create_dir_all(dist.join("pkg")).unwrap();
    std::fs::write(dist.join("pkg/reform_widget_bg.wasm"), b"").unwrap();
    let out = folder("export-out");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_widget-export"))
        .args(["--data", &url, "--dist"])
        .arg(&dist)
        .arg("--out")
        .arg(&out)
        .env_remove("WIDGET_DATA")
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let exported = DataFolder::new(out.join("data"));
    assert_eq!(
        exported.manifest().unwrap().0.latest,
        "2024-03-test",
        "the database's latest publication"
    );
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(home.contains("58.5%"), "its figures on the pages");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_server_killed_while_writing_a_publication_into_its_folder_serves_a_whole_one_and_catches_up() {
    let url = url_of(fresh_postgres("publications_mirror_crash"));
    let (b, folder_b) = server(&url, "mirror-crash-b").await;
    let first = folder_b.manifest().unwrap().0.latest;
    for (n, step) in publish::mirror::CRASH_STEPS.iter().enumerate() {
        // Server A, a real process, dies at `step` of writing the next publication.
        let dir = folder(&format!("mirror-crash-a-{n}"));
        // A's folder as it was before (a server that has been running): written here, so A's own
        // start has nothing to write and its first write is the next publication.
        restarted(&url, &dir).await;
        let mut a = std::process::Command::new(env!("CARGO_BIN_EXE_widget-server"))
            .args(["--listen", "127.0.0.1:0", "--static", "/nonexistent", "--db", &url, "--data"])
            .arg(&dir)
            .env("WIDGET_PUBLISH_CRASH_AT", step)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let folder_a = DataFolder::new(&dir);
        let id = format!("t-{n}");
        publish_figure(&b, &folder_b, &id, 60.0 + n as f64).await;
        let died = Instant::now();
        while a.try_wait().unwrap().is_none() {
            assert!(died.elapsed() < Duration::from_secs(10), "{step}: A was killed there");
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        // Its folder holds a whole publication, the old one or the new one, never a mix.
        folder_a
            .check()
            .unwrap_or_else(|e| panic!("{step}: {}", e.message(snapshot::Locale::En)));
        let latest = folder_a.manifest().unwrap().0.latest;
        let renamed = *step == "mirror-manifest-renamed";
        assert_eq!(
            latest == id,
            renamed,
            "{step}: the new publication only once its manifest is renamed"
        );
        // Started again, it catches up.
        restarted(&url, &dir).await;
        assert_eq!(DataFolder::new(&dir).manifest().unwrap().0.latest, id, "{step}: caught up at start");
        b.rollback("koukai").await.unwrap();
        until_latest(&folder_b, &first).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn with_the_database_out_of_reach_the_folder_keeps_serving_and_publishing_says_it_is_unavailable() {
    let url = url_of(fresh_postgres("publications_unreachable"));
    let (a, folder_a) = server(&url, "unreachable").await;
    let before = folder_a.manifest().unwrap().1;
    let reach = Reach::take_away(&url).await;
    let refused = a
        .save_draft(draft_from(&folder_a, "2024-03-test", 61.0), "henshu")
        .await
        .unwrap_err();
    assert!(matches!(refused, FolderError::Unavailable(_)), "{refused:?}");
    let said = refused.message(snapshot::Locale::Ja);
    assert!(
        said.contains("データベースにつながりません") && said.contains("何も変わっていません"),
        "{said}"
    );
    assert_eq!(
        folder_a.manifest().unwrap().1,
        before,
        "the folder, which the pages read, is as it was"
    );
    assert!(folder_a.check().is_ok() && folder_a.drafts().is_empty(), "nothing half-written");

    // Back again: the same change goes through, and every server's folder follows it.
    reach.give_back().await;
    publish_figure(&a, &folder_a, "2024-03-test", 61.0).await;
    until_latest(&folder_a, "2024-03-test").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn with_the_database_out_of_reach_the_staff_page_says_publishing_is_unavailable() {
    use axum::http::StatusCode;
    let url = url_of(fresh_postgres("publications_staff_unreachable"));
    // A server whose publications are in the database (its staff accounts and sessions in SQLite,
    // which stays reachable: only publishing is affected).
    let base = common::harness("staff-unreachable", |_| {}).await;
    let mut config = base.state.config.clone();
    config.data_dir = base.dir.join("mirror");
    let store = Store::open(&Location::Postgres(url.clone())).await.unwrap();
    let publications = Publications::shared(store.postgres_pool().unwrap(), &url, &config.data_dir, Some(&seed()))
        .await
        .unwrap();
    let state = Arc::new(server::AppState::new(config, Store::open(&base.state.config.db).await.unwrap()).with_publications(publications));
    let h = common::Harness {
        router: server::app(state.clone()).layer(axum::extract::connect_info::MockConnectInfo(std::net::SocketAddr::from((
            [127, 0, 0, 1],
            40000,
        )))),
        state,
        db: base.db.clone(),
        dir: base.dir.join("second"),
    };
    common::staff::add(&h, "koukai", server::store::staff::Role::Publisher).await;
    let (cookie, csrf) = common::staff::sign_in(&h, "koukai").await;
    let reach = Reach::take_away(&url).await;
    let (status, page) = common::staff::text(
        &h,
        common::staff::form("/staff/rollback", &format!("csrf={csrf}"), Some(&cookie), common::staff::ORIGIN),
    )
    .await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        page.contains("いまは公開の作業ができません。データベースにつながりません"),
        "{page}"
    );
    let (status, page) = common::staff::text(&h, common::staff::get("/staff/publishing", Some(&cookie))).await;
    assert_eq!(status, StatusCode::OK, "the desk still opens, from this server's folder");
    assert!(page.contains("公開中のデータ"), "{page}");
    reach.give_back().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_city_without_default_data_starts_with_no_publication_and_its_first_reaches_every_server() {
    // `--default-data none` on an empty database: no seed, so nothing is published, on any server.
    let url = url_of(fresh_postgres("publications_blank"));
    let start = |name: &'static str| {
        let url = url.clone();
        async move {
            let store = Store::open(&Location::Postgres(url.clone())).await.unwrap();
            let dir = folder(name);
            let p = Arc::new(
                Publications::shared(store.postgres_pool().unwrap(), &url, &dir, None)
                    .await
                    .unwrap(),
            );
            let follower = p.clone();
            tokio::spawn(async move { follower.follow().await });
            (p, DataFolder::new(dir))
        }
    };
    let (a, folder_a) = start("blank-a").await;
    let (b, folder_b) = start("blank-b").await;
    for f in [&folder_a, &folder_b] {
        assert!(matches!(f.latest(), Err(FolderError::Empty(_))), "nothing published yet");
        assert_eq!(publish::base_of(f).unwrap().id, "blank", "the staff pages offer the blank workbook");
    }
    // The city's first publication (サンプル市's fixture, made up for tests): drafted on A, found
    // as a draft on B before anything is published, published on B, served by A.
    let fixture = DataFolder::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/sample-city"));
    let mut snapshot = fixture.latest().unwrap().snapshot;
    snapshot.id = "sample-first".into();
    let title = publish::import::title_for(&snapshot);
    a.save_draft(Draft { title, snapshot }, "henshu").await.unwrap();
    let started = Instant::now();
    while folder_b.drafts().is_empty() {
        assert!(started.elapsed() < Duration::from_secs(5), "B never saw the draft");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert!(matches!(folder_b.latest(), Err(FolderError::Empty(_))), "still nothing published");
    b.publish_draft("sample-first", "koukai").await.unwrap();
    until_latest(&folder_a, "sample-first").await;
    let latest = folder_a.latest().unwrap().snapshot;
    assert_eq!(latest.city.unwrap().name.ja, "サンプル市");
    assert_eq!(folder_b.check().map_err(|e| e.message(snapshot::Locale::En)), Ok(()));
}
