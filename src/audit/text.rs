//! Small text helpers of the audit: folding names for comparison, the
//! province a record belongs to, the evidence sentence, dates.

use std::sync::OnceLock;

use chrono::NaiveDate;
use regex::Regex;
use unicode_normalization::UnicodeNormalization;

use super::number;
use crate::model::{PlanRecord, Span};

/// Lower-case, without tone marks or diacritics, "đ" as "d", single spaces:
/// names typed by different clerks compare equal.
pub fn fold(s: &str) -> String {
    let stripped: String = s
        .nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c => c,
        })
        .collect::<String>()
        .to_lowercase();
    stripped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Folded province name without its "tỉnh"/"thành phố" prefix.
pub fn fold_province(s: &str) -> String {
    let f = fold(s);
    for prefix in ["thanh pho ", "tp. ", "tp ", "tinh "] {
        if let Some(rest) = f.strip_prefix(prefix) {
            return rest.trim().to_string();
        }
    }
    f
}

fn header_province_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?i)(?:TỈNH|THÀNH PHỐ)\s+(\S.*?)\s*$").expect("valid regex"))
}

/// Folded province of a record: the parsed `province`, else the first header
/// line naming one ("ĐẢNG BỘ TỈNH BẾN TRE" → "ben tre").
pub fn province_of(record: &PlanRecord) -> Option<String> {
    if let Some(p) = record.province.as_deref().filter(|p| !p.trim().is_empty()) {
        return Some(fold_province(p));
    }
    record.header.iter().find_map(|line| {
        header_province_re()
            .captures(line)
            .map(|c| fold_province(&c[1]))
            .filter(|p| !p.is_empty())
    })
}

/// Parse "YYYY-MM-DD" or "dd/mm/yyyy" (also with "-" or "." between parts).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d);
    }
    let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
    if let [d, m, y] = parts[..] {
        if y.len() == 4 {
            return NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        }
    }
    None
}

/// "2021-11-10" → "10/11/2021", as people write dates; anything else as is.
pub fn show_date(iso: &str) -> String {
    match NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
        Ok(d) => d.format("%d/%m/%Y").to_string(),
        Err(_) => iso.to_string(),
    }
}

fn number_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"\d{1,4}(?:\s*[-/]\s*\d{4})?\s*[-/]\s*[\p{L}.]+(?:\s*[-/]\s*[\p{L}.]+)*")
            .expect("valid regex")
    })
}

/// The sentence of `record.text` that cites `cited` (a number key): from the
/// span the parser recorded when there is one, else from the first place the
/// number is written. Shortened to about 300 characters around the citation.
pub fn evidence(record: &PlanRecord, cited_key: &str, spans: &[Span]) -> Option<String> {
    let text = &record.text;
    let byte_range = match spans.first() {
        Some(span) => char_span_to_bytes(text, *span)?,
        None => number_re()
            .find_iter(text)
            .find(|m| number::key(m.as_str()) == cited_key)
            .map(|m| (m.start(), m.end()))?,
    };
    Some(sentence_around(text, byte_range))
}

/// Keys of the document numbers written in `s`, in order.
pub fn number_keys(s: &str) -> Vec<String> {
    number_re()
        .find_iter(s)
        .map(|m| number::key(m.as_str()))
        .collect()
}

/// `text` with every written form of the number with `key` replaced.
pub fn replace_number(text: &str, key: &str, replacement: &str) -> String {
    number_re()
        .replace_all(text, |c: &regex::Captures| {
            if number::key(&c[0]) == key {
                replacement.to_string()
            } else {
                c[0].to_string()
            }
        })
        .into_owned()
}

fn char_span_to_bytes(text: &str, span: Span) -> Option<(usize, usize)> {
    let mut start = None;
    let mut end = None;
    for (i, (b, _)) in text.char_indices().enumerate() {
        if i == span.start {
            start = Some(b);
        }
        if i == span.end {
            end = Some(b);
            break;
        }
    }
    let start = start?;
    Some((start, end.unwrap_or(text.len()).max(start)))
}

