//! A scanned PDF on a machine without an OCR engine is skipped, not failed:
//! the import succeeds, says what to install, and a later run with Tesseract
//! imports the file.

mod common;

use std::path::Path;

#[test]
fn scans_without_ocr_are_skipped_and_imported_later() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    std::fs::create_dir(&archive).unwrap();
    for name in [
        "03-dang-uy-so-xay-dung-binh-son.scan.pdf",
        "03-dang-uy-so-xay-dung-binh-son.clean.pdf",
    ] {
        std::fs::copy(root.join("fixtures/pdf").join(name), archive.join(name)).unwrap();
    }
    let index = dir.path().join("index");

    // No program on PATH: neither tesseract nor poppler.
    let (code, summary) = common::summary_of(
        &common::ingest_cmd(&index, &archive)
            .env("PATH", "")
            .output()
            .unwrap(),
    );
    assert_eq!(code, 0, "{summary:#}");
    assert_eq!(summary["imported"], 1, "{summary:#}");
    assert_eq!(
        summary["failed"].as_array().unwrap().len(),
        0,
        "{summary:#}"
    );
    let skipped = summary["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 1, "{summary:#}");
    let cause = skipped[0]["cause"].as_str().unwrap();
    assert!(
        cause.contains("apt install tesseract-ocr tesseract-ocr-vie"),
        "{cause}"
    );

    if !common::require(
        "tesseract",
        "a skipped scan must be imported once OCR is there",
    ) {
        return;
    }
    let (code, summary) = common::ingest_json(&index, &archive);
    assert_eq!(code, 0, "{summary:#}");
    assert_eq!(summary["imported"], 1, "{summary:#}");
    assert_eq!(summary["unchanged"], 1, "{summary:#}");
    assert_eq!(
        summary["skipped"].as_array().unwrap().len(),
        0,
        "{summary:#}"
    );
}
