//! Extraction quality on the fixture PDFs (made by
//! `scripts/make_fixture_pdfs.py` from the texts in `fixtures/pdf/src/`):
//! character error rate of the repaired, reflowed text against the source
//! text, after whitespace folding.

#[path = "common/cer.rs"]
mod cer;
mod common;

use std::path::{Path, PathBuf};

use kehoach::extract::{self, ExtractOptions, OcrMode, PageSource};

const PLANS: &[&str] = &[
    "ke-hoach-52-kh-duk",
    "01-tinh-uy-binh-son-chuyen-doi-so",
    "03-dang-uy-so-xay-dung-binh-son",
];
const TEXT_LAYER_MAX_CER: f64 = 0.005;
const SCAN_MAX_CER: f64 = 0.015;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pdf")
}

/// Run the worker from the binary cargo built for these tests.
fn use_built_worker() {
    std::env::set_var(extract::worker::WORKER_ENV, env!("CARGO_BIN_EXE_kehoach"));
}

fn have_tesseract_vie() -> bool {
    if !common::require("tesseract", "fixture PDFs of this kind need it") {
        return false;
    }
    match extract::tools::tesseract_ready() {
        Ok(()) => true,
        Err(e) if std::env::var("CI").as_deref() == Ok("true") => panic!("{e}"),
        Err(e) => {
            println!("SKIP: {e}");
            false
        }
    }
}

fn clean_text(variant: &str, plan: &str, ocr: OcrMode) -> (String, extract::Extracted) {
    use_built_worker();
    let path = fixtures().join(format!("{plan}.{variant}.pdf"));
    let opts = ExtractOptions { ocr, pages: None };
    let got = extract::extract_pdf(&path, &opts).unwrap_or_else(|e| panic!("{e}"));
    let text = extract::reflow(&kehoach::repair::repair(&got.text()).text);
    (text, got)
}

