//! Build the repair stage's built-in tables.
//!
//! - `src/repair/syllables.tsv`: syllable and pair counts of the clean
//!   fixture texts (`fixtures/plans/*.txt`, `fixtures/repair/*.txt`). Lines
//!   that look broken are skipped. Run from the crate root after adding
//!   fixtures: `cargo run --bin build_syllable_table`.
//! - `src/repair/attested.txt` and `src/repair/pairs.txt` (with
//!   `--lexicon WORDS.txt BIGRAMS.txt DICTIONARY.txt`): the syllables
//!   someone writes and the pairs of them that stand side by side, from a
//!   word list, a list of word bigrams and a dictionary's entries.
//!   `scripts/build_lexicon.sh` feeds it the word lists of Tesseract's
//!   Vietnamese model and the dictionary of pyvi.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use kehoach::repair::{is_valid_syllable, SyllableModel};
use unicode_normalization::UnicodeNormalization;

/// Pairs seen once are kept: the corpus is small and each pair is evidence.
const MIN_BIGRAM: u32 = 1;
/// Triples seen once are mostly chance: keeping them would double the table.
const MIN_TRIGRAM: u32 = 2;

/// Provenance of the attested list, written at its top.
const ATTESTED_HEADER: &str = "\
# Vietnamese syllables attested in the word list of Tesseract's Vietnamese
# model (vie.traineddata, tesseract-ocr tessdata repository, Apache License
# 2.0) and in the word dictionary of pyvi 0.1.1 (Copyright (c) 2016
# Viet-Trung Tran, MIT License). Lowercased, NFC, only the words the
# rule-based syllable validator accepts. Regenerate with scripts/build_lexicon.sh.
";

fn main() -> Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [] => build_counts(root),
        [flag, words, bigrams, dictionary] if flag == "--lexicon" => {
            build_lexicon(root, words, bigrams, dictionary)
        }
        _ => bail!("usage: build_syllable_table [--lexicon WORDS.txt BIGRAMS.txt DICTIONARY.txt]"),
    }
}

