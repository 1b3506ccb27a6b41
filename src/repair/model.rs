//! Syllable language model: unigram and bigram counts of Vietnamese
//! syllables (lower case). The built-in table comes from the clean fixture
//! corpus (`src/bin/build_syllable_table.rs` writes `syllables.tsv`); bulk
//! import adds counts from the archive, and repair adds the document's own.

use std::sync::OnceLock;

use super::dropped::CaseCounts;
use super::fast_hash::FastMap;
use super::syllable::{is_fragment_word, is_letter, is_roman_numeral, is_valid};

/// Counts of syllables and of syllable pairs that follow each other.
#[derive(Debug, Clone, Default)]
pub struct SyllableModel {
    unigrams: FastMap<String, u32>,
    bigrams: FastMap<String, u32>,
    /// Three syllables (or boundary tokens) in a row: the formulas of the
    /// genre ("tổ chức thực hiện", "là sự gương") settle a lost vowel that
    /// one neighbour each side leaves open.
    trigrams: FastMap<String, u32>,
    total: u64,
    /// How often each syllable is written with a capital, and beside what.
    case: CaseCounts,
    /// Per syllable, how many distinct syllables were seen before it (and
    /// the number of distinct pairs), worked out when first asked and
    /// dropped when counts change.
    continuation: OnceLock<Continuation>,
}

/// Kneser–Ney continuation counts: "thiệu" is frequent but follows almost
/// only "giới", so after a word never seen before it, it is unlikely.
#[derive(Debug, Clone, Default)]
struct Continuation {
    before: FastMap<String, u32>,
    pairs: u64,
    /// Per token, how many distinct tokens were seen after it; per pair,
    /// how many after the pair (Witten–Bell: a word followed by many
    /// others, "các", is often followed by one never seen after it).
    after: FastMap<String, u32>,
    after_pair: FastMap<String, u32>,
}

const BUILTIN_TSV: &str = include_str!("syllables.tsv");

/// The token counted where punctuation separates two words ("dân; có"):
/// what follows a comma or a list number ("1. Về") and what ends a phrase
/// are counted like any pair, and no pair is counted across the mark.
pub(crate) const BOUNDARY: &str = ".";

/// The token counted for a Roman numeral ("quý IV", "khóa XIII"): the
/// numeral itself is no syllable, but what stands before it is telling.
pub(crate) const ROMAN: &str = "#";

/// The lines of `text` that look intact (no legacy encoding, "ƣ", NFD or
/// dropped letters), so that damaged files still give clean counts.
fn clean_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().filter(|line| {
        !super::unicode::suspicious(line)
            && !super::legacy::suspicious(line)
            && !super::dropped::suspicious(line)
    })
}

/// A count, or a pair of counts, that another can be added to.
pub(crate) trait Count: Copy {
    fn add(&mut self, other: Self);
}

impl Count for u32 {
    fn add(&mut self, other: u32) {
        *self = self.saturating_add(other);
    }
}

impl Count for [u32; 2] {
    fn add(&mut self, other: [u32; 2]) {
        self[0] = self[0].saturating_add(other[0]);
        self[1] = self[1].saturating_add(other[1]);
    }
}

/// Add `from`'s counts into `into`, new keys only below `max_keys`.
pub(crate) fn add_counts<V: Count>(
    into: &mut FastMap<String, V>,
    from: &FastMap<String, V>,
    max_keys: usize,
) {
    for (k, &v) in from {
        if let Some(c) = into.get_mut(k.as_str()) {
            c.add(v);
        } else if into.len() < max_keys {
            into.insert(k.clone(), v);
        }
    }
}

impl SyllableModel {
    /// An empty model.
    pub fn new() -> Self {
        Self::default()
    }

    /// The model built into the binary, as a model of its own to add
    /// counts to. Parsed afresh rather than copied from [`Self::builtin_ref`],
    /// so that a bulk import, which only ever uses its own, holds the table
    /// once and not twice.
    pub fn builtin() -> Self {
        parse_builtin()
    }

