//! Chart geometry and the words that go with a chart: pure maths, so the SVG components only
//! draw what is computed here. Coordinates are in a fixed viewBox, so charts scale without
//! reflow (no layout shift on resize) and print at any size.

use snapshot::Unit;

use crate::format::{number, quantity};
use crate::strings::strings;
use crate::Locale;

/// The viewBox every series chart draws in.
/// Small enough that 18-unit text stays readable when a phone shows the chart at ~300 px.
pub const WIDTH: f64 = 480.0;
pub const HEIGHT: f64 = 260.0;
/// Room for the value axis labels (left) and the category labels (bottom).
pub const MARGIN_LEFT: f64 = 84.0;
pub const MARGIN_RIGHT: f64 = 12.0;
pub const MARGIN_TOP: f64 = 28.0;
pub const MARGIN_BOTTOM: f64 = 40.0;

/// Maps a value range onto a pixel range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinearScale {
    pub domain: (f64, f64),
    pub range: (f64, f64),
}

impl LinearScale {
    pub fn map(&self, v: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        if d1 == d0 {
            return (r0 + r1) / 2.0;
        }
        r0 + (v - d0) / (d1 - d0) * (r1 - r0)
    }
}

/// "Nice" tick values covering `min..=max` with about `count` steps of 1, 2 or 5 × 10ⁿ.
pub fn nice_ticks(min: f64, max: f64, count: usize) -> Vec<f64> {
    if !(min.is_finite() && max.is_finite()) || count == 0 {
        return vec![];
    }
    let (min, max) = if min == max {
        (min - 1.0, max + 1.0)
    } else {
        (min.min(max), max.max(min))
    };
    let raw = (max - min) / count as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    // Count in whole steps so float error cannot accumulate, and stop at the first tick ≥ max.
    let mut k = (min / step).floor();
    let mut ticks = vec![];
    loop {
        let v = k * step;
        let decimals = (-step.log10().floor()).max(0.0) as usize;
        ticks.push(format!("{v:.decimals$}").parse().unwrap_or(v));
        if v >= max - step * 1e-9 || ticks.len() >= 50 {
            break;
        }
        k += 1.0;
    }
    ticks
}

/// One point (or bar) of a series, placed and labelled.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedPoint {
    pub x: f64,
    /// `None` when the value is not published: nothing is drawn, the table says so.
    pub y: Option<f64>,
    pub category: String,
    pub value_text: String,
    /// Spoken when the point has keyboard focus: 「R4年度 300,170件」.
    pub label: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub y: f64,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SeriesLayout {
    pub points: Vec<PlacedPoint>,
    /// Width of each category slot, for bars.
    pub slot: f64,
    /// The y of zero (bars grow from it).
    pub baseline_y: f64,
    pub ticks: Vec<Tick>,
    /// The target's y and its label, when there is one.
    pub target: Option<(f64, String)>,
}

/// How a series is drawn: bars for counts that add up, a line for shares and scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartStyle {
    Line,
    Bars,
}

/// Places a series of `(category, value)` with an optional target line. The value axis starts
/// at zero for bars (lengths must be honest) and hugs the data for lines.
pub fn layout_series(
    values: &[(String, Option<f64>)],
    target: Option<(String, f64)>,
    unit: Unit,
    style: ChartStyle,
    locale: Locale,
) -> SeriesLayout {
    let known = values.iter().filter_map(|(_, v)| *v).chain(target.as_ref().map(|t| t.1));
    let (mut lo, mut hi) = known.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
    if !lo.is_finite() {
        (lo, hi) = (0.0, 1.0);
    }
    if style == ChartStyle::Bars {
        lo = lo.min(0.0);
    } else {
        let pad = ((hi - lo) * 0.15).max(hi.abs() * 0.02).max(1e-9);
        lo -= pad;
        hi += pad;
        if unit == Unit::Percent {
            lo = lo.max(0.0);
            hi = hi.min(100.0);
        }
    }
    let ticks = nice_ticks(lo, hi, 4);
    let d0 = ticks.first().copied().unwrap_or(lo).min(lo);
    let d1 = ticks.last().copied().unwrap_or(hi).max(hi);
    let y = LinearScale {
        domain: (d0, d1),
        range: (HEIGHT - MARGIN_BOTTOM, MARGIN_TOP),
    };
    let plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
    let slot = plot_w / values.len().max(1) as f64;
    let points = values
        .iter()
        .enumerate()
        .map(|(i, (category, v))| {
            // SVG text cannot hold ruby: in やさしい日本語 the unit is written as it is read.
            let value_text = crate::format::figure_spoken(&crate::format::maybe_quantity(*v, unit, locale), locale);
            PlacedPoint {
                x: MARGIN_LEFT + slot * (i as f64 + 0.5),
                y: v.map(|v| y.map(v)),
                label: format!("{category} {value_text}"),
                category: category.clone(),
                value_text,
            }
        })
        .collect();
    let ticks = ticks
        .into_iter()
        .filter(|t| *t >= d0 && *t <= d1)
        .map(|t| Tick {
            y: y.map(t),
            text: axis_label(t, unit),
        })
        .collect();
    let target = target.map(|(label, v)| {
        (
            y.map(v),
            format!(
                "{label} {}",
                crate::format::figure_spoken(&quantity(v, unit, false, locale), locale)
            ),
        )
    });
    SeriesLayout {
        points,
        slot,
        baseline_y: y.map(d0.max(0.0).min(d1)),
        ticks,
        target,
    }
}

/// Short axis labels: 「500,000」, 「90%」.
fn axis_label(v: f64, unit: Unit) -> String {
    match unit {
        Unit::Percent | Unit::RatioPercent => format!("{}%", number(v)),
        _ => number(v),
    }
}

