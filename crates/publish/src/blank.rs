//! A city's first workbook, from nothing: the skeleton of a publication with every text empty, one
//! policy, one indicator group, the counter-satisfaction indicator its counter survey feeds, no
//! figures yet, and the years around `year`. Written as a workbook (`widget-publish new`, or the
//! staff page before any publication), it is what a clerk fills in; imported on top of itself, each
//! empty text is a problem named by sheet and cell, so nothing half-filled is published.

use snapshot::Snapshot;

/// The skeleton for a city whose plan starts in fiscal year `year`.
pub fn skeleton(year: u16) -> Snapshot {
    let empty = || serde_json::json!({ "ja": "" });
    let statement = || serde_json::json!({ "label": empty(), "title": empty(), "summary": empty() });
    let value = serde_json::json!({
        "format_version": snapshot::FORMAT_VERSION,
        "id": "blank",
        "as_of": format!("{year:04}-04"),
        "source": { "title": empty(), "publisher": empty(), "published": { "year": year, "month": 4 } },
        "city": { "name": empty(), "introduction": empty(), "homepage": "", "offices": [] },
        "plan": {
            "name": empty(), "stage": empty(), "stage_number": 1,
            "period": { "from": year, "to": year + 3 },
            "city_vision": empty(),
            "mission": statement(), "vision": statement(), "values": statement(),
            "aims": [],
            "policies": [],
            "driving": { "summary": empty(), "parts": [] },
            "schedule": []
        },
        "indicator_groups": [{ "id": "group-1", "number": 1, "name": empty() }],
        "indicators": [{
            "id": "counter-satisfaction", "group": "group-1", "name": empty(),
            "unit": "percent", "direction": "higher_is_better",
            "baseline": { "fiscal_year": year - 1, "value": null },
            "actuals": [],
            "target": { "fiscal_year": year + 3, "value": null }
        }],
        "counter_survey": {
            "name": empty(), "indicator": "counter-satisfaction", "locations": empty(), "sections": [],
            "satisfied_definition": empty(),
            "yearly": [{ "fiscal_year": year - 1, "value": null }],
            "target": { "fiscal_year": year + 3, "value": null },
            "comments": { "satisfied": [], "not_satisfied": [] }
        }
    });
    serde_json::from_value(value).expect("the skeleton is a snapshot")
}

/// The fiscal year today is in (April to March), for a skeleton made now.
pub fn this_fiscal_year() -> u16 {
    let now = crate::folder::utc_now();
    let (year, month) = (now[..4].parse::<u16>().unwrap_or(2026), now[5..7].parse::<u16>().unwrap_or(4));
    if month < 4 {
        year - 1
    } else {
        year
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_skeleton_reads_and_asks_for_every_text() {
        let s = skeleton(2026);
        let problems = snapshot::check_snapshot(&s);
        assert!(problems.iter().any(|p| p.path == "city.name.ja"), "{problems:?}");
        assert!(problems.iter().any(|p| p.path == "plan.policies"), "at least one policy");
        assert!(problems.iter().any(|p| p.path == "city.offices"), "at least one office");
        assert!(
            !problems.iter().any(|p| p.path.starts_with("indicators[0].baseline")),
            "no figure yet is not a problem"
        );
    }
}
