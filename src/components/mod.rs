//! Thin, reusable pieces of the screens: layout, the data gate, charts and small widgets.

pub mod charts;
pub mod continue_qr;
pub mod downloads;
pub mod embed_dialog;
pub mod error_summary;
pub mod fields;
pub mod furigana_switch;
pub mod history;
pub mod indicator_card;
pub mod kept_fields;
pub mod layout;
pub mod loaded;
pub mod print_header;
pub mod receipt;
pub mod ruby;
pub mod skeleton;
pub mod text_size;

/// Text for a `<textarea>`'s initial content, escaped here: Leptos writes a textarea's children
/// into the server's HTML unescaped, so `</textarea>` in a posted message would end the element.
pub fn textarea_text(text: &str) -> String {
    view_models::escape::escape_html(text)
}
