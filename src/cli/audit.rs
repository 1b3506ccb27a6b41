//! `kehoach audit`: check every plan's links to its parents (and a roster of
//! units) and print the findings.

use std::path::PathBuf;

use anyhow::{Context, Result};
use kehoach::audit::{audit, text::show_date, AuditOptions, Finding, FindingKind, PlanRef, Roster};

use super::open::clip;
use super::IndexArg;

/// Check that every plan implements its parent correctly: parent present and
/// unique, cited date and number right, same province, parent not later,
/// root directive cited, deadlines not later than the parent's. Exit status
/// 1 when anything is found, 0 when clean, 2 on error.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only the links to this parent number (any spelling) and the plans below it.
    #[arg(long, value_name = "NUMBER")]
    pub parent: Option<String>,
    /// CSV of units expected to implement a parent, header
    /// `parent_number,parent_date,unit` (dates dd/mm/yyyy or YYYY-MM-DD, units
    /// named as they name themselves in their plans): reports units with no
    /// such plan and the plans they did issue.
    #[arg(long, value_name = "FILE.csv")]
    pub roster: Option<PathBuf>,
    /// Print the findings as a JSON array (kind, number, issuer, date, path,
    /// cited, cited_date, message, evidence, related).
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print the findings as CSV, one row per finding, with a header.
    #[arg(long)]
    pub csv: bool,
    #[command(flatten)]
    pub index: IndexArg,
}

pub fn run(args: Args) -> Result<i32> {
    // The error names file, line and cause already; its source chain would
    // repeat the cause.
    let roster = args
        .roster
        .as_deref()
        .map(Roster::from_file)
        .transpose()
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let records = kehoach::index::load_all(&args.index.index)
        .with_context(|| format!("loading the index {}", args.index.index.display()))?;
    let findings = audit(
        &records,
        &AuditOptions {
            parent: args.parent.clone(),
            roster: roster.as_ref(),
        },
    );
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&findings)?);
    } else if args.csv {
        out!("{}", to_csv(&findings));
    } else {
        print_table(&findings, records.len());
    }
    Ok(if findings.is_empty() { 0 } else { 1 })
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Findings as CSV; `related` plans joined with " | ".
pub fn to_csv(findings: &[Finding]) -> String {
    let mut out =
        String::from("kind,number,date,issuer,path,cited,cited_date,message,evidence,related\n");
    for f in findings {
        let related: Vec<String> = f.related.iter().map(PlanRef::describe).collect();
        let fields = [
            f.kind.as_str().to_string(),
            f.number.clone().unwrap_or_default(),
            f.date.clone().unwrap_or_default(),
            f.issuer.clone().unwrap_or_default(),
            f.path.clone().unwrap_or_default(),
            f.cited.clone().unwrap_or_default(),
            f.cited_date.clone().unwrap_or_default(),
            f.message.clone(),
            f.evidence.clone().unwrap_or_default(),
            related.join(" | "),
        ];
        let row: Vec<String> = fields.iter().map(|s| csv_field(s)).collect();
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

fn print_table(findings: &[Finding], plans: usize) {
    if findings.is_empty() {
        outln!("{plans} plan(s) audited: no finding");
        return;
    }
    for f in findings {
        let plan = match (&f.number, &f.date) {
            (Some(n), Some(d)) => format!("{n} of {}", show_date(d)),
            (Some(n), None) => n.clone(),
            (None, _) => "-".into(),
        };
        outln!(
            "{}  {}  {}  {}",
            f.kind.as_str(),
            plan,
            f.issuer.as_deref().unwrap_or("-"),
            f.path.as_deref().unwrap_or("")
        );
        outln!("    {}", f.message);
        if let Some(e) = &f.evidence {
            outln!("    « {} »", clip(e, 200));
        }
        for r in f.related.iter().take(5) {
            outln!("    → {}", r.describe());
        }
        if f.related.len() > 5 {
            outln!("    → … and {} more", f.related.len() - 5);
        }
    }
    outln!();
    outln!("{} finding(s) in {plans} plan(s):", findings.len());
    for kind in FindingKind::ALL {
        let n = findings.iter().filter(|f| f.kind == kind).count();
        if n > 0 {
            outln!("  {:<24}{n:>6}", kind.as_str());
        }
    }
}
