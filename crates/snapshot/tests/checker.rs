//! The publishers' checker as a clerk runs it: exit codes, one line per valid file,
//! `path: message` per problem, and the manifest's file and hash checks.
#![cfg(feature = "cli")]

mod common;

use std::process::Command;

/// Runs the checker in an English locale (the machine's own could be Japanese).
fn check(args: &[&std::path::Path]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_snapshot-check"))
        .args(args)
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn accepts_the_default_data() {
    let root = common::repo_root();
    let (code, out) = check(&[
        &root.join("public/data/index.json"),
        &root.join("public/data/snapshots/2023-12.json"),
    ]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.lines().filter(|l| l.starts_with("ok ")).count(), 2, "{out}");
}

#[test]
fn rejects_every_malformed_fixture_with_path_and_message() {
    for folder in ["tests/fixtures/snapshots/invalid", "tests/fixtures/manifests/invalid"] {
        for (file, path, fragment) in common::expectations(folder) {
            let (code, out) = check(&[&file]);
            assert_eq!(code, 1, "{}: {out}", file.display());
            let wanted = format!("{}: {path}: ", file.display());
            assert!(
                out.lines().any(|l| l.starts_with(&wanted) && l.contains(&fragment)),
                "{}: no line starting {wanted:?} containing {fragment:?} in\n{out}",
                file.display()
            );
        }
    }
}

#[test]
fn manifest_hash_and_missing_files_are_caught() {
    let root = common::repo_root();
    let dir = std::env::temp_dir().join(format!("snapshot-check-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("snapshots")).unwrap();
    let mut snap = std::fs::read(root.join("public/data/snapshots/2023-12.json")).unwrap();
    snap.extend_from_slice(b"\n"); // same content, different bytes: the hash must no longer match
    std::fs::write(dir.join("snapshots/2023-12.json"), &snap).unwrap();
    let manifest = std::fs::read_to_string(root.join("public/data/index.json")).unwrap();
    let manifest = manifest.replacen("\"snapshots\": [", "\"snapshots\": [{\"id\": \"2024-03\", \"as_of\": \"2024-03-31\", \"file\": \"snapshots/2024-03.json\", \"title\": {\"ja\": \"欠番\"}, \"sha256\": \"sha256-0000000000000000000000000000000000000000000000000000000000000000\"},", 1);
    std::fs::write(dir.join("index.json"), manifest).unwrap();
    let (code, out) = check(&[&dir.join("index.json")]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("snapshots[0].file: ") && out.contains("does not exist"), "{out}");
    assert!(out.contains("snapshots[1].sha256: does not match the file"), "{out}");
}

#[test]
fn no_arguments_prints_usage() {
    let out = Command::new(env!("CARGO_BIN_EXE_snapshot-check")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("usage"));
}

#[test]
fn a_clerk_reads_the_problems_in_japanese() {
    let file = common::repo_root().join("tests/fuzz/corpus/snapshot/category-average-wrong.json");
    for run in [vec!["--lang", "ja"], vec![]] {
        let mut command = Command::new(env!("CARGO_BIN_EXE_snapshot-check"));
        command.args(&run).arg(&file).env_remove("LC_ALL").env_remove("LC_MESSAGES");
        if run.is_empty() {
            command.env("LANG", "ja_JP.UTF-8");
        }
        let out = String::from_utf8_lossy(&command.output().unwrap().stdout).into_owned();
        assert!(
            out.contains("staff_survey.categories[2].average: 3.9は設問の点数の平均（3.430）と合いません"),
            "{run:?}: {out}"
        );
    }
}
