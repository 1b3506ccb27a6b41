//! Stage 1, Unicode: NFC (which also folds combining tone marks into the
//! precomposed letter before them), "ƣ/Ƣ" (a broken ToUnicode map) to "ư/Ư",
//! and Cyrillic/Greek look-alikes inside Latin words back to Latin.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use super::edit::Edit;
use super::syllable::is_letter;

/// Cyrillic and Greek letters drawn like Latin ones. Only swapped inside a
/// word that also has Latin letters: a whole Russian or Greek word is left.
const HOMOGLYPHS: &[(char, char)] = &[
    ('а', 'a'),
    ('е', 'e'),
    ('о', 'o'),
    ('р', 'p'),
    ('с', 'c'),
    ('у', 'y'),
    ('х', 'x'),
    ('і', 'i'),
    ('ј', 'j'),
    ('ѕ', 's'),
    ('ԁ', 'd'),
    ('һ', 'h'),
    ('А', 'A'),
    ('В', 'B'),
    ('Е', 'E'),
    ('К', 'K'),
    ('М', 'M'),
    ('Н', 'H'),
    ('О', 'O'),
    ('Р', 'P'),
    ('С', 'C'),
    ('Т', 'T'),
    ('Х', 'X'),
    ('І', 'I'),
    ('Ј', 'J'),
    ('Ѕ', 'S'),
    ('ο', 'o'),
    ('ν', 'v'),
    ('ι', 'i'),
    ('κ', 'k'),
    ('ρ', 'p'),
    ('Α', 'A'),
    ('Β', 'B'),
    ('Ε', 'E'),
    ('Ζ', 'Z'),
    ('Η', 'H'),
    ('Ι', 'I'),
    ('Κ', 'K'),
    ('Μ', 'M'),
    ('Ν', 'N'),
    ('Ο', 'O'),
    ('Ρ', 'P'),
    ('Τ', 'T'),
    ('Υ', 'Y'),
    ('Χ', 'X'),
];

fn homoglyph(c: char) -> Option<char> {
    HOMOGLYPHS
        .iter()
        .find(|(from, _)| *from == c)
        .map(|(_, to)| *to)
}

fn is_cyrillic_or_greek(c: char) -> bool {
    matches!(c, '\u{0370}'..='\u{03FF}' | '\u{0400}'..='\u{052F}')
}

/// Quick test: could this text need stage 1 at all?
pub fn suspicious(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c, 'ƣ' | 'Ƣ' | '\u{0300}'..='\u{036F}') || is_cyrillic_or_greek(c))
        || is_nfc_quick(text.chars()) != IsNormalized::Yes
}

/// Edits for every whitespace-separated segment that needs one.
pub fn edits(text: &str) -> Vec<Edit> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                if let Some(e) = fix_segment(s, &text[s..i]) {
                    out.push(e);
                }
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    out
}

fn fix_segment(offset: usize, seg: &str) -> Option<Edit> {
    if seg.is_ascii() {
        return None;
    }
    let mut rule = None;
    let mut fixed = String::with_capacity(seg.len());
    let has_latin = seg.chars().any(|c| c.is_ascii_alphabetic() || is_letter(c));
    let foreign_all_mappable = seg
        .chars()
        .filter(|&c| is_cyrillic_or_greek(c))
        .all(|c| homoglyph(c).is_some());
    for c in seg.chars() {
        match c {
            'ƣ' | 'Ƣ' => {
                fixed.push(if c == 'ƣ' { 'ư' } else { 'Ư' });
                rule.get_or_insert("oi-to-u-horn");
            }
            _ if has_latin && foreign_all_mappable && is_cyrillic_or_greek(c) => {
                fixed.push(homoglyph(c).unwrap_or(c));
                rule.get_or_insert("homoglyph");
            }
            _ => fixed.push(c),
        }
    }
    let nfc: String = fixed.nfc().collect();
    if nfc != fixed {
        rule.get_or_insert("nfc");
    }
    let rule = rule?;
    Some(Edit::applied(offset, offset + seg.len(), nfc, rule, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repair::edit::apply;

    fn fix(s: &str) -> String {
        apply(s, &edits(s))
    }

    #[test]
    fn decomposed_text_becomes_nfc() {
        let nfd: String = "Kế hoạch thực hiện".nfd().collect();
        assert!(suspicious(&nfd));
        assert_eq!(fix(&nfd), "Kế hoạch thực hiện");
    }

    #[test]
    fn combining_tone_after_precomposed_letter_is_folded() {
        // "ê" + combining acute, "ơ" + combining hook, "ư" + combining dot below
        assert_eq!(
            fix("k\u{ea}\u{301} ho\u{1a1}\u{309}i t\u{1b0}\u{323}"),
            "kế hoởi tự"
        );
    }

    #[test]
    fn broken_u_horn_is_restored_in_both_cases() {
        assert_eq!(fix("tƣ tƣởng THƢỜNG Lƣơng"), "tư tưởng THƯỜNG Lương");
        let e = edits("tƣ tƣởng");
        assert_eq!(e.len(), 2);
        assert_eq!(e[1].start, 4);
        assert_eq!(e[1].rule, "oi-to-u-horn");
    }

    #[test]
    fn homoglyphs_inside_latin_words_only() {
        // Cyrillic о and а inside Vietnamese words.
        assert_eq!(fix("c\u{43e}ng t\u{430}c"), "cong tac");
        // A whole Russian word stays.
        assert_eq!(fix("Москва và Hà Nội"), "Москва và Hà Nội");
        assert_eq!(fix("Αθήνα"), "Αθήνα");
    }

    #[test]
    fn clean_text_has_no_edits() {
        let s = "Ban Thường vụ Đảng ủy Khối, hoà nhập; 34-KH/ĐUK.";
        assert!(!suspicious(s));
        assert!(edits(s).is_empty());
    }
}
