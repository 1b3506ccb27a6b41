//! Build the built-in syllable table `src/repair/syllables.tsv` from the
//! clean fixture texts (`fixtures/plans/*.txt`, `fixtures/repair/*.txt`).
//! Lines that look broken are skipped. Run from the crate root after adding
//! fixtures: `cargo run --bin build_syllable_table`.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use kehoach::repair::SyllableModel;

/// Pairs seen once are kept: the corpus is small and each pair is evidence.
const MIN_BIGRAM: u32 = 1;

fn main() -> Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
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
