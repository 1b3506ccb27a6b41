//! Rule-based validator of Vietnamese syllables: onset + (medial) nucleus +
//! coda + tone, with the spelling rules (c/k, g/gh, ng/ngh) and the rule that
//! the stop codas c, ch, p, t take only the sắc or nặng tone.
//!
//! It decides "is this a real syllable shape?" without a dictionary, and it is
//! on the hot path of the clean-text scan, so it allocates nothing.

use std::sync::OnceLock;

/// Tones in the order the letter table lists them.
pub const NO_TONE: u8 = 0;
const SAC: u8 = 2;
const NANG: u8 = 5;

/// Base letters with diacritics get one-byte codes so a syllable is a short
/// byte string: ă=1 â=2 ê=3 ô=4 ơ=5 ư=6 đ=7; plain letters keep their ASCII.
const VOWELS: [(&str, u8); 12] = [
    ("aàáảãạ", b'a'),
    ("ăằắẳẵặ", b'1'),
    ("âầấẩẫậ", b'2'),
    ("eèéẻẽẹ", b'e'),
    ("êềếểễệ", b'3'),
    ("iìíỉĩị", b'i'),
    ("oòóỏõọ", b'o'),
    ("ôồốổỗộ", b'4'),
    ("ơờớởỡợ", b'5'),
    ("uùúủũụ", b'u'),
    ("ưừứửữự", b'6'),
    ("yỳýỷỹỵ", b'y'),
];

/// Roman numerals head sections ("I. MỤC ĐÍCH", "IV.") and name quarters
/// ("quý IV"): not fragments.
pub fn is_roman_numeral(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
}

/// A key that two spellings of one syllable share: the tone on either
/// vowel ("hoà", "hòa") and a final "i" or "y" after a consonant ("lý",
/// "lí"; "kỹ", "kĩ"). Both are correct, so a fill choosing between them
/// is not unsure of the word. Lower case letters; other text is kept.
pub fn spelling_key(word: &str) -> (String, u8) {
    let mut base = String::with_capacity(word.len());
    let mut tone = NO_TONE;
    for c in word.chars() {
        match letter(c) {
            Some(l) => {
                if l.tone != NO_TONE {
                    tone = l.tone;
                }
                base.push(compose(l.base, NO_TONE).unwrap_or(l.base as char));
            }
            None => base.push(c),
        }
    }
    let bytes = base.as_bytes();
    if bytes.len() >= 2
        && bytes[bytes.len() - 1] == b'y'
        && bytes[bytes.len() - 2].is_ascii_alphabetic()
        && !b"aeiouy".contains(&bytes[bytes.len() - 2])
    {
        base.pop();
        base.push('i');
    }
    (base, tone)
}

/// One letter split into base code, tone and case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Letter {
    pub base: u8,
    pub tone: u8,
    pub upper: bool,
}

const TABLE_LEN: usize = 0x1F00;

fn table() -> &'static [u32] {
    static TABLE: OnceLock<Vec<u32>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = vec![0u32; TABLE_LEN];
        let mut put = |c: char, base: u8, tone: u8| {
            for (ch, upper) in [(c, false), (c.to_uppercase().next().unwrap_or(c), true)] {
                let i = ch as usize;
                if i < TABLE_LEN {
                    t[i] = 1 << 24 | (upper as u32) << 16 | (tone as u32) << 8 | base as u32;
                }
            }
        };
        for c in 'a'..='z' {
            put(c, c as u8, NO_TONE);
        }
        put('đ', b'7', NO_TONE);
        for (forms, base) in VOWELS {
            for (tone, c) in forms.chars().enumerate() {
                put(c, base, tone as u8);
            }
        }
        t
    })
}

/// The letter, if `c` is a Latin letter used in Vietnamese.
#[inline]
pub fn letter(c: char) -> Option<Letter> {
    let v = *table().get(c as usize)?;
    (v != 0).then_some(Letter {
        base: v as u8,
        tone: (v >> 8) as u8,
        upper: (v >> 16) & 1 == 1,
    })
}

/// True for a letter that can appear in a Vietnamese word.
#[inline]
pub fn is_letter(c: char) -> bool {
    letter(c).is_some()
}

/// The letter with this base and tone, in lower case.
pub fn compose(base: u8, tone: u8) -> Option<char> {
    if base == b'7' {
        return (tone == NO_TONE).then_some('đ');
    }
    VOWELS
        .iter()
        .find(|(_, b)| *b == base)
        .and_then(|(forms, _)| forms.chars().nth(tone as usize))
}

/// Valid shapes that are almost never words on their own, but are what a
/// dropped letter leaves of "ngoài", "giáo", "thuộc"...
pub fn is_fragment_word(w: &str) -> bool {
    // Upper-case "I" is a Roman numeral ("I. MỤC ĐÍCH"), so not here.
    matches!(w, "i" | "o" | "u" | "O" | "U" | "gi" | "GI" | "Gi")
}