    /// The model built into the binary, shared (no copy).
    pub fn builtin_ref() -> &'static SyllableModel {
        builtin_ref()
    }

    /// Add the counts of `text`: every valid syllable, and every pair of
    /// valid syllables separated only by white space.
    pub fn observe(&mut self, text: &str) {
        self.continuation.take();
        // Keys are copied only when new: bulk import counts every clean line.
        let count = |map: &mut FastMap<String, u32>, key: &str| match map.get_mut(key) {
            Some(c) => *c += 1,
            None => {
                map.insert(key.to_string(), 1);
            }
        };
        // The last two tokens of the current run.
        let mut prev: Option<String> = None;
        let mut prev2: Option<String> = None;
        let mut key = String::new();
        let mut count_run = |m: &mut SyllableModel, p2: Option<&str>, p: &str, w: &str| {
            join_key(&mut key, &[p, w]);
            count(&mut m.bigrams, &key);
            if let Some(p2) = p2 {
                join_key(&mut key, &[p2, p, w]);
                count(&mut m.trigrams, &key);
            }
        };
        for (word, gap_is_space) in words(text) {
            if !gap_is_space {
                // Punctuation between: the pair is word, boundary, word.
                if let Some(p) = prev.take() {
                    count_run(self, prev2.as_deref(), &p, BOUNDARY);
                    count(&mut self.unigrams, BOUNDARY);
                    self.total += 1;
                    prev2 = Some(p);
                    prev = Some(BOUNDARY.to_string());
                }
            }
            let w = if is_roman_numeral(word) {
                ROMAN.to_string()
            } else if !is_valid(word) || is_fragment_word(word) {
                prev = None;
                prev2 = None;
                continue;
            } else {
                word.to_lowercase()
            };
            count(&mut self.unigrams, &w);
            self.total += 1;
            match prev.take() {
                Some(p) => {
                    count_run(self, prev2.as_deref(), &p, &w);
                    prev2 = Some(p);
                }
                None => prev2 = None,
            }
            prev = Some(w);
        }
    }

    /// Like [`SyllableModel::observe`], but skip lines that look broken
    /// (legacy encodings, "ƣ", NFD, dropped letters), so that an archive
    /// or a corpus with damaged files still gives clean counts.
    pub fn observe_clean(&mut self, text: &str) {
        for line in clean_lines(text) {
            self.observe(line);
            self.case.observe(line);
        }
    }

    /// [`SyllableModel::observe_clean`] without the case counts: what bulk
    /// import adds per file. Case counts are four tables per word (about
    /// two thirds of the cost of counting a file, which halved the text
    /// import rate), and the built-in ones with the document's own settle
    /// the case of a restored capital as well in a single file.
    pub fn observe_clean_syllables(&mut self, text: &str) {
        for line in clean_lines(text) {
            self.observe(line);
        }
    }

    /// Add the counts of `other` (another file's, say). Counts of keys
    /// already here always grow; new keys are taken only while each table
    /// holds fewer than `max_keys`, so that a model fed a whole archive
    /// stays bounded in memory however large the archive.
    pub fn merge(&mut self, other: &SyllableModel, max_keys: usize) {
        self.continuation.take();
        add_counts(&mut self.unigrams, &other.unigrams, max_keys);
        add_counts(&mut self.bigrams, &other.bigrams, max_keys);
        add_counts(&mut self.trigrams, &other.trigrams, max_keys);
        self.total += other.total;
        self.case.merge(&other.case, max_keys);
    }

    /// Case counts of the clean text seen by [`SyllableModel::observe_clean`].
    pub(crate) fn case_counts(&self) -> &CaseCounts {
        &self.case
    }

    /// How often `syllable` (lower case) was seen.
    pub fn unigram(&self, syllable: &str) -> u32 {
        self.unigrams.get(syllable).copied().unwrap_or(0)
    }

    /// How often `first second` (lower case) was seen.
    pub fn bigram(&self, first: &str, second: &str) -> u32 {
        joined_count(&self.bigrams, &[first, second])
    }

    /// How often `first second third` (lower case) was seen.
    pub fn trigram(&self, first: &str, second: &str, third: &str) -> u32 {
        joined_count(&self.trigrams, &[first, second, third])
    }

    /// How many distinct tokens were seen before `syllable`.
    pub fn continuation(&self, syllable: &str) -> u32 {
        self.continuations()
            .before
            .get(syllable)
            .copied()
            .unwrap_or(0)
    }

    /// How many distinct tokens were seen after `syllable`.
    pub fn followers(&self, syllable: &str) -> u32 {
        self.continuations()
            .after
            .get(syllable)
            .copied()
            .unwrap_or(0)
    }

    /// How many distinct tokens were seen after `first second`.
    pub fn pair_followers(&self, first: &str, second: &str) -> u32 {
        joined_count(&self.continuations().after_pair, &[first, second])
    }

    /// Distinct pairs seen: the sum of [`SyllableModel::continuation`].
    pub fn continuation_total(&self) -> u64 {
        self.continuations().pairs
    }

    fn continuations(&self) -> &Continuation {
        self.continuation.get_or_init(|| {
            let mut c = Continuation::default();
            let bump = |map: &mut FastMap<String, u32>, key: &str| match map.get_mut(key) {
                Some(n) => *n += 1,
                None => {
                    map.insert(key.to_string(), 1);
                }
            };
            for key in self.bigrams.keys() {
                if let Some((first, second)) = key.split_once(' ') {
                    bump(&mut c.before, second);
                    bump(&mut c.after, first);
                    c.pairs += 1;
                }
            }
            for key in self.trigrams.keys() {
                if let Some((pair, _)) = key.rsplit_once(' ') {
                    bump(&mut c.after_pair, pair);
                }
            }
            c
        })
    }

    /// Number of syllables seen.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Distinct syllables seen.
    pub fn vocabulary(&self) -> usize {
        self.unigrams.len()
    }

    /// The table format: `u<TAB>syllable<TAB>count`,
    /// `b<TAB>first second<TAB>count` and `t<TAB>first second third<TAB>count`,
    /// sorted; bigrams below `min_bigram` and trigrams below `min_trigram`
    /// left out.
    pub fn to_tsv(&self, min_bigram: u32, min_trigram: u32) -> String {
        let mut rows: Vec<String> = self
            .unigrams
            .iter()
            .map(|(w, c)| format!("u\t{w}\t{c}"))
            .chain(
                self.bigrams
                    .iter()
                    .filter(|(_, &c)| c >= min_bigram)
                    .map(|(w, c)| format!("b\t{w}\t{c}")),
            )
            .chain(
                self.trigrams
                    .iter()
                    .filter(|(_, &c)| c >= min_trigram)
                    .map(|(w, c)| format!("t\t{w}\t{c}")),
            )
            .chain(self.case.rows())
            .collect();
        rows.sort();
        let mut out = rows.join("\n");
        out.push('\n');
        out
    }

    /// Read the table format of [`SyllableModel::to_tsv`].
    pub fn from_tsv(tsv: &str) -> Result<Self, String> {
        let mut m = SyllableModel::new();
        for (n, line) in tsv
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let Some((kind, key, count)) = split_row(line) else {
                return Err(format!("line {}: expected 3 tab-separated fields", n + 1));
            };
            if m.case
                .read_row(kind, key, count)
                .map_err(|e| format!("line {}: {e}", n + 1))?
            {
                continue;
            }
            let count: u32 = count
                .parse()
                .map_err(|e| format!("line {}: count: {e}", n + 1))?;
            match kind {
                "u" => {
                    m.unigrams.insert(key.to_string(), count);
                    m.total += count as u64;
                }
                "b" => {
                    m.bigrams.insert(key.to_string(), count);
                }
                "t" => {
                    m.trigrams.insert(key.to_string(), count);
                }
                other => return Err(format!("line {}: unknown row kind {other:?}", n + 1)),
            }
        }
        Ok(m)
    }
}

