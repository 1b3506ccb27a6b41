//! Write a generated plan archive and its truth file, for tests, benchmarks
//! and demonstrations:
//!
//! ```text
//! cargo run --release --bin gen_corpus -- OUT_DIR [--plans N] [--seed S] [--provinces P]
//!     [--pdf PDF_DIR]
//! ```
//!
//! `--pdf PDF_DIR` also writes each plan as a text-layer PDF at the same
//! relative path under PDF_DIR (with its own truth.json), through
//! `scripts/make_fixture_pdfs.py --bulk` (needs python3 and reportlab).

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use kehoach::corpus::{write_generated, CorpusConfig, PlanTruth, TRUTH_FILE};

const USAGE: &str = "usage: gen_corpus OUT_DIR [--plans N] [--seed S] [--provinces P] [--damage-rate R] [--wrap-rate R] [--pdf PDF_DIR]";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_corpus: {e}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut out: Option<PathBuf> = None;
    let mut cfg = CorpusConfig::default();
    let mut pdf: Option<PathBuf> = None;
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--plans" => cfg.plans = num(&value("--plans")?)?,
            "--seed" => cfg.seed = num(&value("--seed")?)?,
            "--provinces" => cfg.provinces = Some(num(&value("--provinces")?)?),
            "--damage-rate" => cfg.damage_rate = num(&value("--damage-rate")?)?,
            "--wrap-rate" => cfg.wrap_rate = num(&value("--wrap-rate")?)?,
            "--pdf" => pdf = Some(PathBuf::from(value("--pdf")?)),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            s => out = Some(PathBuf::from(s)),
        }
    }
    let out = out.ok_or("OUT_DIR is required")?;
    let truths = write_generated(&out, &cfg).map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!(
        "gen_corpus: wrote {} plans and truth.json to {}",
        truths.len(),
        out.display()
    );
    if let Some(pdf_dir) = pdf {
        write_pdfs(&out, &pdf_dir, truths)?;
    }
    Ok(())
}

/// Render every plan of `out` as a PDF under `pdf_dir`, same relative paths.
fn write_pdfs(out: &Path, pdf_dir: &Path, mut truths: Vec<PlanTruth>) -> Result<(), String> {
    // The script takes one flat folder: stage the texts under flat names.
    let stage = tempfile::tempdir().map_err(|e| e.to_string())?;
    let (flat_in, flat_out) = (stage.path().join("in"), stage.path().join("out"));
    std::fs::create_dir_all(&flat_in).map_err(|e| e.to_string())?;
    let flat = |rel: &str| rel.trim_end_matches(".txt").replace('/', "__");
    for t in &truths {
        let to = flat_in.join(format!("{}.txt", flat(&t.rel_path)));
        std::fs::copy(out.join(&t.rel_path), &to).map_err(|e| format!("{}: {e}", to.display()))?;
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/make_fixture_pdfs.py");
    let status = Command::new("python3")
        .arg(&script)
        .arg("--bulk")
        .arg(&flat_in)
        .arg(&flat_out)
        .status()
        .map_err(|e| format!("cannot run python3 {}: {e}", script.display()))?;
    if !status.success() {
        return Err(format!("{} failed ({status})", script.display()));
    }
    for t in &mut truths {
        let pdf_rel = format!("{}.pdf", t.rel_path.trim_end_matches(".txt"));
        let to = pdf_dir.join(&pdf_rel);
        std::fs::create_dir_all(to.parent().expect("a file path has a parent"))
            .map_err(|e| e.to_string())?;
        let from = flat_out.join(format!("{}.pdf", flat(&t.rel_path)));
        std::fs::copy(&from, &to).map_err(|e| format!("{}: {e}", from.display()))?;
        t.rel_path = pdf_rel;
        t.parent_path = t
            .parent_path
            .as_ref()
            .map(|p| format!("{}.pdf", p.trim_end_matches(".txt")));
    }
    let json = serde_json::to_string_pretty(&truths).map_err(|e| e.to_string())?;
    std::fs::write(pdf_dir.join(TRUTH_FILE), json + "\n").map_err(|e| e.to_string())?;
    eprintln!(
        "gen_corpus: wrote {} PDFs and truth.json to {}",
        truths.len(),
        pdf_dir.display()
    );
    Ok(())
}

fn num<T: std::str::FromStr>(s: &str) -> Result<T, String> {
    s.parse().map_err(|_| format!("{s:?} is not a number"))
}
