//! The syllable language model as the decision sees it: the built-in (or
//! archive) counts, the document's own, and the lexicon of attested pairs
//! under both, scoring a sequence of syllables.

use super::*;

/// Weight of the document's own counts against the background model.
const DOC_WEIGHT: f64 = 5.0;

/// Count given to an attested syllable on top of its counts.
const ATTESTED_PRIOR: f64 = 0.05;

/// Weight of the pair lexicon against the counts (chosen on the fixture
/// evaluation: 0.1–0.5 give about the same).
const LEXICON_WEIGHT: f64 = 0.3;

/// Share of the lexicon's P(w | prev) given to P(w) for unattested pairs.
const LEXICON_BACKOFF: f64 = 0.1;

/// Pseudo-count of the unigram in the counted P(w | prev), per distinct
/// word seen after `prev` (Witten–Bell): after "các", followed by hundreds
/// of words, an unseen one is far likelier than after "giới", followed by
/// a few. A fixed pseudo-count of 2 gave 98.94 % restored and 525 wrong
/// fills on the fixtures; 1 per follower 98.96 % and 469 (0.3: 98.98 %,
/// 498; 1.5 with the triple prior at 1: 99.00 %, 463).
const PAIR_PRIOR: f64 = 1.0;

/// Pseudo-count of P(w | prev) in the counted P(w | prev2 prev), per
/// distinct word seen after the pair. With the pair prior at 1: 1 gave
/// 99.01 % and 467 wrong fills, 2 99.04 % and 455, 4 99.06 % and 435,
/// 8 99.05 % and 430 (a fixed 10 before: 98.96 % and 469).
const TRIPLE_PRIOR: f64 = 4.0;

/// The pseudo-count of a context followed by `followers` distinct words,
/// `per_follower` each; a context seen only before a mark still backs off.
fn witten_bell(followers: u32, per_follower: f64) -> f64 {
    (per_follower * followers as f64).max(0.5)
}

/// Options of the next site summed over when judging a site.
const MAX_NEIGHBOUR_OPTIONS: usize = 6;

/// Background model plus the document's own counts.
pub(super) struct Scorer<'a> {
    pub base: &'a SyllableModel,
    pub doc: &'a SyllableModel,
    /// ln P(w | prev2 prev) already worked out in this document, by a hash
    /// of the triple: the joint scoring of neighbouring sites asks for the
    /// same ones again and again (profiled: the table lookups were two
    /// thirds of repairing a damaged text).
    pub(super) memo: std::cell::RefCell<crate::repair::fast_hash::FastMap<u64, f64>>,
    pub(super) lexicon: &'static PairLexicon,
}

