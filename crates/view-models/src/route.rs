//! Which screen an address shows, and which link clicks the app handles itself. Pure, so the
//! app's navigation rules are tested natively; `src/navigation.rs` applies them to the page.

/// The screens of the full widget (embed and kiosk modes choose among these too).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// `/`: the home page, or the counter survey at a kiosk.
    Start,
    /// `/home`: the home page, reachable from a kiosk whose start is the survey.
    Home,
    Plan,
    Results,
    Indicators,
    Counter,
    Konbini,
    Staff,
    /// `/voices`: 「みなさんの声と市の対応」.
    Voices,
    /// `/voices/mine/<token>`: 「あなたの声のその後」, one citizen's private page.
    MyVoice,
    Feedback,
    NotFound,
}

/// The language folder a static export writes pages under (`/en/plan/`), if `path` is in one,
/// and the path within it. Japanese, the default, has none.
pub fn split_locale_prefix(path: &str) -> (Option<crate::Locale>, &str) {
    for l in [crate::Locale::En, crate::Locale::JaEasy] {
        if let Some(rest) = path.strip_prefix('/').and_then(|p| p.strip_prefix(l.code())) {
            if rest.is_empty() || rest.starts_with('/') {
                return (Some(l), if rest.is_empty() { "/" } else { rest });
            }
        }
    }
    (None, path)
}

/// Where a static export writes (and links to) `path` in `locale`: `/en/plan/`, `/plan`.
pub fn static_path(locale: crate::Locale, path: &str) -> String {
    match locale {
        crate::Locale::Ja => path.to_string(),
        l => format!("/{}{}", l.code(), if path == "/" { "/" } else { path }) + if path == "/" { "" } else { "/" },
    }
}

/// Where the server (or a static export, as a file) keeps the QR code of a screen's address in
/// `locale`: `/qr/ja/home.svg`, `/qr/en/konbini.svg`. A path, not a query, so a static host serves
/// the right file.
pub fn qr_path(path: &str, locale: crate::Locale) -> String {
    let name = split_locale_prefix(path).1.trim_matches('/');
    format!("/qr/{}/{}.svg", locale.code(), if name.is_empty() { "home" } else { name })
}

/// The QR code of a private page (`/voices/mine/<token>`), in `locale`: made by the server, never
/// kept (`/voices/mine/<token>/qr.svg?lang=en`).
pub fn follow_qr_path(token: &str, locale: crate::Locale) -> String {
    format!("{}/qr.svg?lang={}", feedback::follow_path(token), locale.code())
}

/// A chart card's CSV (the same table its download link holds) as a file with an address, for
/// search engines' dataset listings and anyone who links to it: `/downloads/ja/konbini-yearly.csv`.
pub fn csv_path(card: &str, locale: crate::Locale) -> String {
    format!("/downloads/{}/{card}.csv", locale.code())
}

/// One screen of the widget, written once: where it is, what it is called, where it is offered.
/// The router, the menu, the title, the static export, the sitemap, the preview images, the
/// QR codes and the server's form posts all read this table.
pub struct ScreenEntry {
    pub screen: Screen,
    pub path: &'static str,
    /// Its name in the menu.
    pub menu_label: fn(&crate::Strings) -> &'static str,
    /// Its name as its own heading calls it: the page title's first part.
    pub title: fn(&crate::Strings) -> &'static str,
    /// Listed in the full widget's menu; these are the widget's pages (exported, in the sitemap).
    pub in_page_menu: bool,
    /// Listed in a kiosk's menu.
    pub in_kiosk_menu: bool,
    /// Shown at a kiosk at all: the general form asks for contact details, so it is not.
    pub at_kiosk: bool,
    /// Takes its form posted without script (`POST` on its path).
    pub takes_post: bool,
    /// The app starts here (a form with its outbox). Every other screen is read as the server
    /// sends it, with no app; at a kiosk the app runs on every screen.
    pub starts_app: bool,
    /// The app waits until the reader begins to write (a field focused or typed in, a submit
    /// offline, messages waiting in this device's outbox): until then the page is the server's
    /// form with `form.js`, so a reader who only looks pays nothing for it (issue 36).
    pub defers_app: bool,
    /// One reader's page, under a secret address (`path` is its prefix): only the server draws
    /// it, from what its store knows; never kept, shared, indexed or shown by the app itself.
    pub private: bool,
    /// Whether a publication has what it shows: a city that publishes no konbini series has no
    /// konbini screen (not in the menu, the sitemap or the export; its address is not found).
    pub shown_with: fn(&snapshot::Snapshot) -> bool,
}

