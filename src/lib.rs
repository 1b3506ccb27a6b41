//! kehoach: Vietnamese plan documents (Kế hoạch) to structured, searchable,
//! auditable data.
//!
//! The pipeline, one module per stage (see `ARCHITECTURE.md`):
//!
//! ```text
//! PDF ──extract──▶ raw text ──repair──▶ clean text ──reflow──▶ paragraphs ──parse──▶ PlanRecord ──index──▶ tantivy
//!                                                                                         └──audit──▶ findings
//! ```
//!
//! [`pipeline`] composes the stages for one file; everything else is a pure
//! function from data to data where it can be.

pub mod audit;
pub mod corpus;
pub mod error;
pub mod extract;
pub mod index;
pub mod ingest;
pub mod model;
pub mod parse;
pub mod pipeline;
pub mod repair;
pub mod rng;
#[cfg(test)]
mod testing;

pub use error::{Error, Result};
pub use model::PlanRecord;
