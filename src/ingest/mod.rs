//! Bulk import: walk folders, turn every .pdf/.txt into a record in parallel,
//! write the records to the index.
//!
//! Memory stays bounded whatever the archive size: only the list of paths is
//! held; each worker turns one file into one document and hands it to the
//! index writer, whose buffer has a fixed budget. The writer commits every
//! [`IngestOptions::commit_every`] files or [`IngestOptions::commit_interval`],
//! so a killed run loses at most the files since the last commit, and the
//! next run skips what is committed (same path, same content hash) and does
//! the rest. A changed file replaces its old record (delete by path, add).

mod log;
mod walk;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, RwLock};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::extract::ExtractOptions;
use crate::index::{PlanIndex, PlanWriter};
use crate::model::{PlanRecord, Source, TextMethod};
use crate::pipeline;
use crate::repair::SyllableModel;

pub use log::ERRORS_FILE;
pub use walk::{is_plan_file, plan_files};

/// How to run an import.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Worker threads; 0 means one per core.
    pub jobs: usize,
    /// Commit after this many processed files ...
    pub commit_every: usize,
    /// ... or after this much time, whichever comes first.
    pub commit_interval: Duration,
    /// Memory budget of the index writer, in bytes (split over its threads).
    pub writer_memory: usize,
    /// How PDFs are read (text layer, OCR).
    pub extract: ExtractOptions,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            jobs: 0,
            commit_every: 1000,
            commit_interval: Duration::from_secs(2),
            writer_memory: 128 << 20,
            extract: ExtractOptions::default(),
        }
    }
}

/// What happened to one file.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// A new or changed file, now in the index; `pages` for PDFs.
    Imported { pages: u32 },
    /// Same path and content as a committed record: nothing to do.
    Unchanged,
    /// Could not be read or indexed; the cause names the problem.
    Failed(String),
    /// A scan while no OCR engine is installed: left out of the index, so the
    /// next run (with Tesseract installed) imports it.
    Skipped(String),
}

/// Progress notifications, for a progress bar or log lines.
#[derive(Debug)]
pub enum Event<'a> {
    /// Walking is done: `files` will be processed.
    Start { files: usize },
    /// One file is done.
    File {
        path: &'a Path,
        outcome: &'a Outcome,
    },
    /// Everything processed so far is committed (`files` since the start).
    Committed { files: usize },
}

/// A file that could not be imported, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Failure {
    pub path: String,
    pub cause: String,
}

/// The result of one import run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Plan files found.
    pub files: usize,
    pub imported: usize,
    pub unchanged: usize,
    pub failed: Vec<Failure>,
    /// Scans left out because no OCR engine is installed, and why.
    pub skipped: Vec<Failure>,
    /// PDF pages of the imported files.
    pub pages: u64,
    pub seconds: f64,
}

