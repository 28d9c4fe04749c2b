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
}
