//! Opening the index for reading, robust to an import committing meanwhile.

use std::path::Path;
use std::time::Duration;

use anyhow::Result;
use kehoach::index::PlanIndex;
use tantivy::Searcher;

/// Open the index and a searcher on its last commit. A concurrent import may
/// replace segment files between reading the index's list of files and
/// opening them; that is retried a few times rather than reported.
pub fn searcher(dir: &Path) -> Result<(PlanIndex, Searcher)> {
    let mut attempt = 0;
    loop {
        let result = PlanIndex::open(dir).and_then(|index| {
            let searcher = index.reader()?.searcher();
            Ok((index, searcher))
        });
        match result {
            Ok(ok) => return Ok(ok),
            Err(e) if attempt < 5 && dir.join("meta.json").is_file() => {
                attempt += 1;
                std::thread::sleep(Duration::from_millis(50 * attempt));
                let _ = e;
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// `s` cut to `max` characters, with "…" when cut.
pub fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// `s` padded with spaces to `width` characters (cut if longer).
pub fn pad(s: &str, width: usize) -> String {
    let s = clip(s, width);
    let n = s.chars().count();
    format!("{s}{}", " ".repeat(width - n))
}
