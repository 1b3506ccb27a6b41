//! Command-line interface: argument definitions and dispatch. Each command's
//! printing lives in its own file, apart from the library code it calls.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

mod extract;
mod parse;

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
}

/// Index directory: `--index`, else `KEHOACH_INDEX`, else `./kehoach-index`.
#[derive(Debug, Clone, clap::Args)]
pub struct IndexArg {
    /// Index directory [env: KEHOACH_INDEX] [default: ./kehoach-index]
    #[arg(long, env = "KEHOACH_INDEX", default_value = "kehoach-index", hide_env = true, hide_default_value = true)]
    pub index: PathBuf,
}

/// Parse arguments, run the command, return the process exit status.
pub fn run() -> i32 {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Parse(args) => parse::run(args),
        Command::Extract(args) => extract::run(args),
        Command::ExtractWorker(args) => extract::run_worker(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("kehoach: {e:#}");
            2
        }
    }
}
