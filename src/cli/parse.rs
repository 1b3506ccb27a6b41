//! `kehoach parse FILE`: one record as JSON.

use std::path::PathBuf;

use anyhow::Result;

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
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)?;
        kehoach::pipeline::text_to_record(&text, Default::default())
    } else {
        kehoach::pipeline::file_to_record(&args.file, &Default::default())?
    };
    let json = if args.pretty {
        serde_json::to_string_pretty(&record)?
    } else {
        serde_json::to_string(&record)?
    };
    println!("{json}");
    Ok(0)
}
