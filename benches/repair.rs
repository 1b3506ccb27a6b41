//! Repair throughput (MB/s of input text) on the fixture plans: clean text
//! (the common case: one scan, no change), text with dropped letters, and
//! TCVN3 text. `cargo bench --bench repair`.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use kehoach::repair::damage::{self, Encoding, Rng};
use kehoach::repair::repair;

/// The clean fixture texts, repeated to about `size` bytes.
fn clean_corpus(size: usize) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = Vec::new();
    for dir in ["fixtures/plans", "fixtures/repair"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths
            .iter()
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        {
            let t = std::fs::read_to_string(p).expect("fixture is UTF-8");
            // Only texts repair leaves alone are "clean".
            if repair(&t).changes.is_empty() {
                texts.push(t);
            }
        }
    }
    assert!(!texts.is_empty(), "no clean fixture texts");
    let mut out = String::with_capacity(size + 10_000);
    while out.len() < size {
        for t in &texts {
            out.push_str(t);
            out.push('\n');
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let clean = clean_corpus(4 << 20);
    let mut g = c.benchmark_group("repair");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(clean.len() as u64));
    g.bench_function("clean", |b| b.iter(|| repair(std::hint::black_box(&clean))));

    let small = clean_corpus(256 << 10);
    let dropped = damage::drop_letters(&small, &['ô', 'ì', 'õ', 'ỏ'], 0.45, true, &mut Rng::new(1));
    g.throughput(Throughput::Bytes(dropped.len() as u64));
    g.bench_function("dropped letters", |b| {
        b.iter(|| repair(std::hint::black_box(&dropped)))
    });

    let tcvn3 = damage::legacy(&small, Encoding::Tcvn3);
    g.throughput(Throughput::Bytes(tcvn3.len() as u64));
    g.bench_function("tcvn3", |b| b.iter(|| repair(std::hint::black_box(&tcvn3))));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
