//! Which files an import covers: the .pdf and .txt files under the given paths.

use std::path::{Path, PathBuf};

use super::Failure;

/// Is `path` a file ingest reads (by extension, any case)?
pub fn is_plan_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf") || e.eq_ignore_ascii_case("txt"))
}

/// The plan files under `paths`, sorted, plus the paths that could not be
/// walked. A file named directly is taken whatever its extension, so that a
/// user who names it hears why it cannot be read rather than nothing.
pub fn plan_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Failure>) {
    let mut files = Vec::new();
    let mut failures = Vec::new();
    for root in paths {
        if root.is_file() {
            files.push(root.clone());
            continue;
        }
        if !root.exists() {
            failures.push(Failure {
                path: root.display().to_string(),
                cause: "no such file or directory".into(),
            });
            continue;
        }
        for entry in walkdir::WalkDir::new(root).follow_links(true) {
            match entry {
                Ok(e) if e.file_type().is_file() && is_plan_file(e.path()) => {
                    files.push(e.into_path())
                }
                Ok(_) => {}
                Err(e) => failures.push(Failure {
                    path: e.path().unwrap_or(root).display().to_string(),
                    cause: format!("cannot walk: {e}"),
                }),
            }
        }
    }
    files.sort();
    files.dedup();
    (files, failures)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_folders_for_pdf_and_txt_only_and_reports_missing_paths() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("a/b");
        std::fs::create_dir_all(&sub).unwrap();
        for name in ["x.txt", "y.PDF", "z.docx", "a/b/w.txt"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        let missing = dir.path().join("nope");
        let (files, failures) = plan_files(&[dir.path().to_path_buf(), missing.clone()]);
        let names: Vec<String> = files
            .iter()
            .map(|f| f.strip_prefix(dir.path()).unwrap().display().to_string())
            .collect();
        assert_eq!(names, ["a/b/w.txt", "x.txt", "y.PDF"]);
        assert_eq!(failures.len(), 1);
        assert_eq!(failures[0].path, missing.display().to_string());
    }
}
