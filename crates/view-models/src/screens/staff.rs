//! The staff engagement screen: the survey's categories and questions on the 1–5 scale, the
//! city's findings, and which categories scored highest and lowest.

use snapshot::{Snapshot, Text, Unit};

use crate::export::{csv, raw_number, Table};
use crate::format::{maybe_quantity, number, number_fixed, year_month};
use crate::strings::strings;
use crate::Locale;

#[derive(Debug, Clone, PartialEq)]
pub struct QuestionRow {
    pub text: String,
    pub score: String,
    /// Position on the 1–5 scale as 0–1, for the bar.
    pub fraction: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CategoryRow {
    pub id: String,
    pub name: String,
    /// The published category average, or the single question's score where none was published.
    pub average: String,
    pub fraction: Option<f64>,
    pub single_question: bool,
    pub questions: Vec<QuestionRow>,
}

pub struct StaffView {
    pub title: String,
    pub conducted: String,
    pub population: String,
    pub respondents: String,
    pub findings: Vec<String>,
    pub categories: Vec<CategoryRow>,
    pub summary: String,
    pub csv: String,
    pub json: String,
}

fn on_scale(v: Option<f64>, min: u8, max: u8) -> Option<f64> {
    let (lo, hi) = (f64::from(min), f64::from(max));
    v.filter(|_| hi > lo).map(|v| ((v - lo) / (hi - lo)).clamp(0.0, 1.0))
}

/// The screen, where the city publishes a staff survey (`None`: no staff screen).
pub fn staff(s: &Snapshot, locale: Locale) -> Option<StaffView> {
    let st = s.staff_survey.as_ref()?;
    let pick = |t: &Text| locale.pick(t).to_string();
    // What is read on screen keeps its readings (components::ruby); downloads and the summary do not.
    let shown = |t: &Text| locale.pick_marked(t).to_string();
    let score = |v: Option<f64>| v.map_or_else(|| maybe_quantity(None, Unit::Score, locale), |v| number_fixed(v, 2));
    let categories: Vec<CategoryRow> = st
        .categories
        .iter()
        .map(|c| {
            let single = c.average.is_none() && c.questions.len() == 1;
            let value = if single { c.questions[0].score } else { c.average };
            CategoryRow {
                id: c.id.clone(),
                name: shown(&c.name),
                average: score(*value),
                fraction: on_scale(*value, st.scale_min, st.scale_max),
                single_question: single,
                questions: c
                    .questions
                    .iter()
                    .map(|q| QuestionRow {
                        text: shown(&q.text),
                        score: score(*q.score),
                        fraction: on_scale(*q.score, st.scale_min, st.scale_max),
                    })
                    .collect(),
            }
        })
        .collect();
    // Ranked among published category averages only, as the city compared them; one-question
    // categories have no published average.
    let ranked = {
        let mut r: Vec<&CategoryRow> = categories.iter().filter(|c| c.fraction.is_some() && !c.single_question).collect();
        r.sort_by(|a, b| b.fraction.partial_cmp(&a.fraction).unwrap_or(std::cmp::Ordering::Equal));
        r
    };
    let t = strings(locale);
    // Shown through `ruby` under the chart: it names the categories as they are shown.
    let summary = match (ranked.first(), ranked.last()) {
        (Some(hi), Some(lo)) => t.staff_summary(&ranked.len().to_string(), &hi.name, &hi.average, &lo.name, &lo.average),
        _ => String::new(),
    };
    let mut machine = Table {
        header: vec![t.col_kind.into(), "id".into(), t.col_period.into(), t.col_value.into()],
        rows: vec![],
    };
    let mut points = vec![];
    for c in &st.categories {
        machine
            .rows
            .push(vec!["category".into(), c.id.clone(), pick(&c.name), raw_number(*c.average)]);
        points.push(serde_json::json!({ "kind": "category", "id": c.id, "name": pick(&c.name), "average": c.average }));
        for q in &c.questions {
            machine
                .rows
                .push(vec!["question".into(), q.id.clone(), pick(&q.text), raw_number(*q.score)]);
            points.push(serde_json::json!({ "kind": "question", "id": q.id, "category": c.id, "text": pick(&q.text), "score": q.score }));
        }
    }
    machine.header = vec![t.col_kind.into(), "id".into(), t.category.into(), t.col_value.into()];
    Some(StaffView {
        title: shown(&st.name),
        conducted: year_month(st.conducted, locale),
        population: shown(&st.population),
        respondents: t.staff_respondents(&number(f64::from(st.respondents))),
        findings: st.findings.iter().map(shown).collect(),
        categories,
        summary,
        csv: csv(&machine),
        json: serde_json::to_string_pretty(&serde_json::json!({ "id": "staff-engagement", "conducted": format!("{}-{:02}", st.conducted.year, st.conducted.month), "respondents": st.respondents, "scale": [st.scale_min, st.scale_max], "points": points })).unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screens::home::tests::seed;

    #[test]
    fn staff_view_shows_nine_categories_on_the_1_to_5_scale() {
        let v = staff(&seed(), Locale::Ja).unwrap();
        assert_eq!(v.categories.len(), 9);
        assert_eq!(v.respondents, "3,690人");
        assert_eq!(v.conducted, "2023年8月");
        let overall = &v.categories[0];
        assert!(overall.single_question);
        assert_eq!(overall.average, "3.56");
        let hr = v.categories.iter().find(|c| c.id == "personnel-system").unwrap();
        assert_eq!(hr.average, "2.97");
        assert_eq!(
            hr.questions.iter().map(|q| q.score.as_str()).collect::<Vec<_>>(),
            ["3.20", "2.86", "2.93", "2.91"]
        );
        assert!((hr.fraction.unwrap() - (2.97 - 1.0) / 4.0).abs() < 1e-9);
        assert!(
            v.summary.contains("「同僚との関係」（3.79）") && v.summary.contains("「人事制度」（2.97）"),
            "{}",
            v.summary
        );
        assert!(v.csv.contains("question,q-accept-hr,"));
    }
}
