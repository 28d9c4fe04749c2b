//! What a page request says, read the same way on the server and in the browser: the path, the
//! query parameters, the language cookie. Pure, so server and browser cannot disagree on the
//! first view (hydration needs both sides to render the same screen in the same language).

use crate::route::{screen_for, Screen};
use crate::Locale;

/// The cookie the language switch sets, so the server answers in the reader's language.
pub const LANG_COOKIE: &str = "reform-widget-lang";
/// One year; `SameSite=Lax` so it travels with ordinary links from other sites too.
pub const LANG_COOKIE_ATTRIBUTES: &str = "Path=/; Max-Age=31536000; SameSite=Lax";

/// The cookie the ふりがな switch sets (`on`, `off`), so the server answers with readings.
pub const FURIGANA_COOKIE: &str = "reform-widget-furigana";

/// Declares [`Params`]: every query parameter the app reads, written once with what keeps it.
macro_rules! app_params {
    ($( $(#[$doc:meta])* $field:ident = $name:literal, language_link_keeps: $keep:literal, kiosk_setting: $kiosk:literal; )*) => {
        /// The query parameters the app reads, decoded; the first value of each is the one read.
        /// Anything else in an address (`utm_*`, `fbclid`, an unknown name) is not kept, so it
        /// changes nothing on the page and makes no page of its own.
        #[derive(Debug, Clone, Default, PartialEq, Eq)]
        pub struct Params {
            $( $(#[$doc])* pub $field: Option<String>, )*
        }

        impl Params {
            /// A query string (`?` or not), as a browser encodes it.
            pub fn parse(query: &str) -> Params {
                let mut p = Params::default();
                for (name, value) in form_urlencoded::parse(query.trim_start_matches('?').as_bytes()) {
                    match name.as_ref() {
                        $( $name => { p.$field.get_or_insert_with(|| value.into_owned()); } )*
                        _ => {}
                    }
                }
                p
            }

            /// The parameters set, by name, in the one order every address writes them.
            pub fn pairs(&self) -> Vec<(&'static str, &str)> {
                [$( ($name, self.$field.as_deref()), )*]
                    .into_iter()
                    .filter_map(|(name, value)| value.map(|v| (name, v)))
                    .collect()
            }

            /// What a language link keeps: the page's mode, place and data; not its language
            /// (the link sets it) nor a form's topic.
            pub fn kept_by_language_link(&self) -> Params {
                Params { $( $field: if $keep { self.$field.clone() } else { None }, )* }
            }

            /// A kiosk's settings (its idle time, place, thank-you time) and nothing else: the
            /// start screen keeps them across the reset.
            pub fn kiosk_settings(&self) -> Params {
                Params { $( $field: if $kiosk { self.$field.clone() } else { None }, )* }
            }
        }
    };
}

app_params! {
    /// The reader's language (`en`, `ja-easy`); Japanese without it.
    lang = "lang", language_link_keeps: false, kiosk_setting: false;
    /// `kiosk` at a ward office's counter.
    mode = "mode", language_link_keeps: true, kiosk_setting: false;
    /// A kiosk's seconds before it goes back to its start.
    idle = "idle", language_link_keeps: true, kiosk_setting: true;
    /// A kiosk's ward and counter.
    ward = "ward", language_link_keeps: true, kiosk_setting: true;
    section = "section", language_link_keeps: true, kiosk_setting: true;
    /// A kiosk's seconds on the thank-you.
    thanks = "thanks", language_link_keeps: true, kiosk_setting: true;
    /// An embedded card (`embed=1`) and which (`card=`).
    embed = "embed", language_link_keeps: true, kiosk_setting: false;
    card = "card", language_link_keeps: true, kiosk_setting: false;
    /// A staff preview's manifest.
    data = "data", language_link_keeps: true, kiosk_setting: false;
    /// An earlier publication, by id.
    asof = "asof", language_link_keeps: true, kiosk_setting: false;
    /// ふりがな on Japanese text (`on`, `off`): the switch's link; the server keeps the choice in a
    /// cookie, as it keeps the language.
    furigana = "furigana", language_link_keeps: true, kiosk_setting: false;
    /// The card a "send feedback about this" link names.
    topic = "topic", language_link_keeps: false, kiosk_setting: false;
}

impl Params {
    /// The query string without its `?`, each value encoded: one page, one address.
    pub fn query(&self) -> String {
        href("", &self.pairs()).trim_start_matches('?').to_string()
    }
}

/// `query` with only the parameters the app reads, each once, in [`Params`]' order.
pub fn canonical_query(query: &str) -> String {
    Params::parse(query).query()
}

/// One page request: `path` as in the address bar, the parameters the app reads, the origin.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageRequest {
    pub path: String,
    pub params: Params,
    pub origin: String,
}

impl PageRequest {
    pub fn new(path: &str, query: &str, origin: &str) -> Self {
        PageRequest {
            path: path.to_string(),
            params: Params::parse(query),
            origin: origin.to_string(),
        }
    }

    /// The page's address without tracking or unknown parameters.
    pub fn canonical_url(&self) -> String {
        format!("{}{}", self.origin, href(&self.path, &self.params.pairs()))
    }

    /// The page's address in `locale`, as `<link rel="canonical">`, `og:url`, the hreflang set
    /// and the sitemap name it: Japanese, the default, without `lang`; the others with it (a
    /// static export's language folder already says it).
    pub fn canonical_url_in(&self, locale: Locale) -> String {
        let in_folder = crate::route::split_locale_prefix(&self.path).0.is_some();
        let lang = (locale != Locale::Ja && !in_folder).then(|| locale.code().to_string());
        let params = Params {
            lang,
            ..self.params.clone()
        };
        format!("{}{}", self.origin, href(&self.path, &params.pairs()))
    }

    /// Full page, embedded card or kiosk, from `?embed=`, `?card=`, `?mode=`, `?idle=`.
    pub fn mode(&self) -> crate::screens::contexts::Mode {
        let p = &self.params;
        crate::screens::contexts::mode(p.embed.as_deref(), p.card.as_deref(), p.mode.as_deref(), p.idle.as_deref())
    }

    pub fn screen(&self) -> Screen {
        screen_for(&self.path)
    }

    /// The parameters a form that loads this page again (a retry, the as-of picker) carries as
    /// hidden fields: those the app reads, but not the picker's own (`asof`) when `leave_asof`.
    pub fn kept_fields(&self, leave_asof: bool) -> Vec<(&'static str, String)> {
        let asof = if leave_asof { None } else { self.params.asof.clone() };
        let params = Params {
            asof,
            ..self.params.clone()
        };
        params.pairs().into_iter().map(|(k, v)| (k, v.to_string())).collect()
    }

    /// What this request shows, worked out once for the server's renderer and the browser's
    /// app: the mode, the screen as the mode offers it, its title and the answer's status.
    pub fn resolve(&self, t: &crate::Strings, city: Option<&str>) -> Resolved {
        use crate::screens::contexts::Mode;
        let mode = self.mode();
        let (kiosk, embed) = (matches!(mode, Mode::Kiosk { .. }), matches!(mode, Mode::Embed { .. }));
        let screen = crate::route::at_kiosk(self.screen(), kiosk);
        let not_found = !embed && screen == Screen::NotFound;
        let title = crate::route::page_title(crate::route::screen_name(screen, kiosk, embed, t), city, t);
        let starts_app = kiosk || crate::route::entry(screen).is_some_and(|e| e.starts_app);
        // A kiosk runs its app all day, from the first screen.
        let defers_app = !kiosk && crate::route::entry(screen).is_some_and(|e| e.defers_app);
        Resolved {
            mode,
            screen,
            title,
            status: if not_found { 404 } else { 200 },
            starts_app,
            defers_app,
        }
    }

    /// The reader's language: `?lang=` first, then a static export's language folder
    /// (`/en/plan/`), then the switch's cookie, then Japanese.
    pub fn locale(&self, lang_cookie: Option<&str>) -> Locale {
        let folder = crate::route::split_locale_prefix(&self.path).0;
        self.params
            .lang
            .as_deref()
            .and_then(Locale::from_code)
            .or(folder)
            .unwrap_or_else(|| choose_locale(None, lang_cookie))
    }
}

impl PageRequest {
    /// The reader asked for ふりがな: `?furigana=on` or `off` first, then the switch's cookie.
    pub fn furigana(&self, cookie: Option<&str>) -> bool {
        let said = |v: &str| match v {
            "on" => Some(true),
            "off" => Some(false),
            _ => None,
        };
        self.params
            .furigana
            .as_deref()
            .and_then(said)
            .or_else(|| cookie.and_then(said))
            .unwrap_or(false)
    }

    /// The page's language as shown: with ふりがな when the reader asked for them and the server
    /// can give them (`offered`: it has a dictionary).
    pub fn locale_shown(&self, lang_cookie: Option<&str>, furigana_cookie: Option<&str>, offered: bool) -> Locale {
        self.locale(lang_cookie).with_furigana(offered && self.furigana(furigana_cookie))
    }
}

/// The ふりがな switch's link on `path`: a plain link that works without script (the server sets
/// the cookie and sends the readings), keeping what a language link keeps.
pub fn furigana_href(path: &str, first: &PageRequest, on: bool) -> String {
    let params = Params {
        furigana: Some(if on { "on" } else { "off" }.to_string()),
        ..first.params.kept_by_language_link()
    };
    let path = crate::route::split_locale_prefix(path).1;
    let path = if path.len() > 1 { path.trim_end_matches('/') } else { path };
    href(path, &params.pairs())
}

/// See [`PageRequest::resolve`].
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub mode: crate::screens::contexts::Mode,
    /// The screen shown: `NotFound` for an unknown address, and at a kiosk for a screen it does
    /// not offer.
    pub screen: Screen,
    /// The tab's title.
    pub title: String,
    /// 404 for an unknown address (an embedded card always answers), else 200.
    pub status: u16,
    /// The app starts on this page: a form, or a kiosk. A reading screen is complete as HTML.
    pub starts_app: bool,
    /// It starts when the reader begins to write (`ScreenEntry::defers_app`).
    pub defers_app: bool,
}

impl Resolved {
    pub fn kiosk(&self) -> bool {
        matches!(self.mode, crate::screens::contexts::Mode::Kiosk { .. })
    }

    pub fn embed(&self) -> bool {
        matches!(self.mode, crate::screens::contexts::Mode::Embed { .. })
    }
}

pub fn choose_locale(query_lang: Option<&str>, cookie: Option<&str>) -> Locale {
    query_lang
        .and_then(Locale::from_code)
        .or_else(|| cookie.and_then(Locale::from_code))
        .unwrap_or_default()
}

/// The value of cookie `name` in a `Cookie` header (or `document.cookie`).
pub fn cookie_value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim())
}

