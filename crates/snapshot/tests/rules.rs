//! One test per validation rule that the fixture corpus does not pin down on its own.

mod common;

use common::*;
use serde_json::{json, Value};
use snapshot::{parse_snapshot, validate::is_iso_date, MAX_SNAPSHOT_BYTES};

fn problems_after(edit: impl FnOnce(&mut Value)) -> Vec<String> {
    let mut v = default_snapshot_value();
    edit(&mut v);
    match parse_snapshot(&serde_json::to_vec(&v).unwrap()) {
        Ok(_) => vec![],
        Err(ps) => ps.iter().map(|p| p.to_string()).collect(),
    }
}

#[test]
fn gigantic_input_is_refused_before_parsing() {
    let mut big = b"{\"id\":\"".to_vec();
    big.resize(MAX_SNAPSHOT_BYTES + 1, b'a');
    let ps = parse_snapshot(&big).unwrap_err();
    assert_eq!(ps.len(), 1);
    assert_eq!(ps[0].path, ".");
    assert!(ps[0].message.contains("at most"), "{}", ps[0].message);
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(default_snapshot_bytes());
    assert!(parse_snapshot(&bytes).is_ok());
}

#[test]
fn missing_figures_are_explicit_nulls_and_stay_null() {
    let ps = problems_after(|v| v["indicators"][0]["actuals"][0]["value"] = Value::Null);
    // The counter survey does not repeat indicator 0, so a null there is simply "not published".
    assert!(ps.is_empty(), "{ps:?}");
    let mut v = default_snapshot_value();
    v["indicators"][0]["actuals"][0]["value"] = Value::Null;
    let s = parse_snapshot(&serde_json::to_vec(&v).unwrap()).unwrap();
    assert_eq!(s.indicators[0].actuals[0].value, None);
}

#[test]
fn ratios_may_exceed_100_percent_but_shares_may_not() {
    assert!(problems_after(|v| v["indicators"][7]["baseline"]["value"] = json!(140.0)).is_empty());
    let ps = problems_after(|v| v["indicators"][1]["target"]["value"] = json!(100.5));
    assert!(ps.iter().any(|p| p.starts_with("indicators[1].target.value")), "{ps:?}");
}

#[test]
fn newlines_are_allowed_in_prose_but_not_in_names() {
    assert!(problems_after(|v| v["plan"]["mission"]["summary"]["ja"] = json!("一行目\n二行目")).is_empty());
    let ps = problems_after(|v| v["plan"]["name"]["ja"] = json!("一行目\n二行目"));
    assert!(ps.iter().any(|p| p.starts_with("plan.name.ja") && p.contains("U+000A")), "{ps:?}");
}

#[test]
fn zero_width_and_isolate_controls_are_refused() {
    for ch in ['\u{200B}', '\u{2066}', '\u{FEFF}'] {
        let ps = problems_after(|v| v["plan"]["stage"]["en"] = json!(format!("Stage{ch}4")));
        assert!(ps.iter().any(|p| p.starts_with("plan.stage.en")), "{ch:?}: {ps:?}");
    }
}

#[test]
fn breakdown_cells_need_a_ward_or_section_and_appear_once() {
    let ps = problems_after(|v| {
        v["counter_survey"]["breakdown"] = json!([
            {"fiscal_year": 2022, "value": 80},
            {"fiscal_year": 2022, "section": "tax", "value": 80},
            {"fiscal_year": 2022, "section": "tax", "value": 81}
        ]);
    });
    assert!(
        ps.iter()
            .any(|p| p.starts_with("counter_survey.breakdown[0]:") && p.contains("names a ward")),
        "{ps:?}"
    );
    assert!(
        ps.iter()
            .any(|p| p.starts_with("counter_survey.breakdown[2]:") && p.contains("twice")),
        "{ps:?}"
    );
}

#[test]
fn breakdown_by_declared_ward_and_section_is_accepted() {
    let ps = problems_after(|v| {
        v["counter_survey"]["wards"] = json!([{"id": "chuo", "name": {"ja": "中央区"}}]);
        v["counter_survey"]["breakdown"] = json!([{"fiscal_year": 2022, "ward": "chuo", "section": "tax", "value": 91.5}]);
    });
    assert!(ps.is_empty(), "{ps:?}");
}

