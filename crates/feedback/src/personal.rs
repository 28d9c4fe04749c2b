//! Hints that a message may contain personal data. They warn, never block: a phone number in
//! a message may be the counter's own. No regex engine, to keep the browser bundle small.

use serde::Serialize;

use crate::normalise;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonalHint {
    PhoneNumber,
    /// 12 digits in a row: the length of a My Number (個人番号).
    TwelveDigits,
    Email,
    PostalAddress,
}

/// Runs of digits, allowing hyphens and spaces between groups: ("090-1234-5678" → [3, 4, 4]).
fn digit_groups(s: &str) -> Vec<Vec<usize>> {
    let mut runs = vec![];
    let mut current: Vec<usize> = vec![];
    let mut n = 0usize;
    let mut prev_sep = false;
    for c in s.chars() {
        if c.is_ascii_digit() {
            n += 1;
            prev_sep = false;
        } else if (c == '-' || c == ' ' || c == 'ー' || c == '−') && n > 0 && !prev_sep {
            current.push(n);
            n = 0;
            prev_sep = true;
        } else {
            if n > 0 {
                current.push(n);
            }
            if !current.is_empty() {
                runs.push(std::mem::take(&mut current));
            }
            n = 0;
            prev_sep = false;
        }
    }
    if n > 0 {
        current.push(n);
    }
    if !current.is_empty() {
        runs.push(current);
    }
    runs
}

pub fn personal_data_hints(text: &str) -> Vec<PersonalHint> {
    let s = normalise(text);
    let mut hints = vec![];
    let groups = digit_groups(&s);
    let total = |g: &Vec<usize>| g.iter().sum::<usize>();
    if groups
        .iter()
        .any(|g| (g.len() >= 2 && (10..=11).contains(&total(g))) || (g.len() == 1 && (10..=11).contains(&g[0])))
    {
        hints.push(PersonalHint::PhoneNumber);
    }
    if groups.iter().any(|g| total(g) == 12) {
        hints.push(PersonalHint::TwelveDigits);
    }
    if s.split(|c: char| c.is_whitespace() || "、。（）()<>「」".contains(c)).any(|w| {
        w.split_once('@')
            .is_some_and(|(l, d)| !l.is_empty() && d.contains('.') && !d.ends_with('.'))
    }) {
        hints.push(PersonalHint::Email);
    }
    let postal_code = s.contains('〒') || groups.iter().any(|g| g == &vec![3, 4]);
    let street = ["丁目", "番地", "番の", "号室"].iter().any(|w| s.contains(w));
    if postal_code || street {
        hints.push(PersonalHint::PostalAddress);
    }
    hints
}

#[cfg(test)]
mod tests {
    use super::*;
    use PersonalHint::*;

    #[test]
    fn finds_the_usual_suspects() {
        assert_eq!(personal_data_hints("電話は090-1234-5678です"), [PhoneNumber]);
        assert_eq!(
            personal_data_hints("０９６（３２８）２１１１"),
            Vec::<PersonalHint>::new(),
            "parentheses split the groups; no false alarm on short runs"
        );
        assert_eq!(personal_data_hints("0963282111"), [PhoneNumber]);
        assert_eq!(personal_data_hints("番号は123456789012"), [TwelveDigits]);
        assert_eq!(personal_data_hints("1234 5678 9012"), [TwelveDigits]);
        assert_eq!(personal_data_hints("連絡先 taro@example.jp まで"), [Email]);
        assert_eq!(personal_data_hints("〒860-8601 熊本市中央区手取本町1番1号"), [PostalAddress]);
        assert_eq!(personal_data_hints("中央区手取本町1丁目"), [PostalAddress]);
    }

    #[test]
    fn ordinary_messages_raise_nothing() {
        assert!(personal_data_hints("窓口の待ち時間が30分でした。2023年に比べて改善しています。").is_empty());
        assert!(personal_data_hints("目標まであと199,830件").is_empty());
    }
}
