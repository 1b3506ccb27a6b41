//! Every plan in `fixtures/plans/` against its hand-written expected record:
//! exact fields compared one by one, references and deadlines compared as
//! sets with a precise diff, every record validated against the schema, and
//! reference and deadline F1 over all fixtures printed.
//!
//! Run with `cargo test --test parse_fixtures -- --nocapture` to see the report.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use kehoach::model::{PlanRecord, Source, TextMethod};
use serde_json::Value;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/plans")
}

/// (text file, expected file) pairs, sorted by name.
fn fixture_pairs() -> Vec<(PathBuf, PathBuf)> {
    let mut pairs = Vec::new();
    let Ok(entries) = std::fs::read_dir(fixtures_dir()) else {
        return pairs;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "txt") {
            let expected = path.with_extension("expected.json");
            if expected.exists() {
                pairs.push((path, expected));
            } else {
                println!(
                    "note: {} has no expected record yet; not compared",
                    path.display()
                );
            }
        }
    }
    pairs.sort();
    pairs
}

fn record_for(path: &Path) -> PlanRecord {
    let raw = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let source = Source {
        path: Some(path.file_name().unwrap().to_string_lossy().into_owned()),
        method: TextMethod::Text,
        ..Default::default()
    };
    kehoach::pipeline::text_to_record(&raw, source)
}

fn schema_validator() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/plan.schema.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).expect("schema compiles")
}

/// Counts for an F1 score.
#[derive(Default, Clone, Copy)]
struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Score {
    fn add(&mut self, o: Score) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
    fn f1(&self) -> f64 {
        if self.tp + self.fp + self.fn_ == 0 {
            return 1.0;
        }
        2.0 * self.tp as f64 / (2 * self.tp + self.fp + self.fn_) as f64
    }
}

/// Multiset comparison of keys; returns the score and the keys only on each side.
fn compare_multisets(got: &[String], want: &[String]) -> (Score, Vec<String>, Vec<String>) {
    let mut counts: BTreeMap<&str, i64> = BTreeMap::new();
    for w in want {
        *counts.entry(w).or_default() += 1;
    }
    let mut extra = Vec::new();
    let mut tp = 0;
    for g in got {
        match counts.get_mut(g.as_str()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                tp += 1;
            }
            _ => extra.push(g.clone()),
        }
    }
    let missing: Vec<String> = counts
        .into_iter()
        .flat_map(|(k, n)| std::iter::repeat_n(k.to_string(), n.max(0) as usize))
        .collect();
    (
        Score {
            tp,
            fp: extra.len(),
            fn_: missing.len(),
        },
        extra,
        missing,
    )
}

fn show(v: &Value) -> String {
    v.to_string()
}

/// Compare one record with its expected JSON; returns the differences and
/// the reference and deadline scores.
fn compare(record: &PlanRecord, want: &Value) -> (Vec<String>, Score, Score) {
    let got = serde_json::to_value(record).unwrap();
    let mut diffs = Vec::new();
    for field in [
        "doc_type",
        "number",
        "place",
        "date",
        "title",
        "issuer",
        "implements",
    ] {
        if let Some(w) = want.get(field) {
            let g = got.get(field).unwrap_or(&Value::Null);
            if g != w {
                diffs.push(format!("{field}: got {} want {}", show(g), show(w)));
            }
        }
    }
    if let Some(ws) = want.get("signer") {
        let gs = got.get("signer").cloned().unwrap_or(Value::Null);
        match ws.as_object() {
            Some(obj) => {
                for (k, w) in obj {
                    let g = gs.get(k).unwrap_or(&Value::Null);
                    if g != w {
                        diffs.push(format!("signer.{k}: got {} want {}", show(g), show(w)));
                    }
                }
            }
            None if gs != *ws => diffs.push(format!("signer: got {} want {}", show(&gs), show(ws))),
            None => {}
        }
    }

    // References: a set keyed by canonical number; attributes compared on matches.
    let want_refs = want
        .get("references")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let got_refs = got["references"].as_array().cloned().unwrap_or_default();
    let key = |r: &Value| r["number"].as_str().unwrap_or("").to_string();
    let (ref_score, extra, missing) = compare_multisets(
        &got_refs.iter().map(key).collect::<Vec<_>>(),
        &want_refs.iter().map(key).collect::<Vec<_>>(),
    );
    for n in extra {
        diffs.push(format!("reference {n}: found but not expected"));
    }
    for n in missing {
        diffs.push(format!("reference {n}: expected but not found"));
    }
    for w in &want_refs {
        if let Some(g) = got_refs.iter().find(|g| key(g) == key(w)) {
            for (k, wv) in w.as_object().unwrap() {
                let gv = g.get(k).unwrap_or(&Value::Null);
                if gv != wv {
                    diffs.push(format!(
                        "reference {}: {k} got {} want {}",
                        key(w),
                        show(gv),
                        show(wv)
                    ));
                }
            }
        }
    }

    // Deadlines: a multiset of (due, recurring).
    let dkey = |d: &Value| format!("({}, {})", show(&d["due"]), show(&d["recurring"]));
    let want_dl = want
        .get("deadlines")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let got_dl = got["deadlines"].as_array().cloned().unwrap_or_default();
    let (dl_score, extra, missing) = compare_multisets(
        &got_dl.iter().map(dkey).collect::<Vec<_>>(),
        &want_dl.iter().map(dkey).collect::<Vec<_>>(),
    );
    for k in extra {
        let texts: Vec<_> = got_dl
            .iter()
            .filter(|d| dkey(d) == k)
            .map(|d| show(&d["text"]))
            .collect();
        diffs.push(format!(
            "deadline {k}: found but not expected (text {})",
            texts.join(" / ")
        ));
    }
    for k in missing {
        let texts: Vec<_> = want_dl
            .iter()
            .filter(|d| dkey(d) == k)
            .map(|d| show(&d["text"]))
            .collect();
        diffs.push(format!(
            "deadline {k}: expected but not found (text {})",
            texts.join(" / ")
        ));
    }
    (diffs, ref_score, dl_score)
}

