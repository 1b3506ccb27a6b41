//! `kehoach show NUMBER|PATH`: the stored record(s).

use std::path::Path;

use anyhow::Result;
use kehoach::PlanRecord;

use super::open::searcher;
use super::IndexArg;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A document number (any spelling; every plan with that number is shown)
    /// or the path of an imported file.
    pub target: String,
    /// Print the whole record(s) as a JSON array.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub index: IndexArg,
}

pub fn run(args: Args) -> Result<i32> {
    let (index, searcher) = searcher(&args.index.index)?;
    let as_path = Path::new(&args.target);
    let records = if as_path.is_file() {
        index.by_path(&searcher, &kehoach::ingest::identity(as_path))?
    } else {
        index.by_number(&searcher, &args.target)?
    };
    if records.is_empty() {
        eprintln!(
            "kehoach: no plan with number or path {:?} in {}",
            args.target,
            args.index.index.display()
        );
        return Ok(1);
    }
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&records)?);
    } else {
        for (i, r) in records.iter().enumerate() {
            if i > 0 {
                outln!();
            }
            print_record(r);
        }
    }
    Ok(0)
}

fn print_record(r: &PlanRecord) {
    let or_dash = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".into());
    outln!("number      {}", or_dash(&r.number));
    outln!("kind        {}", or_dash(&r.doc_type));
    outln!("date        {}", or_dash(&r.date));
    outln!("place       {}", or_dash(&r.place));
    outln!("issuer      {}", or_dash(&r.issuer));
    outln!("province    {}", or_dash(&r.province));
    outln!("title       {}", or_dash(&r.title));
    outln!("path        {}", or_dash(&r.source.path));
    if !r.implements.is_empty() {
        outln!("implements  {}", r.implements.join(", "));
    }
    for c in &r.references {
        outln!(
            "cites       {} ({} mention{})",
            c.number,
            c.mentions,
            if c.mentions == 1 { "" } else { "s" }
        );
    }
    for d in &r.deadlines {
        outln!(
            "deadline    {}  {}",
            d.due
                .as_deref()
                .unwrap_or(if d.recurring { "recurring" } else { "-" }),
            d.text
        );
    }
    if let Some(s) = &r.signer {
        outln!(
            "signed      {} {}",
            s.position.as_deref().unwrap_or(""),
            s.name.as_deref().unwrap_or("")
        );
    }
    for w in &r.warnings {
        outln!("warning     {w}");
    }
}
