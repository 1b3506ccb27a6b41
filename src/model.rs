//! The plan record: the one data type every stage agrees on.
//!
//! These types mirror `schemas/plan.schema.json` field for field; the schema is
//! the contract with other programs, so a field added here must be added there
//! (the schema tests validate every record the test suite produces).
//!
//! Offsets (`Span`) count Unicode scalar values (Rust `char`s) in
//! [`PlanRecord::text`], not bytes, so that programs in any language can slice
//! the evidence out of the stored text.

use serde::{Deserialize, Serialize};

/// Version of the record layout; bump when a field changes meaning.
pub const SCHEMA_VERSION: u32 = 1;

/// One parsed plan (or other Party/state document).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PlanRecord {
    /// Layout version of this record ([`SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// Kind as written, in capitals: "KẾ HOẠCH", "BÁO CÁO", "HƯỚNG DẪN" ...
    pub doc_type: Option<String>,
    /// The document's own number, canonical ("34-KH/ĐUK"), if it has one.
    pub number: Option<String>,
    /// Place from the place-date line ("Trà Vinh").
    pub place: Option<String>,
    /// Date from the place-date line, "YYYY-MM-DD".
    pub date: Option<String>,
    /// Subject line (trích yếu) after the kind, joined into one line.
    pub title: Option<String>,
    /// Issuing body as the text names it ("Ban Thường vụ Đảng ủy Khối").
    pub issuer: Option<String>,
    /// The lines of the header's left column, top to bottom
    /// ("ĐẢNG BỘ TỈNH LAI CHÂU", "ĐẢNG ỦY KHỐI CƠ QUAN ..."), when present.
    #[serde(default)]
    pub header: Vec<String>,
    /// Province or city the issuer belongs to, from the header
    /// ("ĐẢNG BỘ TỈNH TRÀ VINH" → "Trà Vinh"), when known.
    pub province: Option<String>,
    /// Signature block.
    pub signer: Option<Signer>,
    /// Canonical numbers of the parent documents named in the opening
    /// "Thực hiện ..." / "Căn cứ ..." sentence, in order of first mention.
    #[serde(default)]
    pub implements: Vec<String>,
    /// One entry per distinct cited document.
    #[serde(default)]
    pub references: Vec<Reference>,
    /// Deadlines found in the body.
    #[serde(default)]
    pub deadlines: Vec<Deadline>,
    /// Lines of the "Nơi nhận:" block, without the leading dash.
    #[serde(default)]
    pub recipients: Vec<String>,
    /// Headings of the body ("I.", "1.", "1.1.", "a)").
    #[serde(default)]
    pub outline: Vec<Heading>,
    /// The cleaned full text (reflowed, repaired, NFC). Spans index into it.
    pub text: String,
    /// Where the text came from.
    pub source: Source,
    /// Everything that could not be read or looked doubtful.
    #[serde(default)]
    pub warnings: Vec<String>,
}

/// Who signed, and in what capacity.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Signer {
    /// The signer's name ("Nguyễn Văn Tám").
    pub name: Option<String>,
    /// Position line ("PHÓ BÍ THƯ").
    pub position: Option<String>,
    /// The body signed for, after "T/M" ("BAN THƯỜNG VỤ"), or after "K/T" the
    /// superior's title ("BÍ THƯ").
    pub on_behalf_of: Option<String>,
    /// Signing mode as written: "T/M", "K/T", "T/L", "TUQ", or null for a
    /// direct signature.
    pub mode: Option<String>,
}

/// A document cited by the plan.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Reference {
    /// Canonical number ("01-KL/TW", "91/2017/NĐ-CP").
    pub number: String,
    /// Kind word as the text names it ("Kết luận", "Chỉ thị", "Kế hoạch").
    pub kind: Option<String>,
    /// Issuing body when the text names it ("Bộ Chính trị").
    pub issuer: Option<String>,
    /// The cited document's date, "YYYY-MM-DD", when the text ties one to it.
    pub date: Option<String>,
    /// How often it is mentioned: full number forms plus short forms
    /// ("Kết luận 01") after a full mention.
    pub mentions: u32,
    /// Where each mention is, in `text`.
    #[serde(default)]
    pub spans: Vec<Span>,
}

/// A deadline found in the body.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Deadline {
    /// The phrase as written ("trước ngày 24/3/2023", "quý IV năm 2021").
    pub text: String,
    /// A few words of what must be done.
    pub task: Option<String>,
    /// Last day that satisfies the deadline, "YYYY-MM-DD"; null when the
    /// year cannot be known.
    pub due: Option<String>,
    /// True for "hằng năm", "hằng quý", "quý IV của năm trước đó" ...
    pub recurring: bool,
    /// How it recurs when `recurring`: "yearly", "quarterly", "monthly".
    pub frequency: Option<String>,
    /// The responsible unit, when the sentence names one.
    pub responsible: Option<String>,
    /// Where the phrase is, in `text`.
    pub span: Span,
}

/// A heading of the body outline.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Heading {
    /// Depth: 1 for "I.", 2 for "1.", 3 for "1.1.", 4 for "1.1.1." or "a)".
    pub level: u8,
    /// The label as written ("II", "1.2", "a").
    pub label: String,
    /// The heading's text.
    pub title: String,
    /// Character offset of the heading line in `text`.
    pub offset: usize,
}

/// A half-open range of character offsets `[start, end)` into the record's text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// How a record's text was obtained.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TextMethod {
    /// A plain text file.
    #[default]
    Text,
    /// The PDF's text layer.
    PdfText,
    /// OCR of page images.
    Ocr,
    /// Some pages from the text layer, some by OCR.
    Mixed,
}

/// Provenance of a record.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// Path of the file as given to the tool; null for standard input.
    pub path: Option<String>,
    /// SHA-256 of the file's bytes, lowercase hex.
    pub sha256: Option<String>,
    /// Number of pages (PDF), or null for text.
    pub pages: Option<u32>,
    /// How the text was obtained.
    pub method: TextMethod,
    /// 1-based numbers of pages whose text came from OCR.
    #[serde(default)]
    pub ocr_pages: Vec<u32>,
    /// Number of repairs the repair stage made.
    #[serde(default)]
    pub repairs: u32,
}

impl PlanRecord {
    /// An empty record for `text`, with the current schema version.
    pub fn empty(text: String) -> Self {
        PlanRecord {
            schema_version: SCHEMA_VERSION,
            text,
            ..Default::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_round_trips_through_json() {
        let mut r = PlanRecord::empty("Kế hoạch".into());
        r.number = Some("34-KH/ĐUK".into());
        r.source.method = TextMethod::PdfText;
        let json = serde_json::to_string(&r).unwrap();
        assert!(json.contains("\"method\":\"pdf-text\""));
        let back: PlanRecord = serde_json::from_str(&json).unwrap();
        assert_eq!(back, r);
    }
}
