//! The publishers' checker: `snapshot-check FILE...` validates snapshots and manifests.
//!
//! A file whose top level has `snapshots` or `latest` is read as a manifest: its listed files must
//! exist beside it, parse, validate, carry the listed id and as-of date, and match their hash.
//! Prints one `ok` line per valid file and `FILE: path: message` per problem; exit 0 or 1.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use sha2::{Digest, Sha256};
use snapshot::{parse_manifest, parse_snapshot, Problem};

fn main() -> ExitCode {
    let files: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if files.is_empty() || files.iter().any(|f| f == "-h" || f == "--help") {
        eprintln!("usage: snapshot-check FILE...\n  checks snapshot and manifest (index.json) files; exit 0 when all are valid");
        return ExitCode::from(2);
    }
    let mut failed = false;
    for file in &files {
        match check_file(file) {
            Ok(summary) => println!("ok {}: {summary}", file.display()),
            Err(problems) => {
                failed = true;
                for p in problems {
                    println!("{}: {p}", file.display());
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
    std::fs::read(file).map_err(|e| vec![Problem { path: ".".into(), message: format!("cannot read the file: {e}") }])
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
            problems.push(Problem { path: at("file"), message: format!("{} does not exist or cannot be read", path.display()) });
            continue;
        };
        let actual = sha256_of(&snap_bytes);
        if actual != entry.sha256 {
            problems.push(Problem {
                path: at("sha256"),
                message: format!("does not match the file; its hash is {actual}"),
            });
        }
        match parse_snapshot(&snap_bytes) {
            Err(inner) => problems.extend(inner.into_iter().map(|p| Problem {
                path: at("file"),
                message: format!("{} is invalid: {p}", entry.file),
            })),
            Ok(s) => {
                if s.id != entry.id {
                    problems.push(Problem { path: at("id"), message: format!("the file's id is {:?}", s.id) });
                }
                if s.as_of != entry.as_of {
                    problems.push(Problem { path: at("as_of"), message: format!("the file says as of {}", s.as_of) });
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
