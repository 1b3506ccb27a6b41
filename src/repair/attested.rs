//! Syllables attested in a Vietnamese word list (`attested.txt`, from
//! Tesseract's Vietnamese model; see its header and
//! `scripts/build_lexicon.sh`).
//!
//! The rule-based validator accepts shapes no one writes ("ảng" is what a
//! lost "đ" leaves of "đảng"); the list tells a real syllable from a merely
//! well-formed one, and only attested syllables are ever filled in. The
//! check is on the clean-text scan, so it allocates nothing.

use std::sync::OnceLock;

use super::fast_hash::FastMap;

use super::syllable::{compose, letter};

const ATTESTED_TXT: &str = include_str!("attested.txt");

/// Longest syllable in bytes we look up ("nghiêng" in capitals is 9 bytes;
/// lower-case Vietnamese letters take at most 3 bytes each).
const MAX_BYTES: usize = 32;

/// Each attested syllable with its place in the list: the pair lexicon
/// keys pairs by these numbers.
fn set() -> &'static FastMap<&'static str, u16> {
    static SET: OnceLock<FastMap<&'static str, u16>> = OnceLock::new();
    SET.get_or_init(|| {
        ATTESTED_TXT
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .zip(0u16..)
            .collect()
    })
}

/// How many syllables are attested.
pub(crate) fn attested_len() -> usize {
    set().len()
}

/// The place of `word` (lower case) in the attested list.
#[inline]
pub(crate) fn attested_id(word: &str) -> Option<u16> {
    set().get(word).copied()
}

/// True if `word` (any case) is an attested syllable.
pub fn is_attested(word: &str) -> bool {
    let mut buf = [0u8; MAX_BYTES];
    let mut n = 0;
    for c in word.chars().map(lower) {
        let len = c.len_utf8();
        if n + len > MAX_BYTES {
            return false;
        }
        c.encode_utf8(&mut buf[n..]);
        n += len;
    }
    std::str::from_utf8(&buf[..n]).is_ok_and(|w| set().contains_key(w))
}

/// True if `word`, already in lower case, is an attested syllable.
pub fn is_attested_lower(word: &str) -> bool {
    set().contains_key(word)
}

/// Lower case of a Vietnamese letter by table (the general Unicode
/// conversion is a search, and this runs for every candidate fill).
#[inline]
fn lower(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match letter(c) {
        Some(l) if l.upper => compose(l.base, l.tone).unwrap_or(c),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repair::syllable::is_valid;

    #[test]
    fn common_syllables_are_attested_in_any_case() {
        for w in ["công", "Đảng", "ĐẢNG", "hoạch", "nghiêng", "của", "quyết"] {
            assert!(is_attested(w), "{w}");
        }
        assert!(set().len() > 2000);
    }

    #[test]
    fn damaged_shapes_and_non_syllables_are_not() {
        for w in [
            "ảng",
            "ề",
            "c",
            "ĐUK",
            "Microsoft",
            "",
            "ngggggggggggggggggggggggggggggg",
        ] {
            assert!(!is_attested(w), "{w}");
        }
    }

    #[test]
    fn every_attested_entry_is_a_valid_syllable() {
        for w in ATTESTED_TXT.lines().filter(|l| !l.starts_with('#')) {
            assert!(is_valid(w), "{w}");
            assert_eq!(w, w.to_lowercase());
        }
    }
}