/// The sentence holding `range`: back to the previous full stop or paragraph
/// break, on to the next full stop, colon or paragraph break (a semicolon
/// joins the citation to the clause that says what the plan does).
fn sentence_around(text: &str, (start, end): (usize, usize)) -> String {
    const BEFORE: usize = 300;
    const AFTER: usize = 250;
    let before = &text[..start];
    let mut from = before.rfind(['\n', '.']).map(|i| i + 1).unwrap_or(0);
    if start - from > BEFORE {
        // Too long to quote whole: start at a word.
        from = floor_char(text, start - BEFORE);
        from += text[from..start].find(' ').map(|i| i + 1).unwrap_or(0);
    }
    let after = &text[end..];
    let mut to = end + after.find(['\n', '.', ':']).unwrap_or(after.len());
    if to - end > AFTER {
        let cut = floor_char(text, end + AFTER);
        to = text[end..cut].rfind(' ').map(|i| end + i).unwrap_or(cut);
    }
    text[from..to]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The sentence holding a deadline phrase: at its span when the span holds
/// the phrase, else where the phrase is first written.
pub fn phrase_evidence(record: &PlanRecord, span: Span, phrase: &str) -> Option<String> {
    let text = &record.text;
    if span.end > span.start {
        if let Some((s, e)) = char_span_to_bytes(text, span) {
            if text[s..e].split_whitespace().eq(phrase.split_whitespace()) {
                return Some(sentence_around(text, (s, e)));
            }
        }
    }
    let at = text.find(phrase).filter(|_| !phrase.is_empty())?;
    Some(sentence_around(text, (at, at + phrase.len())))
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_ignores_case_tones_and_spacing() {
        assert_eq!(fold("Đảng ủy  Sở Tư pháp"), fold("ĐẢNG ỦY SỞ TƯ PHÁP"));
        assert_eq!(fold("Hoà  Bình"), "hoa binh");
        assert_eq!(fold_province("Tỉnh Bến Tre"), "ben tre");
        assert_eq!(fold_province("thành phố Cần Thơ"), "can tho");
    }

    #[test]
    fn province_comes_from_field_or_header() {
        let mut r = PlanRecord::empty(String::new());
        r.header = vec![
            "ĐẢNG BỘ TỈNH BẾN TRE".into(),
            "ĐẢNG ỦY KHỐI DOANH NGHIỆP TỈNH".into(),
        ];
        assert_eq!(province_of(&r).as_deref(), Some("ben tre"));
        r.province = Some("Sóc Trăng".into());
        assert_eq!(province_of(&r).as_deref(), Some("soc trang"));
        r.province = None;
        r.header = vec!["ĐẢNG ỦY KHỐI DOANH NGHIỆP TỈNH".into()];
        assert_eq!(province_of(&r), None);
    }

    #[test]
    fn dates_in_both_forms() {
        let d = NaiveDate::from_ymd_opt(2022, 3, 7).unwrap();
        assert_eq!(parse_date("07/03/2022"), Some(d));
        assert_eq!(parse_date("7/3/2022"), Some(d));
        assert_eq!(parse_date("2022-03-07"), Some(d));
        assert_eq!(parse_date("31/02/2022"), None);
        assert_eq!(parse_date("hôm qua"), None);
        assert_eq!(show_date("2022-03-07"), "07/03/2022");
    }

    #[test]
    fn evidence_is_the_citing_sentence() {
        let text = "KẾ HOẠCH\nvề công tác dân vận\nThực hiện Kế hoạch số 07-KH/ĐUK, \
                    ngày 02/3/2022 của Đảng ủy Khối; Đảng ủy Sở Tư pháp ban hành kế hoạch như sau:\n\
                    I. MỤC ĐÍCH";
        let r = PlanRecord::empty(text.into());
        let e = evidence(&r, &number::key("7-KH/ĐUK"), &[]).unwrap();
        assert!(e.starts_with("Thực hiện Kế hoạch số 07-KH/ĐUK"), "{e}");
        assert!(e.ends_with("như sau"), "{e}");
        let start = text.chars().position(|c| c == '0').unwrap();
        let from_span = evidence(
            &r,
            "x",
            &[Span {
                start,
                end: start + 9,
            }],
        )
        .unwrap();
        assert_eq!(from_span, e);
        assert_eq!(evidence(&r, &number::key("8-KH/ĐUK"), &[]), None);
    }
}