/// Every publication has what the screen shows.
fn always(_: &snapshot::Snapshot) -> bool {
    true
}

/// Every screen, in menu order.
// One row per screen, so the table reads as a table.
#[rustfmt::skip]
pub const SCREENS: [ScreenEntry; 11] = [
    ScreenEntry { screen: Screen::Start, path: "/", menu_label: |t| t.nav_home, title: |t| t.nav_home, in_page_menu: true, in_kiosk_menu: true, at_kiosk: true, takes_post: true, starts_app: false, defers_app: false, private: false, shown_with: always },
    ScreenEntry { screen: Screen::Home, path: "/home", menu_label: |t| t.nav_home, title: |t| t.nav_home, in_page_menu: false, in_kiosk_menu: true, at_kiosk: true, takes_post: false, starts_app: false, defers_app: false, private: false, shown_with: always },
    ScreenEntry { screen: Screen::Plan, path: "/plan", menu_label: |t| t.nav_plan, title: |t| t.plan_title, in_page_menu: true, in_kiosk_menu: true, at_kiosk: true, takes_post: false, starts_app: false, defers_app: false, private: false, shown_with: always },
    ScreenEntry { screen: Screen::Results, path: "/results", menu_label: |t| t.nav_results, title: |t| t.results_title, in_page_menu: true, in_kiosk_menu: true, at_kiosk: true, takes_post: false, starts_app: false, defers_app: false, private: false, shown_with: |s| s.previous_stage.is_some() },
    ScreenEntry { screen: Screen::Indicators, path: "/indicators", menu_label: |t| t.nav_indicators, title: |t| t.indicators_title, in_page_menu: true, in_kiosk_menu: true, at_kiosk: true, takes_post: false, starts_app: false, defers_app: false, private: false, shown_with: always },
    ScreenEntry { screen: Screen::Counter, path: "/counter", menu_label: |t| t.nav_counter, title: |t| t.counter_title, in_page_menu: true, in_kiosk_menu: true, at_kiosk: true, takes_post: false, starts_app: false, defers_app: false, private: false, shown_with: always },
    ScreenEntry { screen: Screen::Konbini, path: "/konbini", menu_label: |t| t.nav_konbini, title: |t| t.konbini_title, in_page_menu: true, in_kiosk_menu: true, at_kiosk: true, takes_post: false, starts_app: false, defers_app: false, private: false, shown_with: |s| s.konbini_certificates.is_some() },
    ScreenEntry { screen: Screen::Staff, path: "/staff", menu_label: |t| t.nav_staff, title: |t| t.staff_title, in_page_menu: true, in_kiosk_menu: true, at_kiosk: true, takes_post: false, starts_app: false, defers_app: false, private: false, shown_with: |s| s.staff_survey.is_some() },
    ScreenEntry { screen: Screen::Voices, path: "/voices", menu_label: |t| t.nav_voices, title: |t| t.voices_title, in_page_menu: true, in_kiosk_menu: true, at_kiosk: true, takes_post: false, starts_app: false, defers_app: false, private: false, shown_with: always },
    ScreenEntry { screen: Screen::MyVoice, path: feedback::FOLLOW_PATH_PREFIX, menu_label: |t| t.my_voice_title, title: |t| t.my_voice_title, in_page_menu: false, in_kiosk_menu: false, at_kiosk: false, takes_post: false, starts_app: false, defers_app: false, private: true, shown_with: always },
    ScreenEntry { screen: Screen::Feedback, path: "/feedback", menu_label: |t| t.nav_feedback, title: |t| t.feedback_title, in_page_menu: true, in_kiosk_menu: false, at_kiosk: false, takes_post: true, starts_app: true, defers_app: true, private: false, shown_with: always },
];

impl ScreenEntry {
    /// The menu's name for it; at a kiosk the start is the counter survey.
    pub fn label(&self, kiosk: bool, t: &crate::Strings) -> &'static str {
        if kiosk && self.screen == Screen::Start {
            t.kiosk_title
        } else {
            (self.menu_label)(t)
        }
    }

    pub fn in_menu(&self, kiosk: bool) -> bool {
        if kiosk {
            self.in_kiosk_menu
        } else {
            self.in_page_menu
        }
    }
}

/// The table's entry for a screen (`None` for `NotFound`).
pub fn entry(screen: Screen) -> Option<&'static ScreenEntry> {
    SCREENS.iter().find(|e| e.screen == screen)
}

/// The full widget's pages, as its menu lists them: what a static export writes, the sitemap
/// lists and a preview image or QR code can be made for.
pub fn page_paths() -> impl Iterator<Item = &'static str> {
    SCREENS.iter().filter(|e| e.in_page_menu).map(|e| e.path)
}

