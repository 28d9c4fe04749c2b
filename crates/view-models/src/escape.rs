//! Text made safe where it goes: into HTML or XML we write by hand (the server's head tags, the
//! feed, the staff pages, the embed snippet), and into an address.

/// Text made safe for HTML (and XML) text and attribute values (`&`, `<`, `>`, `"`).
pub fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Percent-encodes everything but RFC 3986's unreserved characters (safe in any URL part).
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
