//! Extraction speed and quality, side by side with poppler and Tesseract.
//!
//! `cargo bench --bench extract` prints three tables:
//! 1. text-layer pages per second over the text-layer fixtures repeated to
//!    about 1,000 pages: `kehoach` (long-lived worker process per thread, as shipped),
//!    the worker's reading in-process (our text-layer reader, pdf-extract
//!    for pages it hands over), pdf-extract alone in-process, and
//!    `pdftotext -layout`, each per file on the same rayon pool (one thread
//!    per core);
//! 2. per-extractor quality: character error rate against the source text
//!    after repair and reflow, for pdf-extract, lopdf's own `extract_text`
//!    and `pdftotext -layout`, per fixture variant;
//! 3. OCR seconds per page: `kehoach` on the scanned fixtures against
//!    `tesseract` alone on the same embedded page images, and against
//!    rendering at 300 dpi first.
//!
//! Set `BENCH_PAGES` to change the page target (default 1000); name parts
//! to run only those: `cargo bench --bench extract -- speed quality ocr`.

#[path = "../tests/common/cer.rs"]
mod cer;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use kehoach::extract::{self, worker, ExtractOptions, OcrMode};
use rayon::prelude::*;

const PLANS: &[&str] = &[
    "ke-hoach-52-kh-duk",
    "01-tinh-uy-binh-son-chuyen-doi-so",
    "03-dang-uy-so-xay-dung-binh-son",
];
const TEXT_VARIANTS: &[&str] = &["clean", "cairo", "bold", "ohorn", "dropped", "tcvn3"];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pdf")
}

fn have(program: &str) -> bool {
    Command::new(program).arg("-v").output().is_ok()
}

fn main() {
    std::env::set_var(worker::WORKER_ENV, env!("CARGO_BIN_EXE_kehoach"));
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(cores)
        .build()
        .unwrap();
    println!("cores: {cores}");
    // `cargo bench --bench extract -- speed` runs one part; none runs all.
    let parts: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let run = |name: &str| parts.is_empty() || parts.iter().any(|p| p == name);
    if run("speed") {
        pool.install(speed);
    }
    if run("quality") {
        quality();
    }
    if run("ocr") {
        pool.install(|| ocr(cores));
    }
}

fn pages_of(path: &Path) -> u32 {
    let doc = lopdf::Document::load(path).unwrap();
    doc.get_pages().len() as u32
}

/// Copies of the text-layer fixtures until the set holds `target` pages.
fn corpus(dir: &Path, target: u32) -> (Vec<PathBuf>, u32) {
    let sources: Vec<PathBuf> = PLANS
        .iter()
        .flat_map(|p| {
            TEXT_VARIANTS
                .iter()
                .map(move |v| fixtures().join(format!("{p}.{v}.pdf")))
        })
        .collect();
    let mut files = Vec::new();
    let mut pages = 0;
    let mut i = 0;
    while pages < target {
        let src = &sources[i % sources.len()];
        let dst = dir.join(format!("{i:04}.pdf"));
        std::fs::copy(src, &dst).unwrap();
        pages += pages_of(&dst);
        files.push(dst);
        i += 1;
    }
    (files, pages)
}

fn timed<F: Fn(&Path) -> usize + Sync>(files: &[PathBuf], f: F) -> (f64, usize) {
    let start = Instant::now();
    let chars: usize = files.par_iter().map(|p| f(p)).sum();
    (start.elapsed().as_secs_f64(), chars)
}

