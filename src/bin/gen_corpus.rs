//! Write a generated plan archive and its truth file, for tests, benchmarks
//! and demonstrations:
//!
//! ```text
//! cargo run --release --bin gen_corpus -- OUT_DIR [--plans N] [--seed S] [--provinces P]
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use kehoach::corpus::{write_generated, CorpusConfig};

const USAGE: &str = "usage: gen_corpus OUT_DIR [--plans N] [--seed S] [--provinces P] [--damage-rate R] [--wrap-rate R]";

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
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--plans" => cfg.plans = num(&value("--plans")?)?,
            "--seed" => cfg.seed = num(&value("--seed")?)?,
            "--provinces" => cfg.provinces = Some(num(&value("--provinces")?)?),
            "--damage-rate" => cfg.damage_rate = num(&value("--damage-rate")?)?,
            "--wrap-rate" => cfg.wrap_rate = num(&value("--wrap-rate")?)?,
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
    Ok(())
}

fn num<T: std::str::FromStr>(s: &str) -> Result<T, String> {
    s.parse().map_err(|_| format!("{s:?} is not a number"))
}
