//! A city's accent colour: `#RRGGBB`, and whether text in it stays readable on the pages' light
//! backgrounds (WCAG 2.2's contrast ratio, 1.4.3 AA: 4.5:1 for normal text).

/// Least contrast the accent keeps with each light background: links and button labels are
/// normal-size text.
pub const MIN_CONTRAST: f64 = 4.5;

/// The light backgrounds the accent is drawn on or against, as `style/tokens.css` defines them:
/// the page (`--color-bg`, also the label on a filled button), grey panels (`--color-surface`)
/// and notices (`--color-info-bg`). A test reads tokens.css to keep the two alike.
pub const LIGHT_BACKGROUNDS: [(&str, &str); 3] = [
    ("--color-bg", "#ffffff"),
    ("--color-surface", "#f2f2f2"),
    ("--color-info-bg", "#e8f1fe"),
];

/// `#RRGGBB` (either case) as its three channels.
pub fn parse(text: &str) -> Option<[u8; 3]> {
    let hex = text.strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

/// The colour as `#rrggbb`, lower case.
pub fn hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// WCAG's relative luminance, 0 (black) to 1 (white).
pub fn luminance(rgb: [u8; 3]) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2])
}

/// WCAG's contrast ratio of two colours, 1 to 21.
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The accent's lowest contrast with the light backgrounds, and the background it is lowest on.
pub fn lowest_contrast(accent: [u8; 3]) -> (f64, &'static str) {
    LIGHT_BACKGROUNDS
        .iter()
        .map(|(name, bg)| (contrast(accent, parse(bg).expect("a colour")), *name))
        .fold((f64::INFINITY, ""), |low, c| if c.0 < low.0 { c } else { low })
}

/// A darker shade for a pointer's hover: each channel at three quarters, so it keeps at least
/// the accent's contrast on light backgrounds.
pub fn darker(rgb: [u8; 3]) -> [u8; 3] {
    rgb.map(|c| (u16::from(c) * 3 / 4) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_follows_wcag() {
        // Black on white is 21:1; WCAG's own example: #767676 on white is just over 4.5:1.
        assert!((contrast([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 1e-9);
        let grey = contrast(parse("#767676").unwrap(), [255, 255, 255]);
        assert!((4.5..4.6).contains(&grey), "{grey}");
        assert_eq!(contrast([10, 20, 30], [10, 20, 30]), 1.0);
    }

    #[test]
    fn the_shared_primary_passes_and_a_light_colour_does_not() {
        // The design system's blue, which the accent replaces.
        assert!(lowest_contrast(parse("#0017c1").unwrap()).0 >= MIN_CONTRAST);
        let (low, on) = lowest_contrast(parse("#ff9900").unwrap());
        assert!(low < 3.0, "{low}");
        // The darkest light background is where a colour fails first.
        assert_eq!(on, "--color-info-bg");
    }

    #[test]
    fn colours_are_written_as_six_hex_digits() {
        assert_eq!(parse("#1D6B3A"), Some([0x1d, 0x6b, 0x3a]));
        for bad in ["1d6b3a", "#1d6b3", "#1d6b3az", "#12345g", "red", "", "#１２３４５６"] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        assert_eq!(hex([0x1d, 0x6b, 0x3a]), "#1d6b3a");
    }

    #[test]
    fn the_backgrounds_are_the_style_sheets_light_ones() {
        let tokens = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../style/tokens.css")).unwrap();
        // The first definition of each is the light one; the dark ones follow in a media query.
        for (name, colour) in LIGHT_BACKGROUNDS {
            let at = tokens.find(&format!("{name}:")).unwrap_or_else(|| panic!("{name} in tokens.css"));
            let value = tokens[at + name.len() + 1..].split(';').next().unwrap().trim();
            assert_eq!(value, colour, "{name}");
        }
    }

    #[test]
    fn a_darker_shade_keeps_the_contrast() {
        let accent = parse("#1d6b3a").unwrap();
        assert!(lowest_contrast(darker(accent)).0 > lowest_contrast(accent).0);
    }
}
