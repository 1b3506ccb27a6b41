//! The index on disk: open or create it, turn records into documents, read
//! records back.

use std::path::{Path, PathBuf};

use tantivy::collector::{Count, DocSetCollector};
use tantivy::directory::MmapDirectory;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Schema, Value};
use tantivy::{DateTime, Index, IndexReader, ReloadPolicy, Searcher, TantivyDocument, Term};

use super::analyzer;
use super::citations::Citations;
use super::schema::{self, Fields};
use super::writer::{PlanDocument, PlanWriter};
use crate::error::{Error, Result};
use crate::model::PlanRecord;
use crate::parse::match_key;

/// Tantivy refuses less than ~15 MB per indexing thread.
const WRITER_MEMORY_PER_THREAD_MIN: usize = 20 << 20;

/// An opened plan index.
pub struct PlanIndex {
    pub(crate) index: Index,
    pub(crate) fields: Fields,
    pub(crate) dir: PathBuf,
    pub(crate) citations: Citations,
}

pub(crate) fn index_err(dir: &Path, cause: impl std::fmt::Display) -> Error {
    Error::Index {
        path: dir.to_path_buf(),
        cause: cause.to_string(),
    }
}

/// Every stored document holding `term`, in store order (so that results
/// do not depend on segment scheduling).
pub(crate) fn docs_with_term(
    searcher: &Searcher,
    term: Term,
    dir: &Path,
) -> Result<Vec<TantivyDocument>> {
    let query = TermQuery::new(term, IndexRecordOption::Basic);
    let mut addresses: Vec<_> = searcher
        .search(&query, &DocSetCollector)
        .map_err(|e| index_err(dir, e))?
        .into_iter()
        .collect();
    addresses.sort();
    addresses
        .into_iter()
        .map(|a| searcher.doc(a).map_err(|e| index_err(dir, e)))
        .collect()
}

/// The layout of the index: fields, analyzer and the citations table. Bump
/// it whenever any of them changes what is written, so that an index built
/// by another version is refused with a clear message instead of answering
/// wrongly (the analyzer is not stored in the index, only its name).
pub const LAYOUT: u32 = 1;
/// The file in the index directory that holds [`LAYOUT`].
const LAYOUT_FILE: &str = "kehoach-layout";

/// Refuse an index of another layout; write ours into a new one.
fn check_layout(dir: &Path, creating: bool) -> Result<()> {
    let path = dir.join(LAYOUT_FILE);
    match std::fs::read_to_string(&path) {
        Ok(s) if s.trim() == LAYOUT.to_string() => Ok(()),
        Ok(s) => Err(index_err(
            dir,
            format!(
                "built with index layout {} but this kehoach writes layout {LAYOUT}; \
                 delete the directory and import again",
                s.trim()
            ),
        )),
        Err(_) if creating => std::fs::write(&path, format!("{LAYOUT}\n"))
            .map_err(|e| index_err(dir, format!("cannot write {LAYOUT_FILE}: {e}"))),
        Err(_) => Err(index_err(
            dir,
            "built by an older kehoach (no layout version); delete the directory and import again",
        )),
    }
}

impl PlanIndex {
    /// Open the index in `dir`, creating the directory and an empty index if
    /// there is none.
    pub fn open_or_create(dir: &Path) -> Result<PlanIndex> {
        std::fs::create_dir_all(dir).map_err(|e| index_err(dir, format!("cannot create: {e}")))?;
        let fresh = !dir.join("meta.json").is_file();
        check_layout(dir, fresh)?;
        let (schema, _) = schema::build();
        let mmap = MmapDirectory::open(dir).map_err(|e| index_err(dir, e))?;
        let index = Index::open_or_create(mmap, schema).map_err(|e| index_err(dir, e))?;
        let citations = Citations::open_or_create(dir)?;
        Self::wrap(index, dir, citations)
    }

    /// Open an existing index; a clear error when there is none.
    pub fn open(dir: &Path) -> Result<PlanIndex> {
        if !dir.join("meta.json").is_file() {
            return Err(index_err(
                dir,
                "no index here (build one with `kehoach ingest PATH... --index DIR`)",
            ));
        }
        check_layout(dir, false)?;
        let index = Index::open_in_dir(dir).map_err(|e| index_err(dir, e))?;
        let citations = Citations::open(dir)?;
        Self::wrap(index, dir, citations)
    }

