//! Width normalisation as Japanese forms expect it: full-width ASCII (ＡＢＣ１２３) becomes
//! half-width, the ideographic space a plain space, half-width katakana (ｶﾞｲﾄﾞ) full-width
//! with its voicing marks joined; CRLF becomes LF. Written out rather than full NFKC, which
//! would also rewrite characters people chose on purpose (①, ㈱) and costs a large table.

const HALF_KANA: &str = "｡｢｣､･ｦｧｨｩｪｫｬｭｮｯｰｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝ";
const FULL_KANA: &str =
    "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン";

fn full_kana(c: char) -> Option<char> {
    HALF_KANA.chars().position(|h| h == c).and_then(|i| FULL_KANA.chars().nth(i))
}

/// The voiced (゛) or semi-voiced (゜) form of a full-width katakana, where one exists.
fn voiced(c: char, semi: bool) -> Option<char> {
    let base = c as u32;
    if semi {
        // ハ ヒ フ ヘ ホ → パ ピ プ ペ ポ (each +2)
        return matches!(c, 'ハ' | 'ヒ' | 'フ' | 'ヘ' | 'ホ')
            .then(|| char::from_u32(base + 2))
            .flatten();
    }
    match c {
        'ウ' => Some('ヴ'),
        'カ'..='ヂ' | 'ツ'..='ド' | 'ハ'..='ホ' => {
            // In these rows each voiceable kana is followed directly by its voiced form.
            let next = char::from_u32(base + 1)?;
            let is_pair = matches!(
                next,
                'ガ' | 'ギ'
                    | 'グ'
                    | 'ゲ'
                    | 'ゴ'
                    | 'ザ'
                    | 'ジ'
                    | 'ズ'
                    | 'ゼ'
                    | 'ゾ'
                    | 'ダ'
                    | 'ヂ'
                    | 'ヅ'
                    | 'デ'
                    | 'ド'
                    | 'バ'
                    | 'ビ'
                    | 'ブ'
                    | 'ベ'
                    | 'ボ'
            );
            is_pair.then_some(next)
        }
        _ => None,
    }
}

pub fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\u{3000}' => out.push(' '),
            '\u{FF01}'..='\u{FF5E}' => out.push(char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)),
            'ﾞ' | 'ﾟ' => {
                // A lone mark after something unvoiceable: keep it, full-width.
                let semi = c == 'ﾟ';
                let joined = out
                    .pop()
                    .and_then(|prev| voiced(prev, semi).ok_or(prev).map_err(|p| out.push(p)).ok());
                match joined {
                    Some(v) => out.push(v),
                    None => out.push(if semi { '゜' } else { '゛' }),
                }
            }
            c => out.push(full_kana(c).unwrap_or(c)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn widths_are_normalised() {
        assert_eq!(normalise("ＡＢＣ１２３＠ｅｘ．ｊｐ"), "ABC123@ex.jp");
        assert_eq!(normalise("ｶﾞｲﾄﾞ ﾊﾟﾝ ｳﾞｧ ｱｲｳ"), "ガイド パン ヴァ アイウ");
        assert_eq!(normalise("漢字　かな"), "漢字 かな");
        assert_eq!(normalise("a\r\nb\rc"), "a\nb\nc");
        assert_eq!(normalise("ﾞ"), "゛");
        assert_eq!(normalise("aﾟ"), "a゜");
        assert_eq!(normalise("①㈱"), "①㈱");
    }
}
