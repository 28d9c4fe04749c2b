//! Indicators and trends: every verification indicator, counter satisfaction, convenience-store
//! certificates and staff engagement — each card with its chart, summary, table and downloads.

use snapshot::{FiscalYear, MonthValue, Snapshot, Text, Unit, YearValue};

use crate::chart::{layout_series, series_summary, SeriesLayout};
use crate::export::{csv, raw_number, Table};
use crate::format::{fiscal_year, fiscal_year_short, maybe_quantity, number, number_fixed, year_month};
use crate::screens::home::{headline_card, HeadlineCard};
use crate::strings::strings;
use crate::Locale;

/// A chart card: everything the figure, its table and its downloads need.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesCard {
    /// Stable id, used for the download file names and (later) embedding.
    pub id: String,
    pub caption: String,
    pub summary: String,
    pub bars: bool,
    pub layout: SeriesLayout,
    /// The table shown under the chart, formatted for reading; includes the target.
    pub table: Table,
    /// The same figures for machines: plain numbers, fiscal years as numbers.
    pub csv: String,
    pub json: String,
}

fn export_json(id: &str, unit: Unit, rows: &[(String, &str, Option<f64>)]) -> String {
    let points: Vec<serde_json::Value> = rows
        .iter()
        .map(|(period, kind, v)| serde_json::json!({ "period": period, "kind": kind, "value": v }))
        .collect();
    let unit = serde_json::to_value(unit).unwrap_or_default();
    serde_json::to_string_pretty(&serde_json::json!({ "id": id, "unit": unit, "points": points })).unwrap_or_default()
}

/// Builds a card from periods `(machine id, short label, reading label, value)` and a target.
fn series_card(
    id: &str,
    name: &str,
    periods: Vec<(String, String, String, Option<f64>)>,
    target: Option<(String, String, String, f64)>,
    unit: Unit,
    bars: bool,
    locale: Locale,
) -> SeriesCard {
    let t = strings(locale);
    let values: Vec<(String, Option<f64>)> = periods.iter().map(|(_, short, _, v)| (short.clone(), *v)).collect();
    let mut layout = layout_series(&values, target.as_ref().map(|(_, short, _, v)| (format!("{} {short}", t.kind_target), *v)), unit, bars, locale);
    // Axis labels are short (R3年度); what a focused point says is the full reading form.
    for (point, (_, _, reading, _)) in layout.points.iter_mut().zip(&periods) {
        point.label = format!("{reading} {}", point.value_text);
    }
    let reading: Vec<String> = periods.iter().map(|(_, _, r, _)| r.clone()).collect();
    let summary = series_summary(
        name,
        &reading,
        &periods.iter().map(|p| p.3).collect::<Vec<_>>(),
        target.as_ref().map(|(_, _, r, v)| (r.as_str(), *v)),
        unit,
        locale,
    );
    let mut shown = Vec::new();
    let mut machine: Vec<(String, &str, Option<f64>)> = Vec::new();
    for (key, _, r, v) in &periods {
        shown.push(vec![r.clone(), t.kind_actual.to_string(), maybe_quantity(*v, unit, locale)]);
        machine.push((key.clone(), "actual", *v));
    }
    if let Some((key, _, r, v)) = &target {
        shown.push(vec![r.clone(), t.kind_target.to_string(), maybe_quantity(Some(*v), unit, locale)]);
        machine.push((key.clone(), "target", Some(*v)));
    }
    let header = vec![t.col_period.to_string(), t.col_kind.to_string(), t.col_value.to_string()];
    let csv_table = Table {
        header: header.clone(),
        rows: machine.iter().map(|(p, k, v)| vec![p.clone(), (*k).to_string(), raw_number(*v)]).collect(),
    };
    SeriesCard {
        id: id.to_string(),
        caption: name.to_string(),
        summary,
        bars,
        layout,
        table: Table { header, rows: shown },
        csv: csv(&csv_table),
        json: export_json(id, unit, &machine),
    }
}

/// A yearly series with its target.
pub fn yearly_card(id: &str, name: &str, series: &[YearValue], target: &YearValue, unit: Unit, bars: bool, locale: Locale) -> SeriesCard {
    let period = |fy: FiscalYear| (fy.0.to_string(), fiscal_year_short(fy, locale), fiscal_year(fy, locale));
    let periods = series
        .iter()
        .map(|yv| {
            let (k, s, r) = period(yv.fiscal_year);
            (k, s, r, yv.value)
        })
        .collect();
    let target = target.value.map(|v| {
        let (k, s, r) = period(target.fiscal_year);
        (k, s, r, v)
    });
    series_card(id, name, periods, target, unit, bars, locale)
}