#[test]
fn monthly_points_must_run_forward() {
    let ps = problems_after(|v| {
        v["konbini_certificates"]["monthly"] = json!([
            {"month": {"year": 2023, "month": 5}, "value": 30000},
            {"month": {"year": 2023, "month": 4}, "value": 29000}
        ]);
    });
    assert!(
        ps.iter()
            .any(|p| p.starts_with("konbini_certificates.monthly[1].month") && p.contains("in order")),
        "{ps:?}"
    );
}

#[test]
fn target_year_must_follow_the_baseline() {
    let ps = problems_after(|v| v["indicators"][4]["target"]["fiscal_year"] = json!(2021));
    assert!(ps.iter().any(|p| p.starts_with("indicators[4].target.fiscal_year")), "{ps:?}");
}

#[test]
fn group_and_indicator_ids_do_not_collide() {
    let ps = problems_after(|v| {
        v["indicator_groups"][2]["id"] = json!("konbini-certificates");
        for ind in v["indicators"].as_array_mut().unwrap() {
            if ind["group"] == "fiscal-group" {
                ind["group"] = json!("konbini-certificates");
            }
        }
    });
    assert!(
        ps.iter()
            .any(|p| p.starts_with("indicator_groups[2].id") && p.contains("also an indicator")),
        "{ps:?}"
    );
}

#[test]
fn source_url_must_be_https() {
    let ps = problems_after(|v| v["source"]["url"] = json!("javascript:alert(1)"));
    assert!(ps.iter().any(|p| p.starts_with("source.url")), "{ps:?}");
    assert!(problems_after(|v| v["source"]["url"] = json!("https://www.city.kumamoto.jp/")).is_empty());
}

#[test]
fn dates_are_checked_for_real_days() {
    for ok in ["2023-12", "2024-02-29", "2023-12-31"] {
        assert!(is_iso_date(ok), "{ok}");
    }
    for bad in [
        "2023-02-29",
        "2023-1-01",
        "2023-00",
        "20231201",
        "２０２３-12",
        "2023-12-01T00:00",
        "",
    ] {
        assert!(!is_iso_date(bad), "{bad}");
    }
}

#[test]
fn monthly_breakdown_cells_must_fall_in_their_fiscal_year() {
    let ps = problems_after(|v| {
        v["counter_survey"]["breakdown"] = json!([
            {"fiscal_year": 2022, "month": {"year": 2023, "month": 3}, "section": "tax", "value": 80},
            {"fiscal_year": 2022, "month": {"year": 2023, "month": 4}, "section": "tax", "value": 80}
        ]);
    });
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert!(
        ps[0].starts_with("counter_survey.breakdown[1].month") && ps[0].contains("not in fiscal year 2022"),
        "{ps:?}"
    );
}

