//! 「このグラフを埋め込む」: a disclosure with the one-line snippet a CMS editor pastes, and a
//! copy button. A `<details>` opens without script; the copy button is the app's, or on a
//! reading screen public/read.js's (it finds the button by `data-copy`).
//! The snippet is text in a `<pre>`, selected whole by one click, not a read-only field: a form
//! field inside a closed disclosure costs Chromium forced layouts of that hidden box when parsing
//! ends, four per field (measured: 36 on /indicators; docs/decisions.md).

use leptos::prelude::*;
use view_models::screens::contexts::embed_snippet;
use view_models::Strings;

#[component]
pub fn EmbedDialog(card: String, title: String, t: &'static Strings) -> impl IntoView {
    let copied = RwSignal::new(false);
    let origin = crate::request::use_request().origin;
    let locale = crate::i18n::use_locale().get_untracked();
    let shown = crate::data::shown_snapshot();
    let title = match shown.as_deref().and_then(|s| view_models::city::name(s, locale)) {
        Some(city) => t.embed_snippet_title(&title, &city).into_owned(),
        None => title,
    };
    let snippet = embed_snippet(&origin, &card, &title);
    let snippet_for_copy = snippet.clone();
    let snippet_id = format!("embed-code-{card}");
    let copy_from = snippet_id.clone();
    let copy = move |_| {
        if let Some(clipboard) = crate::browser::window().map(|w| w.navigator().clipboard()) {
            let _ = clipboard.write_text(&snippet_for_copy);
            copied.set(true);
        }
    };
    view! {
        <details class="embed-share">
            <summary class="button button--secondary embed-button">{t.embed_button}</summary>
            <div class="embed-share__body">
                <p class="embed-share__title">{t.embed_title}</p>
                <p>{t.embed_help}</p>
                <pre id=snippet_id class="embed-code"><code>{snippet}</code></pre>
                <div class="actions">
                    <button type="button" class="button" data-copy=copy_from data-copied=t.embed_copied on:click=copy>{t.embed_copy}</button>
                    <span role="status" data-copy-status="">{move || copied.get().then_some(t.embed_copied)}</span>
                </div>
            </div>
        </details>
    }
}
