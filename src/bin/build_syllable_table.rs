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

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use kehoach::repair::{is_valid_syllable, SyllableModel};
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
        _ => bail!("usage: build_syllable_table [--attested WORDS.txt]"),
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
}
