//! The audit through the real pipeline: generated plan texts, errors planted
//! in their words, each text parsed (repair, reflow, parse) into a record.
//! Every planted error is found; plans without one raise nothing.

use std::collections::HashSet;

use kehoach::audit::{audit, AuditOptions, Finding};
use kehoach::corpus::plant::{consistent_plans, plant_texts};
use kehoach::corpus::{generate, CorpusConfig, GeneratedPlan};
use kehoach::PlanRecord;

fn parse_all(plans: &[GeneratedPlan]) -> Vec<PlanRecord> {
    plans
        .iter()
        .map(|p| {
            let mut r = kehoach::pipeline::text_to_record(&p.text, Default::default());
            r.source.path = Some(p.rel_path.clone());
            r
        })
        .collect()
}

fn corpus(seed: u64) -> Vec<GeneratedPlan> {
    generate(&CorpusConfig {
        plans: 500,
        seed,
        ..Default::default()
    })
}

fn show(f: &Finding) -> String {
    format!(
        "{} {:?} {:?}: {} « {} »",
        f.kind.as_str(),
        f.path,
        f.issuer,
        f.message,
        f.evidence.as_deref().unwrap_or("")
    )
}

#[test]
fn parsed_clean_archive_raises_nothing() {
    let records = parse_all(&consistent_plans(&corpus(21)));
    let findings = audit(&records, &AuditOptions::default());
    let shown: Vec<String> = findings.iter().take(10).map(show).collect();
    assert!(
        findings.is_empty(),
        "{} findings:\n{}",
        findings.len(),
        shown.join("\n")
    );
}

#[test]
fn errors_planted_in_texts_are_found_after_parsing() {
    for seed in [21, 34] {
        let planted = plant_texts(&corpus(seed), seed);
        let kinds: HashSet<_> = planted.plants.iter().map(|p| p.kind).collect();
        assert_eq!(kinds.len(), 7, "every sort planted: {:?}", planted.plants);
        let records = parse_all(&planted.plans);
        let findings = audit(
            &records,
            &AuditOptions {
                roster: Some(&planted.roster),
                ..Default::default()
            },
        );
        for p in &planted.plants {
            let hit = findings.iter().any(|f| {
                f.kind == p.kind
                    && match &p.path {
                        Some(path) => f.path.as_ref() == Some(path),
                        None => f.issuer == p.unit,
                    }
            });
            let shown: Vec<String> = findings.iter().map(show).collect();
            assert!(hit, "seed {seed}: not found: {p:?}\n{}", shown.join("\n"));
        }
        let paths: HashSet<&str> = planted
            .plants
            .iter()
            .filter_map(|p| p.path.as_deref())
            .collect();
        let units: HashSet<&str> = planted
            .plants
            .iter()
            .filter_map(|p| p.unit.as_deref())
            .collect();
        for f in &findings {
            let planted_here = match &f.path {
                Some(p) => paths.contains(p.as_str()),
                None => f.issuer.as_deref().is_some_and(|u| units.contains(u)),
            };
            assert!(planted_here, "seed {seed}: false alarm: {}", show(f));
        }
    }
}
