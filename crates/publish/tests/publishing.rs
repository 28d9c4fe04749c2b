//! Publishing through `widget-publish`, as a clerk's machine runs it: the new snapshot and its
//! manifest entry, the log, a rollback, problems that change nothing, and a publication killed
//! between its writes at every step, which always leaves a manifest naming an existing file with
//! the right hash.

mod common;

use std::process::Command;

use common::*;
use publish::folder::{sha256_of, CRASH_STEPS, LOG, MANIFEST};
use publish::workbook::layout::{actual_header, INDICATORS};
use publish::workbook::{read, write, Cell};
use publish::DataFolder;

fn widget_publish(args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_widget-publish"));
    c.args(args).env("USER", "test-clerk").env_remove("WIDGET_PUBLISH_CRASH_AT");
    c
}

/// A filled workbook with one synthetic figure (for tests only): 412,345 certificates in FY2023.
fn filled_workbook(dir: &std::path::Path) -> std::path::PathBuf {
    let mut book = book();
    let at = cell_of(&book, INDICATORS, 0, "konbini-certificates", &actual_header(2023));
    set(&mut book, INDICATORS, at, Some(Cell::Number(412345.0)));
    let file = dir.join("filled.xlsx");
    std::fs::write(&file, publish::testing::xlsx_of(&book)).unwrap();
    file
}

fn folder_state(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walk(dir)
        .into_iter()
        .map(|p| (p.strip_prefix(dir).unwrap().display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    files.sort();
    files
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .flat_map(|e| if e.path().is_dir() { walk(&e.path()) } else { vec![e.path()] })
        .collect()
}

#[test]
fn a_filled_workbook_is_published_logged_and_rolled_back() {
    let data = data_folder("publish");
    let d = data.to_str().unwrap();
    let out = data.parent().unwrap().join(format!("wb-{}.xlsx", std::process::id()));
    let written = widget_publish(&["workbook", "--data", d, "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(written.status.success(), "{}", String::from_utf8_lossy(&written.stderr));
    assert_eq!(
        read::read_path(&out).unwrap().sheets.len(),
        publish::workbook::layout::all_sheets().count(),
        "the guide, the data sheets, 市の対応, 読み方, 市, 庁舎 and 窓口"
    );
    let old = std::fs::read(data.join("snapshots/2023-12.json")).unwrap();

    let filled = filled_workbook(
        data.parent()
            .unwrap()
            .join(format!("filled-{}", std::process::id()))
            .as_path()
            .tap_mkdir(),
    );
    let checked = widget_publish(&[
        "import",
        filled.to_str().unwrap(),
        "--data",
        d,
        "--id",
        "2024-03-test",
        "--as-of",
        "2024-03-31",
    ])
    .output()
    .unwrap();
    assert!(checked.status.success(), "{}", String::from_utf8_lossy(&checked.stdout));
    assert!(
        !data.join("snapshots/2024-03-test.json").exists(),
        "without --publish nothing is published"
    );

    let published = widget_publish(&[
        "import",
        filled.to_str().unwrap(),
        "--data",
        d,
        "--id",
        "2024-03-test",
        "--as-of",
        "2024-03-31",
        "--publish",
    ])
    .output()
    .unwrap();
    assert!(published.status.success(), "{}", String::from_utf8_lossy(&published.stderr));
    let folder = DataFolder::new(&data);
    folder.check().expect("the folder passes every rule of the checker");
    let latest = folder.latest().unwrap();
    assert_eq!(latest.manifest.latest, "2024-03-test");
    assert_eq!(
        latest.manifest.snapshots.len(),
        2,
        "the earlier snapshot stays listed, for the as-of picker"
    );
    let konbini = latest.snapshot.indicators.iter().find(|i| i.id == "konbini-certificates").unwrap();
    assert_eq!(konbini.actuals.last().unwrap().value, Some(412345.0));
    assert_eq!(
        std::fs::read(data.join("snapshots/2023-12.json")).unwrap(),
        old,
        "the earlier snapshot is unchanged"
    );
    assert_eq!(
        latest.manifest.snapshots[1].sha256,
        sha256_of(&std::fs::read(data.join("snapshots/2024-03-test.json")).unwrap())
    );
    let log = folder.log_lines();
    assert_eq!(
        (log[0]["action"].as_str(), log[0]["who"].as_str(), log[0]["id"].as_str()),
        (Some("publish"), Some("test-clerk"), Some("2024-03-test"))
    );

    let again = widget_publish(&[
        "import",
        filled.to_str().unwrap(),
        "--data",
        d,
        "--id",
        "2024-03-test",
        "--as-of",
        "2024-03-31",
        "--publish",
    ])
    .output()
    .unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stdout).contains("ID「2024-03-test」はすでに公開されています"));

    let rolled = widget_publish(&["rollback", "--data", d]).output().unwrap();
    assert!(rolled.status.success(), "{}", String::from_utf8_lossy(&rolled.stderr));
    let latest = folder.latest().unwrap();
    assert_eq!((latest.manifest.latest.as_str(), latest.manifest.snapshots.len()), ("2023-12", 1));
    assert_eq!(folder.log_lines()[1]["action"], "rollback");
    let none_left = widget_publish(&["rollback", "--data", d, "--lang", "en"]).output().unwrap();
    assert_eq!(none_left.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&none_left.stderr).contains("no earlier publication"));
}

#[test]
fn a_workbook_with_problems_changes_nothing() {
    let data = data_folder("problems");
    let before = folder_state(&data);
    let mut book = book();
    let at = cell_of(&book, INDICATORS, 0, "konbini-certificates", &actual_header(2023));
    set(&mut book, INDICATORS, at, Some(Cell::Text("abc".into())));
    let dir = data.parent().unwrap().join(format!("bad-{}", std::process::id()));
    // The same book as CSV files: the problem is named in the clerk's words all the same.
    publish::testing::csv_files_of(&book, &dir, |_, v| v, |text| text.as_bytes().to_vec());
    let out = widget_publish(&[
        "import",
        dir.to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
        "--id",
        "2024-03-test",
        "--as-of",
        "2024-03-31",
        "--publish",
    ])
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains(&format!("「検証指標」シート {at}: 数値ではありません（\"abc\"）")),
        "{said}"
    );
    assert_eq!(folder_state(&data), before, "nothing in the data folder changed");
    assert!(!data.join(LOG).exists());
}

