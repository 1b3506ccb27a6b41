//! `kehoach ingest PATH...`: bulk import into the index, with progress.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};
use kehoach::ingest::{self, Event, IngestOptions, Outcome, Summary};

use super::IndexArg;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or folders to import; folders are walked for .pdf and .txt files.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub index: IndexArg,
    /// Worker threads turning files into records [default: one per core]; for
    /// PDF archives twice the cores runs a little faster (each thread waits
    /// while its reader process reads a PDF).
    #[arg(long, short = 'j', default_value_t = 0, hide_default_value = true)]
    pub jobs: usize,
    /// Commit the index after this many files (and at least every 2 seconds);
    /// a killed import loses at most the files since the last commit.
    #[arg(long, default_value_t = 1000)]
    pub commit_every: usize,
    /// Print the summary as JSON on standard output.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args) -> Result<i32> {
    let opts = IngestOptions {
        jobs: args.jobs,
        commit_every: args.commit_every.max(1),
        ..Default::default()
    };
    let progress = Progress::new(std::io::stderr().is_terminal());
    let summary = ingest::ingest(&args.paths, &args.index.index, &opts, &|e| progress.on(e))?;
    progress.finish();
    if args.json {
        let mut value = serde_json::to_value(&summary)?;
        value["index"] = args.index.index.display().to_string().into();
        outln!("{}", serde_json::to_string_pretty(&value)?);
    } else {
        print_summary(&summary, &args.index.index);
    }
    Ok(if summary.failed.is_empty() { 0 } else { 1 })
}

fn print_summary(s: &Summary, index: &std::path::Path) {
    let rate = if s.seconds > 0.0 {
        s.files as f64 / s.seconds
    } else {
        0.0
    };
    outln!("imported   {:>8}", s.imported);
    outln!("unchanged  {:>8}", s.unchanged);
    outln!("failed     {:>8}", s.failed.len());
    for f in &s.failed {
        outln!("  {}: {}", f.path, f.cause);
    }
    if !s.skipped.is_empty() {
        outln!("skipped    {:>8}  (scans: no OCR engine; imported on a later run once Tesseract is installed)", s.skipped.len());
        for f in &s.skipped {
            outln!("  {}: {}", f.path, f.cause);
        }
    }
    if s.pages > 0 {
        outln!("PDF pages  {:>8}", s.pages);
    }
    outln!("time       {:>8.1} s ({rate:.0} files/s)", s.seconds);
    outln!("index      {}", index.display());
    if !s.failed.is_empty() {
        outln!(
            "failures are also in {}",
            index.join(ingest::ERRORS_FILE).display()
        );
    }
}

/// A progress bar on a terminal; plain lines (every commit, every failure)
/// otherwise, so logs of unattended runs stay readable.
struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    pages: AtomicU64,
    files: AtomicU64,
}

impl Progress {
    fn new(terminal: bool) -> Self {
        let bar = terminal.then(|| {
            let bar = ProgressBar::new(0);
            bar.set_style(
                ProgressStyle::with_template(
                    "{bar:30.cyan/blue} {pos}/{len} files  {msg}  ETA {eta}",
                )
                .expect("valid template"),
            );
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Progress {
            bar,
            started: Instant::now(),
            pages: AtomicU64::new(0),
            files: AtomicU64::new(0),
        }
    }

    fn rates(&self) -> (f64, f64) {
        let secs = self.started.elapsed().as_secs_f64().max(1e-3);
        (
            self.files.load(Ordering::Relaxed) as f64 / secs,
            self.pages.load(Ordering::Relaxed) as f64 / secs,
        )
    }

    fn on(&self, event: Event) {
        match event {
            Event::Start { files } => match &self.bar {
                Some(bar) => bar.set_length(files as u64),
                None => eprintln!("ingest: {files} files to process"),
            },
            Event::File { path, outcome } => {
                self.files.fetch_add(1, Ordering::Relaxed);
                if let Outcome::Imported { pages } = outcome {
                    self.pages.fetch_add(u64::from(*pages), Ordering::Relaxed);
                }
                let line = match outcome {
                    Outcome::Failed(cause) => Some(format!("failed: {}: {cause}", path.display())),
                    Outcome::Skipped(cause) => {
                        Some(format!("skipped: {}: {cause}", path.display()))
                    }
                    _ => None,
                };
                if let Some(line) = line {
                    match &self.bar {
                        Some(bar) => bar.println(line),
                        None => eprintln!("ingest: {line}"),
                    }
                }
                if let Some(bar) = &self.bar {
                    bar.inc(1);
                    let (files, pages) = self.rates();
                    bar.set_message(format!("{files:.0} files/s  {pages:.0} pages/s"));
                }
            }
            Event::Committed { files } => {
                if self.bar.is_none() {
                    let (rate, pages) = self.rates();
                    eprintln!(
                        "ingest: committed, {files} files done ({rate:.0} files/s, {pages:.0} pages/s)"
                    );
                }
            }
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
