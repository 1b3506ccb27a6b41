//! The audit on generated archives: clean ones give no finding, planted
//! errors are all found, and nothing but the planted plans is reported.

use std::collections::HashSet;

use kehoach::audit::{audit, AuditOptions, Finding, FindingKind, Roster};
use kehoach::corpus::plant::{clean_records, plant, Plant};
use kehoach::corpus::{generate, CorpusConfig};

fn corpus(plans: usize, seed: u64) -> Vec<kehoach::corpus::GeneratedPlan> {
    generate(&CorpusConfig {
        plans,
        seed,
        ..Default::default()
    })
}

fn show(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| {
            format!(
                "{} {:?} {:?}: {}",
                f.kind.as_str(),
                f.path,
                f.issuer,
                f.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn clean_generated_archives_give_no_finding() {
    for seed in [3, 17, 2024] {
        let records = clean_records(&corpus(600, seed));
        let findings = audit(&records, &AuditOptions::default());
        assert!(findings.is_empty(), "seed {seed}:\n{}", show(&findings));
    }
}

fn found(p: &Plant, findings: &[Finding]) -> bool {
    findings.iter().any(|f| {
        f.kind == p.kind
            && match &p.path {
                Some(path) => f.path.as_ref() == Some(path),
                None => f.issuer == p.unit,
            }
    })
}

#[test]
fn every_planted_error_is_found_and_nothing_else() {
    for seed in [5, 11, 99] {
        let plans = corpus(800, seed);
        let archive = plant(&plans, seed);
        let kinds: HashSet<FindingKind> = archive.plants.iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds.len(),
            7,
            "seed {seed}: every sort planted: {:?}",
            archive.plants
        );
        let findings = audit(
            &archive.records,
            &AuditOptions {
                roster: Some(&archive.roster),
                ..Default::default()
            },
        );
        for p in &archive.plants {
            assert!(
                found(p, &findings),
                "seed {seed}: not found: {p:?}\nfindings:\n{}",
                show(&findings)
            );
        }
        let planted_paths: HashSet<&str> = archive
            .plants
            .iter()
            .filter_map(|p| p.path.as_deref())
            .collect();
        let planted_units: HashSet<&str> = archive
            .plants
            .iter()
            .filter_map(|p| p.unit.as_deref())
            .collect();
        for f in &findings {
            let expected = match &f.path {
                Some(path) => planted_paths.contains(path.as_str()),
                None => f
                    .issuer
                    .as_deref()
                    .is_some_and(|u| planted_units.contains(u)),
            };
            assert!(
                expected,
                "seed {seed}: false alarm: {}",
                show(std::slice::from_ref(f))
            );
        }
    }
}

#[test]
fn findings_carry_evidence_and_suggestions() {
    let plans = corpus(800, 5);
    let archive = plant(&plans, 5);
    let findings = audit(&archive.records, &AuditOptions::default());
    let near: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.kind == FindingKind::NumberNearMiss)
        .collect();
    assert!(!near.is_empty());
    for f in near {
        assert!(f.message.contains("did you mean"), "{}", f.message);
        assert!(!f.related.is_empty());
        let evidence = f.evidence.as_deref().unwrap_or_default();
        assert!(
            evidence.contains(f.cited.as_deref().unwrap()) || evidence.contains("Kế hoạch"),
            "{evidence}"
        );
        assert!(f.number.is_some() && f.issuer.is_some() && f.path.is_some());
    }
    let mismatch = findings
        .iter()
        .find(|f| f.kind == FindingKind::ParentDateMismatch)
        .unwrap();
    assert!(
        mismatch.message.contains("but that plan is dated"),
        "{}",
        mismatch.message
    );
    assert_eq!(mismatch.related.len(), 1, "the parent found is named");
}

#[test]
fn parent_option_limits_the_audit_to_one_subtree() {
    let plans = corpus(800, 11);
    let archive = plant(&plans, 11);
    let all = audit(&archive.records, &AuditOptions::default());
    let target = all.iter().find_map(|f| f.cited.clone()).unwrap();
    let some = audit(
        &archive.records,
        &AuditOptions {
            parent: Some(target.clone()),
            ..Default::default()
        },
    );
    assert!(!some.is_empty() && some.len() < all.len());
    let _ = Roster::default();
}
