//! Build the repair stage's built-in tables.
//!
//! - `src/repair/syllables.tsv`: syllable and pair counts of the clean
//!   fixture texts (`fixtures/plans/*.txt`, `fixtures/repair/*.txt`). Lines
//!   that look broken are skipped. Run from the crate root after adding
//!   fixtures: `cargo run --bin build_syllable_table`.
//! - `src/repair/attested.txt` (with `--attested WORDS.txt`): the words of a
//!   word list that are Vietnamese syllables, lowercased, NFC, sorted.
//!   `scripts/build_attested_syllables.sh` feeds it Tesseract's Vietnamese
//!   word list.
//! - `src/repair/pairs.txt` (with `--pairs LIST.txt ... dict:WORDS.txt`): every two
//!   attested syllables that stand side by side on a line of the lists
//!   (word bigrams, dictionary entries), lowercased, NFC, grouped by the
//!   first syllable and sorted; pairs from a list named `dict:PATH` are
//!   marked as dictionary words. The same script feeds it Tesseract's word
//!   bigrams and a dictionary's entries.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use kehoach::repair::{is_attested_syllable, is_valid_syllable, SyllableModel};
use unicode_normalization::UnicodeNormalization;

/// Pairs seen once are kept: the corpus is small and each pair is evidence.
const MIN_BIGRAM: u32 = 1;

/// Provenance of the attested list, written at its top.
const ATTESTED_HEADER: &str = "\
# Vietnamese syllables attested in the word list of Tesseract's Vietnamese
# model (vie.traineddata, tesseract-ocr tessdata repository), licensed under
# the Apache License 2.0. Lowercased, NFC, only the words the rule-based
# syllable validator accepts. Regenerate with scripts/build_attested_syllables.sh.
";

fn main() -> Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [] => build_counts(root),
        [flag, words] if flag == "--attested" => build_attested(root, Path::new(words)),
        [flag, lists @ ..] if flag == "--pairs" && !lists.is_empty() => build_pairs(root, lists),
        _ => bail!(
            "usage: build_syllable_table [--attested WORDS.txt | --pairs LIST.txt ... [dict:WORDS.txt]]"
        ),
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
    std::fs::write(&out, model.to_tsv(MIN_BIGRAM))
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

fn build_attested(root: &Path, words: &Path) -> Result<()> {
    let list = std::fs::read_to_string(words)
        .with_context(|| format!("{}: cannot read as UTF-8", words.display()))?;
    let syllables = attested_syllables(&list);
    let mut out = ATTESTED_HEADER.to_string();
    for s in &syllables {
        out.push_str(s);
        out.push('\n');
    }
    let path = root.join("src/repair/attested.txt");
    std::fs::write(&path, out).with_context(|| format!("{}: cannot write", path.display()))?;
    eprintln!(
        "{} words, {} syllables -> {}",
        list.lines().count(),
        syllables.len(),
        path.strip_prefix(root).unwrap_or(&path).display()
    );
    Ok(())
}

/// Provenance of the pair list, written at its top.
const PAIRS_HEADER: &str = "\
# Pairs of attested syllables that stand side by side: the word bigrams of
# Tesseract's Vietnamese model (vie.traineddata 4.0.0, tesseract-ocr tessdata
# repository, Apache License 2.0) and adjacent syllables of the entries of
# the word dictionary of pyvi 0.1.1 (Copyright (c) 2016 Viet-Trung Tran, MIT
# License). Lowercased, NFC; a line is a syllable, a tab, and the syllables
# seen after it, a plus sign marking a pair that a dictionary entry holds.
# Regenerate with scripts/build_attested_syllables.sh.
";

fn build_pairs(root: &Path, lists: &[String]) -> Result<()> {
    // Pair -> whether a dictionary entry holds it.
    let mut pairs: BTreeMap<String, BTreeMap<String, bool>> = BTreeMap::new();
    for list in lists {
        let (path, is_dictionary) = match list.strip_prefix("dict:") {
            Some(path) => (path, true),
            None => (list.as_str(), false),
        };
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("{path}: cannot read as UTF-8"))?;
        for (a, b) in attested_pairs(&text) {
            *pairs.entry(a).or_default().entry(b).or_default() |= is_dictionary;
        }
    }
    let mut out = PAIRS_HEADER.to_string();
    let mut n = 0;
    for (first, seconds) in &pairs {
        n += seconds.len();
        out.push_str(first);
        out.push('\t');
        let row: Vec<String> = seconds
            .iter()
            .map(|(s, &dict)| if dict { format!("+{s}") } else { s.clone() })
            .collect();
        out.push_str(&row.join(" "));
        out.push('\n');
    }
    let path = root.join("src/repair/pairs.txt");
    std::fs::write(&path, out).with_context(|| format!("{}: cannot write", path.display()))?;
    eprintln!(
        "{} lists, {n} pairs -> {}",
        lists.len(),
        path.strip_prefix(root).unwrap_or(&path).display()
    );
    Ok(())
}

/// Every two neighbouring words of a line that are both attested syllables,
/// lowercased and NFC.
fn attested_pairs(text: &str) -> impl Iterator<Item = (String, String)> + '_ {
    text.lines().flat_map(|line| {
        let words: Vec<String> = line
            .split_whitespace()
            .map(|w| w.nfc().collect::<String>().to_lowercase())
            .collect();
        words
            .windows(2)
            .filter(|p| is_attested_syllable(&p[0]) && is_attested_syllable(&p[1]))
            .map(|p| (p[0].clone(), p[1].clone()))
            .collect::<Vec<_>>()
    })
}

/// The distinct syllables of a one-word-a-line list, lowercased and NFC.
fn attested_syllables(list: &str) -> BTreeSet<String> {
    list.lines()
        .map(|w| w.trim().nfc().collect::<String>().to_lowercase())
        .filter(|w| is_valid_syllable(w))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_lowercased_nfc_syllables_only() {
        let nfd: String = "Thuộc".nfd().collect();
        let list = format!("{nfd}\nThS\nwi-fi\nTheme\ncủa\nCủa\n");
        let got: Vec<String> = attested_syllables(&list).into_iter().collect();
        assert_eq!(got, ["của", "thuộc"]);
    }

    #[test]
    fn pairs_are_neighbouring_attested_syllables() {
        let nfd: String = "Trung ương".nfd().collect();
        let got: Vec<(String, String)> =
            attested_pairs(&format!("{nfd}\nhy vọng ThS\nxử lý văn bản\n")).collect();
        let want = [
            ("trung", "ương"),
            ("hy", "vọng"),
            ("xử", "lý"),
            ("lý", "văn"),
            ("văn", "bản"),
        ];
        assert_eq!(got.len(), want.len());
        for ((a, b), (x, y)) in got.iter().zip(want) {
            assert_eq!((a.as_str(), b.as_str()), (x, y));
        }
    }
}
