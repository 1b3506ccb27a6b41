//! Syllable pairs attested side by side (`pairs.txt`): the word bigrams of
//! Tesseract's Vietnamese model, drawn from a large web crawl, and the
//! adjacent syllables of a Vietnamese word dictionary's entries (see the
//! file's header and `scripts/build_lexicon.sh`).
//!
//! The built-in counts come from a few dozen plans, so most syllable pairs
//! of a new plan were never counted ("kiên trì", "giản dị"). The lexicon has
//! no counts, only which pairs occur, but that is what tells "Trung ương"
//! from "Trung ưng": it gives the scorer a broad background distribution
//! under the counted one.
//!
//! - P(w) is the continuation probability of Kneser–Ney smoothing: the
//!   share of attested pairs that end in `w` (how many different words
//!   `w` follows), which ranks syllables by how widely they are used.
//! - P(w | prev) is P(w) restricted to the attested followers of `prev`:
//!   a pair is known to occur, and among the words that may follow, the
//!   widely used ones are the likelier.

use std::sync::OnceLock;

use super::attested::{attested_id, attested_len};
use super::fast_hash::FastSet;

const PAIRS_TXT: &str = include_str!("pairs.txt");

/// Pairs of attested syllables, by their places in the attested list.
pub(crate) struct PairLexicon {
    pairs: FastSet<u32>,
    /// Distinct predecessors of each syllable.
    predecessors: Vec<u32>,
    /// Summed P(w) of each syllable's followers.
    follower_mass: Vec<f64>,
    total: u32,
}

fn key(a: u16, b: u16) -> u32 {
    (a as u32) << 16 | b as u32
}

impl PairLexicon {
    /// Read the `first<TAB>second second ...` lines of `text`; pairs with a
    /// syllable that is not attested are left out.
    fn parse(text: &str) -> PairLexicon {
        let n = attested_len();
        let mut lex = PairLexicon {
            pairs: FastSet::default(),
            predecessors: vec![0; n],
            follower_mass: vec![0.0; n],
            total: 0,
        };
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let Some((first, seconds)) = line.split_once('\t') else {
                continue;
            };
            let Some(a) = attested_id(first) else {
                continue;
            };
            for b in seconds.split(' ').filter_map(attested_id) {
                if lex.pairs.insert(key(a, b)) {
                    lex.predecessors[b as usize] += 1;
                    lex.total += 1;
                }
            }
        }
        for &k in &lex.pairs {
            let (a, b) = ((k >> 16) as usize, (k & 0xffff) as usize);
            lex.follower_mass[a] += lex.p_id(b);
        }
        lex
    }

    /// The built-in lexicon, parsed once.
    pub(crate) fn builtin() -> &'static PairLexicon {
        static LEX: OnceLock<PairLexicon> = OnceLock::new();
        LEX.get_or_init(|| PairLexicon::parse(PAIRS_TXT))
    }

    /// Number of distinct pairs.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.total as usize
    }

    /// True if `first second` (lower case) is an attested pair.
    #[cfg(test)]
    fn contains(&self, first: &str, second: &str) -> bool {
        match (attested_id(first), attested_id(second)) {
            (Some(a), Some(b)) => self.pairs.contains(&key(a, b)),
            _ => false,
        }
    }

    fn p_id(&self, b: usize) -> f64 {
        let n = self.predecessors.len() as f64;
        (self.predecessors[b] as f64 + 0.5) / (self.total as f64 + 0.5 * n)
    }

    /// P(w): the share of pairs ending in `w` (lower case), with half a pair
    /// for every attested syllable; 0 for a syllable not attested.
    pub(crate) fn p(&self, w: &str) -> f64 {
        attested_id(w).map_or(0.0, |b| self.p_id(b as usize))
    }

    /// P(w | prev): P(w) over the attested followers of `prev` (0 for any
    /// other word), or None when the lexicon knows no followers of `prev`.
    pub(crate) fn p_given(&self, w: &str, prev: &str) -> Option<f64> {
        let a = attested_id(prev)? as usize;
        if self.follower_mass[a] == 0.0 {
            return None;
        }
        let hit = attested_id(w).filter(|&b| self.pairs.contains(&key(a as u16, b)));
        Some(hit.map_or(0.0, |b| self.p_id(b as usize) / self.follower_mass[a]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_lexicon_knows_common_pairs_and_not_damaged_ones() {
        let lex = PairLexicon::builtin();
        assert!(lex.len() > 100_000, "{}", lex.len());
        for (a, b) in [
            ("trung", "ương"),
            ("kiên", "trì"),
            ("giản", "dị"),
            ("đạo", "đức"),
        ] {
            assert!(lex.contains(a, b), "{a} {b}");
        }
        for (a, b) in [
            ("trung", "ưng"),
            ("kiên", "trị"),
            ("giản", "dự"),
            ("đạo", "ức"),
        ] {
            assert!(!lex.contains(a, b), "{a} {b}");
        }
    }

    #[test]
    fn probabilities_rank_wide_use_and_sum_to_one_over_followers() {
        let lex = PairLexicon::builtin();
        assert!(lex.p("của") > lex.p("ương"));
        assert!(lex.p("ương") > 0.0);
        assert_eq!(lex.p("ảng"), 0.0);
        let p = lex.p_given("ương", "trung").unwrap();
        assert!(p > 0.0 && p < 1.0);
        assert_eq!(lex.p_given("ưng", "trung"), Some(0.0));
        assert_eq!(lex.p_given("công", "ảng"), None);
    }

    #[test]
    fn parse_skips_comments_and_unattested_syllables() {
        let lex = PairLexicon::parse("# header\ncông\ttác ảng việc\nảng\tcông\n");
        assert_eq!(lex.len(), 2);
        assert!(lex.contains("công", "tác") && lex.contains("công", "việc"));
        assert!(!lex.contains("công", "ảng"));
    }
}