#[test]
fn easy_japanese_readings_are_checked_with_a_code_each() {
    use snapshot::Code;
    let codes_after = |text: &str| -> Vec<(String, Code)> {
        let mut v = default_snapshot_value();
        v["plan"]["name"]["ja_easy"] = json!(text);
        match parse_snapshot(&serde_json::to_vec(&v).unwrap()) {
            Ok(_) => vec![],
            Err(ps) => ps.into_iter().map(|p| (p.path, p.code)).collect(),
        }
    };
    let at = "plan.name.ja_easy".to_string();
    assert_eq!(codes_after("｜市役所《しやくしょ》 改革《かいかく》 プラン"), []);
    assert_eq!(codes_after("市役所 かいかく プラン"), [(at.clone(), Code::KanjiWithoutReading)]);
    assert_eq!(
        codes_after("市役所《しやくしょ》 改革 プラン"),
        [(at.clone(), Code::KanjiWithoutReading)]
    );
    assert_eq!(codes_after("市役所《しやくしょ》《"), [(at.clone(), Code::RubyUnbalanced)]);
    assert_eq!(codes_after("｜市役所 しやくしょ"), [(at.clone(), Code::RubyUnbalanced)]);
    assert_eq!(codes_after("市役所《》"), [(at.clone(), Code::RubyEmpty)]);
    assert_eq!(codes_after("市役所《shiyakusho》"), [(at.clone(), Code::ReadingNotKana)]);
    // Standard Japanese may carry readings too; they are checked, but kanji need none there.
    let mut v = default_snapshot_value();
    v["plan"]["name"]["ja"] = json!("市役所《しやくしょ》改革プラン");
    assert!(parse_snapshot(&serde_json::to_vec(&v).unwrap()).is_ok());
    v["plan"]["name"]["ja"] = json!("市役所《しやくしょ改革プラン");
    let ps = parse_snapshot(&serde_json::to_vec(&v).unwrap()).unwrap_err();
    assert_eq!(
        ps.iter().map(|p| (p.path.as_str(), p.code)).collect::<Vec<_>>(),
        [("plan.name.ja", Code::RubyUnbalanced)]
    );
    // Each is worded in the three languages.
    for code in [
        Code::KanjiWithoutReading,
        Code::RubyUnbalanced,
        Code::RubyEmpty,
        Code::ReadingNotKana,
    ] {
        for lang in [snapshot::Locale::Ja, snapshot::Locale::En, snapshot::Locale::JaEasy] {
            assert!(!code.template(lang).is_empty());
        }
    }
}

/// A synthetic answer (for tests only) on the konbini card, dated before the figures.
fn answer(status: &str) -> Value {
    json!({
        "id": "fee-konbini",
        "card": "konbini-yearly",
        "title": { "ja": "コンビニ交付の手数料", "ja_easy": "コンビニで 証明書《しょうめいしょ》を とる お金《かね》" },
        "voices_summary": { "ja": "手数料を下げてほしいという声が寄せられました。" },
        "answer": { "ja": "手数料の見直しを検討しています。", "en": "We are reviewing the fee." },
        "status": status,
        "date": "2023-11-30"
    })
}

#[test]
fn the_citys_answers_and_voice_counts_are_an_optional_section_read_and_written_back() {
    let mut v = default_snapshot_value();
    v["voices"] = json!({ "received": [{ "card": "konbini-yearly", "month": { "year": 2023, "month": 11 }, "count": 12 }], "answers": [answer("considering")] });
    let s = parse_snapshot(&serde_json::to_vec(&v).unwrap()).unwrap();
    assert_eq!(s.voices.received[0].count, 12);
    assert_eq!(s.voices.answers[0].status, snapshot::AnswerStatus::Considering);
    let again: Value = serde_json::to_value(&s).unwrap();
    assert_eq!(again["voices"], v["voices"], "written back as read");
    // Without the section, a snapshot is written without it (files published before stay the same).
    let plain = parse_snapshot(&default_snapshot_bytes()).unwrap();
    assert!(serde_json::to_value(&plain).unwrap().get("voices").is_none());
}

#[test]
fn answers_name_a_card_say_why_when_declined_and_are_dated_by_the_day() {
    let with = |edit: &dyn Fn(&mut Value)| {
        problems_after(|v| {
            let mut a = answer("considering");
            edit(&mut a);
            v["voices"] = json!({ "answers": [a] });
        })
    };
    assert!(with(&|_| {}).is_empty(), "{:?}", with(&|_| {}));
    let ps = with(&|a| a["card"] = json!("atlantis"));
    assert_eq!(ps, vec!["voices.answers[0].card: no card or indicator has the id \"atlantis\""]);
    let ps = with(&|a| a["status"] = json!("declined"));
    assert_eq!(
        ps,
        vec!["voices.answers[0].reason: an answer the city declines (declined) needs its reason"]
    );
    assert!(with(&|a| {
        a["status"] = json!("declined");
        a["reason"] = json!({ "ja": "国の制度で決まっているため" });
    })
    .is_empty());
    // Answered after the figures' own date (2023-12): what the city does later about them.
    assert!(with(&|a| a["date"] = json!("2026-12-05")).is_empty());
    let ps = with(&|a| a["date"] = json!("2023-11"));
    assert!(ps[0].starts_with("voices.answers[0].date: \"2023-11\" is not a date"), "{ps:?}");
    let ps = with(&|a| a["expects"] = json!("no-such-indicator"));
    assert!(ps[0].starts_with("voices.answers[0].expects: no indicator has the id"), "{ps:?}");
    let ps = with(&|a| a["title"]["ja_easy"] = json!("手数料"));
    assert!(
        ps[0].starts_with("voices.answers[0].title.ja_easy: 「手数料」 has no reading"),
        "{ps:?}"
    );
    let ps = with(&|a| a["status"] = json!("maybe"));
    assert!(ps[0].starts_with("voices.answers[0].status"), "{ps:?}");
}

