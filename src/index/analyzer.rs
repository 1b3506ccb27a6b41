//! The Vietnamese analyzer: words, lowercased, with one tone placement, and a
//! folded variant without diacritics.
//!
//! Two tokenizers share the word splitting: `vi_exact` keeps the diacritics
//! (so exact matches can be boosted), `vi_fold` strips them and maps đ → d (so
//! "tu tuong" finds "tư tưởng"). Both put the tone of the syllable-final
//! glides "oa", "oe", "uy" on the second vowel, so "hòa" and "hoà", "thủy"
//! and "thuỷ" are one term. Input must be NFC; the index only receives
//! repaired text.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_normalization::UnicodeNormalization;

/// Name of the tokenizer that keeps diacritics.
pub const EXACT: &str = "vi_exact";
/// Name of the tokenizer that folds diacritics away.
pub const FOLD: &str = "vi_fold";

/// Strip every diacritic and map đ/Đ to d/D ("Đảng ủy" → "Dang uy").
pub fn fold_diacritics(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_folded(c, &mut out);
    }
    out
}

fn push_folded(c: char, out: &mut String) {
    match c {
        c if c.is_ascii() => out.push(c),
        'đ' => out.push('d'),
        'Đ' => out.push('D'),
        c => decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                out.push(d)
            }
        }),
    }
}

const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// Put the tone of a final "oa"/"oe"/"uy" on the second vowel
/// ("hòa" → "hoà", "thủy" → "thuỷ"); other words are returned unchanged.
pub fn normalize_tone_placement(word: &str) -> String {
    let mut decomposed: Vec<char> = Vec::with_capacity(word.len());
    for c in word.chars() {
        decompose_canonical(c, |d| decomposed.push(d));
    }
    let Some(tone_at) = decomposed.iter().position(|c| TONES.contains(c)) else {
        return word.to_string();
    };
    let tone = decomposed.remove(tone_at);
    let bases: Vec<char> = decomposed
        .iter()
        .copied()
        .filter(|c| !is_combining_mark(*c))
        .collect();
    // Only bare vowels: "oă", "uơ" and the like are other nuclei.
    let tail_is_bare = decomposed.len() >= 2
        && !is_combining_mark(decomposed[decomposed.len() - 1])
        && !is_combining_mark(decomposed[decomposed.len() - 2]);
    let n = bases.len();
    let glide_final = n >= 2
        && tail_is_bare
        && matches!(
            (
                bases[n - 2].to_ascii_lowercase(),
                bases[n - 1].to_ascii_lowercase()
            ),
            ('o', 'a') | ('o', 'e') | ('u', 'y')
        );
    if !glide_final {
        return word.to_string();
    }
    decomposed.push(tone);
    decomposed.into_iter().nfc().collect()
}

/// Words of `text` with their byte offsets.
pub(crate) fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

/// One analyzed term of a word.
pub fn term(word: &str, fold: bool) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    let lower = word.to_lowercase();
    if fold {
        let mut out = String::with_capacity(lower.len());
        for c in lower.chars() {
            push_folded(c, &mut out);
        }
        out
    } else {
        normalize_tone_placement(&lower)
    }
}

/// The tokenizer; `fold` selects `vi_fold` over `vi_exact`.
#[derive(Debug, Clone, Copy)]
pub struct VietTokenizer {
    pub fold: bool,
}

pub struct VietTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl Tokenizer for VietTokenizer {
    type TokenStream<'a> = VietTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VietTokenStream {
        let tokens = words(text)
            .enumerate()
            .map(|(position, (offset, w))| Token {
                offset_from: offset,
                offset_to: offset + w.len(),
                position,
                text: term(w, self.fold),
                position_length: 1,
            })
            .collect();
        VietTokenStream { tokens, next: 0 }
    }
}

impl TokenStream for VietTokenStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

/// Register both tokenizers on `index`.
pub fn register(index: &tantivy::Index) {
    let manager = index.tokenizers();
    manager.register(EXACT, VietTokenizer { fold: false });
    manager.register(FOLD, VietTokenizer { fold: true });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str, fold: bool) -> Vec<String> {
        let mut t = VietTokenizer { fold };
        let mut stream = t.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn folding_strips_tones_and_maps_d_bar() {
        assert_eq!(terms("Tư tưởng Đảng", true), ["tu", "tuong", "dang"]);
        assert_eq!(fold_diacritics("Đắk Nông"), "Dak Nong");
    }

    #[test]
    fn exact_keeps_diacritics_and_lowercases() {
        assert_eq!(
            terms("Tư TƯỞNG, đạo đức", false),
            ["tư", "tưởng", "đạo", "đức"]
        );
    }

    #[test]
    fn both_tone_placements_give_one_term() {
        for (old, new) in [
            ("hòa", "hoà"),
            ("thủy", "thuỷ"),
            ("khỏe", "khoẻ"),
            ("Tòa", "toà"),
        ] {
            assert_eq!(terms(old, false), terms(new, false), "{old} vs {new}");
        }
        // Glide followed by a final consonant has one placement only: untouched.
        assert_eq!(terms("hoàn", false), ["hoàn"]);
        assert_eq!(terms("quý", false), ["quý"]);
        assert_eq!(terms("của", false), ["của"]);
    }

    #[test]
    fn offsets_are_byte_offsets_of_the_words() {
        let text = "Kế hoạch số 05-CT/TW";
        let mut t = VietTokenizer { fold: true };
        let mut s = t.token_stream(text);
        let mut spans = Vec::new();
        while s.advance() {
            let tok = s.token();
            spans.push(&text[tok.offset_from..tok.offset_to]);
        }
        assert_eq!(spans, ["Kế", "hoạch", "số", "05", "CT", "TW"]);
    }
}
