//! The index schema: one tantivy document per plan record.

use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};

use super::analyzer::{EXACT, FOLD};

/// Handles of every field.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// The file's identity (absolute path): the term that replaces a record.
    pub path: Field,

    /// `path` + U+001F + sha256: present iff this exact file is indexed.
    pub path_sha: Field,
    /// `match_key` of the record's own number.
    pub number_key: Field,
    /// `match_key` of every cited and implemented number.
    pub cites: Field,
    pub title: Field,
    pub title_fold: Field,
    pub text: Field,
    pub text_fold: Field,
    /// Issuer, folded words (for `--issuer` filters).
    pub issuer: Field,
    /// Issuer as written (facet / fast field).
    pub issuer_raw: Field,
    pub kind: Field,
    pub place: Field,
    pub province: Field,
    pub year: Field,
    pub date: Field,
    /// The whole record as JSON.
    pub record: Field,
}

fn text_field(tokenizer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        path: b.add_text_field("path", STRING | STORED),
        path_sha: b.add_text_field("path_sha", STRING),
        number_key: b.add_text_field("number_key", STRING),
        cites: b.add_text_field("cites", STRING),
        title: b.add_text_field("title", text_field(EXACT)),
        title_fold: b.add_text_field("title_fold", text_field(FOLD)),
        text: b.add_text_field("text", text_field(EXACT)),
        text_fold: b.add_text_field("text_fold", text_field(FOLD)),
        issuer: b.add_text_field("issuer", text_field(FOLD)),
        issuer_raw: b.add_text_field("issuer_raw", STRING | FAST),
        kind: b.add_text_field("kind", STRING | FAST),
        place: b.add_text_field("place", STRING | FAST),
        province: b.add_text_field("province", STRING | FAST),
        year: b.add_u64_field("year", NumericOptions::default().set_indexed().set_fast()),
        date: b.add_date_field(
            "date",
            DateOptions::default()
                .set_indexed()
                .set_fast()
                .set_precision(DateTimePrecision::Seconds),
        ),
        record: b.add_text_field("record", STORED),
    };
    (b.build(), fields)
}

impl Fields {
    /// Look the fields up in an existing index's schema; `None` if it is not ours.
    pub fn from_schema(schema: &Schema) -> Option<Fields> {
        let f = |name: &str| schema.get_field(name).ok();
        Some(Fields {
            path: f("path")?,
            path_sha: f("path_sha")?,
            number_key: f("number_key")?,
            cites: f("cites")?,
            title: f("title")?,
            title_fold: f("title_fold")?,
            text: f("text")?,
            text_fold: f("text_fold")?,
            issuer: f("issuer")?,
            issuer_raw: f("issuer_raw")?,
            kind: f("kind")?,
            place: f("place")?,
            province: f("province")?,
            year: f("year")?,
            date: f("date")?,
            record: f("record")?,
        })
    }
}
