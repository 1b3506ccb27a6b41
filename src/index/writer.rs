//! Writing records: the main index and the citations table together.

use tantivy::{IndexWriter, TantivyDocument};

use super::store::{index_err, PlanIndex};
use crate::error::Result;
use crate::model::PlanRecord;

/// One record ready for the index (see [`PlanIndex::to_document`]).
pub struct PlanDocument {
    pub(crate) identity: String,
    pub(crate) main: TantivyDocument,
    pub(crate) citations: Vec<TantivyDocument>,
}

/// Adds and replaces records; shared by worker threads (`&self`), committed
/// by one (`&mut self`).
pub struct PlanWriter<'a> {
    pub(crate) index: &'a PlanIndex,
    pub(crate) main: IndexWriter,
    pub(crate) cites: IndexWriter,
}

impl PlanWriter<'_> {
    /// Add `doc`, replacing whatever the same file (identity) had.
    pub fn add_document(&self, doc: PlanDocument) -> Result<()> {
        let fail =
            |e: tantivy::TantivyError| index_err(&self.index.dir, format!("cannot index: {e}"));
        self.cites
            .delete_term(self.index.citations.path_term(&doc.identity));
        for c in doc.citations {
            self.cites.add_document(c).map_err(fail)?;
        }
        self.main.delete_term(self.index.path_term(&doc.identity));
        self.main.add_document(doc.main).map_err(fail)?;
        Ok(())
    }

    /// Add `record` as the file `identity`, replacing what that file had.
    pub fn replace(&self, record: &PlanRecord, identity: &str) -> Result<()> {
        self.add_document(self.index.to_document(record, identity))
    }

    /// Make everything added so far durable: citations first (see
    /// `citations` for why that order), then the records.
    pub fn commit(&mut self) -> Result<()> {
        self.cites
            .commit()
            .map_err(|e| index_err(&self.index.dir, format!("commit failed: {e}")))?;
        self.main
            .commit()
            .map_err(|e| index_err(&self.index.dir, format!("commit failed: {e}")))?;
        Ok(())
    }

    /// Wait for background merges, so the next run starts from a tidy index.
    pub fn finish(self) -> Result<()> {
        let dir = self.index.dir.clone();
        self.cites
            .wait_merging_threads()
            .map_err(|e| index_err(&dir, e))?;
        self.main
            .wait_merging_threads()
            .map_err(|e| index_err(&dir, e))?;
        Ok(())
    }
}