#[test]
fn voice_counts_name_a_card_and_each_month_once() {
    let received = |items: Value| problems_after(|v| v["voices"] = json!({ "received": items }));
    let one = json!({ "card": "konbini-yearly", "month": { "year": 2023, "month": 11 }, "count": 12 });
    assert!(
        received(json!([one.clone(), { "card": "counter-satisfaction", "month": { "year": 2023, "month": 11 }, "count": 7 }])).is_empty()
    );
    assert_eq!(
        received(json!([one.clone(), one.clone()])),
        vec!["voices.received[1]: the same card and month appear twice"]
    );
    let ps = received(json!([{ "card": "x", "month": { "year": 2023, "month": 13 }, "count": 1 }]));
    assert_eq!(
        ps,
        vec![
            "voices.received[0].card: no card or indicator has the id \"x\"",
            "voices.received[0].month.month: month 13 must be 1–12"
        ]
    );
    let ps = received(json!([{ "card": "konbini-yearly", "month": { "year": 2023, "month": 11 }, "count": -1 }]));
    assert!(ps[0].starts_with("voices.received[0].count"), "{ps:?}");
}

#[test]
fn the_city_and_the_konbini_series_are_optional_and_checked_where_given() {
    for section in ["konbini_certificates", "previous_stage", "staff_survey", "citizen_requests"] {
        assert!(
            problems_after(|v| {
                v.as_object_mut().unwrap().remove(section);
            })
            .is_empty(),
            "{section} is optional"
        );
    }
    assert!(problems_after(|v| {
        v.as_object_mut().unwrap().remove("city");
    })
    .is_empty());
    let ps = problems_after(|v| v["city"]["offices"][1]["id"] = json!("Higashi Ward"));
    assert!(ps.iter().any(|p| p.starts_with("city.offices[1].id")), "{ps:?}");
    let ps = problems_after(|v| v["city"]["name"]["ja"] = json!(""));
    assert!(ps.iter().any(|p| p.starts_with("city.name.ja")), "{ps:?}");
    let ps = problems_after(|v| v["city"]["licence"] = json!("http://example.org/licence"));
    assert!(ps.iter().any(|p| p.starts_with("city.licence")), "{ps:?}");
    assert!(problems_after(|v| v["city"]["licence"] = json!("https://creativecommons.org/licenses/by/4.0/")).is_empty());
    let ps = problems_after(|v| {
        v["city"]["offices"] = json!((0..101)
            .map(|i| json!({"id": format!("o{i}"), "kind": "branch", "name": {"ja": "支所"}}))
            .collect::<Vec<_>>())
    });
    assert!(ps.iter().any(|p| p.starts_with("city.offices") && p.contains("100")), "{ps:?}");
    let ps = problems_after(|v| v["city"]["offices"][0]["name"]["ja_easy"] = json!("中央区"));
    assert!(
        ps.iter().any(|p| p.starts_with("city.offices[0].name.ja_easy")),
        "easy Japanese needs its readings: {ps:?}"
    );
}

#[test]
fn a_city_lists_at_least_one_office() {
    let ps = problems_after(|v| v["city"]["offices"] = json!([]));
    assert!(ps.iter().any(|p| p.starts_with("city.offices")), "{ps:?}");
}
