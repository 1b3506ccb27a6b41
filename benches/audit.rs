//! Audit of a 100,000-plan archive: records generated in memory (the corpus
//! generator, with errors planted), then the whole audit timed: lookup
//! tables, parent resolution, every check, sorting. Target: ≤ 10 s.
//! `cargo bench --bench audit`.

use std::time::Instant;

use criterion::{criterion_group, criterion_main, Criterion};
use kehoach::audit::{audit, AuditOptions};
use kehoach::corpus::plant::plant;
use kehoach::corpus::{generate, CorpusConfig};

const PLANS: usize = 100_000;

fn bench_audit(c: &mut Criterion) {
    let started = Instant::now();
    let archive = {
        let plans = generate(&CorpusConfig {
            plans: PLANS,
            seed: 7,
            ..Default::default()
        });
        plant(&plans, 7)
    };
    eprintln!(
        "generated {} records in {:.1} s; {} errors planted",
        archive.records.len(),
        started.elapsed().as_secs_f64(),
        archive.plants.len()
    );
    let options = AuditOptions {
        roster: Some(&archive.roster),
        ..Default::default()
    };
    let findings = audit(&archive.records, &options);
    let planted: std::collections::HashSet<&str> = archive
        .plants
        .iter()
        .filter_map(|p| p.path.as_deref().or(p.unit.as_deref()))
        .collect();
    let elsewhere = findings
        .iter()
        .filter(|f| {
            !f.path
                .as_deref()
                .or(f.issuer.as_deref())
                .is_some_and(|k| planted.contains(k))
        })
        .count();
    eprintln!(
        "{} findings, {elsewhere} of them on plans without a planted error",
        findings.len()
    );

    let mut group = c.benchmark_group("audit");
    group.sample_size(10);
    group.measurement_time(std::time::Duration::from_secs(30));
    group.bench_function("100k_plans", |b| {
        b.iter(|| audit(&archive.records, &options))
    });
    group.finish();
}

criterion_group!(benches, bench_audit);
criterion_main!(benches);