fn check_variant(variant: &str, max: f64, case_fold: bool) {
    let mut failures = Vec::new();
    for plan in PLANS {
        let (got, _) = clean_text(variant, plan, OcrMode::Auto);
        let want = cer::source_text(plan);
        let rate = if case_fold {
            cer::cer(&want.to_lowercase(), &got.to_lowercase())
        } else {
            cer::cer(&want, &got)
        };
        println!("{plan}.{variant}: CER {:.3} %", rate * 100.0);
        if rate > max {
            failures.push(format!(
                "{plan}.{variant}: CER {:.3} % > {:.1} %\n{got}",
                rate * 100.0,
                max * 100.0
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn cer_counts_edits_after_whitespace_folding() {
    assert_eq!(cer::cer("a  b\nc", "a b c"), 0.0);
    assert!((cer::cer("abcd", "abed") - 0.25).abs() < 1e-9);
    assert!((cer::cer("abcd", "abcdxy") - 0.5).abs() < 1e-9);
}

#[test]
fn clean_export_reaches_text_layer_cer() {
    check_variant("clean", TEXT_LAYER_MAX_CER, false);
}

/// Another producer's fonts: Cairo writes WinAnsi TrueType subsets and
/// Identity-H composite fonts with a flipped text matrix.
#[test]
fn cairo_rewrite_reaches_text_layer_cer() {
    check_variant("cairo", TEXT_LAYER_MAX_CER, false);
}

#[test]
fn bold_runs_reach_text_layer_cer() {
    check_variant("bold", TEXT_LAYER_MAX_CER, false);
}

#[test]
fn the_header_columns_come_out_as_separate_lines() {
    let (got, _) = clean_text("clean", "ke-hoach-52-kh-duk", OcrMode::Never);
    let lines: Vec<&str> = got.lines().take(6).collect();
    assert_eq!(
        lines,
        [
            "ĐẢNG BỘ TỈNH BẮC KẠN",
            "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH",
            "*",
            "Số 52-KH/ĐUK",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "Bắc Kạn, ngày 14 tháng 3 năm 2023"
        ]
    );
}

/// What the PDF holds for the broken-font variants, before repair: the
/// same text with the font's faults, letter for letter.
#[test]
fn broken_font_variants_hold_the_faults_the_font_implies() {
    use_built_worker();
    for plan in PLANS {
        let raw = |v: &str| {
            extract::extract_pdf(
                &fixtures().join(format!("{plan}.{v}.pdf")),
                &ExtractOptions::default(),
            )
            .unwrap()
            .text()
        };
        let clean = raw("bold");
        let ohorn = raw("ohorn");
        assert_eq!(
            ohorn.replace('ƣ', "ư").replace('Ƣ', "Ư"),
            clean,
            "{plan}.ohorn"
        );
        assert!(ohorn.contains('ƣ'), "{plan}.ohorn has no ƣ");
        let dropped = raw("dropped");
        let plain = raw("clean");
        let want: String = plain
            .chars()
            .map(|c| if "ôõìỏ".contains(c) { ' ' } else { c })
            .collect();
        // Letters dropped at a word's end keep the reader's fallback mark
        // (it cannot be told from a closing quote); inside words they are spaces.
        let rate = cer::cer(&want, &dropped);
        assert!(rate < 0.003, "{plan}.dropped: CER {rate}\n{dropped}");
        assert!(
            !dropped.contains('\0') && !dropped.contains('€'),
            "{plan}.dropped:\n{dropped}"
        );
    }
}

#[test]
fn ohorn_font_reaches_text_layer_cer_after_repair() {
    check_variant("ohorn", TEXT_LAYER_MAX_CER, false);
}

#[test]
fn dropped_glyphs_reach_text_layer_cer_after_repair() {
    check_variant("dropped", TEXT_LAYER_MAX_CER, false);
}

#[test]
fn tcvn3_reaches_text_layer_cer_after_repair_case_folded() {
    check_variant("tcvn3", TEXT_LAYER_MAX_CER, true);
}

#[test]
fn scans_reach_ocr_cer() {
    if !have_tesseract_vie() {
        return;
    }
    check_variant("scan", SCAN_MAX_CER, false);
}

#[test]
fn mixed_files_take_text_pages_from_the_layer_and_ocr_the_scans() {
    if !have_tesseract_vie() {
        return;
    }
    check_variant("mixed", SCAN_MAX_CER, false);
    let (_, got) = clean_text("mixed", PLANS[0], OcrMode::Auto);
    let sources: Vec<PageSource> = got.pages.iter().map(|p| p.source).collect();
    assert_eq!(sources, [PageSource::TextLayer, PageSource::Ocr]);
    assert_eq!(got.ocr_pages, [2]);
}

#[test]
fn ocr_never_leaves_scanned_pages_empty_with_a_warning() {
    use_built_worker();
    let path = fixtures().join(format!("{}.mixed.pdf", PLANS[0]));
    let opts = ExtractOptions {
        ocr: OcrMode::Never,
        pages: None,
    };
    let got = extract::extract_pdf(&path, &opts).unwrap();
    assert!(got.ocr_pages.is_empty());
    assert!(got.pages[1].text.trim().is_empty());
    assert!(
        got.warnings.iter().any(|w| w.starts_with("page 2:")),
        "{:?}",
        got.warnings
    );
    assert!(got.pages[0].text.contains("KẾ HOẠCH"));
}

#[test]
fn page_range_limits_the_pages_read() {
    use_built_worker();
    let path = fixtures().join(format!("{}.clean.pdf", PLANS[0]));
    let opts = ExtractOptions {
        ocr: OcrMode::Never,
        pages: Some((2, 2)),
    };
    let got = extract::extract_pdf(&path, &opts).unwrap();
    assert_eq!(got.page_count, 2);
    assert_eq!(got.pages.len(), 1);
    assert_eq!(got.pages[0].number, 2);
    assert!(!got.text().contains("KẾ HOẠCH"));
}
