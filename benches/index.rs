//! Import and query benchmarks (release build, run by hand):
//!
//! ```text
//! cargo bench --bench index -- ingest-text [PLANS=10000]
//! cargo bench --bench index -- ingest-pdf DIR
//! cargo bench --bench index -- query [PLANS=100000] [--keep DIR]
//! ```
//!
//! `ingest-*` run the release `kehoach ingest` under `/usr/bin/time -v` (when
//! present) and report files/s, pages/s and peak RSS. `query` builds an index
//! of generated plans in-process (or reuses `--keep DIR`), then times 1,000
//! searches and 1,000 cites lookups on one searcher and reports p50/p99.
//! Figures go to BENCHMARKS.md.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use kehoach::corpus::{generate_iter, write_generated, CorpusConfig, DIRECTIVES};
use kehoach::index::{PlanIndex, SearchRequest};
use kehoach::model::{Source, TextMethod};
use rayon::prelude::*;

const BIN: &str = env!("CARGO_BIN_EXE_kehoach");

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let arg = |i: usize| args.get(i).map(String::as_str);
    match arg(0) {
        Some("ingest-text") => {
            let plans = arg(1).map_or(10_000, |s| s.parse().expect("PLANS is a number"));
            ingest_text(plans);
        }
        Some("ingest-pdf") => ingest_pdf(Path::new(arg(1).expect("ingest-pdf needs DIR"))),
        Some("query") => {
            let plans = arg(1)
                .filter(|s| !s.starts_with("--"))
                .map_or(100_000, |s| s.parse().expect("PLANS is a number"));
            let keep = args
                .iter()
                .position(|a| a == "--keep")
                .and_then(|i| args.get(i + 1))
                .map(PathBuf::from);
            query(plans, keep);
        }
        _ => {
            // `cargo bench` with no arguments runs every bench target; keep
            // this one cheap then, and say how to run it.
            eprintln!(
                "index bench: pass ingest-text [N] | ingest-pdf DIR | query [N] [--keep DIR]"
            );
        }
    }
}

/// Run `kehoach ingest` on `dir`; print its summary, rates and peak memory.
fn timed_ingest(dir: &Path, what: &str) {
    let index = tempfile::tempdir().unwrap();
    let time = Path::new("/usr/bin/time");
    let mut cmd = if time.exists() {
        let mut c = Command::new(time);
        c.arg("-v").arg(BIN);
        c
    } else {
        Command::new(BIN)
    };
    let wall = Instant::now();
    let out = cmd
        .args(["ingest", "--json", "--index"])
        .arg(index.path())
        .arg(dir)
        .output()
        .expect("run kehoach ingest");
    let wall = wall.elapsed().as_secs_f64();
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}", String::from_utf8_lossy(&out.stderr));
    });
    let stderr = String::from_utf8_lossy(&out.stderr);
    let peak_kb = stderr
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("Maximum resident set size (kbytes): ")
        })
        .and_then(|v| v.trim().parse::<u64>().ok());
    let files = summary["files"].as_f64().unwrap_or(0.0);
    let pages = summary["pages"].as_f64().unwrap_or(0.0);
    println!("{what}: {summary}");
    println!(
        "{what}: {files} files in {wall:.2} s wall: {:.0} files/s, {:.0} pages/s, peak RSS {}",
        files / wall,
        pages / wall,
        peak_kb.map_or("unknown (no /usr/bin/time)".into(), |k| format!(
            "{:.0} MiB",
            k as f64 / 1024.0
        ))
    );
}

fn ingest_text(plans: usize) {
    let dir = tempfile::tempdir().unwrap();
    let cfg = CorpusConfig {
        plans,
        seed: 11,
        ..Default::default()
    };
    write_generated(dir.path(), &cfg).unwrap();
    timed_ingest(dir.path(), &format!("ingest-text {plans}"));
}

