//! Command-line interface: argument definitions and dispatch. Each command's
//! printing lives in its own file, apart from the library code it calls.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// `out!` to standard output that ends the program quietly when the
/// reader has gone (`kehoach search ... | head`), instead of panicking.
macro_rules! out {
    ($($arg:tt)*) => { $crate::cli::write_stdout(format_args!($($arg)*), false) };
}

/// `outln!` with the same care as [`out!`].
macro_rules! outln {
    () => { $crate::cli::write_stdout(format_args!(""), true) };
    ($($arg:tt)*) => { $crate::cli::write_stdout(format_args!($($arg)*), true) };
}

/// Write to standard output; a closed pipe ends the program with success
/// (the reader took what it wanted), another error with a message.
pub(crate) fn write_stdout(args: std::fmt::Arguments, newline: bool) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let result = out.write_fmt(args).and_then(|()| {
        if newline {
            out.write_all(b"\n")
        } else {
            Ok(())
        }
    });
    if let Err(e) = result {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("kehoach: cannot write to standard output: {e}");
        std::process::exit(1);
    }
}

mod audit;
mod cites;
mod deadlines;
mod extract;
mod graph;
mod ingest;
mod open;
mod parse;
mod repair;
mod search;
mod show;

/// Vietnamese plan documents (Kế hoạch) to structured, searchable, auditable data.
///
/// Typical use: `kehoach ingest ARCHIVE/` to build the index in ./kehoach-index,
/// then `kehoach search "học tập và làm theo"`, `kehoach cites 05-CT/TW`,
/// `kehoach audit`.
#[derive(Debug, Parser)]
#[command(name = "kehoach", version, about, long_about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse one plan (.txt or .pdf) and print its record as JSON.
    Parse(parse::Args),
    /// Print a PDF's text: text layer, OCR for scanned pages, repaired and reflowed.
    Extract(extract::Args),
    /// Internal: read one PDF's text layer in a separate process.
    #[command(name = "__extract-worker", hide = true)]
    ExtractWorker(extract::WorkerArgs),
    /// Import folders of plans (.pdf, .txt) into the index, in parallel;
    /// unchanged files are skipped, changed ones replaced.
    Ingest(ingest::Args),
    /// Full-text search of the index (diacritics optional), with filters.
    Search(search::Args),
    /// Every plan citing a document number, grouped by issuing unit.
    Cites(cites::Args),
    /// The stored record(s) of a document number or an imported file.
    Show(show::Args),
    /// Check the plan hierarchy: missing, ambiguous or mis-cited parents,
    /// root directives left out, late deadlines, roster units without a plan.
    Audit(audit::Args),
    /// The hierarchy under a plan (or the whole archive) as Graphviz DOT or JSON.
    Graph(graph::Args),
    /// Deadlines across the archive: table, JSON or iCalendar.
    Deadlines(deadlines::Args),
    /// Repair broken Vietnamese text ("ƣ", legacy TCVN3/VNI/VISCII, NFD,
    /// dropped letters) and print it, or with --report the changes as JSON.
    Repair(repair::Args),
}

/// Index directory: `--index`, else `KEHOACH_INDEX`, else `./kehoach-index`.
#[derive(Debug, Clone, clap::Args)]
pub struct IndexArg {
    /// Index directory [env: KEHOACH_INDEX] [default: ./kehoach-index]
    #[arg(
        long,
        env = "KEHOACH_INDEX",
        default_value = "kehoach-index",
        hide_env = true,
        hide_default_value = true
    )]
    pub index: PathBuf,
}

/// Parse arguments, run the command, return the process exit status.
pub fn run() -> i32 {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Parse(args) => parse::run(args),
        Command::Extract(args) => extract::run(args),
        Command::ExtractWorker(args) => extract::run_worker(args),
        Command::Ingest(args) => ingest::run(args),
        Command::Search(args) => search::run(args),
        Command::Cites(args) => cites::run(args),
        Command::Show(args) => show::run(args),
        Command::Audit(args) => audit::run(args),
        Command::Graph(args) => graph::run(args),
        Command::Deadlines(args) => deadlines::run(args),
        Command::Repair(args) => repair::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("kehoach: {e:#}");
            2
        }
    }
}