fn speed() {
    let target = std::env::var("BENCH_PAGES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    let dir = tempfile::tempdir().unwrap();
    let (files, pages) = corpus(dir.path(), target);
    println!("\n## Text layer: {} files, {pages} pages\n", files.len());
    println!("| extractor | seconds | pages/s | chars |");
    println!("| --- | --- | --- | --- |");
    let opts = ExtractOptions {
        ocr: OcrMode::Never,
        pages: None,
    };
    let ours = |p: &Path| extract::extract_pdf(p, &opts).unwrap().text().len();
    let in_process = |p: &Path| {
        let tmp = tempfile::tempdir().unwrap();
        worker::read_in_process(p, None, tmp.path())
            .unwrap()
            .pages
            .iter()
            .map(|pg| pg.text.len())
            .sum()
    };
    let pdf_extract_only = |p: &Path| pdf_extract_pages(p).iter().map(String::len).sum();
    let poppler = |p: &Path| {
        let out = Command::new("pdftotext")
            .args(["-layout", "-enc", "UTF-8"])
            .arg(p)
            .arg("-")
            .output()
            .unwrap();
        out.stdout.len()
    };
    // Warm the page cache and the binaries once; then rounds in turn, best
    // of three per extractor, so load from other processes hits all alike.
    timed(&files[..files.len().min(8)], ours);
    let has_poppler = have("pdftotext");
    let mut rows: Vec<(&str, (f64, usize))> = vec![
        ("kehoach extract (worker process)", (f64::MAX, 0)),
        (
            "worker's reading in-process (text-layer reader)",
            (f64::MAX, 0),
        ),
        ("pdf-extract alone in-process", (f64::MAX, 0)),
    ];
    if has_poppler {
        rows.push(("pdftotext -layout (process per file)", (f64::MAX, 0)));
    }
    for _round in 0..3 {
        let mut results = vec![
            timed(&files, ours),
            timed(&files, in_process),
            timed(&files, pdf_extract_only),
        ];
        if has_poppler {
            results.push(timed(&files, poppler));
        }
        for (row, r) in rows.iter_mut().zip(results) {
            if r.0 < row.1 .0 {
                row.1 = r;
            }
        }
    }
    for (name, (secs, chars)) in &rows {
        println!(
            "| {name} | {secs:.2} | {:.0} | {chars} |",
            pages as f64 / secs
        );
    }
    if has_poppler {
        let ratio = rows[3].1 .0 / rows[0].1 .0;
        println!("\nratio kehoach / pdftotext (pages/s): {ratio:.2}");
    } else {
        println!("\nSKIP pdftotext: poppler-utils is not installed");
    }
}

/// Each page's text through pdf-extract alone (no reader of ours).
fn pdf_extract_pages(path: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(path).unwrap();
    let n = doc.get_pages().len() as u32;
    (1..=n)
        .map(|number| worker::pdf_extract_page(&doc, number).unwrap())
        .collect()
}

fn clean(raw: &str) -> String {
    extract::reflow(&kehoach::repair::repair(raw).text)
}

fn quality() {
    println!(
        "\n## Per-extractor quality: CER % after repair and reflow (mean of {} plans)\n",
        PLANS.len()
    );
    println!("| variant | kehoach (text layer + checks) | pdf-extract raw | lopdf extract_text | pdftotext -layout |");
    println!("| --- | --- | --- | --- | --- |");
    let has_poppler = have("pdftotext");
    for v in TEXT_VARIANTS {
        let mut sums = [0.0f64; 4];
        for plan in PLANS {
            let path = fixtures().join(format!("{plan}.{v}.pdf"));
            let want = cer::source_text(plan);
            let rate = |got: &str| {
                if *v == "tcvn3" {
                    cer::cer(&want.to_lowercase(), &got.to_lowercase())
                } else {
                    cer::cer(&want, got)
                }
            };
            let ours = extract::extract_pdf(&path, &ExtractOptions::default()).unwrap();
            sums[0] += rate(&clean(&ours.text()));
            sums[1] += rate(&clean(&pdf_extract_pages(&path).join("\n\u{c}\n")));
            let doc = lopdf::Document::load(&path).unwrap();
            let n = doc.get_pages().len() as u32;
            let lo: Vec<String> = (1..=n)
                .map(|p| doc.extract_text(&[p]).unwrap_or_default())
                .collect();
            sums[2] += rate(&clean(&lo.join("\n\u{c}\n")));
            if has_poppler {
                let out = Command::new("pdftotext")
                    .args(["-layout", "-enc", "UTF-8"])
                    .arg(&path)
                    .arg("-")
                    .output()
                    .unwrap();
                sums[3] += rate(&clean(&String::from_utf8_lossy(&out.stdout)));
            }
        }
        let k = PLANS.len() as f64;
        let pct = |x: f64| format!("{:.3}", 100.0 * x / k);
        println!(
            "| {v} | {} | {} | {} | {} |",
            pct(sums[0]),
            pct(sums[1]),
            pct(sums[2]),
            if has_poppler {
                pct(sums[3])
            } else {
                "n/a".into()
            }
        );
    }
}

fn ocr(cores: usize) {
    if extract::tools::tesseract_ready().is_err() || !have("pdfimages") || !have("pdftoppm") {
        println!("\nSKIP OCR: needs tesseract (vie) and poppler-utils");
        return;
    }
    let scans: Vec<PathBuf> = PLANS
        .iter()
        .map(|p| fixtures().join(format!("{p}.scan.pdf")))
        .collect();
    let pages: u32 = scans.iter().map(|p| pages_of(p)).sum();
    println!(
        "\n## OCR: {} scanned files, {pages} pages, {cores} cores\n",
        scans.len()
    );
    println!("| method | wall s | s/page | s/page/core | CER % |");
    println!("| --- | --- | --- | --- | --- |");

    let start = Instant::now();
    let mut rate = 0.0;
    for (plan, path) in PLANS.iter().zip(&scans) {
        let got = extract::extract_pdf(path, &ExtractOptions::default()).unwrap();
        rate += cer::cer(&cer::source_text(plan), &clean(&got.text()));
    }
    let wall = start.elapsed().as_secs_f64();
    row(
        "kehoach extract (pages in parallel)",
        wall,
        pages,
        cores,
        rate / PLANS.len() as f64,
    );

    // Tesseract alone, one page after another, on the same JPEGs (and on
    // 300 dpi renderings), default threading.
    let dir = tempfile::tempdir().unwrap();
    // (label, render at 300 dpi first, OpenMP threads: None = Tesseract's default)
    for (label, render, threads) in [
        ("tesseract alone, embedded JPEG, 1 thread", false, Some(1)),
        (
            "tesseract alone, embedded JPEG, default threads",
            false,
            None,
        ),
        (
            "tesseract alone, pdftoppm -r 300, default threads",
            true,
            None,
        ),
    ] {
        let mut wall = 0.0;
        let mut rate = 0.0;
        for (plan, path) in PLANS.iter().zip(&scans) {
            let stem = dir.path().join(format!("{plan}-{render}-{threads:?}"));
            let mut cmd = if render {
                let mut c = Command::new("pdftoppm");
                c.args(["-r", "300", "-gray", "-png"]);
                c
            } else {
                let mut c = Command::new("pdfimages");
                c.arg("-j");
                c
            };
            let t0 = Instant::now();
            assert!(cmd.arg(path).arg(&stem).status().unwrap().success());
            let mut images: Vec<PathBuf> = std::fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| {
                    let name = p.file_name().unwrap().to_string_lossy().to_string();
                    let stem_name = stem.file_name().unwrap().to_string_lossy().to_string();
                    name.starts_with(&format!("{stem_name}-")) && !name.ends_with(".txt")
                })
                .collect();
            images.sort();
            let mut text = String::new();
            for img in &images {
                let mut cmd = Command::new("tesseract");
                cmd.arg(img).args([
                    "stdout",
                    "-l",
                    "vie",
                    "--psm",
                    "4",
                    "-c",
                    "preserve_interword_spaces=1",
                ]);
                if let Some(n) = threads {
                    cmd.env("OMP_THREAD_LIMIT", n.to_string());
                }
                let out = cmd.output().unwrap();
                text.push_str(&String::from_utf8_lossy(&out.stdout));
                text.push_str("\n\u{c}\n");
            }
            wall += t0.elapsed().as_secs_f64();
            rate += cer::cer(&cer::source_text(plan), &clean(&text));
        }
        // Tesseract's own threading may use every core: charge it all of them.
        row(
            label,
            wall,
            pages,
            threads.unwrap_or(cores),
            rate / PLANS.len() as f64,
        );
    }
}

fn row(label: &str, wall: f64, pages: u32, cores: usize, cer: f64) {
    let per_page = wall / pages as f64;
    println!(
        "| {label} | {wall:.2} | {per_page:.2} | {:.2} | {:.3} |",
        per_page * cores as f64,
        100.0 * cer
    );
}
