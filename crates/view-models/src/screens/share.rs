//! What a shared link says before anyone opens it: each screen's headline figure in words, for
//! link previews (`og:description`) and the preview image. Figures exactly as published.

use snapshot::{Indicator, Snapshot};

use crate::format::{fiscal_period, fiscal_year_era, quantity};
use crate::progress::progress;
use crate::route::Screen;
use crate::screens::home::headline_indicators;
use crate::Locale;

/// A headline figure: what it is, the figure with its unit, and the year it is for.
#[derive(Debug, Clone, PartialEq)]
pub struct Headline {
    pub label: String,
    pub figure: String,
    pub period: String,
}

impl Headline {
    /// 「証明書コンビニ発行件数 300,170件（令和4年度）」, "Certificates …: 300,170 cases (FY2022)".
    pub fn sentence(&self, locale: Locale) -> String {
        match locale {
            Locale::En => format!("{}: {} ({})", self.label, self.figure, self.period),
            _ => format!("{} {}（{}）", self.label, self.figure, self.period),
        }
    }
}

/// The indicator whose figure stands for `screen`, if one does.
fn indicator_for(screen: Screen, s: &Snapshot) -> Option<&Indicator> {
    let by_id = |id: &str| s.indicators.iter().find(|i| i.id == id);
    let group_headlines: Vec<&Indicator> = headline_indicators(s).into_iter().filter(|i| i.marker.is_none()).collect();
    match screen {
        Screen::Start | Screen::Home | Screen::Results | Screen::Indicators => group_headlines.first().copied(),
        Screen::Counter => by_id(&s.counter_survey.indicator),
        Screen::Konbini => by_id(&s.konbini_certificates.indicator),
        // The staff screen stands for the second headline group: the staff's own.
        Screen::Staff => group_headlines.get(1).copied(),
        Screen::Plan | Screen::Feedback | Screen::NotFound => None,
    }
}

/// The screen's headline figure: the latest published value of its indicator (the baseline
/// while no later figure is published).
pub fn headline(screen: Screen, s: &Snapshot, locale: Locale) -> Option<Headline> {
    let ind = indicator_for(screen, s)?;
    let latest = progress(ind).latest.filter(|l| l.value.is_some()).unwrap_or(ind.baseline);
    let value = latest.value?;
    Some(Headline { label: locale.pick(&ind.name).to_string(), figure: quantity(value, ind.unit, false, locale), period: fiscal_year_era(latest.fiscal_year, locale) })
}

/// A shared link's description: the headline figure, or for the plan its name and period.
pub fn description(screen: Screen, s: &Snapshot, locale: Locale) -> Option<String> {
    match screen {
        Screen::Plan => Some(format!("{} {}", locale.pick(&s.plan.name), fiscal_period(s.plan.period.from, s.plan.period.to, locale))),
        _ => headline(screen, s, locale).map(|h| h.sentence(locale)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn published() -> Snapshot {
        snapshot::parse_snapshot(include_bytes!("../../../../public/data/snapshots/2023-12.json")).unwrap()
    }

    #[test]
    fn each_screen_shares_its_headline_figure_as_published() {
        let s = published();
        assert_eq!(description(Screen::Konbini, &s, Locale::Ja).unwrap(), "証明書コンビニ発行件数 300,170件（令和4年度）");
        assert_eq!(description(Screen::Counter, &s, Locale::Ja).unwrap(), "区役所窓口 市民満足度 87%（令和4年度）");
        assert_eq!(description(Screen::Start, &s, Locale::Ja).unwrap(), "市役所のサービスに満足している市民の割合 44.1%（令和4年度）");
        assert_eq!(description(Screen::Staff, &s, Locale::Ja).unwrap(), "働きがいを感じる職員の割合 81%（令和4年度）");
        assert!(description(Screen::Konbini, &s, Locale::En).unwrap().ends_with(": 300,170 cases (FY2022)"));
        assert!(description(Screen::Plan, &s, Locale::Ja).unwrap().starts_with("市役所改革プラン2027 令和6年度"));
        assert_eq!(description(Screen::Feedback, &s, Locale::Ja), None);
    }
}
