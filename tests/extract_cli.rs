//! `kehoach extract` and `kehoach parse FILE.pdf` end to end: bad inputs
//! give one clear error naming the file, a crash or a hang of the PDF
//! library costs one file, a missing Tesseract still lets text pages out.

mod common;

use common::kehoach;

use std::path::{Path, PathBuf};
use std::process::Command;

use predicates::prelude::*;

fn tesseract_installed() -> bool {
    common::require("tesseract", "scanned pages are read by OCR")
}

/// Each bad input: exit status 2 and one line naming the file and the cause.
#[test]
fn bad_inputs_give_a_named_error_and_no_panic() {
    let cases = [
        ("bad-not-a-pdf.pdf", "not a PDF"),
        ("bad-truncated.pdf", "not a readable PDF"),
        ("bad-zero-pages.pdf", "no pages"),
        ("bad-password.pdf", "encrypted with a password"),
    ];
    for (name, cause) in cases {
        kehoach()
            .arg("extract")
            .arg(common::fixture_pdf(name))
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(name))
            .stderr(predicate::str::contains(cause))
            .stderr(predicate::str::contains("panicked").not());
    }
    kehoach()
        .args(["extract", "no-such-file.pdf"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-file.pdf: cannot read"));
}

#[test]
fn an_empty_password_encryption_just_opens() {
    kehoach()
        .arg("extract")
        .arg(common::fixture_pdf("empty-password.pdf"))
        .assert()
        .success()
        .stdout(predicate::str::contains("KẾ HOẠCH"))
        .stderr(predicate::str::contains("empty password"));
}

#[test]
fn an_image_only_page_without_text_is_a_named_error() {
    let mut cmd = kehoach();
    cmd.arg("extract")
        .arg(common::fixture_pdf("image-only-blank.pdf"));
    if tesseract_installed() {
        cmd.assert()
            .code(2)
            .stderr(predicate::str::contains("image-only-blank.pdf"))
            .stderr(predicate::str::contains("OCR found no text"));
    } else {
        cmd.assert()
            .code(2)
            .stderr(predicate::str::contains("tesseract"));
    }
}

fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, format!("#!/bin/sh\n{body}\n")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    p
}

/// A worker that aborts (as a PDF library can, beyond catch_unwind's
/// reach) costs that file only: a clear error, not a dead run.
#[cfg(unix)]
#[test]
fn an_aborting_pdf_library_costs_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let worker = script(dir.path(), "abort.sh", "kill -ABRT $$");
    kehoach()
        .env("KEHOACH_WORKER", &worker)
        .arg("extract")
        .arg(common::fixture_pdf("ke-hoach-52-kh-duk.clean.pdf"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ke-hoach-52-kh-duk.clean.pdf"))
        .stderr(predicate::str::contains("crashed"));
}

#[cfg(unix)]
#[test]
fn a_hanging_pdf_library_is_stopped_after_the_time_limit() {
    let dir = tempfile::tempdir().unwrap();
    let worker = script(dir.path(), "hang.sh", "exec sleep 30");
    let start = std::time::Instant::now();
    kehoach()
        .env("KEHOACH_WORKER", &worker)
        .env("KEHOACH_EXTRACT_TIMEOUT", "1")
        .arg("extract")
        .arg(common::fixture_pdf("ke-hoach-52-kh-duk.clean.pdf"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("longer than"));
    assert!(start.elapsed().as_secs() < 20);
}

/// Without Tesseract, a mixed file's text pages still come out and the
/// scanned page gets a message saying what to install.
#[cfg(unix)]
#[test]
fn without_tesseract_text_pages_come_out_and_the_message_says_what_to_install() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    // A PATH with poppler but no tesseract.
    for tool in ["pdftotext", "pdftoppm"] {
        if let Ok(out) = Command::new("sh")
            .args(["-c", &format!("command -v {tool}")])
            .output()
        {
            let p = String::from_utf8_lossy(&out.stdout).trim().to_string();
            if !p.is_empty() {
                std::os::unix::fs::symlink(&p, bin.join(tool)).unwrap();
            }
        }
    }
    kehoach()
        .env("PATH", &bin)
        .arg("extract")
        .arg(common::fixture_pdf("ke-hoach-52-kh-duk.mixed.pdf"))
        .assert()
        .success()
        .stdout(predicate::str::contains("KẾ HOẠCH"))
        .stderr(predicate::str::contains("page(s) 2 need OCR"))
        .stderr(predicate::str::contains(
            "apt install tesseract-ocr tesseract-ocr-vie",
        ));
}

/// A PDF of `pages` pages with a line of text each, written with lopdf.
fn many_pages_pdf(path: &Path, pages: u32) {
    use lopdf::content::{Content, Operation};
    use lopdf::{dictionary, Document, Object, Stream};

    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Times-Roman",
    });
    let resources_id = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font_id },
    });
    let mut kids = Vec::new();
    for n in 1..=pages {
        let line = format!("Trang {n}: noi dung ke hoach thu nghiem co du chu de doc.");
        let content = Content {
            operations: vec![
                Operation::new("BT", vec![]),
                Operation::new("Tf", vec!["F1".into(), 12.into()]),
                Operation::new("Td", vec![72.into(), 720.into()]),
                Operation::new("Tj", vec![Object::string_literal(line)]),
                Operation::new("ET", vec![]),
            ],
        };
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode().unwrap()));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        });
        kids.push(page_id.into());
    }
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => pages as i64,
            "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    doc.save(path).unwrap();
}

