//! A chart card built from a series (yearly or monthly): the figure's layout, the sentence that
//! summarizes it, the table under it and its CSV and JSON downloads.

use serde::Serialize;
use snapshot::{FiscalYear, MonthValue, Unit, YearValue};

use crate::chart::{layout_series, series_summary, ChartStyle, SeriesLayout};
use crate::export::{csv, raw_number, Table};
use crate::format::{figure_with_readings, fiscal_year, fiscal_year_short, maybe_quantity, year_month};
use crate::strings::strings;
use crate::Locale;

/// A chart card: everything the figure, its table and its downloads need.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesCard {
    /// Stable id, used for the download file names and embedding.
    pub id: String,
    /// The name, plain: the chart's accessible name, the embed snippet's title.
    pub caption: String,
    /// The name as shown above the chart (in やさしい日本語 with its readings, for `ruby`).
    pub caption_marked: String,
    /// The chart in one sentence, shown under it (marked like `caption_marked`).
    pub summary: String,
    pub style: ChartStyle,
    pub layout: SeriesLayout,
    /// The table shown under the chart, formatted for reading (figures with their units'
    /// readings in やさしい日本語, for `ruby`); includes the target.
    pub table: Table,
    /// The same figures for machines: plain numbers, fiscal years as numbers.
    pub csv: String,
    pub json: String,
}

/// Which card: its id, its name, the unit of its figures and how it is drawn.
#[derive(Debug, Clone, Copy)]
pub struct SeriesSpec<'a> {
    pub id: &'a str,
    pub name: &'a snapshot::Text,
    pub unit: Unit,
    pub style: ChartStyle,
}

/// A period as each reader names it.
#[derive(Debug, Clone, PartialEq)]
struct PeriodName {
    /// For machines: `2023`, `2024-04`.
    key: String,
    /// Under the axis: R5年度, 24/4.
    short: String,
    /// In tables and summaries: 令和5年度（2023年度）.
    reading: String,
}

/// A series' figure for one period (`None`: not published).
struct Point {
    period: PeriodName,
    value: Option<f64>,
}

/// The target: a period with a value.
struct Target {
    period: PeriodName,
    value: f64,
}

/// One row of the JSON download.
#[derive(Serialize)]
struct ExportPoint<'a> {
    period: &'a str,
    kind: &'static str,
    value: Option<f64>,
}

#[derive(Serialize)]
struct Export<'a> {
    id: &'a str,
    unit: Unit,
    points: Vec<ExportPoint<'a>>,
}

fn series_card(spec: SeriesSpec, points: Vec<Point>, target: Option<Target>, locale: Locale) -> SeriesCard {
    let t = strings(locale);
    let values: Vec<(String, Option<f64>)> = points.iter().map(|p| (p.period.short.clone(), p.value)).collect();
    let target_mark = target.as_ref().map(|g| (format!("{} {}", t.kind_target, g.period.short), g.value));
    let mut layout = layout_series(&values, target_mark, spec.unit, spec.style, locale);
    // Axis labels are short (R3年度); what a focused point says is the full reading form.
    for (placed, p) in layout.points.iter_mut().zip(&points) {
        placed.label = format!("{} {}", p.period.reading, placed.value_text);
    }
    let reading: Vec<String> = points.iter().map(|p| p.period.reading.clone()).collect();
    let figures: Vec<Option<f64>> = points.iter().map(|p| p.value).collect();
    let name = locale.pick(spec.name);
    let summary = series_summary(
        &locale.pick_marked(spec.name),
        &reading,
        &figures,
        target.as_ref().map(|g| (g.period.reading.as_str(), g.value)),
        spec.unit,
        locale,
    );
    let mut shown = Vec::new();
    let mut exported = Vec::new();
    for p in &points {
        shown.push(vec![
            p.period.reading.clone(),
            t.kind_actual.to_string(),
            figure_with_readings(&maybe_quantity(p.value, spec.unit, locale), locale).into_owned(),
        ]);
        exported.push(ExportPoint {
            period: &p.period.key,
            kind: "actual",
            value: p.value,
        });
    }
    if let Some(g) = &target {
        shown.push(vec![
            g.period.reading.clone(),
            t.kind_target.to_string(),
            figure_with_readings(&maybe_quantity(Some(g.value), spec.unit, locale), locale).into_owned(),
        ]);
        exported.push(ExportPoint {
            period: &g.period.key,
            kind: "target",
            value: Some(g.value),
        });
    }
    let header = vec![t.col_period.to_string(), t.col_kind.to_string(), t.col_value.to_string()];
    let csv_table = Table {
        header: header.clone(),
        rows: exported
            .iter()
            .map(|e| vec![e.period.to_string(), e.kind.to_string(), raw_number(e.value)])
            .collect(),
    };
    SeriesCard {
        id: spec.id.to_string(),
        caption: name.to_string(),
        caption_marked: locale.pick_marked(spec.name).to_string(),
        summary,
        style: spec.style,
        layout,
        table: Table { header, rows: shown },
        csv: csv(&csv_table),
        json: serde_json::to_string_pretty(&Export {
            id: spec.id,
            unit: spec.unit,
            points: exported,
        })
        .unwrap_or_default(),
    }
}

fn fiscal_period(fy: FiscalYear, locale: Locale) -> PeriodName {
    PeriodName {
        key: fy.0.to_string(),
        short: fiscal_year_short(fy, locale),
        reading: fiscal_year(fy, locale),
    }
}

/// A yearly series with its target.
pub fn yearly_card(spec: SeriesSpec, series: &[YearValue], target: &YearValue, locale: Locale) -> SeriesCard {
    let points = series
        .iter()
        .map(|yv| Point {
            period: fiscal_period(yv.fiscal_year, locale),
            value: *yv.value,
        })
        .collect();
    let target = target.value.map(|value| Target {
        period: fiscal_period(target.fiscal_year, locale),
        value,
    });
    series_card(spec, points, target, locale)
}

/// A monthly series (no target line: targets are yearly).
pub fn monthly_card(spec: SeriesSpec, series: &[MonthValue], locale: Locale) -> SeriesCard {
    let points = series
        .iter()
        .map(|m| Point {
            period: PeriodName {
                key: format!("{}-{:02}", m.month.year, m.month.month),
                short: format!("{}/{}", m.month.year % 100, m.month.month),
                reading: year_month(m.month, locale),
            },
            value: *m.value,
        })
        .collect();
    series_card(spec, points, None, locale)
}