impl<'a> Scorer<'a> {
    pub fn new(base: &'a SyllableModel, doc: &'a SyllableModel) -> Scorer<'a> {
        Scorer {
            base,
            doc,
            memo: Default::default(),
            lexicon: PairLexicon::builtin(),
        }
    }

    /// Counts of `w` (lower case), with a small prior for any attested
    /// syllable so that a word the counts never saw can still be restored.
    pub(super) fn uni(&self, w: &str) -> f64 {
        self.counted(w)
            + if is_attested_lower(w) {
                ATTESTED_PRIOR
            } else {
                0.0
            }
    }

    fn counted(&self, w: &str) -> f64 {
        self.base.unigram(w) as f64 + DOC_WEIGHT * self.doc.unigram(w) as f64
    }

    /// Only syllables someone writes are filled in: attested ones, and those
    /// the counts have seen (a name, a rare word of this document).
    pub(super) fn known(&self, w: &str) -> bool {
        w.split(' ')
            .all(|w| is_attested(w) || self.counted(w) > 0.0)
    }

    fn bi(&self, a: &str, b: &str) -> f64 {
        self.base.bigram(a, b) as f64 + DOC_WEIGHT * self.doc.bigram(a, b) as f64
    }

    /// P(w): the counted unigram mixed with the lexicon's.
    fn p(&self, w: &str) -> f64 {
        (1.0 - LEXICON_WEIGHT) * self.p_counted(w) + LEXICON_WEIGHT * self.lexicon.p(w)
    }

    fn p_counted(&self, w: &str) -> f64 {
        let total = self.base.total() as f64 + DOC_WEIGHT * self.doc.total() as f64;
        (self.uni(w) + 0.01) / (total + 100.0)
    }

    /// P(w) after a word it was never seen after: by how many distinct
    /// words it follows (Kneser–Ney), with the same small prior for an
    /// attested syllable the counts never saw.
    fn p_continuation(&self, w: &str) -> f64 {
        let n = self.base.continuation(w) as f64 + DOC_WEIGHT * self.doc.continuation(w) as f64;
        let total = self.base.continuation_total() as f64
            + DOC_WEIGHT * self.doc.continuation_total() as f64;
        let prior = if is_attested_lower(w) {
            ATTESTED_PRIOR
        } else {
            0.0
        };
        (n + prior + 0.01) / (total + 100.0)
    }

    fn tri(&self, a: &str, b: &str, c: &str) -> f64 {
        self.base.trigram(a, b, c) as f64 + DOC_WEIGHT * self.doc.trigram(a, b, c) as f64
    }

    /// ln P(w | prev2 prev), worked out once per triple.
    fn ln_p_given(&self, w: &str, prev2: Option<&str>, prev: Option<&str>) -> f64 {
        let key = {
            use std::hash::Hasher;
            let mut h = crate::repair::fast_hash::Fnv::default();
            h.write(prev2.unwrap_or("\u{1}").as_bytes());
            h.write(&[0]);
            h.write(prev.unwrap_or("\u{1}").as_bytes());
            h.write(&[0]);
            h.write(w.as_bytes());
            h.finish()
        };
        if let Some(&known) = self.memo.borrow().get(&key) {
            return known;
        }
        let ln = self.p_given_uncached(w, prev2, prev).ln();
        self.memo.borrow_mut().insert(key, ln);
        ln
    }

    /// P(w | prev2 prev): the counted model (triple count smoothed towards
    /// the pair's, the pair's towards the single count) mixed with the
    /// lexicon's P(w | prev).
    fn p_given_uncached(&self, w: &str, prev2: Option<&str>, prev: Option<&str>) -> f64 {
        let Some(prev) = prev else { return self.p(w) };
        let c = self.uni(prev);
        let pair_prior = witten_bell(
            self.base.followers(prev) + self.doc.followers(prev),
            PAIR_PRIOR,
        );
        // An unseen pair backs off to how many words `w` follows, not how
        // often it is written: "hoặc thiệu" is unlikely however common
        // "giới thiệu" is (measured: 477 -> 462 wrong fills on the fixtures).
        let mut counted =
            (self.bi(prev, w) + pair_prior * self.p_continuation(w)) / (c + pair_prior);
        if let Some(prev2) = prev2 {
            let context = self.bi(prev2, prev);
            if context > 0.0 {
                let seen_after =
                    self.base.pair_followers(prev2, prev) + self.doc.pair_followers(prev2, prev);
                let triple_prior = witten_bell(seen_after, TRIPLE_PRIOR);
                counted =
                    (self.tri(prev2, prev, w) + triple_prior * counted) / (context + triple_prior);
            }
        }
        // Lexicon: the attested followers of `prev`, with a share for any word.
        let pl = self.lexicon.p(w);
        let lex = match self.lexicon.p_given(w, prev) {
            Some(q) => (1.0 - LEXICON_BACKOFF) * q + LEXICON_BACKOFF * pl,
            None => pl,
        };
        (1.0 - LEXICON_WEIGHT) * counted + LEXICON_WEIGHT * lex
    }

    /// Log-probability of a token sequence after `before`, followed by `after`.
    /// Tokens are syllables in lower case, or None for a word that is not
    /// one (it gets a tiny fixed probability).
    pub(super) fn score(
        &self,
        before: Option<&str>,
        seq: &[Option<&str>],
        after: Option<&str>,
    ) -> f64 {
        let (mut prev2, mut prev) = (None, before);
        let mut total = 0.0;
        for &tok in seq {
            match tok {
                Some(tok) => {
                    total += self.ln_p_given(tok, prev2, prev);
                    (prev2, prev) = (prev, Some(tok));
                }
                None => {
                    total += (1e-9f64).ln();
                    (prev2, prev) = (None, None);
                }
            }
        }
        if let Some(after) = after {
            total += self.ln_p_given(after, prev2, prev);
        }
        total
    }
}