/// `path` with the query `params`, each name and value percent-encoded.
pub fn href(path: &str, params: &[(&str, &str)]) -> String {
    let query: Vec<String> = params
        .iter()
        .map(|(k, v)| format!("{}={}", crate::escape::percent_encode(k), crate::escape::percent_encode(v)))
        .collect();
    if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", query.join("&"))
    }
}

/// The language switch's link for `locale` on `path`: a plain link that works without script
/// (the server sets the cookie). Keeps the page's mode and data settings, nothing else.
pub fn language_href(path: &str, first: &PageRequest, locale: Locale) -> String {
    let params = Params {
        lang: Some(locale.code().to_string()),
        ..first.params.kept_by_language_link()
    };
    // The screen's own address: no language folder, no trailing slash (`/en/plan/` → `/plan`).
    let path = crate::route::split_locale_prefix(path).1;
    let path = if path.len() > 1 { path.trim_end_matches('/') } else { path };
    href(path, &params.pairs())
}

/// `application/x-www-form-urlencoded` (a posted form) into pairs, decoded as browsers encode:
/// `+` is a space, a malformed escape is kept as written, invalid UTF-8 becomes U+FFFD.
pub fn parse_form(text: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(text.as_bytes()).into_owned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_decoded_and_the_first_wins() {
        let r = PageRequest::new(
            "/feedback",
            "?topic=%E3%82%B3%E3%83%B3%E3%83%93%E3%83%8B+x&lang=en&lang=ja",
            "http://a",
        );
        assert_eq!(r.params.topic.as_deref(), Some("コンビニ x"));
        assert_eq!(r.params.lang.as_deref(), Some("en"));
        assert_eq!(r.params.asof, None);
        assert_eq!(r.screen(), Screen::Feedback);
        let decoded = |q: &str| Params::parse(q).topic.unwrap_or_default();
        assert_eq!(decoded("topic=100%"), "100%", "a stray % is kept");
        assert_eq!(decoded("topic=%zz%4"), "%zz%4");
        assert_eq!(decoded("topic=%FF"), "\u{FFFD}");
    }

    #[test]
    fn the_language_comes_from_the_query_then_the_cookie() {
        assert_eq!(choose_locale(None, None), Locale::Ja);
        assert_eq!(choose_locale(None, Some("en")), Locale::En);
        assert_eq!(choose_locale(Some("ja-easy"), Some("en")), Locale::JaEasy);
        assert_eq!(
            choose_locale(Some("xx"), Some("en")),
            Locale::En,
            "an unknown ?lang= falls back to the cookie"
        );
        assert_eq!(choose_locale(None, Some("<script>")), Locale::Ja);
        let r = PageRequest::new("/", "lang=en", "");
        assert_eq!(r.locale(Some("ja-easy")), Locale::En);
        assert_eq!(
            PageRequest::new("/en/plan/", "", "").locale(Some("ja-easy")),
            Locale::En,
            "a language folder"
        );
    }

    #[test]
    fn furigana_come_from_the_query_then_the_cookie_and_only_where_offered() {
        let plain = PageRequest::new("/plan", "", "");
        assert!(!plain.furigana(None));
        assert!(plain.furigana(Some("on")));
        assert!(!plain.furigana(Some("<script>")));
        assert!(
            !PageRequest::new("/plan", "furigana=off", "").furigana(Some("on")),
            "the link wins over the cookie"
        );
        assert!(PageRequest::new("/plan", "furigana=on", "").furigana(Some("off")));
        assert!(!PageRequest::new("/plan", "furigana=yes", "").furigana(None));
        let asked = PageRequest::new("/plan", "furigana=on", "");
        assert_eq!(asked.locale_shown(None, None, true), Locale::JaFurigana);
        assert_eq!(asked.locale_shown(None, None, false), Locale::Ja, "a server without a dictionary");
        assert_eq!(asked.locale_shown(Some("en"), None, true), Locale::En, "only Japanese has them");
        assert_eq!(
            PageRequest::new("/plan", "lang=ja-easy&furigana=on", "").locale_shown(None, None, true),
            Locale::JaEasy,
            "やさしい日本語 keeps its own readings"
        );
        assert_eq!(Locale::from_page_code(Locale::JaFurigana.page_code()), Some(Locale::JaFurigana));
        assert_eq!(Locale::from_code("ja-furigana"), None, "no address asks for it by ?lang=");
    }

    #[test]
    fn the_furigana_switch_keeps_what_a_language_link_keeps() {
        let first = PageRequest::new("/", "mode=kiosk&idle=60&topic=x&lang=ja", "");
        assert_eq!(furigana_href("/plan", &first, true), "/plan?mode=kiosk&idle=60&furigana=on");
        assert_eq!(
            furigana_href("/ja-easy/plan/", &PageRequest::default(), false),
            "/plan?furigana=off"
        );
        let kept = PageRequest::new("/", "furigana=on", "");
        assert_eq!(language_href("/plan", &kept, Locale::En), "/plan?lang=en&furigana=on");
        assert_eq!(kept.params.kiosk_settings().furigana, None, "a kiosk's next person starts without");
    }

    #[test]
    fn language_links_keep_the_mode_and_drop_the_rest() {
        let first = PageRequest::new("/", "mode=kiosk&idle=60&topic=x&lang=ja", "");
        assert_eq!(
            language_href("/plan", &first, Locale::En),
            "/plan?lang=en&mode=kiosk&idle=60",
            "one order for every address"
        );
        assert_eq!(language_href("/", &PageRequest::default(), Locale::JaEasy), "/?lang=ja-easy");
        assert_eq!(
            language_href("/en/plan/", &PageRequest::default(), Locale::Ja),
            "/plan?lang=ja",
            "a static export's folder"
        );
        assert_eq!(language_href("/ja-easy/", &PageRequest::default(), Locale::En), "/?lang=en");
        assert_eq!(
            href("/feedback", &[("topic", "コンビニ&x")]),
            "/feedback?topic=%E3%82%B3%E3%83%B3%E3%83%93%E3%83%8B%26x"
        );
    }

    #[test]
    fn tracking_and_unknown_parameters_make_no_page_of_their_own() {
        assert_eq!(canonical_query("utm_source=line&fbclid=abc&lang=en&utm_medium=x"), "lang=en");
        assert_eq!(canonical_query("?mode=kiosk&idle=60&gclid=1"), "mode=kiosk&idle=60");
        assert_eq!(
            canonical_query("lang=en&lang=ja"),
            "lang=en",
            "the first value, as the app reads it"
        );
        assert_eq!(canonical_query("idle=60&mode=kiosk"), "mode=kiosk&idle=60", "one order");
        assert_eq!(
            canonical_query("topic=%E3%82%B3%E3%83%B3%E3%83%93%E3%83%8B"),
            "topic=%E3%82%B3%E3%83%B3%E3%83%93%E3%83%8B"
        );
        assert_eq!(canonical_query(""), "");
        let r = PageRequest::new("/konbini", "fbclid=IwAR0&lang=en", "https://example.jp");
        assert_eq!(r.canonical_url(), "https://example.jp/konbini?lang=en");
        assert_eq!(
            PageRequest::new("/", "utm_source=x", "https://example.jp").canonical_url(),
            "https://example.jp/"
        );
        // A language link keeps a kiosk's settings.
        let kiosk = Params::parse("idle=60&ward=kita&section=shimin&thanks=5&mode=kiosk&lang=en").kiosk_settings();
        assert_eq!(kiosk.query(), "idle=60&ward=kita&section=shimin&thanks=5");
        assert_eq!(kiosk.kept_by_language_link(), kiosk);
        let shared = PageRequest::new("/konbini", "utm_source=x&lang=en&mode=kiosk", "https://example.jp");
        assert_eq!(shared.canonical_url_in(Locale::En), "https://example.jp/konbini?lang=en&mode=kiosk");
        assert_eq!(shared.canonical_url_in(Locale::Ja), "https://example.jp/konbini?mode=kiosk");
        assert_eq!(PageRequest::new("/en/plan/", "", "").canonical_url_in(Locale::En), "/en/plan/");
    }

    #[test]
    fn cookies_are_found_by_exact_name() {
        let header = "a=1; reform-widget-lang=en; x-reform-widget-lang=ja";
        assert_eq!(cookie_value(header, LANG_COOKIE), Some("en"));
        assert_eq!(cookie_value("x-reform-widget-lang=ja", LANG_COOKIE), None);
        assert_eq!(cookie_value("", LANG_COOKIE), None);
    }

    #[test]
    fn reading_screens_start_no_app_and_forms_and_kiosks_do() {
        let t = crate::strings(Locale::Ja);
        for path in ["/", "/plan", "/konbini", "/no-such-page"] {
            assert!(!PageRequest::new(path, "", "").resolve(t, None).starts_app, "{path}");
        }
        assert!(PageRequest::new("/feedback", "", "").resolve(t, None).starts_app);
        assert!(
            PageRequest::new("/feedback", "", "").resolve(t, None).defers_app,
            "when the reader begins to write"
        );
        assert!(
            !PageRequest::new("/plan", "mode=kiosk", "").resolve(t, None).defers_app,
            "a kiosk's at once"
        );
        assert!(PageRequest::new("/plan", "mode=kiosk", "").resolve(t, None).starts_app);
        let r = PageRequest::new("/konbini", "lang=en&asof=2023-12&utm_source=x&data=%2Ff.json", "");
        assert_eq!(r.kept_fields(true), [("lang", "en".to_string()), ("data", "/f.json".to_string())]);
    }
}
