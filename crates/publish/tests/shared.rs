//! `widget-publish` on a database (issue 33): a folder moved into PostgreSQL once, every hash
//! checked, nothing replaced by a second run; then a workbook written from the database, a
//! filled one imported and published into it, checked and rolled back, as a clerk does with a
//! folder. Runs under `pg_virtualenv` (scripts/test.sh).

mod common;

use std::process::{Command, Output};

use common::*;
use publish::shared::SharedStore;
use publish::workbook::layout::{actual_header, INDICATORS};
use publish::workbook::{read, Cell};
use publish::DataFolder;

fn widget_publish(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_widget-publish"))
        .args(args)
        .env("USER", "test-clerk")
        .env_remove("WIDGET_PUBLISH_CRASH_AT")
        .output()
        .unwrap()
}

fn said(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// What the database holds, written into a fresh folder as a server's mirror would be.
fn mirrored(url: &str, name: &str) -> DataFolder {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let dir = std::env::temp_dir().join(format!("widget-publish-mirror-{name}-{}", std::process::id()));
    rt.block_on(async { SharedStore::open(url).await?.copy_into(&dir).await }).unwrap()
}

#[test]
fn a_folder_moves_into_the_database_once_and_the_clerks_commands_work_on_it() {
    let url = publish::testing::fresh_database("widget_publish_shared");
    // One server's folder: two publications, a draft waiting, and their log.
    let dir = data_folder("shared-from");
    let own = DataFolder::new(&dir);
    let mut next = own.latest().unwrap().snapshot;
    next.id = "2024-03-test".into();
    own.publish(&next, publish::import::title_for(&next), "koukai").unwrap();
    next.id = "2024-06-test".into();
    let draft = publish::Draft {
        title: publish::import::title_for(&next),
        snapshot: next,
    };
    own.save_draft(&draft, "henshu").unwrap();

    let migrate = || widget_publish(&["migrate", "--from", dir.to_str().unwrap(), "--to", &url, "--lang", "en"]);
    let first = migrate();
    assert!(first.status.success(), "{}", said(&first));
    assert!(
        said(&first).contains("moved 2 publications, 1 drafts and 1 log lines into the database, every hash checked"),
        "{}",
        said(&first)
    );
    let again = migrate();
    assert!(!again.status.success(), "a second migration replaces nothing");
    assert!(said(&again).contains("already holds publications"), "{}", said(&again));
    let copy = mirrored(&url, "after-migrate");
    assert_eq!(
        copy.manifest().unwrap().1,
        own.manifest().unwrap().1,
        "the same manifest, byte for byte"
    );
    assert_eq!(copy.latest().unwrap().bytes, own.latest().unwrap().bytes);
    assert_eq!(copy.drafts(), own.drafts(), "the draft, its author and base");
    assert_eq!(copy.log_lines(), own.log_lines(), "the log");

    // The clerk's commands take the database's URL where they took the folder.
    let work = std::env::temp_dir().join(format!("widget-publish-shared-work-{}", std::process::id()));
    std::fs::create_dir_all(&work).unwrap();
    let xlsx = work.join("latest.xlsx");
    let written = widget_publish(&["workbook", "--data", &url, "--out", xlsx.to_str().unwrap()]);
    assert!(written.status.success(), "{}", said(&written));
    let mut book = read::read_path(&xlsx).unwrap();
    let at = cell_of(&book, INDICATORS, 0, "konbini-certificates", &actual_header(2023));
    set(&mut book, INDICATORS, at, Some(Cell::Number(412_345.0)));
    let filled = work.join("filled.xlsx");
    std::fs::write(&filled, publish::testing::xlsx_of(&book)).unwrap();
    let published = widget_publish(&[
        "import",
        filled.to_str().unwrap(),
        "--data",
        &url,
        "--id",
        "2024-09-test",
        "--as-of",
        "2024-09-30",
        "--publish",
    ]);
    assert!(published.status.success(), "{}", said(&published));
    let copy = mirrored(&url, "after-publish");
    let latest = copy.latest().unwrap();
    assert_eq!(latest.snapshot.id, "2024-09-test");
    let konbini = latest.snapshot.indicators.iter().find(|i| i.id == "konbini-certificates").unwrap();
    assert!(
        konbini.actuals.iter().any(|a| a.value == Some(412_345.0)),
        "the figure typed in the workbook"
    );
    assert_eq!(copy.log_lines().last().unwrap()["who"], "test-clerk");
    let checked = widget_publish(&["check", "--data", &url]);
    assert!(checked.status.success(), "{}", said(&checked));
    let password = std::env::var("PGPASSWORD").unwrap_or_default();
    assert!(
        password.is_empty() || !said(&checked).contains(&password),
        "no password printed: {}",
        said(&checked)
    );

    let rolled = widget_publish(&["rollback", "--data", &url]);
    assert!(rolled.status.success(), "{}", said(&rolled));
    assert_eq!(mirrored(&url, "after-rollback").manifest().unwrap().0.latest, "2024-03-test");
}

#[test]
fn a_publication_killed_at_any_step_leaves_the_database_with_a_whole_publication() {
    let url = publish::testing::fresh_database("widget_publish_crash");
    let dir = data_folder("shared-crash");
    assert!(widget_publish(&["migrate", "--from", dir.to_str().unwrap(), "--to", &url])
        .status
        .success());
    let before = mirrored(&url, "crash-before").manifest().unwrap().0;
    let work = std::env::temp_dir().join(format!("widget-publish-crash-work-{}", std::process::id()));
    std::fs::create_dir_all(&work).unwrap();
    let filled = work.join("filled.xlsx");
    std::fs::write(&filled, publish::testing::xlsx_of(&book())).unwrap();
    for step in publish::shared::CRASH_STEPS {
        let out = Command::new(env!("CARGO_BIN_EXE_widget-publish"))
            .args([
                "import",
                filled.to_str().unwrap(),
                "--data",
                &url,
                "--id",
                &format!("t-{step}"),
                "--as-of",
                "2024-03-31",
                "--publish",
            ])
            .env("WIDGET_PUBLISH_CRASH_AT", step)
            .output()
            .unwrap();
        assert!(!out.status.success(), "{step}: the process was killed");
        // What any server would now write into its folder: a whole publication, old or new.
        let copy = mirrored(&url, step);
        copy.check()
            .unwrap_or_else(|e| panic!("{step}: {}", e.message(snapshot::Locale::En)));
        let published = copy.manifest().unwrap().0.latest == format!("t-{step}");
        assert_eq!(
            published,
            step == "database-committed",
            "{step}: the old publication before the commit, the new one after"
        );
        if published {
            assert!(widget_publish(&["rollback", "--data", &url]).status.success());
        }
    }
    assert_eq!(mirrored(&url, "crash-after").manifest().unwrap().0, before, "back where it started");
}
