//! Search and cites over 200 generated plans, checked against the truth file.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::BIN;
use kehoach::corpus::{generate, write_corpus, CorpusConfig, PlanTruth};
use kehoach::parse::match_key;
use serde_json::Value;

struct Archive {
    _dir: tempfile::TempDir,
    corpus: PathBuf,
    index: PathBuf,
    truth: Vec<PlanTruth>,
}

/// One archive of 200 plans, ingested once for all tests of this file.
fn archive() -> &'static Archive {
    static ARCHIVE: OnceLock<Archive> = OnceLock::new();
    ARCHIVE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        let index = dir.path().join("index");
        let plans = generate(&CorpusConfig {
            plans: 200,
            seed: 2024,
            ..Default::default()
        });
        write_corpus(&corpus, &plans).unwrap();
        let (code, summary) = common::ingest_json(&index, &corpus);
        assert_eq!(code, 0, "{summary:#}");
        assert_eq!(summary["imported"], 200, "{summary:#}");
        Archive {
            _dir: dir,
            corpus,
            index,
            truth: plans.into_iter().map(|p| p.truth).collect(),
        }
    })
}

fn run_json(args: &[&str]) -> Value {
    let a = archive();
    let out = Command::new(BIN)
        .args(args)
        .arg("--json")
        .arg("--index")
        .arg(&a.index)
        .output()
        .unwrap();
    common::stdout_json(&out)
}

fn rel(path: &str) -> String {
    Path::new(path)
        .strip_prefix(&archive().corpus)
        .unwrap_or_else(|_| panic!("{path} outside the corpus"))
        .display()
        .to_string()
}

/// Relative paths of the plans `cites NUMBER` lists.
fn cited_by(number: &str) -> BTreeSet<String> {
    let report = run_json(&["cites", number]);
    let mut paths = BTreeSet::new();
    let mut counted = 0;
    for unit in report["units"].as_array().unwrap() {
        let plans = unit["plans"].as_array().unwrap();
        assert_eq!(unit["count"], plans.len());
        for plan in plans {
            for field in ["number", "date", "issuer", "path"] {
                assert!(plan.get(field).is_some(), "{field} in {plan}");
            }
            paths.insert(rel(plan["path"].as_str().unwrap()));
            counted += 1;
        }
    }
    assert_eq!(report["total"], counted);
    paths
}

fn truth_citing(number: &str) -> BTreeSet<String> {
    let key = match_key(number);
    archive()
        .truth
        .iter()
        .filter(|t| t.cited.iter().any(|c| match_key(c) == key))
        .map(|t| t.rel_path.clone())
        .collect()
}

#[test]
fn cites_returns_exactly_the_citing_plans_of_the_truth_file() {
    let a = archive();
    let bloc_number = a
        .truth
        .iter()
        .find(|t| t.level == kehoach::corpus::Level::Bloc)
        .map(|t| t.number.clone())
        .unwrap();
    for number in [
        "05-CT/TW",
        "01-KL/TW",
        "35-NQ/TW",
        "14-KL/TW",
        "21-CT/TW",
        &bloc_number,
    ] {
        let want = truth_citing(number);
        assert!(!want.is_empty(), "{number} is cited in the corpus");
        let got = cited_by(number);
        let missing: Vec<_> = want.difference(&got).collect();
        let extra: Vec<_> = got.difference(&want).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{number}: missing {missing:?}, extra {extra:?}"
        );
    }
}

#[test]
fn variant_spellings_of_a_number_find_the_same_plans() {
    let exact = cited_by("05-CT/TW");
    for variant in ["5-CT/TW", "05/CT-TW", "05- CT/TW", "05 - ct/tw"] {
        assert_eq!(cited_by(variant), exact, "{variant}");
    }
    let filtered = |n: &str| -> BTreeSet<String> {
        run_json(&["search", "", "--cites", n, "--limit", "1000"])["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| rel(h["path"].as_str().unwrap()))
            .collect()
    };
    assert_eq!(filtered("01-KL/TW"), truth_citing("01-KL/TW"));
    assert_eq!(filtered("1/KL-TW"), truth_citing("01-KL/TW"));
}

fn hit_paths(query: &str) -> BTreeSet<String> {
    run_json(&["search", query, "--limit", "1000"])["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| rel(h["path"].as_str().unwrap()))
        .collect()
}

#[test]
fn queries_without_diacritics_or_with_other_tone_placement_find_the_same_plans() {
    for (exact, plain) in [
        ("tư tưởng đạo đức", "tu tuong dao duc"),
        ("\"nêu gương\"", "\"neu guong\""),
        ("Đảng ủy Khối", "dang uy khoi"),
        ("quán triệt", "QUAN TRIET"),
    ] {
        let want = hit_paths(exact);
        assert!(!want.is_empty(), "{exact}");
        assert_eq!(hit_paths(plain), want, "{exact} vs {plain}");
    }
    // Old and new tone placement of the same names in signatures.
    for (old, new) in [("Thủy", "Thuỷ"), ("Hòa", "Hoà")] {
        let want: BTreeSet<String> = archive()
            .truth
            .iter()
            .filter(|t| t.signer.name.ends_with(old))
            .map(|t| t.rel_path.clone())
            .collect();
        let got_old = hit_paths(old);
        assert!(want.is_subset(&got_old), "{old}");
        assert_eq!(hit_paths(new), got_old, "{old} vs {new}");
    }
}

#[test]
fn phrase_queries_match_words_in_order_only() {
    let phrase = hit_paths("\"tổ chức học tập\"");
    let reversed = hit_paths("\"học tập tổ chức\"");
    assert!(!phrase.is_empty());
    assert!(reversed.is_empty(), "{reversed:?}");
}

#[test]
fn filters_by_issuer_and_date_narrow_the_hits() {
    let a = archive();
    let hits = run_json(&[
        "search",
        "",
        "--issuer",
        "dang uy khoi",
        "--from",
        "2021-01-01",
        "--to",
        "2021-12-31",
        "--limit",
        "1000",
    ]);
    let got: BTreeSet<String> = hits["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| rel(h["path"].as_str().unwrap()))
        .collect();
    let want: BTreeSet<String> = a
        .truth
        .iter()
        .filter(|t| t.issuer.contains("Đảng ủy Khối") && t.date.starts_with("2021"))
        .map(|t| t.rel_path.clone())
        .collect();
    assert!(!want.is_empty());
    assert_eq!(got, want);
}
