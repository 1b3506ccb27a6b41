//! Generator of realistic plan archives with a truth file, for tests and
//! benchmarks.
//!
//! The archive is a hierarchy per province: the provincial Party committee
//! implements a central directive, each bloc (Đảng ủy Khối) implements a
//! province plan, each grassroots unit implements a bloc plan. Numbers repeat
//! across provinces ("25-KH/ĐUK" exists in many), as in real archives. Some
//! number mentions are damaged ("01- KL/TW", "5-CT/TW") the way extraction
//! damages them. Everything is deterministic from [`CorpusConfig::seed`].
//!
//! The truth ([`PlanTruth`]) records what a perfect parser would find, plus
//! the template pieces (opening sentence, number spellings) that let error
//! planting rewrite a plan's text.

mod names;
pub mod plant;
mod render;
mod tree;

use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

pub use names::DIRECTIVES;

/// What to generate.
#[derive(Debug, Clone)]
pub struct CorpusConfig {
    /// Number of plans.
    pub plans: usize,
    /// Seed: the same seed gives the same archive, byte for byte.
    pub seed: u64,
    /// Number of provinces; `None` picks one province per 40 plans (2 to 32).
    pub provinces: Option<usize>,
    /// Probability that one number mention is spelled in a damaged form.
    pub damage_rate: f64,
    /// Probability that a plan's paragraphs are hard-wrapped at ~80 columns,
    /// as text extracted from a PDF is.
    pub wrap_rate: f64,
}

impl Default for CorpusConfig {
    fn default() -> Self {
        CorpusConfig {
            plans: 200,
            seed: 1,
            provinces: None,
            damage_rate: 0.15,
            wrap_rate: 0.3,
        }
    }
}

/// Where a plan sits in the hierarchy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Issued by the provincial Party committee; implements a central directive.
    Province,
    /// Issued by a bloc Party committee; implements a province plan.
    Bloc,
    /// Issued by a grassroots Party committee; implements a bloc plan.
    Unit,
}

/// A deadline as written in the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TruthDeadline {
    /// The phrase as written ("trước ngày 15/3/2022", "quý IV năm 2022").
    pub text: String,
    /// Last day that satisfies it, "YYYY-MM-DD"; `None` when recurring.
    pub due: Option<String>,
    pub recurring: bool,
    /// "yearly", "quarterly", "monthly" when recurring.
    pub frequency: Option<String>,
}

/// The signature block as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TruthSigner {
    pub name: String,
    pub position: String,
    /// "T/M" or "K/T".
    pub mode: String,
    pub on_behalf_of: String,
}

/// What a perfect reading of one generated plan gives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanTruth {
    /// Path of the plan's file, relative to the corpus directory.
    pub rel_path: String,
    /// The plan's number, canonical ("25-KH/ĐUK").
    pub number: String,
    /// The number as the header spells it (may be damaged).
    pub number_as_written: String,
    /// "YYYY-MM-DD"
    pub date: String,
    /// Place of the place-date line.
    pub place: String,
    /// Issuing body as the opening sentence names it
    /// ("Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh").
    pub issuer: String,
    /// The organisation ("Đảng ủy Khối các cơ quan tỉnh", "Đảng ủy Sở Nội vụ").
    pub unit: String,
    pub province: String,
    pub level: Level,
    /// Left header column, top to bottom, without the "*" line.
    pub header: Vec<String>,
    /// Subject line, joined into one line.
    pub title: String,
    /// Number of the plan this one implements (the directive for province plans).
    pub parent_number: Option<String>,
    /// Date of that parent, "YYYY-MM-DD".
    pub parent_date: Option<String>,
    /// Issuing body of that parent as the opening sentence names it.
    pub parent_issuer: Option<String>,
    /// `rel_path` of the parent plan; `None` when the parent is a directive.
    pub parent_path: Option<String>,
    /// Central directive(s) at the top of the chain ("01-KL/TW", "05-CT/TW").
    pub roots: Vec<String>,
    /// Every number the text cites, canonical, in order of first mention.
    pub cited: Vec<String>,
    /// The opening "Thực hiện ..." sentence exactly as in the text (before wrapping).
    pub opening: String,
    /// How the parent's number is spelled in the opening sentence.
    pub parent_as_written: Option<String>,
    /// Damaged number spellings used anywhere in the text.
    pub damaged: Vec<String>,
    pub deadlines: Vec<TruthDeadline>,
    pub signer: TruthSigner,
    /// Whether paragraphs were hard-wrapped.
    pub wrapped: bool,
}

/// One generated plan: its file path, its text and its truth.
#[derive(Debug, Clone, PartialEq)]
pub struct GeneratedPlan {
    pub rel_path: String,
    pub text: String,
    pub truth: PlanTruth,
}

/// Name of the truth file written beside the plans.
pub const TRUTH_FILE: &str = "truth.json";

/// Generate the plans of `cfg`, parents before children.
pub fn generate(cfg: &CorpusConfig) -> Vec<GeneratedPlan> {
    generate_iter(cfg).collect()
}

/// Like [`generate`] but renders one plan at a time, so that archives of
/// 100,000 plans can be written without holding their texts in memory.
pub fn generate_iter(cfg: &CorpusConfig) -> impl Iterator<Item = GeneratedPlan> + '_ {
    let tree = tree::build(cfg);
    (0..tree.nodes.len()).map(move |i| render::render(cfg, &tree, i))
}

/// Write each plan to `dir/rel_path` and all truths to `dir/truth.json`.
pub fn write_corpus(dir: &Path, plans: &[GeneratedPlan]) -> std::io::Result<()> {
    let mut truths = Vec::with_capacity(plans.len());
    for plan in plans {
        write_plan(dir, plan)?;
        truths.push(plan.truth.clone());
    }
    write_truth(dir, &truths)
}

/// Generate and write `cfg` plan by plan; returns the truths.
pub fn write_generated(dir: &Path, cfg: &CorpusConfig) -> std::io::Result<Vec<PlanTruth>> {
    let mut truths = Vec::with_capacity(cfg.plans);
    for plan in generate_iter(cfg) {
        write_plan(dir, &plan)?;
        truths.push(plan.truth);
    }
    write_truth(dir, &truths)?;
    Ok(truths)
}

/// Read `dir/truth.json`.
pub fn read_truth(dir: &Path) -> std::io::Result<Vec<PlanTruth>> {
    let bytes = std::fs::read(dir.join(TRUTH_FILE))?;
    serde_json::from_slice(&bytes).map_err(std::io::Error::other)
}

fn write_plan(dir: &Path, plan: &GeneratedPlan) -> std::io::Result<()> {
    let path = dir.join(&plan.rel_path);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, &plan.text)
}

fn write_truth(dir: &Path, truths: &[PlanTruth]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut out = std::io::BufWriter::new(std::fs::File::create(dir.join(TRUTH_FILE))?);
    serde_json::to_writer_pretty(&mut out, truths).map_err(std::io::Error::other)?;
    out.write_all(b"\n")?;
    out.flush()
}

#[cfg(test)]
mod tests;
