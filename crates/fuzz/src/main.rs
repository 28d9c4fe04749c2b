//! `fuzz-run [SECONDS]`: mutates the corpus in `tests/fuzz/corpus/` for a set time and feeds
//! every input to snapshot/manifest parsing + validation and to feedback parsing + validation.
//! Prints executions, executions per second and panics; saves any panicking input to
//! `target/fuzz-crashes/` and exits 1. Not coverage-guided (see docs/decisions.md); its
//! mutations are chosen for JSON: byte edits, truncation, splicing, and structural
//! replacement of values with hostile ones.

use std::panic;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::Value;

/// xorshift64*: small, seedable, good enough to pick mutations.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const HOSTILE: &[&str] = &[
    "",
    " ",
    "\u{202E}",
    "\u{2066}x\u{2069}",
    "\u{0}",
    "<script>alert(1)</script>",
    "=HYPERLINK(\"x\")",
    "ｶﾞｶﾞｶﾞ",
    "\u{FEFF}",
    "\\u0000",
    "🏯🏯🏯",
    "9999999999999999999999",
    "-0",
    "1e309",
    "null",
    "NaN",
];

fn hostile_value(rng: &mut Rng) -> Value {
    match rng.below(9) {
        0 => Value::Null,
        1 => Value::Bool(rng.below(2) == 1),
        2 => Value::from(rng.next() as i64),
        3 => Value::from(-(rng.below(1000) as i64)),
        4 => Value::from((rng.next() % 100_000) as f64 / 7.0),
        5 => Value::String(HOSTILE[rng.below(HOSTILE.len())].to_string()),
        6 => Value::String("長".repeat(rng.below(3000))),
        7 => Value::Array((0..rng.below(4)).map(|_| Value::from(rng.below(10))).collect()),
        _ => serde_json::json!({ "ja": HOSTILE[rng.below(HOSTILE.len())] }),
    }
}

/// Replaces, removes or duplicates one value somewhere inside a JSON document.
fn mutate_structure(v: &mut Value, rng: &mut Rng, depth: usize) {
    match v {
        Value::Object(map) if !map.is_empty() && depth < 12 => {
            let key = map.keys().nth(rng.below(map.len())).cloned().unwrap_or_default();
            match rng.below(6) {
                0 => {
                    map.remove(&key);
                }
                1 => {
                    map.insert(format!("{key}_x"), hostile_value(rng));
                }
                2 => {
                    map.insert(key, hostile_value(rng));
                }
                _ => {
                    if let Some(child) = map.get_mut(&key) {
                        mutate_structure(child, rng, depth + 1)
                    }
                }
            }
        }
        Value::Array(items) if !items.is_empty() && depth < 12 => {
            let i = rng.below(items.len());
            match rng.below(5) {
                0 => {
                    items.remove(i);
                }
                1 => {
                    let dup = items[i].clone();
                    items.push(dup);
                }
                _ => mutate_structure(&mut items[i], rng, depth + 1),
            }
        }
        other => *other = hostile_value(rng),
    }
}

fn mutate_bytes(input: &[u8], corpus: &[Vec<u8>], rng: &mut Rng) -> Vec<u8> {
    let mut b = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        if b.is_empty() {
            b.push(b'{');
        }
        let at = rng.below(b.len());
        match rng.below(6) {
            0 => b[at] = rng.next() as u8,
            1 => b.truncate(at),
            2 => {
                let tokens = b"{}[],:\"\\0-e.";
                b.insert(at, tokens[rng.below(tokens.len())]);
            }
            3 => {
                b.remove(at);
            }
            4 => {
                // Splice in a piece of another corpus file.
                let other = &corpus[rng.below(corpus.len())];
                if !other.is_empty() {
                    let from = rng.below(other.len());
                    let to = (from + rng.below(256)).min(other.len());
                    b.splice(at..at, other[from..to].iter().copied());
                }
            }
            _ => {
                let n = rng.below(64);
                b.splice(at..at, std::iter::repeat_n(b'[', n));
            }
        }
    }
    b
}

fn exercise(input: &[u8]) {
    let _ = snapshot::parse_snapshot(input);
    let _ = snapshot::parse_manifest(input);
    if let Ok(sub) = serde_json::from_slice::<feedback::Submission>(input) {
        let _ = feedback::validate(&sub, &["chuo", "kita"]);
    }
    if let Ok(text) = std::str::from_utf8(input) {
        let _ = feedback::personal_data_hints(text);
        let _ = feedback::normalise(text);
    }
}

fn load_corpus(dir: &Path) -> Vec<Vec<u8>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    files.iter().filter_map(|f| std::fs::read(f).ok()).collect()
}

fn main() {
    let seconds: u64 = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(60);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut corpus = load_corpus(&root.join("tests/fuzz/corpus/snapshot"));
    corpus.extend(load_corpus(&root.join("tests/fuzz/corpus/feedback")));
    if corpus.is_empty() {
        eprintln!("empty corpus under tests/fuzz/corpus/");
        std::process::exit(2);
    }
    // Panics are what we count; keep the default hook from printing each one.
    panic::set_hook(Box::new(|_| {}));
    let seed = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x9E37_79B9_7F4A_7C15);
    let mut rng = Rng(seed);
    let (started, limit) = (Instant::now(), Duration::from_secs(seconds));
    let (mut executions, mut panics) = (0u64, 0u64);
    let crash_dir = root.join("target/fuzz-crashes");
    while started.elapsed() < limit {
        let base = &corpus[rng.below(corpus.len())];
        let input = if rng.below(3) == 0 {
            match serde_json::from_slice::<Value>(base) {
                Ok(mut v) => {
                    for _ in 0..1 + rng.below(3) {
                        mutate_structure(&mut v, &mut rng, 0);
                    }
                    serde_json::to_vec(&v).unwrap_or_default()
                }
                Err(_) => mutate_bytes(base, &corpus, &mut rng),
            }
        } else {
            mutate_bytes(base, &corpus, &mut rng)
        };
        executions += 1;
        if panic::catch_unwind(|| exercise(&input)).is_err() {
            panics += 1;
            let _ = std::fs::create_dir_all(&crash_dir);
            let _ = std::fs::write(crash_dir.join(format!("crash-{executions}.json")), &input);
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "fuzz: {executions} executions in {secs:.1} s ({:.0}/s), corpus {} files, seed {seed}",
        executions as f64 / secs,
        corpus.len()
    );
    println!("fuzz: {panics} panics");
    if panics > 0 {
        println!("fuzz: panicking inputs saved in target/fuzz-crashes/");
        std::process::exit(1);
    }
}