/// A monthly series (no target line: targets are yearly).
pub fn monthly_card(id: &str, name: &str, series: &[MonthValue], unit: Unit, locale: Locale) -> SeriesCard {
    let periods = series
        .iter()
        .map(|m| {
            let label = year_month(m.month, locale);
            (format!("{}-{:02}", m.month.year, m.month.month), format!("{}/{}", m.month.year % 100, m.month.month), label, m.value)
        })
        .collect();
    series_card(id, name, periods, None, unit, true, locale)
}

// ---- indicators ---------------------------------------------------------------------

pub struct IndicatorGroupView {
    pub id: String,
    pub title: String,
    pub assessment: Option<String>,
    pub cards: Vec<(HeadlineCard, SeriesCard, bool)>,
}

/// Every indicator, grouped as in the city's table; each with its card, chart and whether
/// lower is better.
pub fn indicators(s: &Snapshot, locale: Locale) -> Vec<IndicatorGroupView> {
    s.indicator_groups
        .iter()
        .map(|g| IndicatorGroupView {
            id: g.id.clone(),
            title: format!("{} {}", g.number, locale.pick(&g.name)),
            assessment: g.assessment.as_ref().map(|a| locale.pick(a).to_string()),
            cards: s
                .indicators
                .iter()
                .filter(|i| i.group == g.id)
                .map(|i| {
                    let card = headline_card(s, i, locale);
                    let series: Vec<YearValue> = std::iter::once(i.baseline).chain(i.actuals.iter().copied()).collect();
                    let chart = yearly_card(&i.id, locale.pick(&i.name), &series, &i.target, i.unit, false, locale);
                    (card, chart, i.direction == snapshot::Direction::LowerIsBetter)
                })
                .collect(),
        })
        .collect()
}

// ---- counter satisfaction --------------------------------------------------------------

/// A two-way table of shares satisfied: wards down, sections across.
#[derive(Debug, Clone, PartialEq)]
pub struct BreakdownTable {
    pub period: String,
    pub columns: Vec<String>,
    pub rows: Vec<(String, Vec<String>)>,
}

pub struct CounterView {
    pub chart: SeriesCard,
    pub definition: String,
    pub locations: String,
    pub sections: Vec<String>,
    pub satisfied: Vec<String>,
    pub not_satisfied: Vec<String>,
    pub breakdown: Option<BreakdownTable>,
}

pub fn counter(s: &Snapshot, locale: Locale) -> CounterView {
    let cs = &s.counter_survey;
    let pick = |t: &Text| locale.pick(t).to_string();
    CounterView {
        chart: yearly_card("counter-satisfaction", &pick(&cs.name), &cs.yearly, &cs.target, Unit::Percent, false, locale),
        definition: pick(&cs.satisfied_definition),
        locations: pick(&cs.locations),
        sections: cs.sections.iter().map(|x| pick(&x.name)).collect(),
        satisfied: cs.comments.satisfied.iter().map(pick).collect(),
        not_satisfied: cs.comments.not_satisfied.iter().map(pick).collect(),
        breakdown: breakdown(s, locale),
    }
}

/// The latest period of the breakdown (a whole fiscal year when published, else its latest
/// month), as wards × sections. Cells not published say so; nothing is averaged or invented.
pub fn breakdown(s: &Snapshot, locale: Locale) -> Option<BreakdownTable> {
    let cs = &s.counter_survey;
    let latest_year = cs.breakdown.iter().map(|b| b.fiscal_year).max()?;
    let in_year = cs.breakdown.iter().filter(|b| b.fiscal_year == latest_year);
    let month = if in_year.clone().any(|b| b.month.is_none()) { None } else { in_year.clone().filter_map(|b| b.month).max() };
    let cells: Vec<_> = in_year.filter(|b| b.month == month).collect();
    let t = strings(locale);
    let pick = |t: &Text| locale.pick(t).to_string();
    let used_sections: Vec<_> = cs.sections.iter().filter(|x| cells.iter().any(|b| b.section.as_deref() == Some(&x.id))).collect();
    let has_all_column = cells.iter().any(|b| b.section.is_none());
    let mut columns: Vec<String> = used_sections.iter().map(|x| pick(&x.name)).collect();
    if has_all_column {
        columns.push(t.all.to_string());
    }
    let mut row_keys: Vec<(Option<String>, String)> =
        cs.wards.iter().filter(|w| cells.iter().any(|b| b.ward.as_deref() == Some(&w.id))).map(|w| (Some(w.id.clone()), pick(&w.name))).collect();
    if cells.iter().any(|b| b.ward.is_none()) {
        row_keys.push((None, t.all.to_string()));
    }
    let cell = |ward: &Option<String>, section: Option<&str>| {
        let v = cells.iter().find(|b| b.ward == *ward && b.section.as_deref() == section).and_then(|b| b.value);
        maybe_quantity(v, Unit::Percent, locale)
    };
    let rows = row_keys
        .into_iter()
        .map(|(ward, name)| {
            let mut values: Vec<String> = used_sections.iter().map(|x| cell(&ward, Some(&x.id))).collect();
            if has_all_column {
                values.push(cell(&ward, None));
            }
            (name, values)
        })
        .collect();
    let period = match month {
        Some(m) => year_month(m, locale),
        None => fiscal_year(latest_year, locale),
    };
    Some(BreakdownTable { period, columns, rows })
}

