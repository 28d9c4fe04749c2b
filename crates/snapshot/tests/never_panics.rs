//! Property tests: no input, however hostile, makes parsing or validation panic.

mod common;

use common::*;
use proptest::prelude::*;
use serde_json::Value;
use snapshot::{parse_manifest, parse_snapshot};

/// Arbitrary JSON values, nested a few levels, with odd strings and numbers.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
        any::<String>().prop_map(Value::String),
        "[\u{202A}-\u{202E}\u{0}-\u{1F}a-z]{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,12}", inner, 0..8).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Every path to a value inside `v`, as a list of object keys / array indices.
fn paths(v: &Value, prefix: &mut Vec<PathSeg>, out: &mut Vec<Vec<PathSeg>>) {
    out.push(prefix.clone());
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                prefix.push(PathSeg::Key(k.clone()));
                paths(x, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                prefix.push(PathSeg::Index(i));
                paths(x, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum PathSeg {
    Key(String),
    Index(usize),
}

fn at_mut<'a>(v: &'a mut Value, path: &[PathSeg]) -> &'a mut Value {
    path.iter().fold(v, |v, seg| match seg {
        PathSeg::Key(k) => &mut v[k.as_str()],
        PathSeg::Index(i) => &mut v[*i],
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = parse_snapshot(&bytes);
        let _ = parse_manifest(&bytes);
    }

    #[test]
    fn random_json_never_panics(v in any_json()) {
        let bytes = serde_json::to_vec(&v).unwrap();
        let _ = parse_snapshot(&bytes);
        let _ = parse_manifest(&bytes);
    }

    #[test]
    fn truncated_default_never_panics(cut in 0usize..41_000) {
        let bytes = default_snapshot_bytes();
        let cut = cut.min(bytes.len());
        prop_assert!(cut == bytes.len() || parse_snapshot(&bytes[..cut]).is_err());
    }

    #[test]
    fn flipped_bytes_never_panic(positions in prop::collection::vec((0usize..41_000, any::<u8>()), 1..6)) {
        let mut bytes = default_snapshot_bytes();
        for (pos, b) in positions {
            let n = bytes.len();
            bytes[pos % n] = b;
        }
        let _ = parse_snapshot(&bytes);
    }

    #[test]
    fn replaced_values_never_panic(pick in any::<prop::sample::Index>(), replacement in any_json()) {
        let mut v = default_snapshot_value();
        let mut all = vec![];
        paths(&v, &mut vec![], &mut all);
        let path = pick.get(&all).clone();
        *at_mut(&mut v, &path) = replacement;
        let _ = parse_snapshot(&serde_json::to_vec(&v).unwrap());
    }

    /// The browser's untracked parser accepts exactly what the tracked one accepts, reports the
    /// same broken rules, and says "wrong shape" exactly when the tracked one names a path.
    #[test]
    fn the_untracked_parser_agrees_with_the_tracked_one(pick in any::<prop::sample::Index>(), replacement in any_json(), cut in 0usize..41_000) {
        let mut v = default_snapshot_value();
        let mut all = vec![];
        paths(&v, &mut vec![], &mut all);
        let path = pick.get(&all).clone();
        *at_mut(&mut v, &path) = replacement;
        let bytes = serde_json::to_vec(&v).unwrap();
        let default = serde_json::to_vec(&default_snapshot_value()).unwrap();
        for input in [&bytes[..], &default[..cut.min(default.len())]] {
            match (parse_snapshot(input), snapshot::parse_snapshot_untracked(input)) {
                (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
                (Err(a), Err(b)) if snapshot::is_shape_problem(&a) => prop_assert!(snapshot::is_shape_problem(&b) && b.len() == 1 && b[0].path == "."),
                (Err(a), Err(b)) => prop_assert_eq!(a, b),
                (a, b) => prop_assert!(false, "tracked {:?} / untracked {:?}", a.is_ok(), b.is_ok()),
            }
        }
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    for depth in [200usize, 100_000] {
        let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert!(parse_snapshot(text.as_bytes()).is_err());
        let in_field = format!("{{\"format_version\":{}1{}}}", "[".repeat(depth), "]".repeat(depth));
        assert!(parse_manifest(in_field.as_bytes()).is_err());
    }
}