#[test]
fn a_publication_killed_at_any_step_leaves_a_whole_publication() {
    let data = data_folder("crash");
    let filled = filled_workbook(
        data.parent()
            .unwrap()
            .join(format!("crash-wb-{}", std::process::id()))
            .as_path()
            .tap_mkdir(),
    );
    let old_manifest = std::fs::read(data.join(MANIFEST)).unwrap();
    for step in CRASH_STEPS {
        let mut c = widget_publish(&[
            "import",
            filled.to_str().unwrap(),
            "--data",
            data.to_str().unwrap(),
            "--id",
            &format!("t-{step}"),
            "--as-of",
            "2024-03-31",
            "--publish",
        ]);
        let out = c.env("WIDGET_PUBLISH_CRASH_AT", step).output().unwrap();
        assert!(!out.status.success(), "{step}: the process was killed");
        let folder = DataFolder::new(&data);
        folder
            .check()
            .unwrap_or_else(|e| panic!("{step}: {}", e.message(snapshot::Locale::En)));
        let (manifest, _) = folder.manifest().unwrap();
        let published = manifest.latest == format!("t-{step}");
        let before_manifest = CRASH_STEPS.iter().position(|s| *s == step).unwrap() < 3;
        assert_eq!(
            published, !before_manifest,
            "{step}: the old publication before the manifest's rename, the new one after"
        );
        if published {
            // Go back for the next round, by the same atomic steps.
            assert!(widget_publish(&["rollback", "--data", data.to_str().unwrap()])
                .status()
                .unwrap()
                .success());
        }
    }
    let (manifest, _) = DataFolder::new(&data).manifest().unwrap();
    assert_eq!(manifest, snapshot::parse_manifest(&old_manifest).unwrap(), "back where it started");
}

#[test]
fn the_workbook_command_writes_what_the_reader_reads() {
    let bytes = write::workbook(&base()).unwrap();
    assert_eq!(&bytes[..2], b"PK", "an .xlsx is a zip");
    assert!(read::read_bytes(&bytes).unwrap().sheet("説明").is_some());
}

trait TapMkdir {
    fn tap_mkdir(&self) -> &Self;
}

impl TapMkdir for std::path::Path {
    fn tap_mkdir(&self) -> &Self {
        std::fs::create_dir_all(self).unwrap();
        self
    }
}
