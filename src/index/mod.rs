//! Tantivy index of plan records: schema, Vietnamese analyzer, writing and
//! querying.
//!
//! Each record is one document: its text and title twice (exact and folded,
//! see [`analyzer`]), its own number and every cited number as exact
//! `match_key` terms, facets (kind, issuer, place, province, year), the date,
//! and the whole record as stored JSON.

pub mod analyzer;
mod citations;
mod cites;
mod schema;
mod search;
mod store;
mod writer;

pub use analyzer::fold_diacritics;
pub use cites::{sentence_around, CitesReport, CitingPlan, CitingUnit};
pub use schema::Fields;
pub use search::{parse_day, Hit, SearchRequest};
pub use store::{load_all, parse_date, PlanIndex};
pub use writer::{PlanDocument, PlanWriter};
