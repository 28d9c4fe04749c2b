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
        Screen::Start | Screen::Home | Screen::Indicators => group_headlines.first().copied(),
        Screen::Counter => by_id(&s.counter_survey.indicator),
        Screen::Konbini => by_id(&s.konbini_certificates.as_ref()?.indicator),
        // The staff screen stands for the second headline group: the staff's own.
        Screen::Staff => group_headlines.get(1).copied(),
        Screen::Results | Screen::Plan | Screen::Voices | Screen::MyVoice | Screen::Feedback | Screen::NotFound => None,
    }
}

/// The screen's headline figure, from what the screen itself shows: for the results, the share
/// of the stage's items on plan; else the latest published value of its indicator (the baseline
/// while no later figure is published).
pub fn headline(screen: Screen, s: &Snapshot, locale: Locale) -> Option<Headline> {
    if screen == Screen::Results {
        return items_headline(s, locale);
    }
    let ind = indicator_for(screen, s)?;
    let latest = progress(ind).latest.filter(|l| l.value.is_some()).unwrap_or(ind.baseline);
    let value = (*latest.value)?;
    Some(Headline {
        label: locale.pick(&ind.name).to_string(),
        figure: quantity(value, ind.unit, false, locale),
        period: fiscal_year_era(latest.fiscal_year, locale),
    })
}

/// 「137の取組項目のうち計画どおり進捗した割合 78.8%（令和4年度末時点）」: the results screen's
/// own figure (`results::item_progress`), written outside `<ruby>` as the strings are.
fn items_headline(s: &Snapshot, locale: Locale) -> Option<Headline> {
    let p = crate::screens::results::item_progress(s, locale)?;
    if p.total == 0 {
        return None;
    }
    let t = crate::strings(locale);
    Some(Headline {
        label: t.items_headline(&p.total.to_string()),
        figure: p.on_plan_share,
        // The year as the other screens' headlines name theirs (令和4年度).
        period: t.items_headline_when(&fiscal_year_era(s.previous_stage.as_ref()?.progress.as_of_end_of, locale)),
    })
}

/// A shared link's description: the headline figure, or for the plan its name and period.
pub fn description(screen: Screen, s: &Snapshot, locale: Locale) -> Option<String> {
    match screen {
        Screen::Plan => Some(format!(
            "{} {}",
            locale.pick(&s.plan.name),
            fiscal_period(s.plan.period.from, s.plan.period.to, locale)
        )),
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
        assert_eq!(
            description(Screen::Konbini, &s, Locale::Ja).unwrap(),
            "証明書コンビニ発行件数 300,170件（令和4年度）"
        );
        assert_eq!(
            description(Screen::Counter, &s, Locale::Ja).unwrap(),
            "区役所窓口 市民満足度 87%（令和4年度）"
        );
        assert_eq!(
            description(Screen::Start, &s, Locale::Ja).unwrap(),
            "市役所のサービスに満足している市民の割合 44.1%（令和4年度）"
        );
        assert_eq!(
            description(Screen::Staff, &s, Locale::Ja).unwrap(),
            "働きがいを感じる職員の割合 81%（令和4年度）"
        );
        assert!(description(Screen::Konbini, &s, Locale::En)
            .unwrap()
            .ends_with(": 300,170 cases (FY2022)"));
        assert!(description(Screen::Plan, &s, Locale::Ja)
            .unwrap()
            .starts_with("市役所改革プラン2027 令和6年度"));
        assert_eq!(description(Screen::Feedback, &s, Locale::Ja), None);
        assert_eq!(
            description(Screen::Results, &s, Locale::Ja).unwrap(),
            "137の取組項目のうち計画どおり進捗した割合 78.8%（令和4年度末時点）",
            "the results screen's own figure, not an indicator's"
        );
        assert_eq!(
            description(Screen::Results, &s, Locale::En).unwrap(),
            "Items on plan, of the 137 items: 78.8% (end of FY2022)"
        );
    }
}

/// What a search engine's dataset listing needs to know about the published figures
/// (schema.org `Dataset`, read by Google's Dataset Search): what they are, the years they cover,
/// who made them, under which licence (only when the city has said: it is never guessed), and
/// where the files are.
pub struct DatasetFacts<'a> {
    pub origin: &'a str,
    /// The page's canonical address.
    pub url: &'a str,
    pub description: &'a str,
    /// The snapshot's file in the data folder (`snapshots/2023-12.json`).
    pub file: &'a str,
    pub license: Option<&'a str>,
}