/// Whether `s` has what `screen` shows (a screen outside the table, `NotFound`, always).
pub fn offered(screen: Screen, s: &snapshot::Snapshot) -> bool {
    entry(screen).is_none_or(|e| (e.shown_with)(s))
}

/// The pages of a publication: those of [`page_paths`] it has the data for.
pub fn page_paths_of(s: &snapshot::Snapshot) -> impl Iterator<Item = &'static str> + '_ {
    SCREENS.iter().filter(move |e| e.in_page_menu && (e.shown_with)(s)).map(|e| e.path)
}

/// The table as JSON, one object per screen with its path and where it is offered, for the
/// browser tests and benchmarks (`widget-server screens`), so they visit what the widget has.
pub fn screens_json() -> String {
    let rows: Vec<serde_json::Value> = SCREENS
        .iter()
        .map(|e| {
            serde_json::json!({
                "path": e.path,
                "in_page_menu": e.in_page_menu,
                "in_kiosk_menu": e.in_kiosk_menu,
                "at_kiosk": e.at_kiosk,
                "takes_post": e.takes_post,
                "starts_app": e.starts_app,
                "defers_app": e.defers_app,
                "private": e.private,
            })
        })
        .collect();
    serde_json::Value::Array(rows).to_string()
}

/// The screen for a path; a trailing slash and a language folder are forgiven, anything else
/// unknown is `NotFound`.
pub fn screen_for(path: &str) -> Screen {
    // A private page answers only at its own address: no language folder, something after
    // the prefix, nothing after that.
    if let Some(e) = SCREENS.iter().find(|e| {
        e.private
            && path
                .strip_prefix(e.path)
                .is_some_and(|rest| !rest.is_empty() && !rest.contains('/'))
    }) {
        return e.screen;
    }
    let path = split_locale_prefix(path).1;
    let path = if path.len() > 1 { path.trim_end_matches('/') } else { path };
    let path = if path.is_empty() { "/" } else { path };
    SCREENS.iter().find(|e| e.path == path).map_or(Screen::NotFound, |e| e.screen)
}

/// The tab's title: the screen's name, then the city (where the publication names one) and the plan.
pub fn page_title(screen_name: &str, city: Option<&str>, t: &crate::Strings) -> String {
    format!("{screen_name}｜{}", crate::city::site_name(city, t))
}

/// The screen a kiosk shows for `screen`: those not offered there are not found.
pub fn at_kiosk(screen: Screen, kiosk: bool) -> Screen {
    match entry(screen) {
        Some(e) if kiosk && !e.at_kiosk => Screen::NotFound,
        _ => screen,
    }
}

/// The name of a screen (for the title), as each screen's own heading calls it.
pub fn screen_name(screen: Screen, kiosk: bool, embed: bool, t: &crate::Strings) -> &'static str {
    let screen = at_kiosk(screen, kiosk);
    match entry(screen) {
        _ if embed => t.app_name,
        Some(e) if kiosk && screen == Screen::Start => e.label(true, t),
        Some(e) => (e.title)(t),
        None => t.not_found_title,
    }
}

/// What the page knows about a click on a link.
#[derive(Debug, Default)]
pub struct LinkClick<'a> {
    /// Any of Ctrl, Meta, Shift or Alt held, or not the main button: the reader wants a new tab,
    /// a new window or a download.
    pub modified: bool,
    /// The link has a `download` attribute or a `target` other than `_self`.
    pub download_or_target: bool,
    pub link_origin: &'a str,
    pub page_origin: &'a str,
    /// Path and query of the link and of the page now, and the link's `#fragment` ("" if none).
    pub link_path_and_query: &'a str,
    pub page_path_and_query: &'a str,
    pub link_hash: &'a str,
}

/// The app shows the link's screen itself (no page load) only for a plain click on a link to
/// another screen of this origin. Other origins, downloads, new tabs and in-page anchors
/// (the skip link) are left to the browser.
pub fn handle_in_app(click: &LinkClick) -> bool {
    let in_page_anchor = click.link_path_and_query == click.page_path_and_query && !click.link_hash.is_empty();
    // A private page is drawn by the server alone: the browser loads it.
    let (path, query) = click.link_path_and_query.split_once('?').unwrap_or((click.link_path_and_query, ""));
    let private = entry(screen_for(path)).is_some_and(|e| e.private);
    // The ふりがな switch: the readings come with the page the server sends.
    let readings = crate::request::Params::parse(query).furigana.is_some();
    !click.modified && !click.download_or_target && click.link_origin == click.page_origin && !in_page_anchor && !private && !readings
}

