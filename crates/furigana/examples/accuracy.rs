//! How often ふりがな are right: the accuracy set (`tests/readings.tsv`, 428 phrases from the
//! default snapshot and the interface's strings, read by hand) marked by the analyser alone and
//! with the city's words from the default data's 「読み方」, each miss listed with what fixes it.
//! `cargo run --release -p furigana --example accuracy`; `tests/ipadic.rs` holds the share to 98 %.

use std::path::Path;

use furigana::{reading_of, CityWords, Furigana};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let set = std::fs::read_to_string(root.join("tests/readings.tsv")).expect("the accuracy set");
    let snapshot = std::fs::read(root.join("../../public/data/snapshots/2023-12.json")).expect("the default data");
    let snapshot = snapshot::parse_snapshot(&snapshot).expect("the default data is valid");
    let city = CityWords::of(&snapshot);
    let f = Furigana::load(Path::new(furigana::DEBIAN_IPADIC)).expect("scripts/setup.sh installs mecab-ipadic");
    let rows: Vec<(&str, &str)> = set
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next().zip(l.split('\t').nth(1)))
        .collect();
    let (mut alone_right, mut city_right) = (0, 0);
    let mut misses = vec![];
    for (phrase, reading) in &rows {
        let alone = reading_of(&f, phrase, &CityWords::default());
        let with_city = reading_of(&f, phrase, &city);
        alone_right += usize::from(alone == *reading);
        city_right += usize::from(with_city == *reading);
        if alone == *reading && with_city != *reading {
            misses.push(format!("  {phrase}: right alone, but the city's words read it {with_city}"));
        }
        if alone != *reading {
            let fix = snapshot
                .readings
                .iter()
                .filter(|r| phrase.contains(r.word.as_str()))
                .map(|r| format!("{} {}", r.word, r.reading))
                .collect::<Vec<_>>()
                .join(", ");
            misses.push(format!(
                "  {phrase}: read {alone}, is {reading}; 「読み方」 {} → {}",
                if fix.is_empty() { "(none)".into() } else { fix },
                if with_city == *reading { "right" } else { "still wrong" }
            ));
        }
    }
    let share = |n: usize| 100.0 * n as f64 / rows.len() as f64;
    println!("accuracy set: {} phrases", rows.len());
    println!("the analyser alone: {alone_right} right ({:.1} %)", share(alone_right));
    println!(
        "with the city's words ({}): {city_right} right ({:.1} %)",
        snapshot.readings.len(),
        share(city_right)
    );
    println!("the analyser's misses, and what the city's list does:");
    misses.iter().for_each(|m| println!("{m}"));
}
