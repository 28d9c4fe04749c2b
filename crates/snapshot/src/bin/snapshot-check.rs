//! The publishers' checker: `snapshot-check FILE...` validates snapshots and manifests.
//!
//! A file whose top level has `snapshots` or `latest` is read as a manifest: its listed files must
//! exist beside it, parse, validate, carry the listed id and as-of date, and match their hash.
//! Prints one `ok` line per valid file and `FILE: path: message` per problem; exit 0 or 1.
//! Problems are worded in Japanese with `--lang ja` or a Japanese locale (`LANG=ja_JP.UTF-8`),
//! else in English.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use sha2::{Digest, Sha256};
use snapshot::{params, parse_manifest, parse_snapshot, Code, Locale, Problem};

/// `--lang ja|en`, else the locale's language.
fn language(args: &mut Vec<PathBuf>) -> Locale {
    if let Some(i) = args.iter().position(|a| a == "--lang") {
        let chosen = args.get(i + 1).map(|l| l == "ja").unwrap_or(false);
        args.drain(i..(i + 2).min(args.len()));
        return if chosen { Locale::Ja } else { Locale::En };
    }
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .unwrap_or_default();
    if locale.starts_with("ja") {
        Locale::Ja
    } else {
        Locale::En
    }
}

fn main() -> ExitCode {
    let mut files: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let lang = language(&mut files);
    if files.is_empty() || files.iter().any(|f| f == "-h" || f == "--help") {
        eprintln!(
            "usage: snapshot-check [--lang ja|en] FILE...\n  checks snapshot and manifest (index.json) files; exit 0 when all are valid"
        );
        return ExitCode::from(2);
    }
    let mut failed = false;
    for file in &files {
        match check_file(file) {
            Ok(summary) => println!("ok {}: {summary}", file.display()),
            Err(problems) => {
                failed = true;
                for p in problems {
                    println!("{}: {}: {}", file.display(), p.path, p.message_in(lang));
                }
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn read(file: &Path) -> Result<Vec<u8>, Vec<Problem>> {
    std::fs::read(file).map_err(|e| vec![Problem::new(".", Code::Unreadable, params!["detail" => e])])
}

fn sha256_of(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256-{hex}")
}

fn looks_like_manifest(bytes: &[u8]) -> bool {
    serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(bytes)
        .map(|m| m.contains_key("snapshots") || m.contains_key("latest"))
        .unwrap_or(false)
}

fn check_file(file: &Path) -> Result<String, Vec<Problem>> {
    let bytes = read(file)?;
    if bytes.len() <= snapshot::MAX_MANIFEST_BYTES && looks_like_manifest(&bytes) {
        return check_manifest_file(file, &bytes);
    }
    let s = parse_snapshot(&bytes)?;
    Ok(format!("snapshot {} as of {} ({})", s.id, s.as_of, sha256_of(&bytes)))
}

fn check_manifest_file(file: &Path, bytes: &[u8]) -> Result<String, Vec<Problem>> {
    let m = parse_manifest(bytes)?;
    let dir = file.parent().unwrap_or(Path::new("."));
    let mut problems = Vec::new();
    for (i, entry) in m.snapshots.iter().enumerate() {
        let at = |field: &str| format!("snapshots[{i}].{field}");
        let path = dir.join(&entry.file);
        let Ok(snap_bytes) = std::fs::read(&path) else {
            problems.push(Problem::new(at("file"), Code::FileMissing, params!["file" => path.display()]));
            continue;
        };
        let actual = sha256_of(&snap_bytes);
        if actual != entry.sha256 {
            problems.push(Problem::new(at("sha256"), Code::HashMismatch, params!["hash" => actual]));
        }
        match parse_snapshot(&snap_bytes) {
            // Each of the snapshot's own problems, at its path inside the listed file.
            Err(inner) => problems.extend(inner.into_iter().map(|p| Problem {
                path: format!("{} ({}) {}", at("file"), entry.file, p.path),
                ..p
            })),
            Ok(s) => {
                if s.id != entry.id {
                    problems.push(Problem::new(at("id"), Code::IdMismatch, params!["id" => format!("{:?}", s.id)]));
                }
                if s.as_of != entry.as_of {
                    problems.push(Problem::new(at("as_of"), Code::AsOfMismatch, params!["as_of" => s.as_of]));
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(format!("manifest with {} snapshot(s), latest {}", m.snapshots.len(), m.latest))
    } else {
        Err(problems)
    }
}
