//! PDF to text: text layer, OCR for scans, and reflow of raw text into clean
//! lines. (Being built: see issue "PDF to text".)

/// Join the lines of each paragraph, drop page noise, keep headings, list
/// items and the signature block on their own lines.
pub fn reflow(raw: &str) -> String {
    raw.to_string()
}