/// The identity of a file in the index: its absolute path, so that the same
/// file ingested from another working directory is still the same record.
pub fn identity(path: &Path) -> String {
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

/// Import the .pdf and .txt files under `paths` into the index at `index_dir`.
///
/// Per-file problems are reported in the summary (and appended to
/// `errors.ndjson` in the index directory); `Err` only when the index itself
/// cannot be opened or committed.
pub fn ingest(
    paths: &[PathBuf],
    index_dir: &Path,
    opts: &IngestOptions,
    on_event: &(dyn Fn(Event) + Sync),
) -> Result<Summary> {
    let started = Instant::now();
    let index = PlanIndex::open_or_create(index_dir)?;
    let (files, walk_failures) = plan_files(paths);
    on_event(Event::Start { files: files.len() });

    let jobs = if opts.jobs == 0 {
        std::thread::available_parallelism().map_or(2, |n| n.get())
    } else {
        opts.jobs
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| Error::Index {
            path: index_dir.to_path_buf(),
            cause: format!("cannot start worker threads: {e}"),
        })?;
    let committed_view = index.reader()?.searcher();
    // The repair stage's counts grow with the archive: a word broken in one
    // file is usually intact in another (see `archive_model`).
    let model = RwLock::new(SyllableModel::builtin());
    let writer = RwLock::new(index.writer(jobs.min(2), opts.writer_memory)?);

    let imported = AtomicUsize::new(0);
    let unchanged = AtomicUsize::new(0);
    let pages = AtomicU64::new(0);
    let failures = Mutex::new(walk_failures);
    let skips = Mutex::new(Vec::new());
    let since_commit = AtomicUsize::new(0);
    let last_commit = Mutex::new(Instant::now());
    let done = AtomicUsize::new(0);
    let commit_error = Mutex::new(None::<Error>);

    let commit = |force: bool| {
        let Ok(mut last) = (if force {
            Ok(last_commit.lock().unwrap_or_else(|p| p.into_inner()))
        } else {
            last_commit.try_lock()
        }) else {
            return;
        };
        let pending = since_commit.load(Ordering::Relaxed);
        let due = pending >= opts.commit_every || last.elapsed() >= opts.commit_interval;
        if pending == 0 || !(force || due) {
            return;
        }
        let mut w = writer.write().unwrap_or_else(|p| p.into_inner());
        let files_before = done.load(Ordering::Relaxed);
        match w.commit() {
            Ok(_) => {
                since_commit.store(0, Ordering::Relaxed);
                *last = Instant::now();
                on_event(Event::Committed {
                    files: files_before,
                });
            }
            Err(e) => {
                *commit_error.lock().unwrap_or_else(|p| p.into_inner()) = Some(e);
            }
        }
    };

    pool.install(|| {
        files.par_iter().for_each(|path| {
            if commit_error.lock().map(|e| e.is_some()).unwrap_or(true) {
                return;
            }
            let outcome = process(
                &index,
                &committed_view,
                &writer,
                &model,
                path,
                &opts.extract,
            );
            match &outcome {
                Outcome::Imported { pages: p } => {
                    imported.fetch_add(1, Ordering::Relaxed);
                    pages.fetch_add(u64::from(*p), Ordering::Relaxed);
                }
                Outcome::Unchanged => {
                    unchanged.fetch_add(1, Ordering::Relaxed);
                }
                Outcome::Failed(cause) => note(&failures, path, cause),
                Outcome::Skipped(cause) => note(&skips, path, cause),
            }
            done.fetch_add(1, Ordering::Relaxed);
            since_commit.fetch_add(1, Ordering::Relaxed);
            on_event(Event::File {
                path,
                outcome: &outcome,
            });
            commit(false);
        });
    });
    commit(true);
    if let Some(e) = commit_error.into_inner().unwrap_or_else(|p| p.into_inner()) {
        return Err(e);
    }
    let writer = writer.into_inner().unwrap_or_else(|p| p.into_inner());
    writer.finish()?;

    let mut failed = failures.into_inner().unwrap_or_else(|p| p.into_inner());
    failed.sort_by(|a, b| a.path.cmp(&b.path));
    let mut skipped = skips.into_inner().unwrap_or_else(|p| p.into_inner());
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    let summary = Summary {
        files: files.len(),
        imported: imported.into_inner(),
        unchanged: unchanged.into_inner(),
        failed,
        skipped,
        pages: pages.into_inner(),
        seconds: started.elapsed().as_secs_f64(),
    };
    log::append(index_dir, &summary)?;
    Ok(summary)
}

/// Add a file that failed or was skipped to its list.
fn note(list: &Mutex<Vec<Failure>>, path: &Path, cause: &str) {
    list.lock()
        .unwrap_or_else(|p| p.into_inner())
        .push(Failure {
            path: path.display().to_string(),
            cause: cause.to_string(),
        });
}

/// Entries each table of the archive-wide syllable model may hold: enough
/// for the vocabulary of any archive (the built-in table has about a
/// thousand syllables), and at most a few hundred MiB when an archive of
/// millions of pages brings ever new word pairs and triples.
const ARCHIVE_MODEL_MAX_KEYS: usize = 400_000;

/// One file: skip if unchanged, else record → document → writer.
fn process(
    index: &PlanIndex,
    committed: &tantivy::Searcher,
    writer: &RwLock<PlanWriter>,
    model: &RwLock<SyllableModel>,
    path: &Path,
    extract: &ExtractOptions,
) -> Outcome {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return Outcome::Failed(format!("cannot read: {e}")),
    };
    let sha = pipeline::sha256_hex(&bytes);
    let id = identity(path);
    match index.is_indexed(committed, &id, &sha) {
        Ok(true) => return Outcome::Unchanged,
        Ok(false) => {}
        Err(e) => return Outcome::Failed(e.to_string()),
    }
    // A bug in a stage must cost one file, not the import.
    let attempt = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        to_record(path, &bytes, sha, extract, model)
    }));
    let record = match attempt {
        Ok(Ok(r)) => r,
        Ok(Err(e @ Error::NeedsOcr { .. })) => return Outcome::Skipped(cause_of(&e)),
        Ok(Err(e)) => return Outcome::Failed(cause_of(&e)),
        Err(panic) => return Outcome::Failed(format!("internal error: {}", panic_message(&panic))),
    };
    // Count this file's clean lines on its own, then add them in under the
    // lock: counting while holding it made the other threads wait.
    let mut counts = SyllableModel::new();
    counts.observe_clean_syllables(&record.text);
    model
        .write()
        .unwrap_or_else(|p| p.into_inner())
        .merge(&counts, ARCHIVE_MODEL_MAX_KEYS);
    let pages = record.source.pages.unwrap_or(0);
    let w = writer.read().unwrap_or_else(|p| p.into_inner());
    match w.replace(&record, &id) {
        Ok(()) => Outcome::Imported { pages },
        Err(e) => Outcome::Failed(cause_of(&e)),
    }
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a stage panicked".into())
}

/// The error's cause without the path prefix (the failure names the path).
fn cause_of(e: &Error) -> String {
    let text = e.to_string();
    let prefix = format!("{}: ", e.path().display());
    text.strip_prefix(&prefix)
        .map(str::to_string)
        .unwrap_or(text)
}

fn is_pdf(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

fn to_record(
    path: &Path,
    bytes: &[u8],
    sha: String,
    extract: &ExtractOptions,
    model: &RwLock<SyllableModel>,
) -> Result<PlanRecord> {
    // The shared model is read-locked only while repairing, never while a
    // PDF is read or OCR'd, so a slow file does not hold up the others.
    let model_now = || model.read().unwrap_or_else(|p| p.into_inner());
    if is_pdf(path) || bytes.starts_with(b"%PDF-") {
        let extracted = crate::extract::extract_pdf(path, extract)?;
        return Ok(pipeline::extracted_to_record(
            path,
            sha,
            extracted,
            &model_now(),
        ));
    }
    let text = pipeline::decode_text(path, bytes)?;
    let source = Source {
        path: Some(path.display().to_string()),
        sha256: Some(sha),
        pages: None,
        method: TextMethod::Text,
        ..Default::default()
    };
    Ok(pipeline::text_to_record_with(&text, source, &model_now()))
}

#[cfg(test)]
mod tests;
