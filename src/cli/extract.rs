//! `kehoach extract FILE.pdf`: the document's text, repaired and reflowed
//! (or as the PDF held it, with `--raw`).

use std::path::PathBuf;

use anyhow::Result;
use kehoach::extract::{self, ExtractOptions, OcrMode};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The PDF to read.
    pub file: PathBuf,
    /// When to OCR a page: "auto" only pages without a usable text layer,
    /// "always" every page, "never" no page (needs the `tesseract` program
    /// with Vietnamese data for auto/always).
    #[arg(long, value_enum, default_value = "auto")]
    pub ocr: Ocr,
    /// Print the text as the PDF held it: no repair, no reflow (pages
    /// separated by form feeds).
    #[arg(long)]
    pub raw: bool,
    /// Only these pages, "N" or "FIRST-LAST" (1-based, inclusive).
    #[arg(long, value_parser = parse_pages)]
    pub pages: Option<(u32, u32)>,
    /// Print JSON instead: page count, OCR'd pages, warnings, the text and
    /// each page's raw text and source.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Ocr {
    Auto,
    Always,
    Never,
}

/// Arguments of the hidden worker subcommand (see `extract::worker`).
#[derive(Debug, clap::Args)]
pub struct WorkerArgs {
    /// Read requests (one JSON line each) from stdin until it closes.
    #[arg(long, conflicts_with_all = ["file", "image_dir", "pages"])]
    pub serve: bool,
    #[arg(required_unless_present = "serve")]
    pub file: Option<PathBuf>,
    #[arg(required_unless_present = "serve")]
    pub image_dir: Option<PathBuf>,
    #[arg(value_parser = parse_pages)]
    pub pages: Option<(u32, u32)>,
}

fn parse_pages(s: &str) -> Result<(u32, u32), String> {
    let bad = || format!("expected N or FIRST-LAST (like 2 or 1-3), got {s:?}");
    let (a, b) = match s.split_once('-') {
        Some((a, b)) => (a.trim(), b.trim()),
        None => (s.trim(), s.trim()),
    };
    let a: u32 = a.parse().map_err(|_| bad())?;
    let b: u32 = b.parse().map_err(|_| bad())?;
    if a == 0 || b < a {
        return Err(bad());
    }
    Ok((a, b))
}

pub fn run(args: Args) -> Result<i32> {
    let opts = ExtractOptions {
        ocr: match args.ocr {
            Ocr::Auto => OcrMode::Auto,
            Ocr::Always => OcrMode::Always,
            Ocr::Never => OcrMode::Never,
        },
        pages: args.pages,
    };
    let extracted = extract::extract_pdf(&args.file, &opts)?;
    let raw = extracted.text();
    let text = if args.raw {
        raw
    } else {
        extract::reflow(&kehoach::repair::repair(&raw).text)
    };
    if args.json {
        let json = serde_json::json!({
            "file": args.file.display().to_string(),
            "page_count": extracted.page_count,
            "ocr_pages": extracted.ocr_pages,
            "warnings": extracted.warnings,
            "text": text,
            "pages": extracted.pages,
        });
        outln!("{}", serde_json::to_string_pretty(&json)?);
    } else {
        out!("{text}");
        for w in &extracted.warnings {
            eprintln!("kehoach: {}: {w}", args.file.display());
        }
    }
    Ok(0)
}

pub fn run_worker(args: WorkerArgs) -> Result<i32> {
    match (args.serve, args.file, args.image_dir) {
        (false, Some(file), Some(image_dir)) => {
            Ok(extract::worker::serve(&file, &image_dir, args.pages))
        }
        _ => Ok(extract::worker::serve_requests()),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_pages;

    #[test]
    fn page_ranges_parse_and_bad_ones_are_refused() {
        assert_eq!(parse_pages("2"), Ok((2, 2)));
        assert_eq!(parse_pages("1-3"), Ok((1, 3)));
        assert!(parse_pages("0").is_err());
        assert!(parse_pages("3-1").is_err());
        assert!(parse_pages("a-b").is_err());
    }
}
