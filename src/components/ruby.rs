//! A text with readings (｜市役所《しやくしょ》, snapshot::ruby) shown as `<ruby>`: built from
//! text nodes, so nothing from the data is ever parsed as HTML. A text without readings renders
//! as the plain text it is (the other languages, most fields).

use leptos::prelude::*;
use snapshot::ruby::{has_notation, parse, Piece};

/// `text` on screen, its readings above their kanji. `<rp>` keeps them readable, in brackets,
/// where ruby is not supported (a text browser, some screen readers' plain-text modes).
pub fn ruby(text: impl AsRef<str>) -> AnyView {
    let text = text.as_ref();
    if !has_notation(text) {
        return text.to_string().into_any();
    }
    match parse(text) {
        Ok(pieces) => pieces
            .into_iter()
            .map(|piece| match piece {
                Piece::Text(t) => t.to_string().into_any(),
                Piece::Ruby { base, reading } => {
                    view! { <ruby>{base.to_string()}<rp>"（"</rp><rt>{reading.to_string()}</rt><rp>"）"</rp></ruby> }.into_any()
                }
            })
            .collect_view()
            .into_any(),
        // The checker refuses broken notation before it is published; shown as written if not.
        Err(_) => text.to_string().into_any(),
    }
}