/// A table row's three fields: kind, key, count.
fn split_row(line: &str) -> Option<(&str, &str, &str)> {
    let mut f = line.split('\t');
    match (f.next(), f.next(), f.next(), f.next()) {
        (Some(kind), Some(key), Some(count), None) => Some((kind, key, count)),
        _ => None,
    }
}

/// The count of `parts` joined by spaces. One key buffer per thread:
/// repair asks for many pairs, and a fresh String per lookup showed in
/// profiles.
fn joined_count(map: &FastMap<String, u32>, parts: &[&str]) -> u32 {
    thread_local! {
        static KEY: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    KEY.with(|key| {
        let mut key = key.borrow_mut();
        join_key(&mut key, parts);
        map.get(key.as_str()).copied().unwrap_or(0)
    })
}

/// `parts` joined by spaces into `key`: the keys of the pair and triple
/// tables, built in a reused buffer.
pub(crate) fn join_key(key: &mut String, parts: &[&str]) {
    key.clear();
    for (k, part) in parts.iter().enumerate() {
        if k > 0 {
            key.push(' ');
        }
        key.push_str(part);
    }
}

/// The built-in model, parsed once.
pub(crate) fn builtin_ref() -> &'static SyllableModel {
    static MODEL: OnceLock<SyllableModel> = OnceLock::new();
    MODEL.get_or_init(parse_builtin)
}

fn parse_builtin() -> SyllableModel {
    SyllableModel::from_tsv(BUILTIN_TSV).expect("built-in syllables.tsv is well-formed")
}

/// How often each syllable occurs in the built-in table: all the legacy
/// decoder needs of it, without the whole model (a few thousand entries,
/// where the model holds hundreds of thousands).
pub(crate) fn builtin_unigram(syllable: &str) -> u32 {
    static UNIGRAMS: OnceLock<FastMap<&'static str, u32>> = OnceLock::new();
    UNIGRAMS
        .get_or_init(|| {
            BUILTIN_TSV
                .lines()
                .filter_map(split_row)
                .filter(|&(kind, _, _)| kind == "u")
                .filter_map(|(_, key, n)| Some((key, n.parse().ok()?)))
                .collect()
        })
        .get(syllable)
        .copied()
        .unwrap_or(0)
}

