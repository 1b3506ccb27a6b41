//! `errors.ndjson` in the index directory: one line per failed file and one
//! summary line per run, appended, so the history of imports survives.

use std::io::Write;
use std::path::Path;

use serde_json::json;

use super::Summary;
use crate::error::{Error, Result};

/// Name of the log file inside the index directory.
pub const ERRORS_FILE: &str = "errors.ndjson";

pub fn append(index_dir: &Path, summary: &Summary) -> Result<()> {
    let path = index_dir.join(ERRORS_FILE);
    let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let mut out = String::new();
    for f in &summary.failed {
        out.push_str(&json!({"at": at, "path": f.path, "cause": f.cause}).to_string());
        out.push('\n');
    }
    let line = json!({
        "at": at,
        "summary": {
            "files": summary.files,
            "imported": summary.imported,
            "unchanged": summary.unchanged,
            "failed": summary.failed.len(),
            "skipped": summary.skipped.len(),
            "seconds": summary.seconds,
        }
    });
    out.push_str(&line.to_string());
    out.push('\n');
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut f| f.write_all(out.as_bytes()))
        .map_err(|source| Error::Io { path, source })
}
