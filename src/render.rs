//! Server rendering: one page request to a whole HTML document, with the same components the
//! browser hydrates. The snapshot the page was rendered from travels in the page as data (a
//! `<script type="application/json">` that is never executed), so the strict Content-Security-
//! Policy needs no inline script and the browser does not download the snapshot again.

use std::sync::{Arc, Once};

use futures::StreamExt;
use hydration_context::{SerializedDataId, SharedContext, SsrSharedContext};
use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;
use view_models::escape::escape_html;
use view_models::request::PageRequest;
use view_models::route::Screen;
use view_models::strings;

use crate::data::ServerData;
use crate::forms::PostedForm;
use crate::App;

/// What one page needs besides its request.
#[derive(Clone, Debug, Default)]
pub struct PageOptions {
    /// The language cookie's value, if the reader has one.
    pub lang_cookie: Option<String>,
    /// The ふりがな switch's cookie, if the reader has one (readings are given only where
    /// `snapshot::readings` has a marker: a server with its dictionary).
    pub furigana_cookie: Option<String>,
    /// The answer to a form posted without script.
    pub posted: Option<PostedForm>,
    /// Whether the page may load the app (a posted form's answer needs none: it is complete as
    /// HTML). It does where the screen table says the app starts (a form, a kiosk); a reading
    /// screen takes only `read.js`.
    pub hydrate: bool,
    /// The app starts on every screen, reading ones too: a static export's pages, which the app
    /// moves to a newer publication (no server renders them again).
    pub app_on_every_screen: bool,
    /// The licence the city publishes its figures under, for the dataset description.
    pub data_license: Option<String>,
    /// A private page's message, as the server's store found it for the page's token (`None`:
    /// not found, and the page says so with a 404).
    pub followed: Option<view_models::screens::my_voice::FollowedVoice>,
}

pub struct RenderedPage {
    pub html: String,
    /// 404 for an unknown address, else 200.
    pub status: u16,
    /// The same for every reader of its address and language, so it may be kept and shared;
    /// false when the page carries something of its own (a form's idempotency key).
    pub shareable: bool,
}

/// Set by what a page renders that is for one reader only (`outbox::new_key`): such a page is
/// never kept or shared. Decided while rendering, not by searching the HTML afterwards.
#[derive(Clone, Default)]
pub struct PageMarks(Arc<std::sync::atomic::AtomicBool>);

impl PageMarks {
    pub fn not_shareable(&self) {
        self.0.store(true, std::sync::atomic::Ordering::Relaxed);
    }

