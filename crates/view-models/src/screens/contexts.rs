//! The three places the widget lives: the full page, one card embedded in the city's homepage,
//! and a kiosk at a ward-office counter. What each needs, decided from the address.

use snapshot::Snapshot;

use crate::screens::counter::counter;
use crate::screens::indicators::indicators;
use crate::screens::konbini::konbini;
use crate::screens::series::SeriesCard;
use crate::Locale;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Full,
    /// `?embed=1&card=<id>`: one card, no page furniture.
    Embed {
        card: String,
    },
    /// `?mode=kiosk[&idle=<seconds>]`.
    Kiosk {
        idle_seconds: u32,
    },
}

pub const DEFAULT_IDLE_SECONDS: u32 = 120;
/// Time to answer the idle warning: at least 20 s (WCAG 2.2.1).
pub const WARNING_SECONDS: u32 = 30;

/// Reads the mode from the query parameters.
pub fn mode(embed: Option<&str>, card: Option<&str>, mode: Option<&str>, idle: Option<&str>) -> Mode {
    if embed == Some("1") {
        return Mode::Embed {
            card: card.unwrap_or_default().chars().take(64).collect(),
        };
    }
    if mode == Some("kiosk") {
        // Never shorter than the warning itself plus a little, never absurdly long.
        let idle_seconds = idle
            .and_then(|v| v.parse().ok())
            .unwrap_or(DEFAULT_IDLE_SECONDS)
            .clamp(WARNING_SECONDS + 5, 3600);
        return Mode::Kiosk { idle_seconds };
    }
    Mode::Full
}

/// The card an embed shows, by id: any indicator, the konbini series, counter satisfaction.
pub fn embed_card(s: &Snapshot, id: &str, locale: Locale) -> Option<SeriesCard> {
    if let Some(k) = konbini(s, locale) {
        if id == k.yearly.id {
            return Some(k.yearly);
        }
        if let Some(m) = k.monthly.filter(|m| m.id == id) {
            return Some(m);
        }
    }
    if id == "counter-satisfaction" {
        return Some(counter(s, locale).chart);
    }
    indicators(s, locale)
        .into_iter()
        .flat_map(|g| g.cards)
        .map(|c| c.chart)
        .find(|c| c.id == id)
}

/// Every card that can be embedded, with its title, for the snippet dialog and docs.
pub fn embeddable_ids(s: &Snapshot) -> Vec<String> {
    let konbini = s.konbini_certificates.as_ref();
    let mut ids: Vec<String> = konbini.map(|_| "konbini-yearly".to_string()).into_iter().collect();
    ids.push("counter-satisfaction".into());
    if konbini.is_some_and(|k| !k.monthly.is_empty()) {
        ids.push("konbini-monthly".into());
    }
    ids.extend(s.indicators.iter().map(|i| i.id.clone()).filter(|id| id != "counter-satisfaction"));
    ids
}

/// Names the frame a snippet's script resizes: the card's id after it. The same for every city.
pub const EMBED_FRAME_PREFIX: &str = "reform-widget-";

/// The one line a CMS editor pastes: an iframe with a sensible height that works without
/// script, and the small script that resizes it to fit.
pub fn embed_snippet(origin: &str, card: &str, title: &str) -> String {
    let frame_id = format!("{EMBED_FRAME_PREFIX}{card}");
    format!(
        "<iframe id=\"{frame_id}\" src=\"{origin}/?embed=1&amp;card={card}\" title=\"{}\" width=\"100%\" height=\"720\" style=\"border:0;max-width:100%\" loading=\"lazy\"></iframe><script src=\"{origin}/embed.js\" data-frame=\"{frame_id}\" async></script>",
        crate::escape::escape_html(title)
    )
}

/// Where a kiosk stands, from its address (`&ward=chuo&section=juumin`): what the person at
/// the counter need not be asked, and any setting that names no known place.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KioskPlace {
    pub ward: Option<String>,
    pub section: Option<String>,
    /// Settings given but unknown, as `ward=xyz`, for a message staff can act on.
    pub unknown: Vec<String>,
}

