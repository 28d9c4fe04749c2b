//! Home: the plan in one screen, with the headline indicators and their progress to target.

use snapshot::{Indicator, Snapshot};

use crate::format::{difference, figure_with_readings, fiscal_period, fiscal_year, maybe_quantity};
use crate::progress::{progress, remaining, Status};
use crate::strings::strings;
use crate::Locale;

/// One headline indicator as the home card shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadlineCard {
    pub id: String,
    /// 「1」 or 「1-①」, as in the city's table.
    pub number: String,
    pub name: String,
    pub name_lang: &'static str,
    pub baseline_year: String,
    /// The figures as shown (in やさしい日本語 with their units' readings, for `ruby`).
    pub baseline: String,
    pub latest_year: Option<String>,
    pub latest: Option<String>,
    pub target_year: String,
    pub target: String,
    /// 0–100, for the progress bar.
    pub progress_percent: Option<u32>,
    pub status: Status,
    pub status_text: &'static str,
    pub remaining: Option<String>,
    pub assessment: Option<String>,
    /// The whole card in one sentence, for screen readers only: plain (in やさしい日本語 as it is
    /// read, since a screen reader would read a base and its reading both).
    pub summary: String,
}

pub struct HomeView {
    pub plan_name: String,
    pub stage: String,
    pub period: String,
    pub city_vision: String,
    /// (label, statement) for mission, vision and values.
    pub statements: [(String, String); 3],
    pub cards: Vec<HeadlineCard>,
}

pub fn status_text(status: Status, locale: Locale) -> &'static str {
    let s = strings(locale);
    match status {
        Status::Achieved => s.status_achieved,
        Status::OnTrack => s.status_on_track,
        Status::Behind => s.status_behind,
        Status::MovingAway => s.status_moving_away,
        Status::NoData => s.status_no_data,
    }
}

/// The indicators shown on the home screen: those of the groups that have a headline figure
/// of their own (citizens' and staff's satisfaction, with their sub-indicators). The fiscal
/// group has none and is left to the full indicator list.
pub fn headline_indicators(s: &Snapshot) -> Vec<&Indicator> {
    s.indicator_groups
        .iter()
        .filter(|g| s.indicators.iter().any(|i| i.group == g.id && i.marker.is_none()))
        .flat_map(|g| s.indicators.iter().filter(move |i| i.group == g.id))
        .collect()
}

pub fn indicator_number(s: &Snapshot, ind: &Indicator) -> String {
    let group = s.indicator_groups.iter().find(|g| g.id == ind.group).map_or(0, |g| g.number);
    match &ind.marker {
        Some(m) => format!("{group}-{m}"),
        None => group.to_string(),
    }
}

pub fn headline_card(s: &Snapshot, ind: &Indicator, locale: Locale) -> HeadlineCard {
    let t = strings(locale);
    let p = progress(ind);
    // Figures as shown, through `ruby`: in やさしい日本語 the unit carries its reading.
    let q = |v: Option<f64>| figure_with_readings(&maybe_quantity(v, ind.unit, locale), locale).into_owned();
    let name_marked = locale.pick_marked(&ind.name).to_string();
    let baseline = q(*ind.baseline.value);
    let target = q(*ind.target.value);
    let latest = p.latest.map(|l| q(*l.value));
    let latest_year = p.latest.map(|l| fiscal_year(l.fiscal_year, locale));
    let remaining = remaining(ind).map(|gap| t.remaining(&figure_with_readings(&difference(gap, ind.unit, locale), locale)));
    let status_text = status_text(p.status, locale);
    let summary = {
        // Written with the readings, then read out: in やさしい日本語 a screen reader hears kana.
        let by = |y| fiscal_year(y, locale);
        let latest_part = match (&p.latest, &latest) {
            (Some(l), Some(v)) => t.indicator_latest(&by(l.fiscal_year), v),
            _ => String::new(),
        };
        let (baseline_period, target_period) = (by(ind.baseline.fiscal_year), by(ind.target.fiscal_year));
        let sentence = t.indicator_summary(
            &name_marked,
            &baseline_period,
            &baseline,
            &latest_part,
            &target_period,
            &target,
            status_text,
        );
        snapshot::ruby::spoken(&sentence).into_owned()
    };
    HeadlineCard {
        id: ind.id.clone(),
        number: indicator_number(s, ind),
        name: name_marked,
        name_lang: locale.lang_of(&ind.name),
        baseline_year: fiscal_year(ind.baseline.fiscal_year, locale),
        baseline,
        latest_year,
        latest,
        target_year: fiscal_year(ind.target.fiscal_year, locale),
        target,
        progress_percent: p.percent(),
        status: p.status,
        status_text,
        remaining,
        assessment: ind.assessment.as_ref().map(|a| locale.pick_marked(a).to_string()),
        summary,
    }
}

pub fn home(s: &Snapshot, locale: Locale) -> HomeView {
    let plan = &s.plan;
    HomeView {
        plan_name: locale.pick_marked(&plan.name).to_string(),
        stage: locale.pick_marked(&plan.stage).to_string(),
        period: fiscal_period(plan.period.from, plan.period.to, locale),
        city_vision: locale.pick_marked(&plan.city_vision).to_string(),
        statements: [&plan.mission, &plan.vision, &plan.values]
            .map(|st| (locale.pick_marked(&st.label).to_string(), locale.pick_marked(&st.title).to_string())),
        cards: headline_indicators(s).into_iter().map(|i| headline_card(s, i, locale)).collect(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn seed() -> Snapshot {
        let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/data/snapshots/2023-12.json")).unwrap();
        snapshot::parse_snapshot(&bytes).unwrap()
    }

    #[test]
    fn home_shows_the_citizen_and_staff_indicators() {
        let s = seed();
        let v = home(&s, Locale::Ja);
        let ids: Vec<_> = v.cards.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "citizen-satisfaction",
                "counter-satisfaction",
                "konbini-certificates",
                "staff-fulfilment",
                "annual-leave-days",
                "telework-ease"
            ]
        );
        assert_eq!(v.period, "令和6年度（2024年度）～令和9年度（2027年度）");
        assert_eq!(v.statements[0].1, "上質な生活都市の実現");
        let c = &v.cards[0];
        assert_eq!(c.remaining.as_deref(), Some("目標まであと20.9ポイント"));
    }

    #[test]
    fn konbini_card_reads_like_the_city_writes() {
        let s = seed();
        let v = home(&s, Locale::Ja);
        let k = v.cards.iter().find(|c| c.id == "konbini-certificates").unwrap();
        assert_eq!(k.number, "1-②");
        assert_eq!(k.baseline, "107,087件");
        assert_eq!(k.latest.as_deref(), Some("300,170件"));
        assert_eq!(k.target, "500,000件");
        assert_eq!(k.baseline_year, "令和3年度（2021年度）");
        assert_eq!(k.remaining.as_deref(), Some("目標まであと199,830件"));
        assert_eq!(k.progress_percent, Some(49));
        assert_eq!(k.status_text, "遅れ");
        assert!(k.summary.contains("令和3年度（2021年度）の基準値は107,087件"), "{}", k.summary);
    }

    #[test]
    fn english_cards_use_english_names_and_units() {
        let s = seed();
        let v = home(&s, Locale::En);
        let c = &v.cards[0];
        assert_eq!(c.name, "Share of citizens satisfied with City Hall's services");
        assert_eq!(c.name_lang, "en");
        assert_eq!(c.latest.as_deref(), Some("44.1%"));
        assert_eq!(c.status_text, "Moving away");
        assert!(c.summary.starts_with("Share of citizens satisfied"), "{}", c.summary);
    }
}
