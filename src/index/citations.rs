//! The citations table: one small document per (plan, cited number), kept
//! in its own tantivy index under `cites/` in the index directory.
//!
//! `cites` on a directive returns a fifth of an archive; loading and parsing
//! whole records for that costs ~50 µs a plan. These documents hold only
//! what the answer shows, in an uncompressed store, so a citing plan costs a
//! few µs. The table is committed before the main index: a killed import
//! leaves at worst citations of files the main index does not have yet, and
//! the next run re-imports those files, replacing their citations.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tantivy::directory::MmapDirectory;
use tantivy::schema::{Field, Schema, Value, STORED, STRING};
use tantivy::store::Compressor;
use tantivy::{Index, IndexReader, IndexSettings, ReloadPolicy, TantivyDocument, Term};

use super::cites::{citations, CitingPlan};
use super::store::{docs_with_term, index_err};
use crate::error::Result;
use crate::model::PlanRecord;

/// Name of the sub-directory holding the table.
pub const DIR: &str = "cites";

pub(crate) struct Citations {
    index: Index,
    dir: PathBuf,
    key: Field,
    path: Field,
    plan: Field,
    reader: OnceLock<IndexReader>,
}

fn schema() -> Schema {
    let mut b = Schema::builder();
    b.add_text_field("key", STRING);
    b.add_text_field("path", STRING);
    b.add_text_field("plan", STORED);
    b.build()
}

impl Citations {
    pub fn open_or_create(index_dir: &Path) -> Result<Citations> {
        let dir = index_dir.join(DIR);
        std::fs::create_dir_all(&dir)
            .map_err(|e| index_err(&dir, format!("cannot create: {e}")))?;
        let mmap = MmapDirectory::open(&dir).map_err(|e| index_err(&dir, e))?;
        let settings = IndexSettings {
            docstore_compression: Compressor::None,
            docstore_blocksize: 4096,
            ..Default::default()
        };
        let index = Index::builder()
            .schema(schema())
            .settings(settings)
            .open_or_create(mmap)
            .map_err(|e| index_err(&dir, e))?;
        Self::wrap(index, dir)
    }

    pub fn open(index_dir: &Path) -> Result<Citations> {
        let dir = index_dir.join(DIR);
        if !dir.join("meta.json").is_file() {
            return Err(index_err(
                index_dir,
                "the citations table (cites/) is missing; rebuild with `kehoach ingest`",
            ));
        }
        let index = Index::open_in_dir(&dir).map_err(|e| index_err(&dir, e))?;
        Self::wrap(index, dir)
    }

    fn wrap(index: Index, dir: PathBuf) -> Result<Citations> {
        let s = index.schema();
        let field = |name: &str| {
            s.get_field(name)
                .map_err(|_| index_err(&dir, "not a kehoach citations table"))
        };
        Ok(Citations {
            key: field("key")?,
            path: field("path")?,
            plan: field("plan")?,
            index,
            dir,
            reader: OnceLock::new(),
        })
    }

    pub fn writer(&self, memory: usize) -> Result<tantivy::IndexWriter> {
        self.index
            .writer_with_num_threads(1, memory)
            .map_err(|e| index_err(&self.dir, format!("cannot open for writing: {e}")))
    }

    pub fn path_term(&self, identity: &str) -> Term {
        Term::from_field_text(self.path, identity)
    }

    /// The table's documents for `record`, filed under `identity`.
    pub fn documents(&self, record: &PlanRecord, identity: &str) -> Vec<TantivyDocument> {
        citations(record)
            .into_iter()
            .map(|(key, plan)| {
                let mut doc = TantivyDocument::default();
                doc.add_text(self.key, key);
                doc.add_text(self.path, identity);
                let json = serde_json::to_string(&plan).expect("a citation always serialises");
                doc.add_text(self.plan, json);
                doc
            })
            .collect()
    }

    fn reader(&self) -> Result<&IndexReader> {
        if let Some(r) = self.reader.get() {
            return Ok(r);
        }
        let reader = self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| index_err(&self.dir, e))?;
        Ok(self.reader.get_or_init(|| reader))
    }

    /// Every citing plan of `key`, in store order.
    pub fn citing(&self, key: &str) -> Result<Vec<CitingPlan>> {
        let searcher = self.reader()?.searcher();
        let docs = docs_with_term(&searcher, Term::from_field_text(self.key, key), &self.dir)?;
        let mut out = Vec::with_capacity(docs.len());
        for doc in docs {
            let json = doc
                .get_first(self.plan)
                .and_then(|v| v.as_str())
                .ok_or_else(|| index_err(&self.dir, "a citation without its plan"))?;
            out.push(
                serde_json::from_str(json)
                    .map_err(|e| index_err(&self.dir, format!("stored citation: {e}")))?,
            );
        }
        Ok(out)
    }
}
