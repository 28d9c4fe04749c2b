//! What the analyser costs, as the server would pay it: loading Debian's ipadic once, then
//! marking the plan's outline, every Japanese text of the default and the large synthetic
//! snapshot (a publication's preparation), and the most text a publication can hold. `cargo run --release -p furigana --example measure` prints the
//! figures docs/decisions.md records (this machine is noisy: compare within one run).

use std::path::Path;
use std::time::Instant;

fn status_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
        .unwrap_or(0)
}

fn main() {
    let before = status_kib("VmRSS:");
    let started = Instant::now();
    let f = furigana::Furigana::load(Path::new(furigana::DEBIAN_IPADIC)).expect("scripts/setup.sh installs mecab-ipadic");
    let loaded = started.elapsed();
    let outline = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seed/plan-outline-2023-12.txt"))
        .unwrap_or_default();
    let mut runs = vec![];
    for _ in 0..5 {
        let started = Instant::now();
        let marked: usize = outline.lines().map(|l| f.mark(l, &furigana::CityWords::default()).len()).sum();
        runs.push((started.elapsed(), marked));
    }
    runs.sort();
    println!(
        "load: {} ms; resident memory {} MiB → {} MiB (peak {} MiB while building)",
        loaded.as_millis(),
        before / 1024,
        status_kib("VmRSS:") / 1024,
        status_kib("VmHWM:") / 1024
    );
    println!(
        "mark the outline ({} characters): median {} ms of 5",
        outline.chars().count(),
        runs[2].0.as_micros() as f64 / 1000.0
    );
    // A publication's preparation: every `ja` of a snapshot, once.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let words = furigana::CityWords::default();
    for (name, file) in [
        ("default snapshot", "public/data/snapshots/2023-12.json"),
        ("large synthetic snapshot", "tests/fixtures/large/snapshots/large-test.json"),
    ] {
        let value: serde_json::Value = serde_json::from_slice(&std::fs::read(root.join(file)).unwrap()).unwrap();
        let texts: Vec<&str> = snapshot::readings::japanese_texts(&value).into_iter().map(|(_, t)| t).collect();
        let chars: usize = texts.iter().map(|t| t.chars().count()).sum();
        let started = Instant::now();
        let marked: usize = texts.iter().map(|t| f.mark(t, &words).len()).sum();
        println!(
            "prepare the {name}: {} texts, {chars} characters, {} ms ({marked} bytes marked)",
            texts.len(),
            started.elapsed().as_millis()
        );
    }
    // The most a publication can hold: a 4 MiB snapshot of nothing but prose (1,000 characters
    // a text, the longest a text may be), as a server would prepare it.
    let prose: String = outline.chars().filter(|c| !c.is_whitespace()).take(1000).collect();
    let count = (4 << 20) / prose.len();
    let started = Instant::now();
    let marked: usize = (0..count).map(|_| f.mark(&prose, &words).len()).sum();
    println!(
        "prepare the largest publication ({count} texts of 1,000 characters, 4 MiB): {} ms; its readings {} MiB, kept within the server's 32 MiB bound",
        started.elapsed().as_millis(),
        (marked + count * prose.len()) >> 20
    );
}
