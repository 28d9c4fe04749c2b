//! What the analyser costs, as the server would pay it: loading Debian's ipadic once, then
//! marking the plan's outline. `cargo run --release -p furigana --example measure` prints the
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
}
