//! The default data is valid, and every malformed fixture is rejected naming the right path.

mod common;

use common::*;
use snapshot::{parse_manifest, parse_snapshot};

#[test]
fn default_snapshot_is_valid_and_carries_the_seed_figures() {
    let s = parse_snapshot(&default_snapshot_bytes()).unwrap_or_else(|p| panic!("{p:?}"));
    assert_eq!(s.id, "2023-12");
    let ind = |id: &str| s.indicators.iter().find(|i| i.id == id).unwrap();
    let k = ind("konbini-certificates");
    assert_eq!(
        (*k.baseline.value, *k.actuals[0].value, *k.target.value),
        (Some(107087.0), Some(300170.0), Some(500000.0))
    );
    let c = ind("citizen-satisfaction");
    assert_eq!(
        (*c.baseline.value, *c.actuals[0].value, *c.target.value),
        (Some(48.9), Some(44.1), Some(65.0))
    );
    assert_eq!(ind("municipal-debt-balance").baseline.value, Some(2248.0));
    assert_eq!(s.indicators.len(), 9);
    let (stage, staff, requests) = (
        s.previous_stage.as_ref().unwrap(),
        s.staff_survey.as_ref().unwrap(),
        s.citizen_requests.as_ref().unwrap(),
    );
    let p = stage.progress;
    assert_eq!((p.on_plan, p.changed_or_delayed, p.total), (108, 29, 137));
    assert_eq!(stage.promotion_items.len(), 6);
    assert_eq!(s.plan.policies.len(), 3);
    assert!(s.plan.policies.iter().all(|p| p.initiatives.len() == 8));
    assert_eq!((s.plan.period.from.0, s.plan.period.to.0), (2024, 2027));
    assert_eq!(staff.respondents, 3690);
    assert_eq!(staff.categories.len(), 9);
    assert_eq!(staff.categories.iter().map(|c| c.questions.len()).sum::<usize>(), 26);
    assert_eq!(requests.requests.len(), 12);
    assert!(
        s.konbini_certificates.as_ref().unwrap().monthly.is_empty(),
        "the seed publishes no monthly figures"
    );
    assert!(s.counter_survey.breakdown.is_empty(), "the seed publishes no breakdown");
}

#[test]
fn every_item_has_an_english_name() {
    let s = parse_snapshot(&default_snapshot_bytes()).unwrap();
    let mut missing = vec![];
    for i in &s.indicators {
        if i.name.en.is_none() {
            missing.push(i.id.clone())
        }
    }
    for p in &s.plan.policies {
        if p.name.en.is_none() {
            missing.push(p.id.clone())
        }
        for ini in &p.initiatives {
            if ini.name.en.is_none() {
                missing.push(format!("{} #{}", p.id, ini.number))
            }
        }
    }
    for h in s.previous_stage.iter().flat_map(|p| &p.highlights) {
        if h.title.en.is_none() {
            missing.push(h.id.clone())
        }
    }
    for c in s.staff_survey.iter().flat_map(|st| &st.categories) {
        if c.name.en.is_none() {
            missing.push(c.id.clone())
        }
        for q in &c.questions {
            if q.text.en.is_none() {
                missing.push(q.id.clone())
            }
        }
    }
    assert!(missing.is_empty(), "no English name: {missing:?}");
}

#[test]
fn default_manifest_is_valid() {
    let bytes = std::fs::read(repo_root().join("public/data/index.json")).unwrap();
    let m = parse_manifest(&bytes).unwrap_or_else(|p| panic!("{p:?}"));
    assert_eq!(m.latest, "2023-12");
}

fn check_corpus(folder: &str, parse: fn(&[u8]) -> Result<(), Vec<snapshot::Problem>>, at_least: usize) {
    let rows = expectations(folder);
    assert!(rows.len() >= at_least, "{folder} holds only {} fixtures", rows.len());
    for (file, path, fragment) in rows {
        let bytes = std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let problems = parse(&bytes).expect_err(&format!("{} must be rejected", file.display()));
        assert!(
            problems.iter().any(|p| p.path == path && p.message.contains(&fragment)),
            "{}: expected a problem at {path:?} containing {fragment:?}, got {problems:#?}",
            file.display()
        );
    }
}

#[test]
fn malformed_snapshots_are_rejected_at_their_path() {
    check_corpus("tests/fixtures/snapshots/invalid", |b| parse_snapshot(b).map(drop), 30);
}

#[test]
fn malformed_manifests_are_rejected_at_their_path() {
    check_corpus("tests/fixtures/manifests/invalid", |b| parse_manifest(b).map(drop), 8);
}
