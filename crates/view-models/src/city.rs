//! What the pages say of the city that publishes, from the publication's 「市」 section: its name
//! beside the widget's, its introduction, its offices. A publication without the section (made
//! before it existed) names no city, offers no office, and says nothing it does not know.

use std::borrow::Cow;

use snapshot::{Office, Snapshot, Text};

use crate::{Locale, Strings};

/// The city's name in this language outside `<ruby>` (a title, a label, a feed): written as
/// read where the interface's own words are (やさしい日本語, ふりがな), as `strings(l)` words them.
pub fn name(s: &Snapshot, l: Locale) -> Option<Cow<'_, str>> {
    s.city.as_ref().map(|c| outside_ruby(&c.name, l))
}

fn outside_ruby(text: &Text, l: Locale) -> Cow<'_, str> {
    match l {
        Locale::JaEasy | Locale::JaFurigana => Cow::Owned(snapshot::ruby::spoken(&l.pick_marked(text)).into_owned()),
        _ => l.pick(text),
    }
}

/// The city's name for reading on screen (readings kept for `components::ruby`).
pub fn name_marked(s: &Snapshot, l: Locale) -> Option<Cow<'_, str>> {
    s.city.as_ref().map(|c| l.pick_marked(&c.name))
}

/// What the home page opens with, for reading on screen.
pub fn introduction_marked(s: &Snapshot, l: Locale) -> Option<Cow<'_, str>> {
    s.city.as_ref().map(|c| l.pick_marked(&c.introduction))
}

/// What a search result or a shared link says of the site: the city's introduction, or the
/// widget's own line where the publication names no city.
pub fn description(s: Option<&Snapshot>, l: Locale) -> String {
    s.and_then(|s| s.city.as_ref()).map_or_else(
        || crate::strings(l).site_description.to_string(),
        |c| outside_ruby(&c.introduction, l).into_owned(),
    )
}

/// The site's name: the city's, then the widget's (「熊本市 市役所改革プラン」).
pub fn site_name(city: Option<&str>, t: &Strings) -> String {
    match city {
        Some(city) => format!("{city} {}", t.app_name),
        None => t.app_name.to_string(),
    }
}

/// The offices a counter survey answer and a kiosk may name.
pub fn offices(s: &Snapshot) -> &[Office] {
    s.city.as_ref().map_or(&[], |c| &c.offices)
}

/// Their ids, for the feedback rules.
pub fn office_ids(s: &Snapshot) -> Vec<&str> {
    offices(s).iter().map(|o| o.id.as_str()).collect()
}

/// Where the city's own files are served: its logo and its accent's style sheet, each named by
/// what it holds, so a reader's browser keeps them until the city changes them. The server's
/// route, the static export and the pages all take the names from here.
pub const FILES: &str = "/city/";
/// The logo's height in the header, in CSS pixels (its width follows its `viewBox`, at most
/// [`LOGO_WIDEST`]).
pub const LOGO_HEIGHT: u32 = 40;
const LOGO_WIDEST: u32 = 200;

/// The city's logo beside its name: where it is served and the size it takes, so the header does
/// not move when it arrives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    pub href: String,
    pub width: u32,
    pub height: u32,
}

/// The logo's file name: `logo-` and a hash of its text (FNV-1a, for naming, not for security:
/// the server serves only a logo the latest publications carry).
pub fn logo_file(svg: &str) -> String {
    let hash = svg
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    format!("logo-{hash:016x}.svg")
}

/// The publication's logo, if its city has one.
pub fn logo(s: &Snapshot) -> Option<Logo> {
    let svg = s.city.as_ref()?.logo.as_deref()?;
    let (w, h) = snapshot::logo::view_box(svg).unwrap_or((1.0, 1.0));
    let width = ((f64::from(LOGO_HEIGHT) * w / h).round() as u32).clamp(1, LOGO_WIDEST);
    Some(Logo {
        href: format!("{FILES}{}", logo_file(svg)),
        width,
        height: LOGO_HEIGHT,
    })
}

/// The accent's style sheet's name: `accent-1d6b3a.css`.
pub fn accent_file(s: &Snapshot) -> Option<String> {
    let rgb = snapshot::colour::parse(s.city.as_ref()?.accent.as_deref()?)?;
    Some(format!("accent-{}.css", &snapshot::colour::hex(rgb)[1..]))
}