fn ingest_pdf(dir: &Path) {
    timed_ingest(dir, &format!("ingest-pdf {}", dir.display()));
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn report(what: &str, mut ms: Vec<f64>) {
    ms.sort_by(|a, b| a.total_cmp(b));
    println!(
        "{what}: n={} p50={:.3} ms p99={:.3} ms max={:.3} ms",
        ms.len(),
        percentile(&ms, 0.5),
        percentile(&ms, 0.99),
        ms[ms.len() - 1]
    );
}

/// Build an index of `plans` generated plans straight from memory (no files).
fn build(dir: &Path, plans: usize) {
    let index = PlanIndex::open_or_create(dir).unwrap();
    let writer = index.writer(2, 256 << 20).unwrap();
    let cfg = CorpusConfig {
        plans,
        seed: 12,
        ..Default::default()
    };
    let started = Instant::now();
    generate_iter(&cfg).par_bridge().for_each(|plan| {
        let source = Source {
            path: Some(plan.rel_path.clone()),
            sha256: Some(kehoach::pipeline::sha256_hex(plan.text.as_bytes())),
            method: TextMethod::Text,
            ..Default::default()
        };
        let record = kehoach::pipeline::text_to_record(&plan.text, source);
        writer.replace(&record, &plan.rel_path).unwrap();
    });
    let mut writer = writer;
    writer.commit().unwrap();
    writer.finish().unwrap();
    println!(
        "built {plans}-plan index in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

const QUERIES: &[&str] = &[
    "tư tưởng",
    "tu tuong dao duc",
    "\"học tập và làm theo\"",
    "nêu gương",
    "neu guong",
    "kiểm tra giám sát",
    "\"kiểm tra, giám sát\"",
    "chuyên đề",
    "sơ kết",
    "Sở Nội vụ",
    "so tai chinh",
    "Công ty Điện lực",
    "bảo vệ nền tảng tư tưởng",
    "phòng chống tham nhũng",
    "cán bộ năng động sáng tạo",
    "05-CT/TW",
    "01-KL/TW học tập",
    "quán triệt",
    "hoà bình",
    "thuỷ",
    "Đảng ủy Khối doanh nghiệp",
    "biểu dương khen thưởng",
    "\"xếp loại tổ chức đảng\"",
    "lộ trình",
];

fn query(plans: usize, keep: Option<PathBuf>) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = keep.unwrap_or_else(|| tmp.path().to_path_buf());
    if !dir.join("meta.json").is_file() {
        build(&dir, plans);
    }
    let index = PlanIndex::open(&dir).unwrap();
    let searcher = index.reader().unwrap().searcher();
    println!(
        "index of {} plans at {}",
        searcher.num_docs(),
        dir.display()
    );

    // Cited numbers to ask for: every distinct cited number of a sample of
    // plans, so that plan numbers (a few citers each) and the central
    // directives (a fifth of the archive each) are both asked.
    let sample = kehoach::corpus::generate(&CorpusConfig {
        plans: plans.min(2000),
        seed: 12,
        ..Default::default()
    });
    let mut numbers: Vec<String> = sample.iter().flat_map(|p| p.truth.cited.clone()).collect();
    numbers.sort();
    numbers.dedup();

    let mut search_ms = Vec::with_capacity(1000);
    for i in 0..1000 {
        let req = SearchRequest {
            query: QUERIES[i % QUERIES.len()].into(),
            limit: 10,
            ..Default::default()
        };
        let t = Instant::now();
        let hits = index.search(&searcher, &req).unwrap();
        search_ms.push(t.elapsed().as_secs_f64() * 1e3);
        assert!(i % QUERIES.len() != 0 || !hits.is_empty());
    }
    let mut by_query: Vec<(f64, &str)> = QUERIES
        .iter()
        .enumerate()
        .map(|(q, text)| {
            let mut v: Vec<f64> = search_ms
                .iter()
                .skip(q)
                .step_by(QUERIES.len())
                .copied()
                .collect();
            v.sort_by(|a, b| a.total_cmp(b));
            (v[v.len() / 2], *text)
        })
        .collect();
    by_query.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (ms, text) in &by_query {
        println!("  p50 {ms:>8.3} ms  {text}");
    }
    report("search (top 10, with snippets)", search_ms);

    let mut cites_ms = Vec::with_capacity(1000);
    for i in 0..1000 {
        let number = &numbers[(i * 7919) % numbers.len()];
        let t = Instant::now();
        let r = index.cites(number).unwrap().unwrap();
        cites_ms.push(t.elapsed().as_secs_f64() * 1e3);
        assert!(r.total > 0, "{number}");
    }
    report(
        &format!("cites (random cited numbers, {} distinct)", numbers.len()),
        cites_ms,
    );

    let mut directive_ms = Vec::new();
    for d in DIRECTIVES.iter().cycle().take(20) {
        let t = Instant::now();
        let r = index.cites(d.number).unwrap().unwrap();
        directive_ms.push(t.elapsed().as_secs_f64() * 1e3);
        if directive_ms.len() <= DIRECTIVES.len() {
            println!("  cites {}: {} plans", d.number, r.total);
        }
    }
    report("cites (central directives only)", directive_ms);
}