#[test]
fn a_pdf_of_2000_pages_is_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("hai-nghin-trang.pdf");
    many_pages_pdf(&pdf, 2000);
    let out = kehoach()
        .args(["extract", "--json", "--ocr", "never"])
        .arg(&pdf)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["page_count"], 2000);
    assert_eq!(v["pages"].as_array().unwrap().len(), 2000);
    let text = v["text"].as_str().unwrap();
    assert!(text.contains("Trang 1999: noi dung"), "{}", &text[..200]);
}

#[test]
fn raw_shows_what_the_pdf_held_and_default_repairs_it() {
    let pdf = common::fixture_pdf("ke-hoach-52-kh-duk.ohorn.pdf");
    kehoach()
        .args(["extract", "--raw"])
        .arg(&pdf)
        .assert()
        .success()
        .stdout(predicate::str::contains("Thƣờng"));
    kehoach()
        .arg("extract")
        .arg(&pdf)
        .assert()
        .success()
        .stdout(predicate::str::contains("Thƣờng").not());
}

#[test]
fn parse_reads_a_pdf_into_a_record_with_its_provenance() {
    let out = kehoach()
        .arg("parse")
        .arg(common::fixture_pdf("ke-hoach-52-kh-duk.clean.pdf"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["source"]["method"], "pdf-text");
    assert_eq!(v["source"]["pages"], 2);
    assert_eq!(v["source"]["sha256"].as_str().unwrap().len(), 64);
    assert!(v["text"].as_str().unwrap().contains("\nKẾ HOẠCH\n"));
}

#[test]
fn help_explains_each_option() {
    kehoach()
        .args(["extract", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--ocr"))
        .stdout(predicate::str::contains("--raw"))
        .stdout(predicate::str::contains("--pages"))
        .stdout(predicate::str::contains("--json"));
    kehoach()
        .args(["extract", "--pages", "3-1", "x.pdf"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("FIRST-LAST"));
}

/// Workers are long-lived, one per thread: a worker that dies costs only the
/// file it was reading, and the next file gets a fresh worker.
#[cfg(unix)]
#[test]
fn a_worker_that_dies_during_an_import_costs_only_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let marker = dir.path().join("died-once");
    let worker = script(
        dir.path(),
        "dies-once.sh",
        &format!(
            "if [ -e '{m}' ]; then exec '{real}' \"$@\"; fi\ntouch '{m}'\nkill -ABRT $$",
            m = marker.display(),
            real = env!("CARGO_BIN_EXE_kehoach"),
        ),
    );
    let archive = dir.path().join("archive");
    std::fs::create_dir(&archive).unwrap();
    for name in [
        "ke-hoach-52-kh-duk.clean.pdf",
        "ke-hoach-52-kh-duk.bold.pdf",
    ] {
        std::fs::copy(common::fixture_pdf(name), archive.join(name)).unwrap();
    }
    let out = common::ingest_cmd(&dir.path().join("index"), &archive)
        .env("KEHOACH_WORKER", &worker)
        .args(["--jobs", "1"])
        .output()
        .unwrap();
    let (code, summary) = common::summary_of(&out);
    assert_eq!(code, 1, "{summary:#}");
    assert_eq!(summary["imported"], 1, "{summary:#}");
    let failed = summary["failed"].as_array().unwrap();
    assert_eq!(failed.len(), 1, "{summary:#}");
    assert!(
        failed[0]["cause"].as_str().unwrap().contains("crashed"),
        "{summary:#}"
    );
}
