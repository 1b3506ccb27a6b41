//! Parse a plan's clean text into a [`PlanRecord`]. Never fails: what cannot be
//! read becomes null fields and warnings.
//!
//! Stages, each in its own file: the top of the document ([`header`]), the
//! closing block ([`signature`]), cited documents ([`references`]), deadlines
//! ([`deadlines`]) and the outline ([`outline`]). All offsets the stages
//! exchange are byte offsets into the text; they become char offsets
//! ([`crate::model::Span`]) only when stored.

use unicode_normalization::{IsNormalized, UnicodeNormalization};

use crate::model::PlanRecord;

mod dates;
mod deadlines;
mod header;
mod number;
mod outline;
mod references;
mod signature;
mod text;

pub use number::{canonical, match_key};

/// Parse clean (repaired, reflowed) text into a record. `source` is left
/// default; the caller fills it.
pub fn parse(text: &str) -> PlanRecord {
    // Spans index the stored text, so decomposed input (NFD, or tone marks
    // after precomposed letters) is composed first and the result stored.
    if may_be_decomposed(text)
        && unicode_normalization::is_nfc_quick(text.chars()) != IsNormalized::Yes
    {
        let composed: String = text.nfc().collect();
        if composed != text {
            return parse(&composed);
        }
    }
    let mut record = PlanRecord::empty(text.to_string());
    if text.trim().is_empty() {
        record.warnings.push("empty text: nothing to parse".into());
        return record;
    }
    let index = text::CharIndex::new(text);
    let top = header::read_top(text);
    let bottom = signature::read_bottom(text);
    // The closing block only counts when it comes after the body's start.
    let body_end = bottom
        .start
        .filter(|&s| s > top.body_start)
        .unwrap_or(text.len());

    let cited = references::find(text, top.number.as_ref(), top.opening, &index);
    let deadlines = deadlines::find(&deadlines::Context {
        text,
        range: (top.body_start, body_end),
        consumed: &cited.consumed,
        plan_year: top.plan_year,
        index: &index,
    });

    record.doc_type = top.doc_type;
    record.number = top.number.map(|n| n.0);
    record.place = top.place;
    record.date = top.date;
    record.title = top.title;
    record.issuer = top.issuer;
    record.header = top.header;
    record.province = top.province;
    record.implements = cited.implements;
    record.references = cited.references;
    record.deadlines = deadlines;
    record.recipients = bottom.recipients;
    record.outline = outline::find(text, (top.body_start, body_end), &index);
    record.warnings = top.warnings;
    match &bottom.signer {
        None => record.warnings.push("no signature block found".into()),
        Some(s) if s.name.is_none() => record
            .warnings
            .push("signature block without a signer's name".into()),
        _ => {}
    }
    record.signer = bottom.signer;
    if record.number.is_none() {
        record
            .warnings
            .push("no own number (\"Số ...\") in the header".into());
    }
    record
}

/// Cheap test before the full check: Vietnamese text leaves NFC through
/// combining marks U+0300..U+036F, whose UTF-8 starts with byte 0xCC or 0xCD.
/// (Decompositions in other scripts are left as they are; offsets stay
/// right either way, since they index the text that is stored.)
fn may_be_decomposed(text: &str) -> bool {
    text.bytes().any(|b| b == 0xCC || b == 0xCD)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decomposed_text_is_composed_and_offsets_follow_it() {
        let nfc = "KẾ HOẠCH\nvề dân vận\n-----\nThực hiện Chỉ thị số 05-CT/TW, Chi bộ xây dựng Kế hoạch như sau:\nhoàn thành trước ngày 30/6/2024.\n";
        let nfd: String = nfc.nfd().collect();
        assert_ne!(nfd, nfc);
        let r = parse(&nfd);
        assert_eq!(r.text, nfc);
        assert_eq!(r.doc_type.as_deref(), Some("KẾ HOẠCH"));
        assert_eq!(r.implements, vec!["05-CT/TW"]);
        let d = &r.deadlines[0];
        let chars: Vec<char> = r.text.chars().collect();
        assert_eq!(
            chars[d.span.start..d.span.end].iter().collect::<String>(),
            "trước ngày 30/6/2024"
        );
    }

    #[test]
    fn empty_text_is_a_record_with_a_warning() {
        let r = parse("  \n ");
        assert_eq!(r.doc_type, None);
        assert!(!r.warnings.is_empty());
    }
}