/// Every span must lie in the text and point at its evidence.
fn check_spans(record: &PlanRecord) -> Vec<String> {
    let chars: Vec<char> = record.text.chars().collect();
    let slice = |s: &kehoach::model::Span| -> Option<String> {
        (s.start <= s.end && s.end <= chars.len()).then(|| chars[s.start..s.end].iter().collect())
    };
    let mut problems = Vec::new();
    for r in &record.references {
        if r.spans.len() != r.mentions as usize {
            problems.push(format!(
                "reference {}: {} spans for {} mentions",
                r.number,
                r.spans.len(),
                r.mentions
            ));
        }
        for s in &r.spans {
            match slice(s) {
                Some(t) if t.chars().any(|c| c.is_ascii_digit()) => {}
                other => problems.push(format!(
                    "reference {}: span {s:?} holds {other:?}",
                    r.number
                )),
            }
        }
    }
    for d in &record.deadlines {
        match slice(&d.span) {
            Some(t)
                if t.split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .replace("**", "")
                    == d.text => {}
            other => problems.push(format!(
                "deadline {:?}: span {:?} holds {other:?}",
                d.text, d.span
            )),
        }
    }
    problems
}

#[test]
fn fixtures_match_their_expected_records() {
    let pairs = fixture_pairs();
    if pairs.is_empty() {
        println!("SKIP: no fixtures with expected records in fixtures/plans");
        return;
    }
    let validator = schema_validator();
    let (mut refs, mut dls) = (Score::default(), Score::default());
    let mut failures = Vec::new();
    for (txt, expected) in &pairs {
        let name = txt.file_name().unwrap().to_string_lossy().into_owned();
        let want: Value = serde_json::from_str(&std::fs::read_to_string(expected).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", expected.display()));
        let record = record_for(txt);
        let json = serde_json::to_value(&record).unwrap();
        let mut diffs: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| format!("schema: {e}"))
            .collect();
        let (d, r, l) = compare(&record, &want);
        diffs.extend(d);
        diffs.extend(check_spans(&record));
        refs.add(r);
        dls.add(l);
        if diffs.is_empty() {
            println!("ok   {name}");
        } else {
            println!("FAIL {name}");
            for d in &diffs {
                println!("       {d}");
            }
            failures.push(name);
        }
    }
    println!(
        "{} fixtures; references F1 {:.3} (tp {} fp {} fn {}); deadlines F1 on (due, recurring) {:.3} (tp {} fp {} fn {})",
        pairs.len(),
        refs.f1(),
        refs.tp,
        refs.fp,
        refs.fn_,
        dls.f1(),
        dls.tp,
        dls.fp,
        dls.fn_
    );
    assert!(
        failures.is_empty(),
        "fixtures differing from their expected records: {failures:?}"
    );
}

#[test]
fn multiset_comparison_counts_duplicates() {
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let (score, extra, missing) = compare_multisets(&s(&["a", "a", "b"]), &s(&["a", "c"]));
    assert_eq!((score.tp, score.fp, score.fn_), (1, 2, 1));
    assert_eq!(extra, s(&["a", "b"]));
    assert_eq!(missing, s(&["c"]));
    assert!((score.f1() - 0.4).abs() < 1e-9);
}