// ---- convenience-store certificates ---------------------------------------------------

pub struct KonbiniView {
    pub yearly: SeriesCard,
    pub monthly: Option<SeriesCard>,
    pub remaining: Option<String>,
}

pub fn konbini(s: &Snapshot, locale: Locale) -> KonbiniView {
    let k = &s.konbini_certificates;
    let name = locale.pick(&k.name);
    let remaining = s
        .indicators
        .iter()
        .find(|i| i.id == k.indicator)
        .and_then(|i| headline_card(s, i, locale).remaining);
    KonbiniView {
        yearly: yearly_card("konbini-yearly", name, &k.yearly, &k.target, k.unit, true, locale),
        monthly: (!k.monthly.is_empty()).then(|| monthly_card("konbini-monthly", name, &k.monthly, k.unit, locale)),
        remaining,
    }
}

// ---- staff engagement -------------------------------------------------------------------

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

pub fn staff(s: &Snapshot, locale: Locale) -> StaffView {
    let st = &s.staff_survey;
    let pick = |t: &Text| locale.pick(t).to_string();
    let score = |v: Option<f64>| v.map_or_else(|| maybe_quantity(None, Unit::Score, locale), |v| number_fixed(v, 2));
    let categories: Vec<CategoryRow> = st
        .categories
        .iter()
        .map(|c| {
            let single = c.average.is_none() && c.questions.len() == 1;
            let shown = if single { c.questions[0].score } else { c.average };
            CategoryRow {
                id: c.id.clone(),
                name: pick(&c.name),
                average: score(shown),
                fraction: on_scale(shown, st.scale_min, st.scale_max),
                single_question: single,
                questions: c
                    .questions
                    .iter()
                    .map(|q| QuestionRow { text: pick(&q.text), score: score(q.score), fraction: on_scale(q.score, st.scale_min, st.scale_max) })
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
    let summary = match (ranked.first(), ranked.last()) {
        (Some(hi), Some(lo)) => match locale {
            Locale::Ja => format!("分類別の平均点が公表された{}分類のうち、もっとも高いのは「{}」（{}）、もっとも低いのは「{}」（{}）です。", ranked.len(), hi.name, hi.average, lo.name, lo.average),
            Locale::En => format!("Of the {} categories with a published average, “{}” scored highest ({}) and “{}” lowest ({}).", ranked.len(), hi.name, hi.average, lo.name, lo.average),
            Locale::JaEasy => format!("いちばん たかいのは「{}」（{}）、いちばん ひくいのは「{}」（{}）です。", hi.name, hi.average, lo.name, lo.average),
        },
        _ => String::new(),
    };
    let t = strings(locale);
    let mut machine = Table { header: vec![t.col_kind.into(), "id".into(), t.col_period.into(), t.col_value.into()], rows: vec![] };
    let mut points = vec![];
    for c in &st.categories {
        machine.rows.push(vec!["category".into(), c.id.clone(), pick(&c.name), raw_number(c.average)]);
        points.push(serde_json::json!({ "kind": "category", "id": c.id, "name": pick(&c.name), "average": c.average }));
        for q in &c.questions {
            machine.rows.push(vec!["question".into(), q.id.clone(), pick(&q.text), raw_number(q.score)]);
            points.push(serde_json::json!({ "kind": "question", "id": q.id, "category": c.id, "text": pick(&q.text), "score": q.score }));
        }
    }
    machine.header = vec![t.col_kind.into(), "id".into(), t.category.into(), t.col_value.into()];
    StaffView {
        title: pick(&st.name),
        conducted: year_month(st.conducted, locale),
        population: pick(&st.population),
        respondents: match locale {
            Locale::En => format!("{} people", number(f64::from(st.respondents))),
            _ => format!("{}人", number(f64::from(st.respondents))),
        },
        findings: st.findings.iter().map(pick).collect(),
        categories,
        summary,
        csv: csv(&machine),
        json: serde_json::to_string_pretty(&serde_json::json!({ "id": "staff-engagement", "conducted": format!("{}-{:02}", st.conducted.year, st.conducted.month), "respondents": st.respondents, "scale": [st.scale_min, st.scale_max], "points": points })).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screens::home::tests::seed;

    #[test]
    fn every_indicator_is_listed_in_its_group() {
        let groups = indicators(&seed(), Locale::Ja);
        assert_eq!(groups.len(), 3);
        assert_eq!(groups.iter().map(|g| g.cards.len()).sum::<usize>(), 9);
        let fiscal = &groups[2];
        assert_eq!(fiscal.assessment.as_deref(), Some("概ね中期見通しに沿った水準で推移"));
        let debt = fiscal.cards.iter().find(|(c, _, _)| c.id == "municipal-debt-balance").unwrap();
        assert_eq!((debt.0.baseline.as_str(), debt.0.target.as_str()), ("2,248億円", "2,430億円"));
        assert!(debt.2, "lower is better");
        assert_eq!(debt.0.status_text, "達成");
    }

    #[test]
    fn konbini_card_has_target_row_and_distance() {
        let v = konbini(&seed(), Locale::Ja);
        assert_eq!(v.remaining.as_deref(), Some("目標まであと199,830件"));
        assert!(v.monthly.is_none());
        let rows = &v.yearly.table.rows;
        assert_eq!(rows.last().unwrap(), &vec!["令和5年度（2023年度）".to_string(), "目標".into(), "500,000件".into()]);
        assert!(v.yearly.csv.starts_with("\u{FEFF}期間,区分,値\r\n2021,actual,107087\r\n2022,actual,300170\r\n2023,target,500000\r\n"), "{}", v.yearly.csv);
        let json: serde_json::Value = serde_json::from_str(&v.yearly.json).unwrap();
        assert_eq!(json["points"][1]["value"], 300170.0);
        assert_eq!(json["unit"], "cases");
    }

    #[test]
    fn counter_view_carries_definition_comments_and_no_invented_breakdown() {
        let v = counter(&seed(), Locale::Ja);
        assert_eq!(v.definition, "「とても満足」「ほぼ満足」と答えた人の合計");
        assert_eq!(v.sections, ["住民・戸籍", "国保", "福祉", "こども", "税"]);
        assert_eq!((v.satisfied.len(), v.not_satisfied.len()), (6, 3));
        assert!(v.breakdown.is_none());
        assert!(v.chart.summary.contains("87%から") && v.chart.summary.contains("変わりませんでした"), "{}", v.chart.summary);
    }

    #[test]
    fn breakdown_takes_the_latest_period_as_wards_by_sections() {
        let mut s = seed();
        let ward = |id: &str, ja: &str| snapshot::Section { id: id.into(), name: Text { ja: ja.into(), ..Default::default() } };
        s.counter_survey.wards = vec![ward("chuo", "中央区"), ward("higashi", "東区")];
        let b = |fy: u16, w: &str, sec: &str, v: f64| snapshot::Breakdown {
            fiscal_year: FiscalYear(fy), month: None, ward: Some(w.into()), section: Some(sec.into()), value: Some(v),
        };
        s.counter_survey.breakdown = vec![b(2021, "chuo", "tax", 80.0), b(2022, "chuo", "tax", 91.5), b(2022, "higashi", "welfare", 88.0)];
        let t = breakdown(&s, Locale::Ja).unwrap();
        assert_eq!(t.period, "令和4年度（2022年度）");
        assert_eq!(t.columns, ["福祉", "税"]);
        assert_eq!(t.rows[0], ("中央区".to_string(), vec!["未公表".to_string(), "91.5%".into()]));
        assert_eq!(t.rows[1], ("東区".to_string(), vec!["88%".to_string(), "未公表".into()]));
    }

    #[test]
    fn staff_view_shows_nine_categories_on_the_1_to_5_scale() {
        let v = staff(&seed(), Locale::Ja);
        assert_eq!(v.categories.len(), 9);
        assert_eq!(v.respondents, "3,690人");
        assert_eq!(v.conducted, "2023年8月");
        let overall = &v.categories[0];
        assert!(overall.single_question);
        assert_eq!(overall.average, "3.56");
        let hr = v.categories.iter().find(|c| c.id == "personnel-system").unwrap();
        assert_eq!(hr.average, "2.97");
        assert_eq!(hr.questions.iter().map(|q| q.score.as_str()).collect::<Vec<_>>(), ["3.20", "2.86", "2.93", "2.91"]);
        assert!((hr.fraction.unwrap() - (2.97 - 1.0) / 4.0).abs() < 1e-9);
        assert!(v.summary.contains("「同僚との関係」（3.79）") && v.summary.contains("「人事制度」（2.97）"), "{}", v.summary);
        assert!(v.csv.contains("question,q-accept-hr,"));
    }
}
