//! `kehoach graph`: the plan hierarchy as Graphviz DOT or JSON.

use anyhow::{bail, Context, Result};
use kehoach::audit::graph::{graph, to_dot};

use super::IndexArg;

/// Draw the hierarchy under a plan (or the whole archive): parents above
/// children; parents missing from the archive and their links dashed red,
/// ambiguous links dashed orange, links with audit findings red and labelled.
/// Render with Graphviz: `kehoach graph 25-KH/ĐUK | dot -Tsvg > tree.svg`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Plan number (any spelling) whose subtree to draw; all plans when left out.
    pub number: Option<String>,
    /// Graphviz DOT output (the default).
    #[arg(long, conflicts_with = "json")]
    pub dot: bool,
    /// JSON output: nodes (id, kind plan/missing/root, number, date, issuer,
    /// path) and edges (parent, child, cited, status, problems).
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub index: IndexArg,
}

pub fn run(args: Args) -> Result<i32> {
    let records = kehoach::index::load_all(&args.index.index)
        .with_context(|| format!("loading the index {}", args.index.index.display()))?;
    let Some(g) = graph(&records, args.number.as_deref()) else {
        bail!(
            "{}: no plan in the index has or cites this number",
            args.number.unwrap_or_default()
        );
    };
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&g)?);
    } else {
        out!("{}", to_dot(&g));
    }
    Ok(0)
}
