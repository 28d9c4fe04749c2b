//! Text templates with named placeholders (`{count}`), and the one way a table of texts is
//! declared ([`text_table!`]): the widget's strings, the workbook's problems and the staff pages.

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

/// Declares a table of texts: a struct with one `&'static str` per text, so the compiler refuses a
/// language that lacks one. A template is declared with its arguments (`remaining(amount)`) and gets
/// a method of the same name that fills it (`t.remaining(&amount)`), so every call is checked;
/// [`mistakes`](#method.mistakes) holds each language to the names declared.
#[macro_export]
macro_rules! text_table {
    ($(#[$table_doc:meta])* $vis:vis struct $table:ident {
        $( $(#[$doc:meta])* $field:ident $(( $($arg:ident),* ))?, )*
    }) => {
        $(#[$table_doc])*
        $vis struct $table {
            $( $(#[$doc])* pub $field: &'static str, )*
        }

        // Not every table uses every helper (a table in one language is never mapped).
        #[allow(dead_code)]
        impl $table {
            /// The same table with every text changed (to how it is read aloud, say). A copy made
            /// field by field, so it cannot miss one.
            pub fn map(&self, f: impl Fn(&'static str) -> &'static str) -> $table {
                $table { $( $field: f(self.$field), )* }
            }

            /// Every text, by field name.
            pub fn all(&self) -> Vec<(&'static str, &'static str)> {
                vec![$( (stringify!($field), self.$field), )*]
            }

            /// Every template, with the names it fills, as declared.
            pub fn templates(&self) -> Vec<(&'static str, &'static str, &'static [&'static str])> {
                vec![$($( (stringify!($field), self.$field, &[$(stringify!($arg)),*]), )?)*]
            }

            /// What is wrong with this language's table: a template whose `{name}`s are not the
            /// ones declared, or any other text holding a `{`, which a reader would see as it is.
            pub fn mistakes(&self) -> Vec<String> {
                $crate::template::mistakes(&self.templates(), &self.all())
            }

            $($(
                /// The template filled, its arguments in the order declared.
                // A sentence about an indicator names seven figures; a struct per template would
                // only rename them.
                #[allow(clippy::too_many_arguments)]
                pub fn $field(&self, $($arg: &str),*) -> String {
                    $crate::template::fill(self.$field, &[$((stringify!($arg), $arg)),*])
                }
            )?)*
        }
    };
}

/// The mistakes in a table declared with [`text_table!`] (see its `mistakes` method).
pub fn mistakes(templates: &[(&str, &str, &[&str])], all: &[(&str, &str)]) -> Vec<String> {
    let mut found = Vec::new();
    for (field, template, names) in templates {
        let mut used = placeholders(template);
        used.sort_unstable();
        used.dedup();
        let mut declared = names.to_vec();
        declared.sort_unstable();
        if used != declared {
            found.push(format!("{field} fills {used:?} but is declared with {declared:?}: {template}"));
        }
    }
    for (field, text) in all {
        if text.contains('{') && !templates.iter().any(|(t, _, _)| t == field) {
            found.push(format!(
                "{field} holds a placeholder but is not declared with its arguments: {text}"
            ));
        }
    }
    found
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

    crate::text_table! {
        struct Sample {
            plain,
            greeting(name),
        }
    }

    #[test]
    fn a_table_fills_its_templates_and_finds_its_mistakes() {
        let right = Sample {
            plain: "ok",
            greeting: "hello {name}",
        };
        assert_eq!(right.greeting("Aso"), "hello Aso");
        assert!(right.mistakes().is_empty());
        let wrong = Sample {
            plain: "{stray}",
            greeting: "hello {nmae}",
        };
        let found = wrong.mistakes();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].starts_with("greeting fills [\"nmae\"] but is declared with [\"name\"]"),
            "{found:?}"
        );
        assert!(found[1].starts_with("plain holds a placeholder"), "{found:?}");
    }

    #[test]
    fn placeholders_are_listed_in_order() {
        assert_eq!(placeholders("{a} and {b}, {a} again"), ["a", "b", "a"]);
        assert!(placeholders("no names").is_empty());
    }
}
