//! A city's logo: the text of an SVG image that draws and does nothing else. The checker takes
//! only what it knows to be inert (shapes, paths, text, gradients, clipping; references inside the
//! image), so a logo can carry no script and load nothing from elsewhere, whoever sent it, and
//! the pages show it as an `<img>` besides. `view_box` is read everywhere (an image's size);
//! the allowlist needs an XML parser, so only the publishers' checker and the server run it.

/// Longest logo, in characters: a logo's SVG is a few kilobytes, and a spreadsheet cell holds
/// at most 32,767 characters.
pub const MAX_LOGO_CHARS: usize = 30_000;

/// The width and height of the logo's `viewBox`, from its root `<svg>` start tag (after an XML
/// declaration and comments): what the page needs to keep the image's place before it arrives.
pub fn view_box(svg: &str) -> Option<(f64, f64)> {
    let mut rest = svg.trim_start_matches('\u{feff}').trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("<?") {
            rest = after.split_once("?>")?.1.trim_start();
        } else if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.split_once("-->")?.1.trim_start();
        } else {
            break;
        }
    }
    let mut tag = rest.strip_prefix("<svg")?;
    // Attributes, one by one: a quoted value may hold any character but its quote.
    loop {
        tag = tag.trim_start();
        if tag.starts_with('>') || tag.starts_with("/>") || tag.is_empty() {
            return None;
        }
        let (name, after) = tag.split_once('=')?;
        let after = after.trim_start();
        let quote = after.chars().next().filter(|q| *q == '"' || *q == '\'')?;
        let (value, after) = after[1..].split_once(quote)?;
        if name.trim() == "viewBox" {
            let n: Vec<f64> = value
                .split(|c: char| c.is_whitespace() || c == ',')
                .filter(|p| !p.is_empty())
                .map(|p| p.parse().ok())
                .collect::<Option<_>>()?;
            return match n[..] {
                [_, _, w, h] if w > 0.0 && h > 0.0 && w.is_finite() && h.is_finite() => Some((w, h)),
                _ => None,
            };
        }
        tag = after;
    }
}

#[cfg(feature = "logo-check")]
pub use check::problems;

#[cfg(feature = "logo-check")]
mod check {
    use crate::params;
    use crate::problem::Code;

    const SVG: &str = "http://www.w3.org/2000/svg";
    const XLINK: &str = "http://www.w3.org/1999/xlink";
    const XML: &str = "http://www.w3.org/XML/1998/namespace";

    /// What a logo may be drawn with: shapes, paths, text, gradients, clipping and masks, and
    /// copies of its own parts (`use` of `#id`). No `style`, `image`, `a`, `foreignObject`,
    /// `script`, animation or filter.
    const ELEMENTS: &[&str] = &[
        "svg",
        "g",
        "defs",
        "title",
        "desc",
        "symbol",
        "use",
        "path",
        "rect",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "text",
        "tspan",
        "linearGradient",
        "radialGradient",
        "stop",
        "clipPath",
        "mask",
    ];

    /// Their geometry and paint, as attributes (never `style`: a style sheet could load from
    /// elsewhere, and the page's policy takes none).
    const ATTRIBUTES: &[&str] = &[
        "id",
        "class",
        "version",
        "viewBox",
        "preserveAspectRatio",
        "width",
        "height",
        "x",
        "y",
        "x1",
        "y1",
        "x2",
        "y2",
        "cx",
        "cy",
        "r",
        "rx",
        "ry",
        "fx",
        "fy",
        "fr",
        "d",
        "points",
        "pathLength",
        "transform",
        "fill",
        "fill-opacity",
        "fill-rule",
        "stroke",
        "stroke-width",
        "stroke-linecap",
        "stroke-linejoin",
        "stroke-miterlimit",
        "stroke-dasharray",
        "stroke-dashoffset",
        "stroke-opacity",
        "opacity",
        "color",
        "display",
        "visibility",
        "clip-path",
        "clip-rule",
        "clipPathUnits",
        "mask",
        "maskUnits",
        "maskContentUnits",
        "offset",
        "stop-color",
        "stop-opacity",
        "gradientUnits",
        "gradientTransform",
        "spreadMethod",
        "font-family",
        "font-size",
        "font-weight",
        "font-style",
        "text-anchor",
        "dominant-baseline",
        "letter-spacing",
        "dx",
        "dy",
        "role",
        "aria-label",
        "aria-hidden",
        "href",
        "vector-effect",
        "shape-rendering",
    ];

