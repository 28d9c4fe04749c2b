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

/// The screen for a path; a trailing slash and a language folder are forgiven, anything else
/// unknown is `NotFound`.
pub fn screen_for(path: &str) -> Screen {
    let path = split_locale_prefix(path).1;
    let path = if path.len() > 1 { path.trim_end_matches('/') } else { path };
    match path {
        "" | "/" => Screen::Start,
        "/home" => Screen::Home,
        "/plan" => Screen::Plan,
        "/results" => Screen::Results,
        "/indicators" => Screen::Indicators,
        "/counter" => Screen::Counter,
        "/konbini" => Screen::Konbini,
        "/staff" => Screen::Staff,
        "/feedback" => Screen::Feedback,
        _ => Screen::NotFound,
    }
}

/// The tab's title: the screen's name, then the city and the plan.
pub fn page_title(screen_name: &str, t: &crate::Strings) -> String {
    format!("{screen_name}｜{} {}", t.city, t.app_name)
}

/// The screen a kiosk shows for `screen`: the general form (it asks for contact details) is
/// not offered there.
pub fn at_kiosk(screen: Screen, kiosk: bool) -> Screen {
    if kiosk && screen == Screen::Feedback {
        Screen::NotFound
    } else {
        screen
    }
}

/// The name of a screen (for the title), as each screen's own heading calls it.
pub fn screen_name(screen: Screen, kiosk: bool, embed: bool, t: &crate::Strings) -> &'static str {
    match at_kiosk(screen, kiosk) {
        _ if embed => t.app_name,
        Screen::Start if kiosk => t.kiosk_title,
        Screen::Start | Screen::Home => t.nav_home,
        Screen::Plan => t.plan_title,
        Screen::Results => t.results_title,
        Screen::Indicators => t.indicators_title,
        Screen::Counter => t.counter_title,
        Screen::Konbini => t.konbini_title,
        Screen::Staff => t.staff_title,
        Screen::Feedback => t.feedback_title,
        Screen::NotFound => t.not_found_title,
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
    !click.modified && !click.download_or_target && click.link_origin == click.page_origin && !in_page_anchor
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

    fn click<'a>(link: &'a str, page: &'a str, hash: &'a str) -> LinkClick<'a> {
        LinkClick { link_origin: "https://a.example", page_origin: "https://a.example", link_path_and_query: link, page_path_and_query: page, link_hash: hash, ..Default::default() }
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
        assert!(!handle_in_app(&LinkClick { link_origin: "https://b.example", ..click("/", "/", "") }));
        assert!(!handle_in_app(&LinkClick { modified: true, ..click("/plan", "/", "") }));
        assert!(!handle_in_app(&LinkClick { download_or_target: true, ..click("/plan", "/", "") }));
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
}