/// Letter runs of `text`, each with whether only white space separates it
/// from the previous run.
fn words(text: &str) -> impl Iterator<Item = (&str, bool)> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let start = rest.find(is_letter)?;
        let gap = &rest[..start];
        let after = &rest[start..];
        let len = after.find(|c: char| !is_letter(c)).unwrap_or(after.len());
        let word = &after[..len];
        rest = &after[len..];
        Some((word, gap.chars().all(char::is_whitespace)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continuation_counts_distinct_words_before_and_follow_new_counts() {
        let mut m = SyllableModel::new();
        m.observe("giới thiệu giới thiệu giới thiệu; thiếu vốn, còn thiếu, rất thiếu");
        assert_eq!(m.unigram("thiệu"), 3);
        assert_eq!(m.continuation("thiệu"), 1);
        // After a boundary ("; thiếu"), "còn" and "rất".
        assert_eq!(m.continuation("thiếu"), 3);
        let pairs = m.continuation_total();
        m.observe("hoặc thiếu");
        assert_eq!(m.continuation("thiếu"), 4);
        assert_eq!(m.continuation_total(), pairs + 1);
    }

    #[test]
    fn merge_adds_counts_and_takes_new_keys_only_below_the_cap() {
        let mut shared = SyllableModel::new();
        shared.observe("công tác tuyên truyền");
        let mut file = SyllableModel::new();
        file.observe_clean_syllables("công tác kiểm tra\ntƣ tƣởng");
        shared.merge(&file, 5);
        assert_eq!(shared.unigram("công"), 2);
        assert_eq!(shared.bigram("công", "tác"), 2);
        // Four unigrams held, room for one more: "kiểm" or "tra", not both;
        // the damaged line gave nothing.
        assert_eq!(shared.vocabulary(), 5);
        assert_eq!(shared.unigram("tư"), 0);
        assert_eq!(shared.total(), 8);
        // Syllable counts only: the case tables stay as they were.
        assert!(shared.case_counts().rows().next().is_none());
    }

    #[test]
    fn counts_valid_syllables_and_spaced_pairs_only() {
        let mut m = SyllableModel::new();
        m.observe("Công tác tuyên truyền, công tác c ng 34-KH/ĐUK.");
        assert_eq!(m.unigram("công"), 2);
        assert_eq!(m.unigram("c"), 0);
        assert_eq!(m.bigram("công", "tác"), 2);
        // A comma breaks the pair: word, boundary, word.
        assert_eq!(m.bigram("truyền", "công"), 0);
        assert_eq!(m.bigram("truyền", BOUNDARY), 1);
        assert_eq!(m.bigram(BOUNDARY, "công"), 1);
        assert_eq!(m.unigram("đuk"), 0);
    }

    #[test]
    fn clean_observation_skips_broken_lines() {
        let mut m = SyllableModel::new();
        m.observe_clean("công tác tốt\nc ng tác tƣ tƣởng\nKÕ ho¹ch");
        assert_eq!(m.unigram("công"), 1);
        assert_eq!(m.unigram("tác"), 1);
        assert_eq!(m.total(), 3);
    }

    #[test]
    fn table_round_trips() {
        let mut m = SyllableModel::new();
        m.observe("kế hoạch kế hoạch thực hiện");
        let back = SyllableModel::from_tsv(&m.to_tsv(1, 1)).unwrap();
        assert_eq!(back.trigram("kế", "hoạch", "kế"), 1);
        assert_eq!(back.unigram("kế"), 2);
        assert_eq!(back.bigram("kế", "hoạch"), 2);
        assert_eq!(back.total(), m.total());
        assert!(SyllableModel::from_tsv("x\ty\t1").is_err());
        assert!(SyllableModel::from_tsv("cb\ty z\t1").is_err());
        assert!(SyllableModel::from_tsv("u\ty").is_err());
    }

    #[test]
    fn case_counts_round_trip() {
        let mut m = SyllableModel::new();
        m.observe_clean("Ban Thường vụ Đảng ủy Khối, các đảng viên");
        let tsv = m.to_tsv(1, 1);
        assert!(tsv.contains("cb\tvụ đảng\t0/1\n"), "{tsv}");
        assert!(tsv.contains("cf\tđảng viên\t1/0\n"), "{tsv}");
        assert!(tsv.contains("cg\tđảng ủy khối\t0/1\n"), "{tsv}");
        let back = SyllableModel::from_tsv(&tsv).unwrap();
        assert_eq!(back.to_tsv(1, 1), tsv);
    }

    #[test]
    fn builtin_table_loads_and_knows_common_syllables() {
        let m = SyllableModel::builtin();
        assert!(m.vocabulary() > 0);
    }

    #[test]
    fn the_legacy_decoders_unigrams_are_the_models() {
        let m = builtin_ref();
        for w in ["của", "công", "tác", "đảng", "kế", "hoạch", "xyz", ""] {
            assert_eq!(builtin_unigram(w), m.unigram(w), "{w}");
        }
        assert!(builtin_unigram("của") > 1000);
    }
}
