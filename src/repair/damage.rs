//! Deterministic damage the way broken PDFs break Vietnamese text, for the
//! repair evaluation, tests and benchmarks: "ƣ" in some runs, dropped
//! letters, legacy encodings, NFD. Newlines are never touched, so damaged
//! and clean text align line by line.

use unicode_normalization::UnicodeNormalization;

pub use super::legacy::Encoding;

/// Small deterministic generator (SplitMix64): same seed, same damage.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

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
}
