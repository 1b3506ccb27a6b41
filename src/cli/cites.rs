//! `kehoach cites NUMBER`: who cites a document, grouped by issuing unit.

use anyhow::{bail, Result};
use kehoach::index::CitesReport;

use super::open::{clip, pad, searcher};
use super::IndexArg;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The cited document's number, any spelling ("05-CT/TW", "5-CT/TW", "05/CT-TW").
    pub number: String,
    /// Print the report as JSON: units, and per plan number, date, issuer,
    /// source path, mentions and the first citing sentence.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub index: IndexArg,
}

pub fn run(args: Args) -> Result<i32> {
    let (index, _) = searcher(&args.index.index)?;
    let Some(report) = index.cites(&args.number)? else {
        bail!(
            "{:?}: not a document number (like 05-CT/TW or 91/2017/NĐ-CP)",
            args.number
        );
    };
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_report(&report);
    }
    Ok(0)
}

fn print_report(r: &CitesReport) {
    if r.total == 0 {
        outln!("no plan in the index cites {}", r.number);
        return;
    }
    outln!(
        "{} is cited by {} plan(s) of {} unit(s)\n",
        r.number,
        r.total,
        r.units.len()
    );
    for unit in &r.units {
        outln!("{} ({})", unit.unit, unit.count);
        outln!(
            "  {}  {}  mentions  path",
            pad("number", 14),
            pad("date", 10)
        );
        for p in &unit.plans {
            outln!(
                "  {}  {}  {:>8}  {}",
                pad(p.number.as_deref().unwrap_or("-"), 14),
                pad(p.date.as_deref().unwrap_or("-"), 10),
                p.mentions,
                p.path.as_deref().unwrap_or("-")
            );
            if let Some(s) = &p.sentence {
                outln!("      “{}”", clip(s, 160));
            }
        }
        outln!();
    }
    outln!("total: {} plan(s), {} unit(s)", r.total, r.units.len());
}