    fn shareable(&self) -> bool {
        !self.0.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// The `Content-Security-Policy` also written into each page, for static hosting where the
/// server sends no header (`frame-ancestors` only works as a header).
pub const PAGE_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

/// Renders the page for `request` from the published files in `data`.
pub async fn render_page(request: PageRequest, data: ServerData, options: PageOptions) -> RenderedPage {
    static EXECUTOR: Once = Once::new();
    EXECUTOR.call_once(|| {
        let _ = any_spawner::Executor::init_tokio();
    });
    let offered = snapshot::readings::offered();
    let locale = request.locale_shown(options.lang_cookie.as_deref(), options.furigana_cookie.as_deref(), offered);
    let furigana_chosen = request.furigana(options.furigana_cookie.as_deref());
    let t = strings(locale);
    // What the page shows (kept per publication by `files::load`): its city names the page.
    let loaded = crate::data::files::load(&data, request.params.data.as_deref(), request.params.asof.as_deref());
    let shown_snapshot = match &loaded {
        crate::data::LoadState::Ready { snapshot, .. } => Some(snapshot.clone()),
        crate::data::LoadState::Failed(_) => None,
    };
    let city = shown_snapshot.as_deref().and_then(|s| view_models::city::name(s, locale));
    let shown = request.resolve(t, city.as_deref());
    let private = view_models::route::entry(shown.screen).is_some_and(|e| e.private);
    // A screen this publication has no data for (no konbini series) is not found, as the app
    // shows it (`Loaded`).
    let without_data = !shown.embed()
        && shown_snapshot
            .as_deref()
            .is_some_and(|s| !view_models::route::offered(shown.screen, s));
    // A private page without its message is not found.
    let status = if (private && options.followed.is_none()) || without_data {
        404
    } else {
        shown.status
    };
    let title = if private && status == 404 {
        view_models::route::page_title(t.my_voice_not_found_title, city.as_deref(), t)
    } else if without_data {
        view_models::route::page_title(t.not_found_title, city.as_deref(), t)
    } else {
        shown.title.clone()
    };
    let (kiosk, embed, screen, not_found) = (shown.kiosk(), shown.embed(), shown.screen, status == 404);

    // One reader's page is for nobody else: no address to share, nothing for search engines.
    let share = if private {
        "<meta name=\"robots\" content=\"noindex, nofollow\">\n".to_string()
    } else {
        share_head(
            &request,
            &loaded,
            screen,
            locale,
            &title,
            not_found,
            options.data_license.as_deref(),
        )
    };
    let shared = Arc::new(SsrSharedContext::new());
    let owner = Owner::new_root(Some(shared.clone() as Arc<dyn SharedContext + Send + Sync>));
    let posted = options.posted.clone();
    let followed = crate::routes::my_voice::Followed(options.followed.clone());
    let marks = PageMarks::default();
    let page_marks = marks.clone();
    let stream = owner.with(move || {
        provide_context(data);
        provide_context(page_marks);
        if let Some(p) = posted {
            provide_context(p);
        }
        provide_context(followed);
        view! { <App request locale/> }.to_html_stream_in_order()
    });
    let body: String = stream.collect::<Vec<String>>().await.concat();
    let resolved = shared.consume_buffers().await;
    drop(owner);

    let class = if kiosk {
        " class=\"kiosk\""
    } else if embed {
        " class=\"embedded\""
    } else {
        ""
    };
    // An embedded card is complete as rendered and never takes the app: only its height script
    // (public/card.js), and no data for an app to take over with (docs/decisions.md). A reading
    // screen takes no app either: the few conveniences it has are plain script (public/read.js).
    let app = options.hydrate && !embed && (shown.starts_app || options.app_on_every_screen);
    let boot = if embed {
        "<script type=\"module\" src=\"/card.js\"></script>\n"
    } else if !options.hydrate {
        ""
    } else if app && shown.defers_app && !options.app_on_every_screen {
        // A form: its app starts when the reader begins to write (form.js), not for reading it.
        "<script type=\"module\" src=\"/form.js\"></script>\n"
    } else if app {
        // No preload of the app: the page is complete without it, so its download waits until
        // the figures are painted (boot.js) instead of competing with them.
        "<script type=\"module\" src=\"/boot.js\"></script>\n"
    } else {
        "<script type=\"module\" src=\"/read.js\"></script>\n"
    };
    // The app shows what the server showed: with ふりがな, the readings of every text it may show.
    // A reader who chose them has them on a page in another language too, for the switch back.
    let readings_script = if app && offered {
        let known = if locale == view_models::Locale::JaFurigana || furigana_chosen {
            readings_for_app(&resolved)
        } else {
            "{}".into()
        };
        format!(
            "<script type=\"application/json\" id=\"{}\">{known}</script>",
            crate::data::READINGS_ID
        )
    } else {
        String::new()
    };
    let data_script = if app {
        format!(
            "<script type=\"application/json\" id=\"{}\">{}</script>{readings_script}",
            crate::data::PAGE_DATA_ID,
            page_data(resolved)
        )
    } else {
        String::new()
    };
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\" data-locale=\"{code}\"{class}>\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n<meta name=\"referrer\" content=\"{referrer}\">\n<meta name=\"color-scheme\" content=\"light dark\">\n<meta name=\"description\" content=\"{description}\">\n<title>{title}</title>\n{share}<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\n<link rel=\"stylesheet\" href=\"/style.css\">\n{accent}{boot}</head>\n<body><div id=\"app\">{body}</div>{data_script}</body>\n</html>\n",
        lang = locale.html_lang(),
        code = locale.page_code(),
        csp = PAGE_CSP,
        // A private page's address is its secret: not even this site's own requests carry it.
        referrer = if private { "no-referrer" } else { "strict-origin-when-cross-origin" },
        description = escape_html(&view_models::city::description(shown_snapshot.as_deref(), locale)),
        // The city's colour for links and buttons, where it has one (a file: the policy takes no
        // style in the page).
        accent = shown_snapshot
            .as_deref()
            .and_then(view_models::city::accent_file)
            .map(|file| format!("<link rel=\"stylesheet\" href=\"{}{file}\">\n", view_models::city::FILES))
            .unwrap_or_default(),
        title = escape_html(&title),
    );
    RenderedPage {
        html,
        status,
        shareable: marks.shareable() && !private,
    }
}

/// What a shared link, a feed reader and a search engine read in the head: the canonical address
/// and its other languages, the feed, and the Open Graph and Twitter card tags with the screen's
/// headline figure and its preview image.
fn share_head(
    request: &PageRequest,
    loaded: &crate::data::LoadState,
    screen: Screen,
    locale: view_models::Locale,
    title: &str,
    not_found: bool,
    license: Option<&str>,
) -> String {
    use view_models::Locale;
    if not_found {
        return String::new();
    }
    let t = strings(locale);
    let e = |s: &str| escape_html(s);
    let canonical = request.canonical_url_in(locale);
    let mut head = format!("<link rel=\"canonical\" href=\"{}\">\n", e(&canonical));
    for l in Locale::ALL {
        head += &format!(
            "<link rel=\"alternate\" hreflang=\"{}\" href=\"{}\">\n",
            l.hreflang(),
            e(&request.canonical_url_in(l))
        );
    }
    head += &format!(
        "<link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\">\n",
        e(&request.canonical_url_in(Locale::Ja))
    );
    let lang_q = if locale == Locale::Ja {
        String::new()
    } else {
        format!("?lang={}", locale.code())
    };
    head += &format!(
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"{}\" href=\"/feed.xml{lang_q}\">\n",
        e(t.app_name)
    );
    let shown = match loaded {
        crate::data::LoadState::Ready { snapshot, .. } => Some(snapshot.as_ref()),
        crate::data::LoadState::Failed(_) => None,
    };
    let description = shown
        .and_then(|s| view_models::screens::share::description(screen, s, locale))
        .unwrap_or_else(|| view_models::city::description(shown, locale));
    let path = view_models::route::split_locale_prefix(&request.path).1.trim_end_matches('/');
    let image = format!(
        "{}/og/{}.png{lang_q}",
        request.origin,
        if path.is_empty() { "home" } else { path.trim_start_matches('/') }
    );
    let og_locale = if locale == Locale::En { "en_US" } else { "ja_JP" };
    let site = view_models::city::site_name(shown.and_then(|s| view_models::city::name(s, locale)).as_deref(), t);
    head += &format!(
        "<meta property=\"og:type\" content=\"website\">\n<meta property=\"og:site_name\" content=\"{}\">\n<meta property=\"og:title\" content=\"{}\">\n<meta property=\"og:description\" content=\"{}\">\n<meta property=\"og:url\" content=\"{}\">\n<meta property=\"og:locale\" content=\"{og_locale}\">\n<meta property=\"og:image\" content=\"{}\">\n<meta property=\"og:image:type\" content=\"image/png\">\n<meta property=\"og:image:width\" content=\"1200\">\n<meta property=\"og:image:height\" content=\"630\">\n<meta property=\"og:image:alt\" content=\"{}\">\n<meta name=\"twitter:card\" content=\"summary_large_image\">\n",
        e(&site),
        e(title),
        e(&description),
        e(&canonical),
        e(&image),
        e(&description),
    );
    // The published figures as a dataset for search engines: data, never executed, so the CSP
    // (script-src 'self') does not apply to it. Not for a staff preview's unpublished files.
    if let (
        crate::data::LoadState::Ready {
            snapshot,
            preview: false,
            history: Some(history),
            ..
        },
        None,
    ) = (loaded, request.params.data.clone())
    {
        if let Some(entry) = history.entries.iter().find(|e| e.id == history.shown) {
            let facts = view_models::screens::share::DatasetFacts {
                origin: &request.origin,
                url: &canonical,
                description: &description,
                file: &entry.file,
                license,
            };
            head += &format!(
                "<script type=\"application/ld+json\">{}</script>\n",
                view_models::screens::share::dataset_json_ld(snapshot, &facts, locale)
            );
        }
        // The latest publication, named so a reading screen's script (public/read.js) can tell
        // a page kept from before the next one.
        if history.shown == history.latest {
            head += &format!("<meta name=\"reform-widget:snapshot\" content=\"{}\">\n", e(&history.shown));
        }
    }
    head
}

/// The readings of every Japanese text the app may show on this page (the interface's strings,
/// each `ja` of the data the page carries, the city's offices among them), as a JSON object from text to
/// text with readings: only those with readings to add. `<` is escaped as in [`page_data`].
fn readings_for_app(resolved: &[(SerializedDataId, String)]) -> String {
    let data: Vec<serde_json::Value> = resolved.iter().filter_map(|(_, v)| serde_json::from_str(v).ok()).collect();
    let mut all: Vec<&str> = strings(view_models::Locale::Ja).all().into_iter().map(|(_, text)| text).collect();
    all.extend(data.iter().flat_map(snapshot::readings::japanese_texts).map(|(_, text)| text));
    let known: std::collections::BTreeMap<&str, String> = all
        .into_iter()
        .filter_map(|text| match snapshot::readings::mark(text) {
            std::borrow::Cow::Owned(marked) => Some((text, marked)),
            std::borrow::Cow::Borrowed(_) => None,
        })
        .collect();
    serde_json::to_string(&known)
        .unwrap_or_else(|_| "{}".into())
        .replace('<', "\\u003c")
}

/// `__RESOLVED_RESOURCES[id]` in the browser. Each value is JSON (Leptos's JSON codec), so it
/// is written as JSON, not as a string of JSON (no second escaping: a smaller page); boot.js
/// turns each back into the string Leptos reads. `<` is escaped, so the data can never close
/// its element; a value that is not JSON is left out (the browser then loads it itself).
fn page_data(resolved: Vec<(SerializedDataId, String)>) -> String {
    let mut values: Vec<String> = Vec::new();
    for (id, value) in resolved {
        let id = id.into_inner();
        if values.len() <= id {
            values.resize(id + 1, "null".into());
        }
        if serde_json::from_str::<&serde_json::value::RawValue>(&value).is_ok() {
            values[id] = value;
        }
    }
    format!("[{}]", values.join(",")).replace('<', "\\u003c")
}
