//! Errors that cost one file: each names the file and the cause.

use std::path::PathBuf;

/// Result with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why one input could not be turned into a record.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {cause}")]
    BadInput { path: PathBuf, cause: String },
    #[error("{path}: PDF: {cause}")]
    Pdf { path: PathBuf, cause: String },
    #[error("{path}: OCR: {cause}")]
    Ocr { path: PathBuf, cause: String },
    /// Every page is a scan and no OCR engine is installed: nothing is wrong
    /// with the file, so bulk import skips it and retries it on the next run.
    #[error("{path}: needs OCR: {cause}")]
    NeedsOcr { path: PathBuf, cause: String },
    #[error("index {path}: {cause}")]
    Index { path: PathBuf, cause: String },
}

impl Error {
    /// The file the error is about.
    pub fn path(&self) -> &std::path::Path {
        match self {
            Error::Io { path, .. }
            | Error::BadInput { path, .. }
            | Error::Pdf { path, .. }
            | Error::Ocr { path, .. }
            | Error::NeedsOcr { path, .. }
            | Error::Index { path, .. } => path,
        }
    }
}
