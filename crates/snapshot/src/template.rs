//! Text templates with named placeholders (`{count}`), shared by the checker's problem texts and
//! the widget's strings.

/// Puts each `(name, value)` where the template says `{name}`. One pass: a value that itself
/// holds braces (a name from a snapshot) is left as it is, and an unknown `{name}` stays.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').and_then(|close| {
            args.iter()
                .find(|(n, _)| *n == &after[..close])
                .map(|(_, v)| (v, &after[close + 1..]))
        }) {
            Some((value, tail)) => {
                out.push_str(value);
                rest = tail;
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{name}`s a template holds, in order (a name used twice is listed twice).
pub fn placeholders(template: &str) -> Vec<&str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filling_is_one_pass() {
        assert_eq!(fill("{a}と{b}", &[("a", "{b}"), ("b", "B")]), "{b}とB");
        assert_eq!(fill("{unknown} {a}", &[("a", "A")]), "{unknown} A");
        assert_eq!(fill("{a}{a}", &[("a", "1")]), "11");
    }

    #[test]
    fn placeholders_are_listed_in_order() {
        assert_eq!(placeholders("{a} and {b}, {a} again"), ["a", "b", "a"]);
        assert!(placeholders("no names").is_empty());
    }
}