    /// Most problems named for one logo: enough to show what kind of file it is.
    const MOST: usize = 5;

    /// What is wrong with the logo, each kind of thing once.
    pub fn problems(svg: &str) -> Vec<(Code, Vec<(&'static str, String)>)> {
        let options = roxmltree::ParsingOptions {
            allow_dtd: false,
            nodes_limit: 50_000,
        };
        let doc = match roxmltree::Document::parse_with_options(svg, options) {
            Ok(doc) => doc,
            Err(e) => return vec![(Code::LogoNotSvg, params!["detail" => e])],
        };
        let root = doc.root_element();
        if root.tag_name().name() != "svg" || root.tag_name().namespace() != Some(SVG) {
            return vec![(Code::LogoNotSvg, params!["detail" => format!("<{}>", root.tag_name().name())])];
        }
        if super::view_box(svg).is_none() {
            return vec![(Code::LogoNotSvg, params!["detail" => "viewBox"])];
        }
        let mut found: Vec<(Code, Vec<(&'static str, String)>)> = Vec::new();
        let mut add = |code: Code, what: String| {
            let p = params!["what" => what];
            if found.len() < MOST && !found.iter().any(|(c, q)| *c == code && *q == p) {
                found.push((code, p));
            }
        };
        for node in doc.descendants() {
            if node.is_pi() {
                add(Code::LogoOutsideReference, "<?…?>".into());
            }
            if !node.is_element() {
                continue;
            }
            let tag = node.tag_name();
            let name = tag.name();
            if name.eq_ignore_ascii_case("script") {
                add(Code::LogoScript, format!("<{name}>"));
            } else if tag.namespace() != Some(SVG) || !ELEMENTS.contains(&name) {
                add(Code::LogoNotAllowed, format!("<{}>", qualified(node, tag.namespace(), name)));
            }
            for a in node.attributes() {
                let (ns, attr, value) = (a.namespace(), a.name(), a.value());
                let shown = qualified(node, ns, attr);
                let lower = value.to_ascii_lowercase();
                if attr.to_ascii_lowercase().starts_with("on") || lower.contains("javascript:") {
                    add(Code::LogoScript, shown);
                    continue;
                }
                let href = attr == "href" && matches!(ns, None | Some(XLINK));
                let known = match ns {
                    None => ATTRIBUTES.contains(&attr),
                    Some(XLINK) => href,
                    Some(XML) => attr == "space",
                    Some(_) => false,
                };
                if !known {
                    add(Code::LogoNotAllowed, format!("{shown}=\"…\""));
                } else if (href && !value.starts_with('#')) || outside_url(&lower) {
                    add(Code::LogoOutsideReference, value.chars().take(80).collect());
                }
            }
        }
        found
    }

    /// A name as the file writes it, with its prefix (`sodipodi:namedview`).
    fn qualified(node: roxmltree::Node, ns: Option<&str>, name: &str) -> String {
        match ns.filter(|ns| *ns != SVG).and_then(|ns| node.lookup_prefix(ns)) {
            Some(prefix) => format!("{prefix}:{name}"),
            None => name.to_string(),
        }
    }

    /// A paint or clip naming anything but a part of the image (`url(#id)`).
    fn outside_url(value: &str) -> bool {
        value
            .match_indices("url(")
            .any(|(i, _)| !value[i + 4..].trim_start().trim_start_matches(['"', '\'']).starts_with('#'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_view_box_is_read_from_the_root_tag() {
        assert_eq!(
            view_box(r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40"/>"#),
            Some((120.0, 40.0))
        );
        let exported =
            "\u{feff}<?xml version=\"1.0\"?>\n<!-- Generator: x viewBox=\"0 0 1 1\" -->\n<svg width='10' viewBox='0,0,64,32.5'><g/></svg>";
        assert_eq!(view_box(exported), Some((64.0, 32.5)));
        // A value may hold '>' and '='.
        assert_eq!(view_box(r#"<svg aria-label="a>b=c" viewBox="0 0 2 3">"#), Some((2.0, 3.0)));
        for none in [
            r#"<svg width="10">"#,
            r#"<svg viewBox="0 0 0 10">"#,
            r#"<svg viewBox="0 0 10">"#,
            r#"<svg viewBox="0 0 a 10">"#,
            r#"<g viewBox="0 0 10 10">"#,
            r#"<svg viewBox="0 0 10 10"#,
            "",
        ] {
            assert_eq!(view_box(none), None, "{none}");
        }
    }

    #[cfg(feature = "logo-check")]
    mod allowlist {
        use super::super::problems;
        use crate::problem::Code;

        const OK: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<!-- a test logo -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 64 64">
  <title>sample</title>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#1d6b3a"/></linearGradient><path id="p" d="M0 0h10v10z"/></defs>
  <circle cx="32" cy="32" r="30" fill="url(#g)" stroke="#000" stroke-width="2"/>
  <use xlink:href="#p" transform="translate(20 20)"/><use href="#p"/>
  <text x="32" y="40" font-size="12" text-anchor="middle" xml:space="preserve">市</text>
</svg>"##;

        fn codes(svg: &str) -> Vec<(Code, String)> {
            problems(svg)
                .into_iter()
                .map(|(c, p)| (c, p.into_iter().map(|(_, v)| v).collect::<Vec<_>>().join(" ")))
                .collect()
        }

        fn with(inner: &str) -> String {
            format!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">{inner}</svg>"#
            )
        }

        #[test]
        fn shapes_gradients_text_and_own_references_pass() {
            assert_eq!(codes(OK), vec![]);
        }

        #[test]
        fn script_in_any_form_is_named() {
            for (inner, what) in [
                ("<script>alert(1)</script>", "<script>"),
                (r#"<rect onload="alert(1)" width="1" height="1"/>"#, "onload"),
                (r#"<rect ONCLICK="x()"/>"#, "ONCLICK"),
                (r#"<use href="javascript:alert(1)"/>"#, "href"),
                (
                    r#"<x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(1)</x:script>"#,
                    "<script>",
                ),
            ] {
                assert!(
                    codes(&with(inner)).contains(&(Code::LogoScript, what.into())),
                    "{inner}: {:?}",
                    codes(&with(inner))
                );
            }
        }

        #[test]
        fn references_outside_the_image_are_named() {
            for (inner, what) in [
                (r#"<use href="https://example.com/a.svg#x"/>"#, "https://example.com/a.svg#x"),
                (r#"<use xlink:href="other.svg#x"/>"#, "other.svg#x"),
                (
                    r#"<rect fill="url(https://example.com/p.svg#g)"/>"#,
                    "url(https://example.com/p.svg#g)",
                ),
                (r#"<rect fill="url( 'x.svg#g')"/>"#, "url( 'x.svg#g')"),
            ] {
                assert_eq!(codes(&with(inner)), vec![(Code::LogoOutsideReference, what.into())], "{inner}");
            }
            let stylesheet = format!("<?xml-stylesheet href=\"https://example.com/s.css\"?>{}", with(""));
            assert_eq!(codes(&stylesheet), vec![(Code::LogoOutsideReference, "<?…?>".into())]);
        }

        #[test]
        fn anything_else_is_named_not_allowed() {
            for (inner, what) in [
                ("<image href=\"#x\"/>", "<image>"),
                ("<style>rect{fill:red}</style>", "<style>"),
                (
                    "<foreignObject><p xmlns=\"http://www.w3.org/1999/xhtml\">x</p></foreignObject>",
                    "<foreignObject>",
                ),
                ("<a href=\"#x\"><rect/></a>", "<a>"),
                ("<animate attributeName=\"x\"/>", "<animate>"),
                ("<rect style=\"fill:red\"/>", "style=\"…\""),
                (
                    r#"<s:namedview xmlns:s="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"/>"#,
                    "<s:namedview>",
                ),
            ] {
                assert!(
                    codes(&with(inner)).contains(&(Code::LogoNotAllowed, what.into())),
                    "{inner}: {:?}",
                    codes(&with(inner))
                );
            }
        }

        #[test]
        fn what_is_not_an_svg_with_a_view_box_is_named_so() {
            let entity = r#"<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1">&x;</svg>"#;
            for bad in [
                "not xml",
                "<svg viewBox=\"0 0 1 1\"></svg>",
                "<html xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"/>",
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\"/>",
                entity,
            ] {
                let found = codes(bad);
                assert_eq!(found.len(), 1, "{bad}: {found:?}");
                assert_eq!(found[0].0, Code::LogoNotSvg, "{bad}");
            }
        }

        #[test]
        fn a_hostile_file_gets_a_few_problems_not_thousands() {
            let many: String = (0..2000).map(|i| format!("<rect on{i}=\"x\"/>")).collect();
            assert_eq!(problems(&with(&many)).len(), 5);
        }
    }
}
