//! `kehoach parse FILE`: one record as JSON.

use std::path::PathBuf;

use anyhow::{bail, Result};

/// Parse one plan and print its record as JSON (one line, or indented with
/// --pretty). Fields that cannot be read are null and explained in "warnings";
/// an unreadable file (missing, binary, not UTF-8, empty) is an error naming it.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A plan as UTF-8 text (.txt) or PDF (.pdf); "-" reads text from standard input.
    pub file: PathBuf,
    /// Indent the JSON for people.
    #[arg(long)]
    pub pretty: bool,
}

pub fn run(args: Args) -> Result<i32> {
    let record = if args.file.as_os_str() == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .map_err(|e| anyhow::anyhow!("standard input: cannot read UTF-8 text: {e}"))?;
        kehoach::pipeline::text_to_record(&text, Default::default())
    } else {
        kehoach::pipeline::file_to_record(&args.file, &Default::default())?
    };
    if record.text.trim().is_empty() {
        let name = if args.file.as_os_str() == "-" {
            "standard input".to_string()
        } else {
            args.file.display().to_string()
        };
        bail!("{name}: no text to parse (the input is empty or only whitespace)");
    }
    let json = if args.pretty {
        serde_json::to_string_pretty(&record)?
    } else {
        serde_json::to_string(&record)?
    };
    outln!("{json}");
    Ok(0)
}
