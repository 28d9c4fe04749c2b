//! The analyser over Debian's `mecab-ipadic` (scripts/setup.sh installs it): the plan's words read
//! right, readings only over kanji, a written reading and the city's names winning. What loading
//! and marking cost is printed by `examples/measure.rs`.

use std::path::Path;
use std::sync::OnceLock;

use furigana::{CityWords, Furigana, DEBIAN_IPADIC};

/// Loaded once for every test, as the server loads it once.
fn analyser() -> &'static Furigana {
    static ONE: OnceLock<Furigana> = OnceLock::new();
    ONE.get_or_init(|| Furigana::load(Path::new(DEBIAN_IPADIC)).unwrap_or_else(|e| panic!("{e} (scripts/setup.sh installs mecab-ipadic)")))
}

#[test]
fn the_plans_words_get_their_readings() {
    assert_eq!(alone("市役所改革プラン"), "｜市役所《しやくしょ》｜改革《かいかく》プラン");
    assert_eq!(
        alone("証明書のコンビニ交付"),
        "｜証明《しょうめい》｜書《しょ》のコンビニ｜交付《こうふ》"
    );
    assert_eq!(alone("窓口で書きました"), "｜窓口《まどぐち》で｜書《か》きました");
    assert_eq!(alone("ミッション"), "ミッション", "no kanji, nothing to add");
    // After a number, a counter: 1月 is いちがつ (月 alone is つき).
    assert_eq!(
        alone("令和6年1月又は2月"),
        "｜令和《れいわ》6｜年《ねん》1｜月《がつ》｜又《また》は2｜月《がつ》"
    );
    assert_eq!(alone("月に1回"), "｜月《つき》に1｜回《かい》");
    // Numbers and units too: 件, 億円.
    let figure = alone("107,087件");
    assert!(figure.contains("｜件《けん》"), "{figure}");
}

/// The city's own words: names a general dictionary reads otherwise (北区 as きたく, 託麻), and
/// what it gets wrong or does not know in the plan's outline: its terms (協働, 広聴), a reading the
/// analyser misses (捉われ) and the old forms the source text uses (勞, 發).
const CITY_WORDS: [(&str, &str); 8] = [
    ("北区", "きたく"),
    ("託麻", "タクマ"),
    ("協働", "きょうどう"),
    ("広聴", "こうちょう"),
    ("捉われ", "とらわれ"),
    ("苦勞", "くろう"),
    ("過勞死", "かろうし"),
    ("發揮", "はっき"),
];

/// The analyser alone, with no words of the city.
fn alone(text: &str) -> String {
    analyser().mark(text, &CityWords::default())
}

/// The analyser with the city's words, as a server marks a publication's texts.
fn with_city_words(text: &str) -> String {
    static WORDS: OnceLock<CityWords> = OnceLock::new();
    analyser().mark(text, WORDS.get_or_init(|| CityWords::new(CITY_WORDS)))
}

#[test]
fn a_written_reading_and_the_citys_names_win() {
    assert_eq!(with_city_words("北区役所"), "｜北区《きたく》｜役所《やくしょ》");
    assert_eq!(
        with_city_words("｜託麻《たくま》原"),
        "｜託麻《たくま》｜原《はら》",
        "a written reading stays as written"
    );
    assert_eq!(
        with_city_words("託麻の窓口"),
        "｜託麻《たくま》の｜窓口《まどぐち》",
        "katakana kept as hiragana"
    );
    assert_eq!(
        with_city_words("壊れた｜記法"),
        "壊れた｜記法",
        "a broken notation is left for the checker to report"
    );
}

#[test]
fn every_kanji_of_the_plan_outline_gets_a_reading_with_the_citys_words() {
    let outline =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seed/plan-outline-2023-12.txt")).unwrap();
    let marked: Vec<String> = outline.lines().map(with_city_words).collect();
    assert!(
        marked.iter().any(|l| l.contains("｜協働《きょうどう》・｜連携《れんけい》")),
        "the city's word, then the analyser"
    );
    let mut bare = vec![];
    for line in &marked {
        bare.extend(snapshot::ruby::kanji_without_reading(line).unwrap());
    }
    assert!(bare.is_empty(), "kanji left without a reading: {bare:?}");
    // Without the city's words, the analyser alone leaves exactly those.
    let alone: Vec<char> = outline
        .lines()
        .flat_map(|l| snapshot::ruby::kanji_without_reading(&alone(l)).unwrap())
        .collect();
    assert!(alone.contains(&'働') && alone.contains(&'勞'), "{alone:?}");
}

#[test]
fn the_accuracy_set_is_read_right_with_the_citys_words() {
    // The default data's own list, as a server reads it from the latest publication.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let snapshot = snapshot::parse_snapshot(&std::fs::read(root.join("../../public/data/snapshots/2023-12.json")).unwrap()).unwrap();
    let city = CityWords::of(&snapshot);
    let set = std::fs::read_to_string(root.join("tests/readings.tsv")).unwrap();
    let rows: Vec<(&str, &str)> = set
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next().zip(l.split('\t').nth(1)))
        .collect();
    assert!(rows.len() >= 300, "{} phrases", rows.len());
    let wrong: Vec<String> = rows
        .iter()
        .filter_map(|(phrase, reading)| {
            let read = furigana::reading_of(analyser(), phrase, &city);
            (read != *reading).then(|| format!("{phrase}: {read}, not {reading}"))
        })
        .collect();
    assert!(wrong.len() * 50 <= rows.len(), "at least 98 % right; wrong: {wrong:?}");
    // The analyser alone misses some, each one a word the list holds (examples/accuracy.rs lists them).
    let alone = rows
        .iter()
        .filter(|(phrase, reading)| furigana::reading_of(analyser(), phrase, &CityWords::default()) != *reading)
        .count();
    assert!(alone > wrong.len(), "the city's words fix what the analyser misses");
}
