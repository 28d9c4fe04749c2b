//! Progress of an indicator toward its target, and its status, by rules stated in plain words.
//!
//! - Progress is how much of the way from the baseline to the target the latest actual has come:
//!   (latest − baseline) ÷ (target − baseline). It is shown between 0% and 100%.
//! - Achieved: the latest actual has reached the target (for "lower is better", is at or below it).
//! - Moving away: the latest actual is worse than the baseline.
//! - On track: progress is at least the share of the period that has passed
//!   (one year of two from FY2021 to FY2023 is 50%).
//! - Behind: otherwise.

use snapshot::{Direction, FiscalYear, Indicator, YearValue};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Achieved,
    OnTrack,
    Behind,
    MovingAway,
    /// No actual figure after the baseline, or no target.
    NoData,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    /// The latest published actual after the baseline.
    pub latest: Option<YearValue>,
    /// Share of the way from baseline to target, clamped to 0..=1 for display.
    pub fraction: Option<f64>,
    /// Share of the period elapsed at the latest actual, 0..=1.
    pub expected: Option<f64>,
    pub status: Status,
}

impl Progress {
    /// Progress as a whole percentage for display (`49%`).
    pub fn percent(&self) -> Option<u32> {
        self.fraction.map(|f| (f * 100.0).round() as u32)
    }
}

/// The latest actual with a published value.
pub fn latest_actual(ind: &Indicator) -> Option<YearValue> {
    ind.actuals.iter().rev().find(|a| a.value.is_some()).copied()
}

pub fn progress(ind: &Indicator) -> Progress {
    let none = |latest| Progress {
        latest,
        fraction: None,
        expected: None,
        status: Status::NoData,
    };
    let latest = latest_actual(ind);
    let (Some(l), Some(base), Some(target)) = (latest, *ind.baseline.value, *ind.target.value) else {
        return none(latest);
    };
    let Some(now) = *l.value else { return none(latest) };
    let better = |a: f64, b: f64| match ind.direction {
        Direction::HigherIsBetter => a > b,
        Direction::LowerIsBetter => a < b,
    };
    let reached = now == target || better(now, target);
    let expected = elapsed(ind.baseline.fiscal_year, l.fiscal_year, ind.target.fiscal_year);
    let raw = if target == base {
        if reached {
            1.0
        } else {
            0.0
        }
    } else {
        (now - base) / (target - base)
    };
    let status = if reached {
        Status::Achieved
    } else if better(base, now) {
        Status::MovingAway
    } else if raw + 1e-9 >= expected {
        Status::OnTrack
    } else {
        Status::Behind
    };
    let fraction = if reached { 1.0 } else { raw.clamp(0.0, 1.0) };
    Progress {
        latest,
        fraction: Some(fraction),
        expected: Some(expected),
        status,
    }
}

fn elapsed(from: FiscalYear, now: FiscalYear, to: FiscalYear) -> f64 {
    if to.0 <= from.0 {
        return 1.0;
    }
    (f64::from(now.0.saturating_sub(from.0)) / f64::from(to.0 - from.0)).clamp(0.0, 1.0)
}

/// How far the latest actual is from the target, in the indicator's unit, when not yet reached
/// (「目標まであと199,830件」). `None` when reached or unknown.
pub fn remaining(ind: &Indicator) -> Option<f64> {
    let now = (*latest_actual(ind)?.value)?;
    let target = (*ind.target.value)?;
    let gap = match ind.direction {
        Direction::HigherIsBetter => target - now,
        Direction::LowerIsBetter => now - target,
    };
    // Round away float noise (500000 − 300170 must be exactly 199830).
    let gap = (gap * 1e6).round() / 1e6;
    (gap > 0.0).then_some(gap)
}

#[cfg(test)]
mod tests {
    use super::*;
    use snapshot::Unit;

    fn ind(direction: Direction, base: f64, actual: Option<f64>, target: f64) -> Indicator {
        Indicator {
            id: "x".into(),
            group: "g".into(),
            marker: None,
            name: Default::default(),
            unit: Unit::Percent,
            direction,
            baseline: YearValue {
                fiscal_year: FiscalYear(2021),
                value: Some(base).into(),
            },
            actuals: vec![YearValue {
                fiscal_year: FiscalYear(2022),
                value: actual.into(),
            }],
            target: YearValue {
                fiscal_year: FiscalYear(2023),
                value: Some(target).into(),
            },
            source: None,
            assessment: None,
        }
    }
    use Direction::*;

    #[test]
    fn the_seed_indicators_get_the_stated_statuses() {
        // 市民満足度 48.9 → 44.1, target 65: worse than the baseline.
        assert_eq!(progress(&ind(HigherIsBetter, 48.9, Some(44.1), 65.0)).status, Status::MovingAway);
        // 窓口満足度 87 → 87, target 90: no movement, half the period gone.
        let p = progress(&ind(HigherIsBetter, 87.0, Some(87.0), 90.0));
        assert_eq!((p.status, p.percent()), (Status::Behind, Some(0)));
        // コンビニ 107,087 → 300,170, target 500,000: 49% of the way at 50% of the time.
        let p = progress(&ind(HigherIsBetter, 107087.0, Some(300170.0), 500000.0));
        assert_eq!((p.status, p.percent()), (Status::Behind, Some(49)));
        // 年休 14 → 15, target 16: exactly on pace.
        assert_eq!(progress(&ind(HigherIsBetter, 14.0, Some(15.0), 16.0)).status, Status::OnTrack);
        // テレワーク 23 → 45, target 50.
        assert_eq!(progress(&ind(HigherIsBetter, 23.0, Some(45.0), 50.0)).status, Status::OnTrack);
        // 将来負担比率 104.6 → 102.2, ceiling 107.8, lower is better: within the ceiling.
        let p = progress(&ind(LowerIsBetter, 104.6, Some(102.2), 107.8));
        assert_eq!((p.status, p.percent()), (Status::Achieved, Some(100)));
        // 実質公債費比率 5.4 → 5.4, target 5.2.
        assert_eq!(progress(&ind(LowerIsBetter, 5.4, Some(5.4), 5.2)).status, Status::Behind);
    }

    #[test]
    fn missing_actuals_give_no_status() {
        let p = progress(&ind(HigherIsBetter, 1.0, None, 2.0));
        assert_eq!(p.status, Status::NoData);
        assert_eq!(p.fraction, None);
    }

    #[test]
    fn remaining_distance_is_exact() {
        assert_eq!(remaining(&ind(HigherIsBetter, 107087.0, Some(300170.0), 500000.0)), Some(199830.0));
        assert_eq!(remaining(&ind(LowerIsBetter, 5.4, Some(5.4), 5.2)), Some(0.2));
        assert_eq!(remaining(&ind(LowerIsBetter, 104.6, Some(102.2), 107.8)), None);
    }
}
