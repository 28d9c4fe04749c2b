//! The ふりがな switch: readings over every kanji of a page in Japanese, where the server can
//! give them (`snapshot::readings`). The last link of the language switch, and on an embedded
//! card below its link to the widget.

use leptos::prelude::*;
use view_models::request::furigana_href;
use view_models::Locale;

use crate::i18n::{use_locale, use_strings};
use crate::navigation::use_address;
use crate::request::use_request;

/// ふりがな on or off: a plain link, so the server sends the page with (or without) its readings
/// and remembers the choice in a cookie. Hidden while the page is in another language. Nothing
/// at all where no readings can be given, so such a page is the page of a widget without them.
pub fn furigana_switch() -> Option<AnyView> {
    if !snapshot::readings::offered() {
        return None;
    }
    let locale = use_locale();
    let t = use_strings();
    let first = use_request();
    let address = use_address();
    let href = move || {
        let path = address.map(|a| a.path()).unwrap_or_else(|| first.path.clone());
        furigana_href(&path, &first, locale.get() != Locale::JaFurigana)
    };
    Some(
        view! {
            <a class="furigana-switch" href=href lang="ja" hidden=move || locale.get().language() != Locale::Ja>
                {move || if locale.get() == Locale::JaFurigana { t().furigana_hide } else { t().furigana_show }}
            </a>
        }
        .into_any(),
    )
}