    fn wrap(index: Index, dir: &Path, citations: Citations) -> Result<PlanIndex> {
        let fields = Fields::from_schema(&index.schema())
            .ok_or_else(|| index_err(dir, "not a kehoach index (its schema has other fields)"))?;
        analyzer::register(&index);
        Ok(PlanIndex {
            index,
            fields,
            dir: dir.to_path_buf(),
            citations,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn schema(&self) -> Schema {
        self.index.schema()
    }

    /// A reader on the last commit; reloaded only when asked.
    pub fn reader(&self) -> Result<IndexReader> {
        self.index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| index_err(&self.dir, e))
    }

    /// Every stored record, in index order.
    pub fn load_all(&self) -> Result<Vec<PlanRecord>> {
        let searcher = self.reader()?.searcher();
        let mut out = Vec::with_capacity(searcher.num_docs() as usize);
        for segment in searcher.segment_readers() {
            let store = segment
                .get_store_reader(16)
                .map_err(|e| index_err(&self.dir, e))?;
            for doc in store.iter::<TantivyDocument>(segment.alive_bitset()) {
                let doc = doc.map_err(|e| index_err(&self.dir, e))?;
                out.push(self.record_of(&doc)?);
            }
        }
        Ok(out)
    }

    /// The record stored in `doc`.
    pub fn record_of(&self, doc: &TantivyDocument) -> Result<PlanRecord> {
        let json = doc
            .get_first(self.fields.record)
            .and_then(|v| v.as_str())
            .ok_or_else(|| index_err(&self.dir, "a document without its stored record"))?;
        serde_json::from_str(json).map_err(|e| index_err(&self.dir, format!("stored record: {e}")))
    }

    /// Is the file at `path` with content hash `sha256` indexed (live) in `searcher`?
    pub fn is_indexed(&self, searcher: &Searcher, path: &str, sha256: &str) -> Result<bool> {
        let term = Term::from_field_text(self.fields.path_sha, &path_sha(path, sha256));
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        let n = searcher
            .search(&query, &Count)
            .map_err(|e| index_err(&self.dir, e))?;
        Ok(n > 0)
    }

    /// The term that identifies every document of one source path.
    pub fn path_term(&self, path: &str) -> Term {
        Term::from_field_text(self.fields.path, path)
    }

    /// A writer with `threads` indexing threads sharing `memory` bytes.
    pub fn writer(&self, threads: usize, memory: usize) -> Result<PlanWriter<'_>> {
        let threads = threads.max(1);
        let memory = memory.max(threads * WRITER_MEMORY_PER_THREAD_MIN);
        let main = self
            .index
            .writer_with_num_threads(threads, memory)
            .map_err(|e| index_err(&self.dir, format!("cannot open for writing: {e}")))?;
        let cites = self.citations.writer(WRITER_MEMORY_PER_THREAD_MIN * 2)?;
        Ok(PlanWriter {
            index: self,
            main,
            cites,
        })
    }

    /// The documents for `record`; `path` is the file's identity
    /// (see `ingest::identity`), the term that replaces it later.
    pub fn to_document(&self, record: &PlanRecord, path: &str) -> PlanDocument {
        PlanDocument {
            identity: path.to_string(),
            main: self.main_document(record, path),
            citations: self.citations.documents(record, path),
        }
    }

    fn main_document(&self, record: &PlanRecord, path: &str) -> TantivyDocument {
        let f = &self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.path, path);
        if let Some(sha) = &record.source.sha256 {
            doc.add_text(f.path_sha, path_sha(path, sha));
        }
        if let Some(key) = record.number.as_deref().and_then(match_key) {
            doc.add_text(f.number_key, key);
        }
        for key in cited_keys(record) {
            doc.add_text(f.cites, key);
        }
        if let Some(title) = &record.title {
            doc.add_text(f.title, title);
            doc.add_text(f.title_fold, title);
        }
        doc.add_text(f.text, &record.text);
        doc.add_text(f.text_fold, &record.text);
        if let Some(issuer) = &record.issuer {
            doc.add_text(f.issuer, issuer);
            doc.add_text(f.issuer_raw, issuer);
        }
        if let Some(kind) = &record.doc_type {
            doc.add_text(f.kind, kind);
        }
        if let Some(place) = &record.place {
            doc.add_text(f.place, place);
        }
        if let Some(province) = &record.province {
            doc.add_text(f.province, province);
        }
        if let Some(date) = record.date.as_deref().and_then(parse_date) {
            doc.add_date(f.date, date);
            doc.add_u64(f.year, year_of(date));
        }
        let json = serde_json::to_string(record).expect("a record always serialises");
        doc.add_text(f.record, json);
        doc
    }
}

/// `match_key` of every cited or implemented number, each once.
pub(crate) fn cited_keys(record: &PlanRecord) -> Vec<String> {
    let mut keys: Vec<String> = record
        .references
        .iter()
        .map(|r| r.number.as_str())
        .chain(record.implements.iter().map(String::as_str))
        .filter_map(match_key)
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

fn path_sha(path: &str, sha256: &str) -> String {
    format!("{path}\u{1f}{sha256}")
}

/// "YYYY-MM-DD" to a tantivy date at midnight UTC.
pub fn parse_date(s: &str) -> Option<DateTime> {
    let d = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
    let secs = d.and_hms_opt(0, 0, 0)?.and_utc().timestamp();
    Some(DateTime::from_timestamp_secs(secs))
}

fn year_of(date: DateTime) -> u64 {
    use chrono::Datelike;
    chrono::DateTime::from_timestamp(date.into_timestamp_secs(), 0)
        .map_or(0, |d| d.year().max(0) as u64)
}

/// Every record stored in the index at `dir`.
pub fn load_all(dir: &Path) -> Result<Vec<PlanRecord>> {
    PlanIndex::open(dir)?.load_all()
}
