//! Faults during import: a killed run, corrupt files, searches meanwhile.

mod common;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{stdout_json, BIN};
use kehoach::corpus::{generate, write_corpus, CorpusConfig};
use serde_json::Value;

fn corpus(dir: &Path, plans: usize) {
    let plans = generate(&CorpusConfig {
        plans,
        seed: 99,
        ..Default::default()
    });
    write_corpus(dir, &plans).unwrap();
}

fn search_json(index: &Path, query: &str) -> Value {
    let out = Command::new(BIN)
        .args(["search", query, "--json", "--limit", "5", "--index"])
        .arg(index)
        .output()
        .unwrap();
    stdout_json(&out)
}

#[test]
fn killed_import_carries_on_and_imports_every_file_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let (archive, index) = (dir.path().join("archive"), dir.path().join("index"));
    corpus(&archive, 1000);

    // Commit often so that the kill lands between commits, after some.
    let mut child = Command::new(BIN)
        .args(["ingest", "--commit-every", "50", "--index"])
        .arg(&index)
        .arg(&archive)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = BufReader::new(child.stderr.take().unwrap());
    let mut committed = 0;
    for line in stderr.lines() {
        let line = line.unwrap();
        if line.contains("committed") {
            committed += 1;
            if committed == 3 {
                break;
            }
        }
    }
    child.kill().unwrap(); // SIGKILL on Unix
    let status = child.wait().unwrap();
    assert!(
        !status.success(),
        "the import was still running when killed"
    );

    let (code, summary) = common::ingest_json(&index, &archive);
    assert_eq!(code, 0, "{summary:#}");
    let (imported, unchanged) = (
        summary["imported"].as_u64().unwrap(),
        summary["unchanged"].as_u64().unwrap(),
    );
    assert_eq!(imported + unchanged, 1000, "{summary:#}");
    assert!(unchanged >= 100, "committed files were kept: {summary:#}");
    assert!(imported > 0, "the killed run had not finished: {summary:#}");

    let records = kehoach::index::load_all(&index).unwrap();
    assert_eq!(records.len(), 1000);
    let paths: BTreeSet<_> = records.iter().map(|r| r.source.path.clone()).collect();
    assert_eq!(paths.len(), 1000, "every file exactly once");
    assert!(search_json(&index, "tư tưởng")["count"].as_u64().unwrap() > 0);

    // The citations table, committed separately, lists each plan once too.
    let key = kehoach::parse::match_key("05-CT/TW");
    let citing = records
        .iter()
        .filter(|r| {
            r.references
                .iter()
                .any(|c| kehoach::parse::match_key(&c.number) == key)
        })
        .count();
    let out = Command::new(BIN)
        .args(["cites", "05-CT/TW", "--json", "--index"])
        .arg(&index)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(citing > 0);
    assert_eq!(report["total"], citing);
}

#[test]
fn corrupt_files_are_reported_and_the_rest_imported() {
    let dir = tempfile::tempdir().unwrap();
    let (archive, index) = (dir.path().join("archive"), dir.path().join("index"));
    corpus(&archive, 20);
    let bad = archive.join("bad");
    std::fs::create_dir_all(&bad).unwrap();
    std::fs::write(bad.join("latin1.txt"), b"K\xea ho\xb9ch s\xe8 12").unwrap();
    std::fs::write(bad.join("zeros.txt"), [0u8; 64]).unwrap();
    std::fs::write(
        bad.join("truncated.pdf"),
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog",
    )
    .unwrap();
    std::fs::write(bad.join("not-a-pdf.pdf"), b"this is plain text").unwrap();

    let (code, summary) = common::ingest_json(&index, &archive);
    assert_eq!(code, 1, "non-zero exit when a file failed");
    assert_eq!(summary["imported"], 20, "{summary:#}");
    let failed = summary["failed"].as_array().unwrap();
    let names: BTreeSet<String> = failed
        .iter()
        .map(|f| {
            assert!(!f["cause"].as_str().unwrap().is_empty());
            Path::new(f["path"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let want: BTreeSet<String> = ["latin1.txt", "zeros.txt", "truncated.pdf", "not-a-pdf.pdf"]
        .map(String::from)
        .into();
    assert_eq!(names, want, "{summary:#}");
    let log = std::fs::read_to_string(index.join("errors.ndjson")).unwrap();
    for name in &want {
        assert!(log.contains(name.as_str()), "{name} in errors.ndjson");
    }
    // The committed part is usable.
    assert_eq!(kehoach::index::load_all(&index).unwrap().len(), 20);

    // People get a readable summary naming each file and cause.
    let out = Command::new(BIN)
        .args(["ingest", "--index"])
        .arg(&index)
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("failed") && text.contains("latin1.txt: not UTF-8"),
        "{text}"
    );
}

#[test]
fn searches_answer_while_an_import_runs() {
    let dir = tempfile::tempdir().unwrap();
    let (archive, index) = (dir.path().join("archive"), dir.path().join("index"));
    corpus(&archive, 1000);
    // A first, small import so that the index exists.
    let first = archive.join("nam-dinh");
    let (code, _) = common::ingest_json(&index, &first);
    assert_eq!(code, 0);

    let mut ingest = Command::new(BIN)
        .args(["ingest", "--commit-every", "50", "--index"])
        .arg(&index)
        .arg(&archive)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let mut rounds = 0;
    while ingest.try_wait().unwrap().is_none() && started.elapsed() < Duration::from_secs(120) {
        let spawn = |query: &str| {
            Command::new(BIN)
                .args(["search", query, "--json", "--index"])
                .arg(&index)
                .output()
                .unwrap()
        };
        let (a, b) = std::thread::scope(|s| {
            let a = s.spawn(|| spawn("tu tuong"));
            let b = s.spawn(|| spawn("\"kiểm tra, giám sát\""));
            (a.join().unwrap(), b.join().unwrap())
        });
        for out in [a, b] {
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let v: Value = serde_json::from_slice(&out.stdout).unwrap();
            assert!(v["count"].as_u64().unwrap() > 0);
        }
        rounds += 1;
    }
    assert!(rounds >= 1, "searched while the import ran");
    assert!(ingest.wait().unwrap().success());
}
