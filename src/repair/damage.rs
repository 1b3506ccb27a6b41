//! Deterministic damage the way broken PDFs break Vietnamese text, for the
//! repair evaluation, tests and benchmarks: "ƣ" in some runs, dropped
//! letters, legacy encodings, NFD. Newlines are never touched, so damaged
//! and clean text align line by line.

use unicode_normalization::UnicodeNormalization;

pub use super::legacy::Encoding;

/// Same seed, same damage.
pub use crate::rng::Rng;

/// "ư/Ư" shown as "ƣ/Ƣ" in about half of the lines (a bold run, say),
/// so the document mixes good and bad forms.
pub fn u_horn_runs(text: &str, rng: &mut Rng) -> String {
    text.split_inclusive('\n')
        .map(|line| {
            if rng.unit() < 0.5 {
                line.replace('ư', "ƣ").replace('Ư', "Ƣ")
            } else {
                line.to_string()
            }
        })
        .collect()
}

/// Drop `rate` of the occurrences of `letters` (either case), leaving a
/// space in their place, or nothing when `leave_space` is false.
pub fn drop_letters(
    text: &str,
    letters: &[char],
    rate: f64,
    leave_space: bool,
    rng: &mut Rng,
) -> String {
    text.chars()
        .filter_map(|c| {
            let lower = c.to_lowercase().next().unwrap_or(c);
            if letters.contains(&lower) && rng.unit() < rate {
                leave_space.then_some(' ')
            } else {
                Some(c)
            }
        })
        .collect()
}

/// The text as a legacy encoding stores it, read through a Latin font.
pub fn legacy(text: &str, enc: Encoding) -> String {
    super::legacy::encode(text, enc)
}

/// Decomposed Unicode.
pub fn nfd(text: &str) -> String {
    text.nfd().collect()
}

/// Sets of letters broken fonts lose, for the evaluation: the sample's
/// "ô ì õ ỏ" and others across vowels, tones and "đ".
pub const LETTER_SETS: &[&[char]] = &[
    &['ô', 'ì', 'õ', 'ỏ'],
    &['ư', 'ơ', 'ờ', 'ở'],
    &['ế', 'ệ', 'ạ', 'ả'],
    &['đ', 'ă', 'â'],
    &['ấ', 'ầ', 'ộ', 'ợ', 'ứ'],
    &['ú', 'ù', 'ũ', 'ụ', 'ủ', 'ó', 'ò'],
    &['ớ', 'ề', 'ậ', 'ị', 'ự'],
    &['í', 'ý', 'ỉ', 'ể', 'ữ', 'ẩ'],
];

/// Every letter of Vietnamese outside ASCII, lower case: what a broken
/// font can lose.
pub fn non_ascii_letters() -> Vec<char> {
    "đăâêôơư"
        .chars()
        .chain("aăâeêioôơuưy".chars().flat_map(|v| {
            ['\u{300}', '\u{301}', '\u{309}', '\u{303}', '\u{323}']
                .into_iter()
                .filter_map(move |mark| {
                    let s: String = [v, mark].iter().collect::<String>().nfc().collect();
                    let mut cs = s.chars();
                    cs.next().filter(|_| cs.next().is_none())
                })
        }))
        .collect()
}

/// `n` distinct letters picked from [`non_ascii_letters`]: the letters one
/// font loses, drawn at random so that no fixed list can be tuned for.
pub fn random_letter_set(n: usize, rng: &mut Rng) -> Vec<char> {
    let mut pool = non_ascii_letters();
    let mut set = Vec::with_capacity(n);
    while set.len() < n && !pool.is_empty() {
        let k = (rng.next_u64() % pool.len() as u64) as usize;
        set.push(pool.swap_remove(k));
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damage_is_deterministic_and_keeps_lines() {
        let text = "Công tác tư tưởng\nđôn đốc, theo dõi\n";
        let a = drop_letters(text, &['ô', 'õ'], 1.0, true, &mut Rng::new(1));
        assert_eq!(a, "C ng tác tư tưởng\nđ n đốc, theo d i\n");
        let b = drop_letters(text, &['ô'], 1.0, false, &mut Rng::new(1));
        assert_eq!(b, "Cng tác tư tưởng\nđn đốc, theo dõi\n");
        let h1 = u_horn_runs(text, &mut Rng::new(7));
        let h2 = u_horn_runs(text, &mut Rng::new(7));
        assert_eq!(h1, h2);
        assert_eq!(h1.lines().count(), 2);
    }

    #[test]
    fn random_sets_draw_distinct_non_ascii_letters() {
        let all = non_ascii_letters();
        // đ, 6 bare vowels with marks, 12 vowels with 5 tones each.
        assert_eq!(all.len(), 7 + 12 * 5);
        assert!(all.contains(&'ỹ') && all.contains(&'đ') && !all.contains(&'a'));
        let set = random_letter_set(5, &mut Rng::new(3));
        assert_eq!(set.len(), 5);
        let mut dedup = set.clone();
        dedup.sort();
        dedup.dedup();
        assert_eq!(dedup.len(), 5);
        assert_eq!(set, random_letter_set(5, &mut Rng::new(3)));
    }
}