/// The `aria-current="page"` rule for menu links: the link's path (without query) is the page's.
pub fn is_current(link_href: &str, page_path: &str) -> bool {
    let link_path = link_href.split(['?', '#']).next().unwrap_or("");
    screen_for(link_path) != Screen::NotFound && screen_for(link_path) == screen_for(page_path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_as_json_lists_every_screen_with_where_it_is_offered() {
        let rows: Vec<serde_json::Value> = serde_json::from_str(&screens_json()).unwrap();
        let paths: Vec<&str> = rows.iter().map(|r| r["path"].as_str().unwrap()).collect();
        assert_eq!(paths, SCREENS.iter().map(|e| e.path).collect::<Vec<_>>());
        let pages: Vec<&str> = rows
            .iter()
            .filter(|r| r["in_page_menu"] == true)
            .map(|r| r["path"].as_str().unwrap())
            .collect();
        assert_eq!(pages, page_paths().collect::<Vec<_>>(), "the pages the sitemap lists");
        let feedback = rows.iter().find(|r| r["path"] == "/feedback").unwrap();
        assert_eq!(
            (feedback["starts_app"].as_bool(), feedback["at_kiosk"].as_bool()),
            (Some(true), Some(false))
        );
    }

    #[test]
    fn every_route_has_its_screen_and_unknown_paths_are_not_found() {
        assert_eq!(screen_for("/"), Screen::Start);
        assert_eq!(screen_for(""), Screen::Start);
        assert_eq!(screen_for("/home"), Screen::Home);
        assert_eq!(screen_for("/plan"), Screen::Plan);
        assert_eq!(screen_for("/plan/"), Screen::Plan);
        assert_eq!(screen_for("/results"), Screen::Results);
        assert_eq!(screen_for("/indicators"), Screen::Indicators);
        assert_eq!(screen_for("/counter"), Screen::Counter);
        assert_eq!(screen_for("/konbini"), Screen::Konbini);
        assert_eq!(screen_for("/staff"), Screen::Staff);
        assert_eq!(screen_for("/feedback"), Screen::Feedback);
        assert_eq!(screen_for("/no-such-page"), Screen::NotFound);
        assert_eq!(screen_for("/plan/extra"), Screen::NotFound);
        assert_eq!(screen_for("/PLAN"), Screen::NotFound);
    }

    #[test]
    fn a_private_page_answers_only_at_its_own_address_and_the_browser_loads_it() {
        let token = "ab".repeat(32);
        assert_eq!(screen_for(&format!("/voices/mine/{token}")), Screen::MyVoice);
        for other in [
            "/voices/mine",
            "/voices/mine/",
            &format!("/en/voices/mine/{token}"),
            &format!("/voices/mine/{token}/x"),
        ] {
            assert_eq!(screen_for(other), Screen::NotFound, "{other}");
        }
        assert!(
            !handle_in_app(&click(&format!("/voices/mine/{token}"), "/feedback", "")),
            "the server draws it from its store"
        );
        assert!(!handle_in_app(&click(&format!("/voices/mine/{token}?lang=en"), "/feedback", "")));
        let private: Vec<_> = SCREENS
            .iter()
            .filter(|e| e.private)
            .map(|e| {
                (
                    e.screen,
                    e.in_page_menu || e.in_kiosk_menu || e.at_kiosk || e.starts_app || e.takes_post,
                )
            })
            .collect();
        assert_eq!(
            private,
            [(Screen::MyVoice, false)],
            "in no menu, export or sitemap, never at a kiosk, no app, no post"
        );
    }

    fn click<'a>(link: &'a str, page: &'a str, hash: &'a str) -> LinkClick<'a> {
        LinkClick {
            link_origin: "https://a.example",
            page_origin: "https://a.example",
            link_path_and_query: link,
            page_path_and_query: page,
            link_hash: hash,
            ..Default::default()
        }
    }

    #[test]
    fn the_table_lists_each_screen_once_and_the_pages_in_menu_order() {
        for e in &SCREENS {
            let address = if e.private {
                format!("{}0123abcd", e.path)
            } else {
                e.path.to_string()
            };
            assert_eq!(screen_for(&address), e.screen, "{}", e.path);
            assert_eq!(
                SCREENS.iter().filter(|o| o.screen == e.screen || o.path == e.path).count(),
                1,
                "{}",
                e.path
            );
        }
        assert_eq!(
            page_paths().collect::<Vec<_>>(),
            [
                "/",
                "/plan",
                "/results",
                "/indicators",
                "/counter",
                "/konbini",
                "/staff",
                "/voices",
                "/feedback"
            ]
        );
        let kiosk_menu: Vec<_> = SCREENS.iter().filter(|e| e.in_menu(true)).map(|e| e.path).collect();
        assert_eq!(
            kiosk_menu,
            [
                "/",
                "/home",
                "/plan",
                "/results",
                "/indicators",
                "/counter",
                "/konbini",
                "/staff",
                "/voices"
            ]
        );
        let posts: Vec<_> = SCREENS.iter().filter(|e| e.takes_post).map(|e| e.screen).collect();
        assert_eq!(posts, [Screen::Start, Screen::Feedback]);
        let apps: Vec<_> = SCREENS.iter().filter(|e| e.starts_app).map(|e| e.screen).collect();
        assert_eq!(apps, [Screen::Feedback], "every other screen is for reading");
        let t = crate::strings(crate::Locale::Ja);
        assert_eq!(screen_name(Screen::Start, true, false, t), t.kiosk_title);
        assert_eq!(screen_name(Screen::Konbini, false, false, t), t.konbini_title);
        assert_eq!(screen_name(Screen::Feedback, true, false, t), t.not_found_title);
    }

    #[test]
    fn a_kiosk_offers_no_general_form() {
        assert_eq!(at_kiosk(Screen::Feedback, true), Screen::NotFound);
        assert_eq!(at_kiosk(Screen::Feedback, false), Screen::Feedback);
        assert_eq!(at_kiosk(Screen::Start, true), Screen::Start);
    }

    #[test]
    fn a_static_exports_language_folders_show_the_same_screens() {
        use crate::Locale;
        assert_eq!(screen_for("/en/plan/"), Screen::Plan);
        assert_eq!(screen_for("/ja-easy/"), Screen::Start);
        assert_eq!(screen_for("/en"), Screen::Start);
        assert_eq!(screen_for("/english/plan"), Screen::NotFound);
        assert_eq!(split_locale_prefix("/en/konbini"), (Some(Locale::En), "/konbini"));
        assert_eq!(split_locale_prefix("/plan"), (None, "/plan"));
        assert_eq!(static_path(Locale::En, "/plan"), "/en/plan/");
        assert_eq!(static_path(Locale::JaEasy, "/"), "/ja-easy/");
        assert_eq!(static_path(Locale::Ja, "/plan"), "/plan");
    }

    #[test]
    fn plain_clicks_to_other_screens_stay_in_the_app() {
        assert!(handle_in_app(&click("/plan", "/", "")));
        assert!(handle_in_app(&click("/feedback?topic=x", "/feedback", "")));
        // The same screen again (a menu link to the page you are on) does not reload the page.
        assert!(handle_in_app(&click("/plan", "/plan", "")));
    }

    #[test]
    fn the_browser_keeps_anchors_other_origins_downloads_and_new_tabs() {
        assert!(!handle_in_app(&click("/plan", "/plan", "#main")), "skip link");
        assert!(
            !handle_in_app(&click("/plan?furigana=on", "/plan", "")),
            "the readings come with a page from the server"
        );
        assert!(!handle_in_app(&LinkClick {
            link_origin: "https://b.example",
            ..click("/", "/", "")
        }));
        assert!(!handle_in_app(&LinkClick {
            modified: true,
            ..click("/plan", "/", "")
        }));
        assert!(!handle_in_app(&LinkClick {
            download_or_target: true,
            ..click("/plan", "/", "")
        }));
    }

    #[test]
    fn the_current_menu_link_is_the_page_shown() {
        assert!(is_current("/plan", "/plan"));
        assert!(is_current("/", "/"));
        assert!(!is_current("/", "/plan"));
        assert!(!is_current("/home", "/"));
        assert!(is_current("/feedback?topic=x", "/feedback"));
        assert!(!is_current("/nowhere", "/elsewhere"));
    }

    #[test]
    fn a_screen_without_its_data_is_not_offered() {
        let mut s = crate::screens::home::tests::seed();
        assert!(offered(Screen::Konbini, &s));
        assert_eq!(page_paths_of(&s).collect::<Vec<_>>(), page_paths().collect::<Vec<_>>());
        s.konbini_certificates = None;
        assert!(!offered(Screen::Konbini, &s), "no series, no screen");
        assert!(offered(Screen::Counter, &s) && offered(Screen::NotFound, &s));
        assert!(!page_paths_of(&s).any(|p| p == "/konbini"), "nor a page to export or list");
        assert_eq!(page_paths_of(&s).count(), page_paths().count() - 1);
    }
}