pub fn kiosk_place(ward: Option<&str>, section: Option<&str>, office_ids: &[&str], section_ids: &[&str]) -> KioskPlace {
    let mut place = KioskPlace::default();
    let bounded = |v: &str| v.chars().take(32).collect::<String>();
    match ward.filter(|w| !w.is_empty()) {
        Some(w) if office_ids.contains(&w) => place.ward = Some(w.to_string()),
        Some(w) => place.unknown.push(format!("ward={}", bounded(w))),
        None => {}
    }
    match section.filter(|s| !s.is_empty()) {
        Some(s) if section_ids.contains(&s) => place.section = Some(s.to_string()),
        Some(s) => place.unknown.push(format!("section={}", bounded(s))),
        None => {}
    }
    place
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screens::home::tests::seed;

    #[test]
    fn modes_come_from_the_address() {
        assert_eq!(mode(None, None, None, None), Mode::Full);
        assert_eq!(
            mode(Some("1"), Some("konbini-yearly"), None, None),
            Mode::Embed {
                card: "konbini-yearly".into()
            }
        );
        assert_eq!(mode(None, None, Some("kiosk"), None), Mode::Kiosk { idle_seconds: 120 });
        assert_eq!(mode(None, None, Some("kiosk"), Some("40")), Mode::Kiosk { idle_seconds: 40 });
        assert_eq!(
            mode(None, None, Some("kiosk"), Some("1")),
            Mode::Kiosk { idle_seconds: 35 },
            "never shorter than the warning"
        );
        assert_eq!(mode(None, None, Some("kiosk"), Some("x")), Mode::Kiosk { idle_seconds: 120 });
    }

    #[test]
    fn a_kiosk_knows_its_place_and_names_unknown_settings() {
        let sections = ["juumin", "tax"];
        let offices = ["chuo", "kita"];
        assert_eq!(
            kiosk_place(Some("chuo"), Some("juumin"), &offices, &sections),
            KioskPlace {
                ward: Some("chuo".into()),
                section: Some("juumin".into()),
                unknown: vec![]
            }
        );
        assert_eq!(
            kiosk_place(None, None, &offices, &sections),
            KioskPlace::default(),
            "not configured: asks as before"
        );
        let odd = kiosk_place(Some("atlantis"), Some("tax"), &offices, &sections);
        assert_eq!(
            (odd.ward, odd.section.as_deref(), odd.unknown),
            (None, Some("tax"), vec!["ward=atlantis".to_string()])
        );
        assert_eq!(
            kiosk_place(Some(""), Some("x"), &offices, &sections).unknown,
            vec!["section=x".to_string()]
        );
    }

    #[test]
    fn embeds_find_their_cards() {
        let s = seed();
        assert_eq!(
            embed_card(&s, "konbini-yearly", Locale::Ja).unwrap().caption,
            "証明書コンビニ発行件数"
        );
        assert!(embed_card(&s, "future-burden-ratio", Locale::Ja).is_some());
        assert!(
            embed_card(&s, "konbini-monthly", Locale::Ja).is_none(),
            "no monthly data in the seed"
        );
        assert!(embed_card(&s, "nope", Locale::Ja).is_none());
        assert!(embeddable_ids(&s).iter().all(|id| embed_card(&s, id, Locale::Ja).is_some()));
    }

    #[test]
    fn the_snippet_is_one_line_with_escaped_title() {
        let sn = embed_snippet("https://example.jp", "konbini-yearly", "証明書\"<x>");
        assert!(!sn.contains('\n'));
        assert!(sn.contains("src=\"https://example.jp/?embed=1&amp;card=konbini-yearly\""));
        assert!(sn.contains("title=\"証明書&quot;&lt;x&gt;\""));
        assert!(sn.contains("data-frame=\"reform-widget-konbini-yearly\""));
        assert!(sn.contains("height=\"720\""), "a sensible height without the script");
    }
}