/// The style sheet an accent's file name stands for; `None` for any other name, or for a colour
/// that would not keep its contrast (whoever asks for it).
pub fn accent_style(file: &str) -> Option<String> {
    let hex = file.strip_prefix("accent-")?.strip_suffix(".css")?;
    let rgb = snapshot::colour::parse(&format!("#{hex}")).filter(|_| hex.bytes().all(|b| !b.is_ascii_uppercase()))?;
    if snapshot::colour::lowest_contrast(rgb).0 < snapshot::colour::MIN_CONTRAST {
        return None;
    }
    let (accent, hover) = (snapshot::colour::hex(rgb), snapshot::colour::hex(snapshot::colour::darker(rgb)));
    // Light pages only: dark ones keep the shared light-on-dark colours, which the accent's
    // contrast rule does not cover.
    Some(format!(
        "/* The city's accent colour (its publication's city.accent), checked for 4.5:1 on the light backgrounds. */\n@media (prefers-color-scheme: light) {{\n  :root {{ --color-primary: {accent}; --color-primary-hover: {hover}; --color-link: {accent}; }}\n}}\n"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screens::home::tests::seed;

    #[test]
    fn the_city_comes_from_the_publication() {
        let s = seed();
        assert_eq!(name(&s, Locale::Ja).as_deref(), Some("熊本市"));
        assert_eq!(name(&s, Locale::En).as_deref(), Some("Kumamoto City"));
        assert_eq!(
            name(&s, Locale::JaEasy).as_deref(),
            Some("くまもとし"),
            "as read, as the interface's words"
        );
        assert_eq!(name_marked(&s, Locale::JaEasy).as_deref(), Some("熊本市《くまもとし》"));
        assert_eq!(office_ids(&s), ["chuo", "higashi", "nishi", "minami", "kita"]);
        assert_eq!(site_name(Some("熊本市"), crate::strings(Locale::Ja)), "熊本市 市役所改革プラン");
        // Kumamoto's data has no logo or accent: its pages keep the shared look.
        assert_eq!((logo(&s), accent_file(&s)), (None, None));
        assert!(description(Some(&s), Locale::En).starts_with("Kumamoto City is reforming"));
        assert!(
            description(Some(&s), Locale::JaEasy).starts_with("くまもとしは、"),
            "as read, as the strings were"
        );
    }

    #[test]
    fn a_publication_without_a_city_names_none() {
        let mut s = seed();
        s.city = None;
        assert_eq!(name(&s, Locale::Ja), None);
        assert!(offices(&s).is_empty());
        let t = crate::strings(Locale::Ja);
        assert_eq!(site_name(None, t), t.app_name);
        assert_eq!(description(Some(&s), Locale::Ja), t.site_description);
        assert!(!t.site_description.contains("熊本"), "the shared words name no city");
    }

    #[test]
    fn a_logo_is_named_by_its_text_and_sized_by_its_view_box() {
        let mut s = seed();
        let city = s.city.as_mut().unwrap();
        city.logo = Some(r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40"><rect width="120" height="40"/></svg>"#.into());
        let first = logo(&s).unwrap();
        assert!(
            first.href.starts_with("/city/logo-") && first.href.ends_with(".svg"),
            "{}",
            first.href
        );
        assert_eq!((first.width, first.height), (120, 40));
        // Another drawing, another name; a very wide one is bounded.
        s.city.as_mut().unwrap().logo = Some(r#"<svg viewBox="0 0 1000 10"/>"#.into());
        let wide = logo(&s).unwrap();
        assert_ne!(wide.href, first.href);
        assert_eq!((wide.width, wide.height), (200, 40));
    }

    #[test]
    fn an_accent_is_a_style_sheet_for_light_pages_only_when_it_keeps_its_contrast() {
        let mut s = seed();
        s.city.as_mut().unwrap().accent = Some("#1D6B3A".into());
        let file = accent_file(&s).unwrap();
        assert_eq!(file, "accent-1d6b3a.css");
        let css = accent_style(&file).unwrap();
        assert!(css.contains("@media (prefers-color-scheme: light)"), "{css}");
        assert!(
            css.contains("--color-primary: #1d6b3a;") && css.contains("--color-link: #1d6b3a;"),
            "{css}"
        );
        assert!(css.contains("--color-primary-hover: #15502b;"), "{css}");
        // Only a name the pages would ask for: nothing too light, nothing else.
        for other in [
            "accent-ff9900.css",
            "accent-1D6B3A.css",
            "accent-1d6b3a.js",
            "logo-1d6b3a.css",
            "accent-}body{.css",
            "accent-.css",
        ] {
            assert_eq!(accent_style(other), None, "{other}");
        }
    }
}