/// The options of a neighbouring site to sum over: leaving it, and its
/// likeliest candidates on their own (at most `MAX_NEIGHBOUR_OPTIONS`).
pub(super) fn neighbour_options<'a>(
    site: &'a Site,
    scorer: &Scorer,
    prior: &LetterPrior,
    usable: impl Fn(&&'a Candidate) -> bool,
) -> Vec<Option<&'a Candidate>> {
    let mut cands: Vec<(f64, &Candidate)> = site
        .candidates
        .iter()
        .filter(usable)
        .map(|c| {
            let alone = scorer.p(&c.lower).ln() + prior.log_weight(&c.fill);
            (alone, c)
        })
        .collect();
    cands.sort_by(|a, b| b.0.total_cmp(&a.0));
    cands.truncate(MAX_NEIGHBOUR_OPTIONS);
    std::iter::once(None)
        .chain(cands.into_iter().map(|(_, c)| Some(c)))
        .collect()
}

/// Words `lo..=hi` (lower case, None when not a syllable) with the
/// candidates put in place of the words they cover, and a boundary token
/// wherever punctuation separates two words.
pub(super) fn sequence<'a>(
    lower: &'a [Option<String>],
    boundary: &[bool],
    lo: usize,
    hi: usize,
    subs: &[Option<&'a Candidate>],
) -> Vec<Option<&'a str>> {
    let mut seq = Vec::with_capacity(hi + 2 - lo);
    let mut j = lo;
    while j <= hi {
        if j > lo && boundary[j] {
            seq.push(Some(BOUNDARY));
        }
        match subs.iter().flatten().find(|c| c.first == j) {
            Some(c) => {
                // A restored one-letter syllable comes with its neighbours.
                seq.extend(c.lower.split(' ').map(Some));
                j = c.last + 1;
            }
            None => {
                seq.push(lower[j].as_deref());
                j += 1;
            }
        }
    }
    seq
}

pub(super) fn log_sum_exp(xs: &[f64]) -> f64 {
    let max = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if max == f64::NEG_INFINITY {
        return max;
    }
    max + xs.iter().map(|x| (x - max).exp()).sum::<f64>().ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_followed_by_many_others_is_likelier_followed_by_an_unseen_one() {
        // "các" and "giới" are each written 6 times; "các" before six
        // different words, "giới" always before "thiệu".
        let mut base = SyllableModel::new();
        base.observe("các tổ các xã các sở các ban các hội các đoàn mới");
        base.observe("giới thiệu giới thiệu giới thiệu giới thiệu giới thiệu giới thiệu");
        let doc = SyllableModel::new();
        let s = Scorer::new(&base, &doc);
        let after_cac = s.ln_p_given("mới", None, Some("các"));
        let after_gioi = s.ln_p_given("mới", None, Some("giới"));
        assert!(after_cac > after_gioi + 0.1, "{after_cac} {after_gioi}");
    }

    #[test]
    fn followers_are_counted_per_word_and_per_pair() {
        let mut m = SyllableModel::new();
        m.observe("các tổ chức các tổ đảng các xã");
        assert_eq!(m.followers("các"), 2);
        assert_eq!(m.pair_followers("các", "tổ"), 2);
        assert_eq!(m.pair_followers("tổ", "chức"), 1);
    }
}
