//! Importing PDFs: text-layer PDFs, scans (Tesseract), and broken files.

mod common;

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use common::{ingest_json as ingest, stdout_json, BIN};

fn show(index: &Path, path: &Path) -> Value {
    let out = Command::new(BIN)
        .args(["show", "--json", "--index"])
        .arg(index)
        .arg(path)
        .output()
        .unwrap();
    let records: Vec<Value> = serde_json::from_value(stdout_json(&out)).unwrap();
    assert_eq!(records.len(), 1);
    records.into_iter().next().unwrap()
}

#[test]
fn text_layer_pdfs_are_imported_with_pages_and_broken_ones_reported() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    std::fs::create_dir(&archive).unwrap();
    let good = [
        "ke-hoach-52-kh-duk.clean.pdf",
        "ke-hoach-52-kh-duk.bold.pdf",
    ];
    let bad = ["bad-truncated.pdf", "bad-not-a-pdf.pdf", "bad-password.pdf"];
    for name in good.iter().chain(&bad) {
        std::fs::copy(common::fixture_pdf(name), archive.join(name)).unwrap();
    }
    let index = dir.path().join("index");
    let (code, summary) = ingest(&index, &archive);
    assert_eq!(code, 1, "{summary:#}");
    assert_eq!(summary["imported"], 2, "{summary:#}");
    assert!(summary["pages"].as_u64().unwrap() >= 2, "{summary:#}");
    let failed: Vec<&str> = summary["failed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(failed.len(), 3, "{summary:#}");
    for name in bad {
        assert!(failed.iter().any(|p| p.ends_with(name)), "{name} reported");
    }
    let record = show(&index, &archive.join(good[0]));
    assert_eq!(record["source"]["method"], "pdf-text");
    assert!(record["source"]["pages"].as_u64().unwrap() >= 1);
    assert_eq!(record["number"], "52-KH/ĐUK");

    // Same files again: nothing to do.
    let (_, again) = ingest(&index, &archive);
    assert_eq!(again["unchanged"], 2, "{again:#}");
    assert_eq!(again["imported"], 0, "{again:#}");
}

#[test]
fn scanned_pdfs_are_read_by_ocr() {
    if !common::require("tesseract", "scanned pages are read by OCR")
        || !common::require("pdftoppm", "scanned pages are rendered to images for OCR")
    {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    std::fs::create_dir(&archive).unwrap();
    let name = "ke-hoach-52-kh-duk.scan.pdf";
    std::fs::copy(common::fixture_pdf(name), archive.join(name)).unwrap();
    let index = dir.path().join("index");
    let (code, summary) = ingest(&index, &archive);
    assert_eq!(code, 0, "{summary:#}");
    let record = show(&index, &archive.join(name));
    assert_eq!(record["source"]["method"], "ocr");
    let out = Command::new(BIN)
        .args(["search", "ke hoach", "--json", "--index"])
        .arg(&index)
        .output()
        .unwrap();
    let hits: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(hits["count"], 1, "{hits:#}");
}

#[test]
fn generated_archive_as_pdfs_answers_cites_like_its_truth_file() {
    let reportlab = Command::new("python3")
        .args(["-c", "import reportlab"])
        .status()
        .is_ok_and(|s| s.success());
    if !common::require_that(
        reportlab,
        "python3 with reportlab is",
        "the PDFs are made by scripts/make_fixture_pdfs.py",
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (text, pdf) = (dir.path().join("text"), dir.path().join("pdf"));
    let out = Command::new(env!("CARGO_BIN_EXE_gen_corpus"))
        .arg(&text)
        .args(["--plans", "30", "--seed", "77", "--pdf"])
        .arg(&pdf)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let index = dir.path().join("index");
    let (code, summary) = ingest(&index, &pdf);
    assert_eq!(code, 0, "{summary:#}");
    assert_eq!(summary["imported"], 30);

    let truth: Vec<kehoach::corpus::PlanTruth> =
        serde_json::from_slice(&std::fs::read(pdf.join("truth.json")).unwrap()).unwrap();
    for number in ["05-CT/TW", "01-KL/TW", "35-NQ/TW"] {
        let key = kehoach::parse::match_key(number);
        let mut want: Vec<String> = truth
            .iter()
            .filter(|t| t.cited.iter().any(|c| kehoach::parse::match_key(c) == key))
            .map(|t| pdf.join(&t.rel_path).display().to_string())
            .collect();
        let out = Command::new(BIN)
            .args(["cites", number, "--json", "--index"])
            .arg(&index)
            .output()
            .unwrap();
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut got: Vec<String> = report["units"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|u| u["plans"].as_array().unwrap().iter())
            .map(|p| p["path"].as_str().unwrap().to_string())
            .collect();
        want.sort();
        got.sort();
        assert_eq!(got, want, "{number}");
    }
}