fn build_counts(root: &Path) -> Result<()> {
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in ["fixtures/plans", "fixtures/repair"] {
        let dir = root.join(dir);
        let entries =
            std::fs::read_dir(&dir).with_context(|| format!("{}: cannot list", dir.display()))?;
        for entry in entries {
            let path = entry?.path();
            if path.extension().is_some_and(|e| e == "txt") {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut model = SyllableModel::new();
    for path in &files {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("{}: cannot read as UTF-8", path.display()))?;
        model.observe_clean(&text);
    }
    let out = root.join("src/repair/syllables.tsv");
    std::fs::write(&out, model.to_tsv(MIN_BIGRAM, MIN_TRIGRAM))
        .with_context(|| format!("{}: cannot write", out.display()))?;
    eprintln!(
        "{} files, {} syllables, {} distinct -> {}",
        files.len(),
        model.total(),
        model.vocabulary(),
        out.strip_prefix(root).unwrap_or(&out).display()
    );
    Ok(())
}

/// A dictionary's syllable joins the attested ones only when running text
/// uses it too: in this many word bigrams at least. Dictionaries keep rare
/// words whose shapes a lost letter leaves ("ảng", a jar, is what "đảng"
/// loses its "đ" to), and those must stay unattested.
const MIN_BIGRAMS_FOR_DICTIONARY_SYLLABLE: usize = 2;

/// Provenance of the pair list, written at its top.
const PAIRS_HEADER: &str = "\
# Pairs of attested syllables that stand side by side: the word bigrams of
# Tesseract's Vietnamese model (vie.traineddata 4.0.0, tesseract-ocr tessdata
# repository, Apache License 2.0) and neighbouring syllables of the entries
# of the word dictionary of pyvi 0.1.1 (Copyright (c) 2016 Viet-Trung Tran,
# MIT License). Lowercased, NFC; a line is a syllable, a tab, and the
# syllables seen after it. Regenerate with scripts/build_lexicon.sh.
";

fn build_lexicon(root: &Path, words: &str, bigrams: &str, dictionary: &str) -> Result<()> {
    let read = |path: &str| {
        std::fs::read_to_string(path).with_context(|| format!("{path}: cannot read as UTF-8"))
    };
    let (words, bigrams, dictionary) = (read(words)?, read(bigrams)?, read(dictionary)?);
    let attested = attested_syllables(&words, &bigrams, &dictionary);
    let mut out = ATTESTED_HEADER.to_string();
    for s in &attested {
        out.push_str(s);
        out.push('\n');
    }
    write(root, "src/repair/attested.txt", &out)?;

    let mut pairs: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (a, b) in neighbours(&bigrams).chain(neighbours(&dictionary)) {
        if attested.contains(&a) && attested.contains(&b) {
            pairs.entry(a).or_default().insert(b);
        }
    }
    let mut out = PAIRS_HEADER.to_string();
    for (first, seconds) in &pairs {
        out.push_str(first);
        out.push('\t');
        out.push_str(
            &seconds
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(" "),
        );
        out.push('\n');
    }
    write(root, "src/repair/pairs.txt", &out)?;
    eprintln!(
        "{} syllables, {} pairs -> src/repair/attested.txt, src/repair/pairs.txt",
        attested.len(),
        pairs.values().map(BTreeSet::len).sum::<usize>()
    );
    Ok(())
}

fn write(root: &Path, path: &str, text: &str) -> Result<()> {
    let path = root.join(path);
    std::fs::write(&path, text).with_context(|| format!("{}: cannot write", path.display()))
}

/// Lowercased NFC words of one line.
fn line_words(line: &str) -> Vec<String> {
    line.split_whitespace()
        .map(|w| w.nfc().collect::<String>().to_lowercase())
        .collect()
}

/// Every two neighbouring words of a line, lowercased and NFC.
fn neighbours(text: &str) -> impl Iterator<Item = (String, String)> + '_ {
    text.lines().flat_map(|line| {
        let words = line_words(line);
        words
            .windows(2)
            .map(|p| (p[0].clone(), p[1].clone()))
            .collect::<Vec<_>>()
    })
}

/// The syllables of the word list, and those of the dictionary that the
/// bigrams use often enough; lowercased, NFC, valid syllables only.
fn attested_syllables(words: &str, bigrams: &str, dictionary: &str) -> BTreeSet<String> {
    let mut in_bigrams: std::collections::HashMap<String, usize> = Default::default();
    for line in bigrams.lines() {
        for w in line_words(line) {
            *in_bigrams.entry(w).or_default() += 1;
        }
    }
    let mut out: BTreeSet<String> = line_words(words)
        .into_iter()
        .filter(|w| is_valid_syllable(w))
        .collect();
    out.extend(line_words(dictionary).into_iter().filter(|w| {
        is_valid_syllable(w)
            && in_bigrams.get(w).copied().unwrap_or(0) >= MIN_BIGRAMS_FOR_DICTIONARY_SYLLABLE
    }));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_valid_syllables_and_dictionary_words_running_text_uses() {
        let nfd: String = "Thuộc".nfd().collect();
        let words = format!("{nfd}\nThS\nwi-fi\nTheme\ncủa\nCủa\n");
        let bigrams = "ổ gà\nổ cứng\nhy vọng\n";
        let dictionary = "ổ gà\nảng\nhy vọng\n";
        let got: Vec<String> = attested_syllables(&words, bigrams, dictionary)
            .into_iter()
            .collect();
        // "ổ" is in two bigrams; "ảng" and "hy" are not used enough.
        assert_eq!(got, ["của", "thuộc", "ổ"]);
    }

    #[test]
    fn neighbours_are_pairs_within_a_line() {
        let nfd: String = "Trung ương".nfd().collect();
        let got: Vec<(String, String)> = neighbours(&format!("{nfd}\nxử lý văn\n")).collect();
        let want = [("trung", "ương"), ("xử", "lý"), ("lý", "văn")];
        assert_eq!(got.len(), want.len());
        for ((a, b), (x, y)) in got.iter().zip(want) {
            assert_eq!((a.as_str(), b.as_str()), (x, y));
        }
    }
}
