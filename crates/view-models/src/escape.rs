//! Text made safe where it goes: into HTML or XML we write by hand (the server's head tags, the
//! feed, the staff pages, the embed snippet), and into an address.

/// Text made safe for HTML (and XML) text and attribute values (`&`, `<`, `>`, `"`).
pub fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Everything but RFC 3986's unreserved characters (`A–Z a–z 0–9 - _ . ~`).
const NOT_UNRESERVED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encodes everything but RFC 3986's unreserved characters, so the text is safe in any
/// part of an address (a query value, a `data:` address, where `+` would not be a space).
pub fn percent_encode(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, NOT_UNRESERVED).to_string()
}