/// Direction of a change, for summaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trend {
    Up,
    Down,
    Flat,
}

pub fn trend(first: f64, last: f64) -> Trend {
    let tolerance = first.abs().max(last.abs()) * 1e-9;
    if (last - first).abs() <= tolerance {
        Trend::Flat
    } else if last > first {
        Trend::Up
    } else {
        Trend::Down
    }
}

/// A chart's text summary, from its data: first and last published values, the direction,
/// and the target. `periods` are the category names in reading form (令和3年度（2021年度）).
pub fn series_summary(
    name: &str,
    periods: &[String],
    values: &[Option<f64>],
    target: Option<(&str, f64)>,
    unit: Unit,
    locale: Locale,
) -> String {
    let known: Vec<(usize, f64)> = values.iter().enumerate().filter_map(|(i, v)| v.map(|v| (i, v))).collect();
    // Shown through `ruby`: in やさしい日本語 the figures' units carry their readings.
    let q = |v: f64| crate::format::figure_with_readings(&quantity(v, unit, false, locale), locale).into_owned();
    let t = strings(locale);
    let target_part = target.map(|(when, v)| t.summary_target(when, &q(v)));
    let body = match (known.first(), known.last()) {
        (Some(&(i0, v0)), Some(&(i1, v1))) if i0 != i1 => {
            let word = match trend(v0, v1) {
                Trend::Up => t.trend_up,
                Trend::Down => t.trend_down,
                Trend::Flat => t.trend_flat,
            };
            let (from, to) = (q(v0), q(v1));
            t.summary_change(name, &periods[i0], &from, &periods[i1], &to, word)
        }
        (Some(&(i, v)), _) => t.summary_single(name, &periods[i], &q(v)),
        _ => t.summary_none(name),
    };
    format!("{body}{}", target_part.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_map_ends_and_middle() {
        let s = LinearScale {
            domain: (0.0, 100.0),
            range: (300.0, 20.0),
        };
        assert_eq!(s.map(0.0), 300.0);
        assert_eq!(s.map(100.0), 20.0);
        assert_eq!(s.map(50.0), 160.0);
        let flat = LinearScale {
            domain: (5.0, 5.0),
            range: (0.0, 10.0),
        };
        assert_eq!(flat.map(5.0), 5.0);
    }

    #[test]
    fn ticks_are_round_numbers_covering_the_data() {
        assert_eq!(nice_ticks(0.0, 500000.0, 4), vec![0.0, 200000.0, 400000.0, 600000.0]);
        assert_eq!(nice_ticks(80.0, 92.0, 4), vec![80.0, 85.0, 90.0, 95.0]);
        assert_eq!(nice_ticks(0.0, 0.3, 3), vec![0.0, 0.1, 0.2, 0.3]);
        assert_eq!(nice_ticks(5.0, 5.0, 4), vec![4.0, 4.5, 5.0, 5.5, 6.0]);
        assert!(nice_ticks(f64::NAN, 1.0, 4).is_empty());
    }

    #[test]
    fn bars_start_at_zero_and_points_sit_in_their_slots() {
        let values = vec![
            ("R3年度".to_string(), Some(107087.0)),
            ("R4年度".to_string(), Some(300170.0)),
            ("R5年度".to_string(), None),
        ];
        let l = layout_series(&values, Some(("目標".into(), 500000.0)), Unit::Cases, ChartStyle::Bars, Locale::Ja);
        assert_eq!(l.points.len(), 3);
        assert_eq!(l.baseline_y, HEIGHT - MARGIN_BOTTOM);
        let (ty, tlabel) = l.target.clone().unwrap();
        assert!(ty < l.points[1].y.unwrap(), "the target is above the latest bar");
        assert_eq!(tlabel, "目標 500,000件");
        assert_eq!(l.points[2].y, None);
        assert_eq!(l.points[2].value_text, "未公表");
        assert_eq!(l.points[1].label, "R4年度 300,170件");
        assert!((l.points[1].x - l.points[0].x - l.slot).abs() < 1e-9);
    }

    #[test]
    fn percent_lines_stay_within_0_and_100() {
        let values = vec![("a".to_string(), Some(87.0)), ("b".to_string(), Some(87.0))];
        let l = layout_series(&values, Some(("目標".into(), 90.0)), Unit::Percent, ChartStyle::Line, Locale::Ja);
        for p in &l.points {
            let y = p.y.unwrap();
            assert!(y > MARGIN_TOP && y < HEIGHT - MARGIN_BOTTOM);
        }
        assert!(l.ticks.iter().all(|t| !t.text.starts_with('-')));
    }

    #[test]
    fn summaries_say_what_the_chart_shows() {
        let periods = vec!["令和3年度（2021年度）".to_string(), "令和4年度（2022年度）".to_string()];
        let s = series_summary(
            "証明書コンビニ発行件数",
            &periods,
            &[Some(107087.0), Some(300170.0)],
            Some(("令和5年度（2023年度）", 500000.0)),
            Unit::Cases,
            Locale::Ja,
        );
        assert_eq!(s, "証明書コンビニ発行件数は、令和3年度（2021年度）の107,087件から令和4年度（2022年度）の300,170件へ増えました。目標は令和5年度（2023年度）に500,000件です。");
        let en = series_summary(
            "Satisfaction",
            &["FY2021".into(), "FY2022".into()],
            &[Some(87.0), Some(87.0)],
            None,
            Unit::Percent,
            Locale::En,
        );
        assert_eq!(en, "Satisfaction stayed the same: 87% in FY2021, 87% in FY2022.");
        let easy = series_summary("まんぞくど", &periods, &[None, None], None, Unit::Percent, Locale::JaEasy);
        assert!(easy.contains("まだ でていません"));
    }
}
