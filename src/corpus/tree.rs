//! The shape of an archive: who issues which plan implementing which parent,
//! with numbers and dates. Texts are rendered from this later, one at a time.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};

use super::names::{AGENCY_UNITS, BLOCS, DIRECTIVES, ENTERPRISE_UNITS, PROVINCES};
use super::{CorpusConfig, Level};
use crate::rng::Rng;

/// One plan of the archive, before rendering.
#[derive(Debug, Clone)]
pub struct Node {
    pub level: Level,
    pub province: usize,
    pub bloc: usize,
    /// Index into the bloc's unit list (unit level only).
    pub unit: usize,
    pub number: String,
    pub date: NaiveDate,
    /// Index of the parent node; `None` when the parent is the directive.
    pub parent: Option<usize>,
    /// Index into [`DIRECTIVES`].
    pub directive: usize,
}

pub struct Tree {
    pub nodes: Vec<Node>,
}

pub fn units_of(bloc: usize) -> &'static [&'static str] {
    if bloc == 0 {
        AGENCY_UNITS
    } else {
        ENTERPRISE_UNITS
    }
}

pub fn directive_date(d: usize) -> NaiveDate {
    NaiveDate::parse_from_str(DIRECTIVES[d].date, "%Y-%m-%d").expect("valid directive date")
}

/// Number codes: province plans "KH/TU", bloc plans "KH/ĐUK", unit plans "KH/ĐU".
fn code(level: Level) -> &'static str {
    match level {
        Level::Province => "KH/TU",
        Level::Bloc => "KH/ĐUK",
        Level::Unit => "KH/ĐU",
    }
}

pub fn build(cfg: &CorpusConfig) -> Tree {
    let mut rng = Rng::scrambled(cfg.seed);
    let provinces = cfg
        .provinces
        .unwrap_or(cfg.plans / 40)
        .clamp(1, PROVINCES.len());
    let mut nodes: Vec<Node> = Vec::with_capacity(cfg.plans);
    // Per province: node indices by level.
    let mut by_level: Vec<[Vec<usize>; 3]> = vec![Default::default(); provinces];
    // Next plan number per (province, bloc, unit, level).
    let mut counters: HashMap<(usize, usize, usize, Level), i64> = HashMap::new();

    for i in 0..cfg.plans {
        let p = i % provinces;
        let used_directives: Vec<usize> =
            by_level[p][0].iter().map(|&n| nodes[n].directive).collect();
        let free_directive = (0..DIRECTIVES.len()).find(|d| !used_directives.contains(d));
        let roll = rng.below(100);
        let level = if by_level[p][0].is_empty() || (roll < 8 && free_directive.is_some()) {
            Level::Province
        } else if by_level[p][1].is_empty() || roll < 30 {
            Level::Bloc
        } else {
            Level::Unit
        };
        let node = match level {
            Level::Province => {
                // Cycle through directives; start at a seed-dependent one.
                let d = free_directive.unwrap_or_else(|| rng.below(DIRECTIVES.len()));
                let date = directive_date(d) + Duration::days(rng.range(10, 150));
                Node {
                    level,
                    province: p,
                    bloc: 0,
                    unit: 0,
                    number: String::new(),
                    date,
                    parent: None,
                    directive: d,
                }
            }
            Level::Bloc => {
                let parent = *rng.pick(&by_level[p][0]);
                let bloc = rng.below(BLOCS.len());
                child_of(&mut rng, &nodes[parent], parent, level, bloc, 0)
            }
            Level::Unit => {
                let parent = *rng.pick(&by_level[p][1]);
                let bloc = nodes[parent].bloc;
                let unit = rng.below(units_of(bloc).len());
                child_of(&mut rng, &nodes[parent], parent, level, bloc, unit)
            }
        };
        let key = (p, node.bloc, node.unit, level);
        let next = counters.entry(key).or_insert_with(|| rng.range(12, 60));
        let number = format!("{:02}-{}", *next, code(level));
        *next += rng.range(1, 3);
        let slot = match level {
            Level::Province => 0,
            Level::Bloc => 1,
            Level::Unit => 2,
        };
        by_level[p][slot].push(nodes.len());
        nodes.push(Node { number, ..node });
    }
    Tree { nodes }
}

fn child_of(
    rng: &mut Rng,
    parent: &Node,
    idx: usize,
    level: Level,
    bloc: usize,
    unit: usize,
) -> Node {
    Node {
        level,
        province: parent.province,
        bloc,
        unit,
        number: String::new(),
        date: parent.date + Duration::days(rng.range(4, 60)),
        parent: Some(idx),
        directive: parent.directive,
    }
}
