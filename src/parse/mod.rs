//! Parse a plan's clean text into a [`PlanRecord`]. Never fails: what cannot be
//! read becomes null fields and warnings.

use crate::model::PlanRecord;

mod number;

pub use number::{canonical, match_key};

/// Parse clean (repaired, reflowed) text into a record. `source` is left
/// default; the caller fills it.
pub fn parse(text: &str) -> PlanRecord {
    PlanRecord::empty(text.to_string())
}
