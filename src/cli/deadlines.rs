//! `kehoach deadlines`: deadlines across the archive, as a table, JSON or an
//! iCalendar file.

use anyhow::{Context, Result};
use chrono::{NaiveDate, Utc};
use kehoach::audit::deadlines::{deadlines, DeadlineFilter};
use kehoach::audit::ics::to_ics;
use kehoach::audit::text::{parse_date, show_date};

use super::open::{clip, pad};
use super::IndexArg;

/// List the deadlines of every plan, sorted by date, with the plan and the
/// unit responsible. Recurring deadlines ("hằng năm") are placed on their
/// first occurrence within --from/--to.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only deadlines on or after this day (dd/mm/yyyy or YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = day)]
    pub from: Option<NaiveDate>,
    /// Only deadlines on or before this day (dd/mm/yyyy or YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = day)]
    pub to: Option<NaiveDate>,
    /// Only deadlines whose responsible unit or issuing body contains this
    /// text (case and diacritics ignored).
    #[arg(long, value_name = "UNIT")]
    pub unit: Option<String>,
    /// Only one-off deadlines already past on this day (recurring ones are
    /// never overdue).
    #[arg(long, value_name = "DATE", value_parser = day)]
    pub overdue_at: Option<NaiveDate>,
    /// Print the deadlines as a JSON array.
    #[arg(long, conflicts_with = "ics")]
    pub json: bool,
    /// Print an iCalendar file (RFC 5545) for calendar programs: one all-day
    /// event per dated deadline, recurring ones with an RRULE.
    #[arg(long)]
    pub ics: bool,
    #[command(flatten)]
    pub index: IndexArg,
}

fn day(s: &str) -> Result<NaiveDate, String> {
    parse_date(s).ok_or_else(|| format!("{s:?} is not a date (dd/mm/yyyy or YYYY-MM-DD)"))
}

pub fn run(args: Args) -> Result<i32> {
    let records = kehoach::index::load_all(&args.index.index)
        .with_context(|| format!("loading the index {}", args.index.index.display()))?;
    let filter = DeadlineFilter {
        from: args.from,
        to: args.to,
        unit: args.unit.clone(),
        overdue_at: args.overdue_at,
    };
    let list = deadlines(&records, &filter);
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&list)?);
    } else if args.ics {
        let undated = list.iter().filter(|e| e.due.is_none()).count();
        if undated > 0 {
            eprintln!("kehoach: {undated} deadline(s) without a date left out of the calendar");
        }
        out!("{}", to_ics(&list, Utc::now()));
    } else if list.is_empty() {
        outln!("no deadline matches");
    } else {
        outln!(
            "{}  {}  {}  {}  deadline",
            pad("due", 10),
            pad("repeats", 9),
            pad("plan", 14),
            pad("unit", 36)
        );
        for e in &list {
            outln!(
                "{}  {}  {}  {}  {}",
                pad(
                    &e.due
                        .as_deref()
                        .map(show_date)
                        .unwrap_or_else(|| "-".into()),
                    10
                ),
                pad(
                    e.frequency.as_deref().filter(|_| e.recurring).unwrap_or(""),
                    9
                ),
                pad(e.number.as_deref().unwrap_or("-"), 14),
                pad(e.unit.as_deref().unwrap_or("-"), 36),
                clip(&e.text, 60)
            );
        }
        outln!("\n{} deadline(s)", list.len());
    }
    Ok(0)
}
