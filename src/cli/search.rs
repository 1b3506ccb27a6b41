//! `kehoach search QUERY`: ranked hits with a highlighted passage.

use std::io::IsTerminal;

use anyhow::{bail, Result};
use kehoach::index::{parse_day, Hit, SearchRequest};
use serde_json::json;

use super::open::{clip, pad, searcher};
use super::IndexArg;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Words and "quoted phrases"; every one must match. Diacritics are
    /// optional ("tu tuong" finds "tư tưởng"; exact spellings rank first).
    /// A document number ("05-CT/TW") also matches plans citing it.
    /// Leave empty to list plans by the filters alone.
    #[arg(default_value = "")]
    pub query: String,
    /// Only plans that cite this number (any spelling: "5-CT/TW", "05/CT-TW").
    #[arg(long, value_name = "NUMBER")]
    pub cites: Option<String>,
    /// Only plans whose issuer contains these words ("Đảng ủy Khối", "dang uy khoi").
    #[arg(long, value_name = "WORDS")]
    pub issuer: Option<String>,
    /// Only plans dated on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only plans dated on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// At most this many hits.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Print hits as JSON (number, date, issuer, title, path, snippet, score).
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub index: IndexArg,
}

fn day(flag: &str, value: &Option<String>) -> Result<Option<chrono::NaiveDate>> {
    match value {
        None => Ok(None),
        Some(v) => match parse_day(v) {
            Some(d) => Ok(Some(d)),
            None => bail!("{flag} {v:?}: not a date; write it as YYYY-MM-DD"),
        },
    }
}

pub fn run(args: Args) -> Result<i32> {
    if let Some(n) = &args.cites {
        if kehoach::parse::match_key(n).is_none() {
            bail!("--cites {n:?}: not a document number (like 05-CT/TW or 91/2017/NĐ-CP)");
        }
    }
    let req = SearchRequest {
        query: args.query.clone(),
        cites: args.cites.clone(),
        issuer: args.issuer.clone(),
        from: day("--from", &args.from)?,
        to: day("--to", &args.to)?,
        limit: args.limit,
    };
    let (index, searcher) = searcher(&args.index.index)?;
    let hits = index.search(&searcher, &req)?;
    if args.json {
        let out = json!({ "query": args.query, "count": hits.len(), "hits": hits });
        outln!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        print_hits(&hits, std::io::stdout().is_terminal());
    }
    Ok(0)
}

fn highlight(hit: &Hit, ansi: bool) -> String {
    let (open, close) = if ansi {
        ("\x1b[1;33m", "\x1b[0m")
    } else {
        ("«", "»")
    };
    let chars: Vec<char> = hit.snippet.chars().collect();
    let mut out = String::new();
    let mut at = 0;
    for [s, e] in &hit.highlights {
        let (s, e) = ((*s).min(chars.len()), (*e).min(chars.len()));
        if s < at {
            continue;
        }
        out.extend(&chars[at..s]);
        out.push_str(open);
        out.extend(&chars[s..e]);
        out.push_str(close);
        at = e;
    }
    out.extend(&chars[at..]);
    out
}

fn print_hits(hits: &[Hit], ansi: bool) {
    if hits.is_empty() {
        outln!("no plans found");
        return;
    }
    outln!(
        "  #  {}  {}  {}  title",
        pad("number", 14),
        pad("date", 10),
        pad("issuer", 34)
    );
    for (i, hit) in hits.iter().enumerate() {
        outln!(
            "{:>3}  {}  {}  {}  {}",
            i + 1,
            pad(hit.number.as_deref().unwrap_or("-"), 14),
            pad(hit.date.as_deref().unwrap_or("-"), 10),
            pad(hit.issuer.as_deref().unwrap_or("-"), 34),
            clip(hit.title.as_deref().unwrap_or("-"), 70)
        );
        outln!("     {}", hit.path.as_deref().unwrap_or("-"));
        outln!("     … {} …", highlight(hit, ansi));
    }
    outln!("{} hit(s)", hits.len());
}
