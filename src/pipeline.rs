//! One file in, one record out: the stages composed, with I/O at this edge.
//!
//! Order matters: repair first (so reflow sees real letters and capitals),
//! then reflow (so the parser sees whole paragraphs), then parse.

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::model::{PlanRecord, Source, TextMethod};
use crate::{extract, parse, repair};

/// Turn raw text (as extraction gives it, or as a .txt holds it) into a record.
/// `source` is stored as given, with the repair count filled in.
pub fn text_to_record(raw: &str, source: Source) -> PlanRecord {
    text_to_record_with(raw, source, repair::SyllableModel::builtin_ref())
}

/// [`text_to_record`] with a syllable model of the caller's, such as the
/// built-in counts plus those of the archive being imported.
pub fn text_to_record_with(
    raw: &str,
    mut source: Source,
    model: &repair::SyllableModel,
) -> PlanRecord {
    let repaired = repair::repair_with(raw, model);
    let clean = extract::reflow(&repaired.text);
    let mut record = parse::parse(&clean);
    source.repairs = repaired.changes.iter().filter(|c| c.applied).count() as u32;
    record.source = source;
    record
}

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Decode a text file's bytes: UTF-8 (with or without BOM). Anything else is
/// a clear error naming the file, not a guess.
pub fn decode_text(path: &Path, bytes: &[u8]) -> Result<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err(Error::BadInput {
            path: path.to_path_buf(),
            cause: "binary data (NUL bytes), not a text file".into(),
        });
    }
    String::from_utf8(bytes.to_vec()).map_err(|e| Error::BadInput {
        path: path.to_path_buf(),
        cause: format!(
            "not UTF-8 text (invalid byte at offset {}); convert it to UTF-8 first",
            e.utf8_error().valid_up_to()
        ),
    })
}

/// Read a .txt file and turn it into a record.
pub fn text_file_to_record(path: &Path) -> Result<PlanRecord> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let text = decode_text(path, &bytes)?;
    let source = Source {
        path: Some(path.display().to_string()),
        sha256: Some(sha256_hex(&bytes)),
        pages: None,
        method: TextMethod::Text,
        ..Default::default()
    };
    Ok(text_to_record(&text, source))
}

/// Read a PDF (text layer, OCR where needed) and turn it into a record;
/// extraction warnings go into the record's warnings.
pub fn pdf_file_to_record(path: &Path, opts: &extract::ExtractOptions) -> Result<PlanRecord> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let extracted = extract::extract_pdf(path, opts)?;
    Ok(extracted_to_record(
        path,
        sha256_hex(&bytes),
        extracted,
        repair::SyllableModel::builtin_ref(),
    ))
}

/// The record of a PDF already extracted, repaired with `model`. Kept apart
/// from extraction so that bulk import holds its shared model only while
/// repairing, not while a PDF is read or OCR'd.
pub fn extracted_to_record(
    path: &Path,
    sha256: String,
    extracted: extract::Extracted,
    model: &repair::SyllableModel,
) -> PlanRecord {
    let ocr = extracted.ocr_pages.len();
    let method = if ocr == 0 {
        TextMethod::PdfText
    } else if ocr == extracted.pages.len() {
        TextMethod::Ocr
    } else {
        TextMethod::Mixed
    };
    let source = Source {
        path: Some(path.display().to_string()),
        sha256: Some(sha256),
        pages: Some(extracted.page_count),
        method,
        ocr_pages: extracted.ocr_pages.clone(),
        ..Default::default()
    };
    let mut record = text_to_record_with(&extracted.text(), source, model);
    record.warnings.extend(extracted.warnings);
    record
}

/// One file to a record: PDFs (by extension, or by a "%PDF-" start) through
/// extraction, anything else as UTF-8 text.
pub fn file_to_record(path: &Path, opts: &extract::ExtractOptions) -> Result<PlanRecord> {
    let by_name = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    let by_content = || {
        use std::io::Read;
        let mut head = [0u8; 5];
        std::fs::File::open(path)
            .and_then(|mut f| f.read_exact(&mut head))
            .is_ok_and(|_| &head == b"%PDF-")
    };
    if by_name || by_content() {
        pdf_file_to_record(path, opts)
    } else {
        text_file_to_record(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_empty_input_is_the_known_digest() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn non_utf8_and_binary_inputs_are_named_errors() {
        let p = Path::new("x.txt");
        let e = decode_text(p, b"K\xea ho\xb9ch").unwrap_err().to_string();
        assert!(e.starts_with("x.txt: not UTF-8"), "{e}");
        let e = decode_text(p, b"ab\0cd").unwrap_err().to_string();
        assert!(e.contains("binary"), "{e}");
        assert_eq!(decode_text(p, "\u{feff}Kế".as_bytes()).unwrap(), "Kế");
    }
}