/// Has `word` a vowel letter (any tone)? A Vietnamese word, a loanword or
/// a name always has one; what a lost vowel leaves may not ("cng").
pub fn has_vowel(word: &str) -> bool {
    word.chars().filter_map(letter).any(|l| is_vowel(l.base))
}

#[inline]
fn is_vowel(base: u8) -> bool {
    matches!(
        base,
        b'a' | b'1' | b'2' | b'e' | b'3' | b'i' | b'o' | b'4' | b'5' | b'u' | b'6' | b'y'
    )
}

const ONSETS: [&[u8]; 27] = [
    b"ngh", b"ng", b"gh", b"gi", b"kh", b"nh", b"ph", b"th", b"tr", b"ch", b"qu", b"b", b"c", b"d",
    b"7", b"g", b"h", b"k", b"l", b"m", b"n", b"p", b"r", b"s", b"t", b"v", b"x",
];

// Coda bits.
const EMPTY: u16 = 1;
const C: u16 = 2;
const CH: u16 = 4;
const M: u16 = 8;
const N: u16 = 16;
const NG: u16 = 32;
const NH: u16 = 64;
const P: u16 = 128;
const T: u16 = 256;
const STOPS: u16 = C | CH | P | T;

fn coda_bit(coda: &[u8]) -> Option<u16> {
    Some(match coda {
        b"" => EMPTY,
        b"c" => C,
        b"ch" => CH,
        b"m" => M,
        b"n" => N,
        b"ng" => NG,
        b"nh" => NH,
        b"p" => P,
        b"t" => T,
        _ => return None,
    })
}

/// Vowel clusters (medial + nucleus + glide) and the codas each allows.
fn rhymes() -> &'static [(u32, u16)] {
    static RHYMES: OnceLock<Vec<(u32, u16)>> = OnceLock::new();
    RHYMES.get_or_init(|| {
        let all = EMPTY | C | CH | M | N | NG | NH | P | T;
        let closed = C | M | N | NG | P | T;
        let rows: &[(&str, u16)] = &[
            ("a", all),
            ("ă", closed),
            ("â", closed),
            ("e", EMPTY | closed),
            ("ê", EMPTY | CH | M | N | NH | P | T),
            ("i", EMPTY | CH | M | N | NH | P | T),
            ("o", EMPTY | closed),
            ("ô", EMPTY | closed),
            ("ơ", EMPTY | M | N | P | T),
            ("u", EMPTY | closed),
            ("ư", EMPTY | C | M | N | NG | T),
            ("y", EMPTY),
            ("iê", closed),
            ("yê", closed),
            ("uô", closed),
            ("ươ", closed),
            ("oa", all),
            ("oă", closed),
            ("oe", EMPTY | M | N | T),
            ("oo", C | NG),
            ("uâ", N | NG | T),
            ("uê", EMPTY | CH | N | NH | T),
            ("uy", EMPTY | CH | N | NH | P | T),
            ("uơ", EMPTY),
            ("uyê", N | T),
        ];
        let open = [
            "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ua",
            "ui", "ưa", "ưi", "ưu", "oai", "oay", "oao", "oeo", "uây", "uôi", "uya", "uyu", "ươi",
            "ươu", "iêu", "yêu",
        ];
        let mut table: Vec<(u32, u16)> = rows
            .iter()
            .copied()
            .chain(open.iter().map(|v| (*v, EMPTY)))
            .map(|(v, codas)| {
                let bases: Vec<u8> = v
                    .chars()
                    .filter_map(|c| letter(c).map(|l| l.base))
                    .collect();
                (pack(&bases).expect("clusters have at most 3 vowels"), codas)
            })
            .collect();
        table.sort_unstable();
        table
    })
}

/// A vowel cluster of up to three bases as one number.
#[inline]
fn pack(bases: &[u8]) -> Option<u32> {
    (bases.len() <= 3).then(|| bases.iter().fold(0u32, |k, &b| k << 8 | b as u32))
}

/// The codas a vowel cluster allows, if it is a cluster at all.
#[inline]
fn rhyme(cluster: &[u8]) -> Option<u16> {
    let key = pack(cluster)?;
    let t = rhymes();
    t.binary_search_by_key(&key, |&(k, _)| k)
        .ok()
        .map(|i| t[i].1)
}

/// Longest syllable we consider ("nghiêng" has 7 letters).
const MAX_LETTERS: usize = 8;

/// True if `word` (letters only, any case) is a well-formed Vietnamese syllable.
pub fn is_valid(word: &str) -> bool {
    let mut bases = [0u8; MAX_LETTERS];
    let mut n = 0;
    let mut tone = NO_TONE;
    for c in word.chars() {
        let Some(l) = letter(c) else { return false };
        if n == MAX_LETTERS {
            return false;
        }
        if l.tone != NO_TONE {
            if tone != NO_TONE {
                return false;
            }
            tone = l.tone;
        }
        bases[n] = l.base;
        n += 1;
    }
    n > 0 && valid_bases(&bases[..n], tone)
}

