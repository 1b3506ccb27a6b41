//! `kehoach repair [FILE|-]`: the repaired text, or with `--report` the list
//! of changes as JSON.

use std::io::Read;
use std::path::PathBuf;

use anyhow::{Context, Result};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// UTF-8 text to repair; "-" or nothing reads standard input.
    pub file: Option<PathBuf>,
    /// Print JSON instead of the text: the repaired text and each change
    /// (byte offset in the input, before, after, rule, confidence, and
    /// whether it was applied or only suggested).
    #[arg(long)]
    pub report: bool,
}

pub fn run(args: Args) -> Result<i32> {
    let text = match args.file.as_deref() {
        None => read_stdin()?,
        Some(p) if p.as_os_str() == "-" => read_stdin()?,
        Some(path) => {
            let bytes =
                std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
            kehoach::pipeline::decode_text(path, &bytes)?
        }
    };
    let repaired = kehoach::repair::repair(&text);
    if args.report {
        outln!("{}", serde_json::to_string_pretty(&repaired)?);
    } else {
        out!("{}", repaired.text);
    }
    Ok(0)
}

fn read_stdin() -> Result<String> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .context("standard input: cannot read")?;
    Ok(kehoach::pipeline::decode_text(
        std::path::Path::new("<stdin>"),
        &bytes,
    )?)
}