/// The `Dataset` as JSON-LD, safe inside `<script type="application/ld+json">`: `<` is escaped,
/// so nothing in the data can close the element.
pub fn dataset_json_ld(s: &Snapshot, facts: &DatasetFacts, locale: Locale) -> String {
    let t = crate::strings::strings(locale);
    let years: Vec<i32> = s
        .indicators
        .iter()
        .flat_map(|i| std::iter::once(i.baseline).chain(i.actuals.iter().copied()))
        .filter(|v| v.value.is_some())
        .map(|v| v.fiscal_year.0 as i32)
        .collect();
    let mut csv: Vec<serde_json::Value> = crate::screens::contexts::embeddable_ids(s)
        .into_iter()
        .filter_map(|id| crate::screens::contexts::embed_card(s, &id, locale))
        .map(|card| {
            serde_json::json!({
                "@type": "DataDownload",
                "name": card.caption,
                "encodingFormat": "text/csv",
                "contentUrl": format!("{}{}", facts.origin, crate::route::csv_path(&card.id, locale)),
            })
        })
        .collect();
    csv.insert(0, serde_json::json!({ "@type": "DataDownload", "name": locale.pick(&s.source.title), "encodingFormat": "application/json", "contentUrl": format!("{}/data/{}", facts.origin, facts.file) }));
    let mut dataset = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": format!("{} — {}", locale.pick(&s.plan.name), t.app_name),
        "description": facts.description,
        "url": facts.url,
        "inLanguage": locale.html_lang(),
        "isBasedOn": locale.pick(&s.source.title),
        "distribution": csv,
    });
    // The publishing city, where the publication names one.
    if let Some(city) = &s.city {
        dataset["creator"] =
            serde_json::json!({ "@type": "GovernmentOrganization", "name": crate::city::name(s, locale), "url": city.homepage });
    }
    if let (Some(first), Some(last)) = (years.iter().min(), years.iter().max()) {
        // Fiscal years: April of the first to the end of March after the last.
        dataset["temporalCoverage"] = format!("{first}-04-01/{}-03-31", last + 1).into();
    }
    if let Some(d) = s.as_of.date() {
        dataset["dateModified"] = match d.day {
            Some(day) => format!("{:04}-{:02}-{day:02}", d.year, d.month),
            None => format!("{:04}-{:02}", d.year, d.month),
        }
        .into();
    }
    // The server's setting, else the licence the city publishes with its figures.
    if let Some(license) = facts.license.or(s.city.as_ref().and_then(|c| c.licence.as_deref())) {
        dataset["license"] = license.into();
    }
    dataset.to_string().replace('<', "\\u003c")
}

#[cfg(test)]
mod dataset_tests {
    use super::*;
    use crate::screens::home::tests::seed;

    #[test]
    fn the_dataset_names_its_files_years_creator_and_only_a_given_licence() {
        let s = seed();
        let facts = DatasetFacts {
            origin: "https://w.example",
            url: "https://w.example/konbini",
            description: "d</script>",
            file: "snapshots/2023-12.json",
            license: None,
        };
        let text = dataset_json_ld(&s, &facts, Locale::Ja);
        assert!(!text.contains("</script>"), "the data cannot close its element");
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["@type"], "Dataset");
        assert_eq!(v["creator"]["name"], "熊本市");
        assert_eq!(v["description"], "d</script>");
        assert!(v.get("license").is_none(), "no licence is made up");
        let files = v["distribution"].as_array().unwrap();
        assert_eq!(files[0]["contentUrl"], "https://w.example/data/snapshots/2023-12.json");
        assert!(files
            .iter()
            .any(|f| f["contentUrl"] == "https://w.example/downloads/ja/konbini-yearly.csv" && f["encodingFormat"] == "text/csv"));
        let coverage = v["temporalCoverage"].as_str().unwrap();
        assert!(coverage.ends_with("-03-31") && coverage.contains("-04-01/"), "{coverage}");
        let licensed = DatasetFacts {
            license: Some("https://creativecommons.org/licenses/by/4.0/"),
            ..facts
        };
        let v: serde_json::Value = serde_json::from_str(&dataset_json_ld(&s, &licensed, Locale::En)).unwrap();
        assert_eq!(v["license"], "https://creativecommons.org/licenses/by/4.0/");
        assert_eq!(v["creator"]["name"], "Kumamoto City");
        assert_eq!(v["creator"]["url"], "https://www.city.kumamoto.jp/");
        let mut own = s.clone();
        own.city.as_mut().unwrap().licence = Some("https://example.org/licence".into());
        let v: serde_json::Value = serde_json::from_str(&dataset_json_ld(&own, &facts, Locale::En)).unwrap();
        assert_eq!(
            v["license"], "https://example.org/licence",
            "the city's own, when the server names none"
        );
        own.city = None;
        let v: serde_json::Value = serde_json::from_str(&dataset_json_ld(&own, &facts, Locale::En)).unwrap();
        assert!(v.get("creator").is_none(), "no city is made up");
    }
}