fn valid_bases(b: &[u8], tone: u8) -> bool {
    // Onsets do not overlap except as prefixes, so the longest one that
    // matches is the onset; "gi" may also be "g" before the vowel "i" (gìn).
    let onset = ONSETS
        .iter()
        .find(|o| b.starts_with(o))
        .copied()
        .unwrap_or(b"");
    valid_rest(onset, &b[onset.len()..], tone)
        || (onset == b"gi" && valid_rest(b"g", &b[1..], tone))
}

fn valid_rest(onset: &[u8], rest: &[u8], tone: u8) -> bool {
    let vowels = rest.iter().take_while(|&&c| is_vowel(c)).count();
    if vowels == 0 {
        return false;
    }
    let (cluster, coda) = rest.split_at(vowels);
    let Some(coda) = coda_bit(coda) else {
        return false;
    };
    let Some(allowed) = rhyme(cluster) else {
        return false;
    };
    if allowed & coda == 0 {
        return false;
    }
    if coda & STOPS != 0 && tone != SAC && tone != NANG {
        return false;
    }
    spelling_ok(onset, cluster)
}

/// c/k, g/gh, ng/ngh and qu spelling rules.
fn spelling_ok(onset: &[u8], cluster: &[u8]) -> bool {
    let front = matches!(cluster[0], b'e' | b'3' | b'i' | b'y');
    match onset {
        b"k" | b"gh" | b"ngh" => front,
        b"c" | b"ng" => !front,
        b"g" => !front || cluster[0] == b'i',
        b"qu" => !matches!(cluster[0], b'u' | b'o' | b'6'),
        b"gi" => cluster[0] != b'i',
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_syllable_share_a_key() {
        assert_eq!(spelling_key("hoà"), spelling_key("hòa"));
        assert_eq!(spelling_key("lý"), spelling_key("lí"));
        assert_eq!(spelling_key("kỹ"), spelling_key("kĩ"));
        assert_ne!(spelling_key("huy"), spelling_key("hui"));
        assert_ne!(spelling_key("lý"), spelling_key("lỵ"));
        assert_ne!(spelling_key("quý"), spelling_key("quỹ"));
        assert_ne!(spelling_key("đảng"), spelling_key("đáng"));
    }

    #[test]
    fn accepts_real_syllables() {
        for w in [
            "công",
            "không",
            "hình",
            "trình",
            "rõ",
            "dõi",
            "tỏa",
            "toả",
            "đôn",
            "đốc",
            "nghiêng",
            "người",
            "thường",
            "quyết",
            "khuya",
            "giữ",
            "gì",
            "gìn",
            "kế",
            "hoạch",
            "Việt",
            "NAM",
            "huấn",
            "xoong",
            "thuở",
            "tuyên",
            "khuỷu",
            "ĐẢNG",
            "ủy",
            "uỷ",
            "hoà",
            "hòa",
            "a",
            "ý",
            "yêu",
            "oai",
            "chuyển",
            "khuếch",
            "quý",
            "được",
            "những",
        ] {
            assert!(is_valid(w), "{w} should be valid");
        }
    }

    #[test]
    fn rejects_fragments_abbreviations_and_foreign_words() {
        for w in [
            "c",
            "ng",
            "h",
            "nh",
            "tr",
            "r",
            "đ",
            "n",
            "TW",
            "BCH",
            "ĐUK",
            "UBND",
            "KH",
            "kông",
            "cế",
            "ngê",
            "ghô",
            "tàc",
            "hoạcch",
            "tƣ",
            "and",
            "of",
            "Microsoft",
            "hoaïch",
            "Keá",
            "",
            "x1",
            "việtt",
            "gii",
            "qua1",
        ] {
            assert!(!is_valid(w), "{w} should be invalid");
        }
    }

    #[test]
    fn stop_codas_take_only_sac_or_nang() {
        assert!(is_valid("tác") && is_valid("tạc"));
        assert!(!is_valid("tàc") && !is_valid("tảc") && !is_valid("tãc") && !is_valid("tac"));
    }

    #[test]
    fn letters_round_trip_through_compose() {
        for (forms, base) in VOWELS {
            for (tone, c) in forms.chars().enumerate() {
                assert_eq!(compose(base, tone as u8), Some(c));
                let l = letter(c).unwrap();
                assert_eq!((l.base, l.tone, l.upper), (base, tone as u8, false));
                let u = letter(c.to_uppercase().next().unwrap()).unwrap();
                assert!(u.upper);
            }
        }
        assert_eq!(compose(b'7', 0), Some('đ'));
    }
}
