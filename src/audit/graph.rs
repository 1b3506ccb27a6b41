//! The hierarchy as a graph: plans as nodes, "implements" links as edges,
//! broken links (missing, ambiguous, or with audit findings) marked. Written
//! as Graphviz DOT for people and as JSON for programs.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;

use serde::Serialize;

use super::resolve::{Archive, Citation, Link};
use super::{check_citation, number, text, FindingKind};
use crate::model::PlanRecord;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// A plan of the archive.
    Plan,
    /// A cited parent the archive does not hold.
    Missing,
    /// A central directive at the top of the hierarchy.
    Root,
}

#[derive(Debug, Clone, Serialize)]
pub struct Node {
    pub id: String,
    pub kind: NodeKind,
    pub number: Option<String>,
    pub date: Option<String>,
    pub issuer: Option<String>,
    pub path: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EdgeStatus {
    /// Resolved, and the audit found nothing wrong with it.
    Ok,
    /// Resolved, with findings (see `problems`).
    Flawed,
    /// One of several candidates.
    Ambiguous,
    /// The parent is not in the archive.
    Missing,
    /// Link to a central directive.
    Root,
}

/// `child` implements `parent` (node ids).
#[derive(Debug, Clone, Serialize)]
pub struct Edge {
    pub parent: String,
    pub child: String,
    /// The number as the child cites it.
    pub cited: String,
    pub status: EdgeStatus,
    pub problems: Vec<FindingKind>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Graph {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

/// Child records of each record, over resolved and ambiguous links.
pub fn children_map(citations: &[Vec<Citation>]) -> HashMap<usize, Vec<usize>> {
    let mut children: HashMap<usize, Vec<usize>> = HashMap::new();
    for cites in citations {
        for c in cites {
            match &c.link {
                Link::Resolved(p) => children.entry(*p).or_default().push(c.child),
                Link::Ambiguous(ps) => {
                    for p in ps {
                        children.entry(*p).or_default().push(c.child);
                    }
                }
                Link::Missing | Link::Root => {}
            }
        }
    }
    children
}

/// The graph of the whole archive, or of the plans under `top` (a number:
/// every plan with it, or, when the archive lacks it, the plans citing it).
/// `None` when `top` is neither held nor cited.
pub fn graph(records: &[PlanRecord], top: Option<&str>) -> Option<Graph> {
    let archive = Archive::new(records);
    let citations = archive.citations();
    let included: Vec<usize> = match top {
        None => (0..records.len()).collect(),
        Some(top) => {
            let key = number::key(top);
            let mut start: Vec<usize> = archive.with_key(&key).to_vec();
            let mut seen: HashSet<usize> = start.iter().copied().collect();
            if start.is_empty() {
                for cites in &citations {
                    for c in cites.iter().filter(|c| c.key == key) {
                        if seen.insert(c.child) {
                            start.push(c.child);
                        }
                    }
                }
            }
            if start.is_empty() {
                return None;
            }
            let children = children_map(&citations);
            let mut stack = start;
            let mut order = Vec::new();
            while let Some(p) = stack.pop() {
                order.push(p);
                for &c in children.get(&p).map(Vec::as_slice).unwrap_or_default() {
                    if seen.insert(c) {
                        stack.push(c);
                    }
                }
            }
            order.sort_unstable();
            order
        }
    };

    let mut graph = Graph::default();
    let mut plan_nodes: BTreeSet<usize> = included.iter().copied().collect();
    let mut other_nodes: Vec<(String, NodeKind, String)> = Vec::new();
    let mut other_seen = HashSet::new();
    for &i in &included {
        for c in &citations[i] {
            let (targets, status): (Vec<String>, EdgeStatus) = match &c.link {
                Link::Resolved(p) => {
                    plan_nodes.insert(*p);
                    let mut found = Vec::new();
                    check_citation(&archive, &citations, c, &mut found);
                    let mut problems: Vec<FindingKind> = found.iter().map(|f| f.kind).collect();
                    problems.sort();
                    problems.dedup();
                    let status = if problems.is_empty() {
                        EdgeStatus::Ok
                    } else {
                        EdgeStatus::Flawed
                    };
                    graph.edges.push(Edge {
                        parent: plan_id(*p),
                        child: plan_id(i),
                        cited: c.number.clone(),
                        status,
                        problems,
                    });
                    continue;
                }
                Link::Ambiguous(ps) => {
                    plan_nodes.extend(ps.iter().copied());
                    (
                        ps.iter().map(|&p| plan_id(p)).collect(),
                        EdgeStatus::Ambiguous,
                    )
                }
                Link::Missing | Link::Root => {
                    let kind = if c.link == Link::Root {
                        NodeKind::Root
                    } else {
                        NodeKind::Missing
                    };
                    let id = format!(
                        "{}:{}",
                        if kind == NodeKind::Root {
                            "root"
                        } else {
                            "missing"
                        },
                        c.key
                    );
                    if other_seen.insert(id.clone()) {
                        other_nodes.push((id.clone(), kind, c.number.clone()));
                    }
                    let status = if kind == NodeKind::Root {
                        EdgeStatus::Root
                    } else {
                        EdgeStatus::Missing
                    };
                    (vec![id], status)
                }
            };
            for t in targets {
                graph.edges.push(Edge {
                    parent: t,
                    child: plan_id(i),
                    cited: c.number.clone(),
                    status,
                    problems: Vec::new(),
                });
            }
        }
    }
    for i in plan_nodes {
        let r = &records[i];
        graph.nodes.push(Node {
            id: plan_id(i),
            kind: NodeKind::Plan,
            number: r.number.clone(),
            date: r.date.clone(),
            issuer: r.issuer.clone(),
            path: r.source.path.clone(),
        });
    }
    for (id, kind, number) in other_nodes {
        graph.nodes.push(Node {
            id,
            kind,
            number: Some(number),
            date: None,
            issuer: None,
            path: None,
        });
    }
    Some(graph)
}

fn plan_id(i: usize) -> String {
    format!("p{i}")
}

fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Graphviz DOT: parents above children; missing parents and their links
/// dashed red, ambiguous links dashed orange, links with findings red and
/// labelled with the finding kinds.
pub fn to_dot(g: &Graph) -> String {
    let mut s = String::from(
        "digraph kehoach {\n  rankdir=TB;\n  node [shape=box, fontname=\"Helvetica\"];\n",
    );
    for n in &g.nodes {
        let mut label = n.number.clone().unwrap_or_else(|| "(no number)".into());
        if let Some(d) = &n.date {
            label.push_str(&format!("\n{}", text::show_date(d)));
        }
        if let Some(i) = &n.issuer {
            label.push_str(&format!("\n{i}"));
        }
        let style = match n.kind {
            NodeKind::Plan => String::new(),
            NodeKind::Missing => {
                label.push_str("\n(not in archive)");
                ", style=dashed, color=red, fontcolor=red".into()
            }
            NodeKind::Root => ", shape=ellipse, style=filled, fillcolor=lightgrey".into(),
        };
        let _ = writeln!(s, "  {} [label={}{}];", quote(&n.id), quote(&label), style);
    }
    for e in &g.edges {
        let style = match e.status {
            EdgeStatus::Ok | EdgeStatus::Root => String::new(),
            EdgeStatus::Missing => ", style=dashed, color=red, label=\"missing\"".into(),
            EdgeStatus::Ambiguous => ", style=dashed, color=orange, label=\"ambiguous\"".into(),
            EdgeStatus::Flawed => {
                let kinds: Vec<&str> = e.problems.iter().map(|k| k.as_str()).collect();
                format!(
                    ", color=red, fontcolor=red, label={}",
                    quote(&kinds.join("\n"))
                )
            }
        };
        let _ = writeln!(
            s,
            "  {} -> {} [tooltip={}{}];",
            quote(&e.parent),
            quote(&e.child),
            quote(&e.cited),
            style
        );
    }
    s.push_str("}\n");
    s
}
