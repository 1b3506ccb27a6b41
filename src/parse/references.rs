//! Cited documents: every full number in the text, the kind word before it,
//! the date and issuing body the text ties to it, and the short forms
//! ("Kết luận 17") that refer back to it after a full mention.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::number::{parts_from_captures, NUMBER_PATTERN};
use super::text::{after, before, capitalize, tidy, CharIndex};
use crate::model::Reference;

/// Kind words that stand before a number, longest first so that
/// "Chương trình hành động" wins over "Chương trình".
const KIND_WORDS: &[&str] = &[
    "Chương trình hành động",
    "Thông báo kết luận",
    "Thông tư liên tịch",
    "Nghị quyết liên tịch",
    "Kết luận",
    "Chỉ thị",
    "Nghị quyết",
    "Nghị định",
    "Quyết định",
    "Quy định",
    "Kế hoạch",
    "Hướng dẫn",
    "Chương trình",
    "Thông báo",
    "Báo cáo",
    "Công văn",
    "Thông tư",
    "Thông tri",
    "Tờ trình",
    "Quy chế",
    "Đề án",
    "Văn bản",
    "Luật",
];

/// Kind words a code can stand for, for matching short forms.
fn kinds_of_code(code: &str) -> &'static [&'static str] {
    match code.to_uppercase().as_str() {
        "KL" => &["kết luận"],
        "CT" => &["chỉ thị"],
        "NQ" => &["nghị quyết"],
        "NĐ" => &["nghị định"],
        "QĐ" => &["quyết định", "quy định"],
        "QĐI" => &["quy định"],
        "KH" => &["kế hoạch"],
        "HD" => &["hướng dẫn"],
        "CTR" => &["chương trình", "chương trình hành động"],
        "TB" => &["thông báo", "thông báo kết luận"],
        "BC" => &["báo cáo"],
        "CV" => &["công văn"],
        "TT" => &["thông tư", "thông tri"],
        "TTR" => &["tờ trình"],
        "QC" => &["quy chế"],
        "ĐA" => &["đề án"],
        _ => &[],
    }
}

fn kind_alternation() -> String {
    KIND_WORDS
        .iter()
        .map(|k| k.split(' ').collect::<Vec<_>>().join(r"\s+"))
        .collect::<Vec<_>>()
        .join("|")
}

static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(NUMBER_PATTERN).unwrap());

/// The kind word (and "số") right before a number.
static KIND_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i:({}))\s*(?:[*_]+\s*)?(?:(?i:số)\s*:?\s*)?$",
        kind_alternation()
    ))
    .unwrap()
});

/// A short form: kind word, optional "số", bare serial.
static SHORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i:({}))\s+(?:(?i:số)\s+)?([0-9]{{1,5}})",
        kind_alternation()
    ))
    .unwrap()
});

const DATE: &str = r"ngày\s+(?:([0-9]{1,2})\s*[/.\-]\s*([0-9]{1,2})\s*[/.\-]\s*([0-9]{4})|([0-9]{1,2})\s+tháng\s+([0-9]{1,2})\s+năm\s+([0-9]{4}))";

/// What may follow a number before its date: a footnote mark, a comma,
/// "ban hành".
static TIED_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:\s*(?:⁽[0-9¹²³⁴⁵⁶⁷⁸⁹⁰]+⁾|\([0-9]{{1,2}}\)|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\*+))?\s*[,;]?\s*(?:ban hành\s+|được ban hành\s+)?{DATE}"
    ))
    .unwrap()
});

static TIED_ISSUER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\s*(?:⁽[0-9¹²³⁴⁵⁶⁷⁸⁹⁰]+⁾|\([0-9]{1,2}\)|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\*+))?\s*[,;]?\s*(?:\([^)\n]{0,40}\)\s*)?của\s+(\p{Lu}[^,;:()“”\x22.]{0,160})",
    )
    .unwrap()
});

/// Words that end an issuing body's name in running text.
const ISSUER_STOPS: &[&str] = &[
    " về ",
    " thực hiện",
    " và ",
    " tại ",
    " đối với",
    " quy định",
    " ban hành",
    " hướng dẫn",
    " nhằm ",
    " trong ",
    " đến ",
    " cho ",
    " kèm ",
    " để ",
    " theo ",
    " đã ",
    " gắn ",
    " là ",
    " với ",
    " sau ",
    " nay ",
    " của ",
    " khóa ",
    " khoá ",
    " lần ",
    " hội nghị",
    " tiếp tục",
    " trên ",
    " đề ra",
    " triển khai",
    " như ",
    " (",
];

/// The references of a text, plus what the other stages need to know.
#[derive(Debug, Default)]
pub(crate) struct Cited {
    pub references: Vec<Reference>,
    /// Canonical numbers cited inside the opening sentence(s), in order.
    pub implements: Vec<String>,
    /// Byte ranges of numbers and their tied dates (not deadlines).
    pub consumed: Vec<(usize, usize)>,
}

struct Acc {
    reference: Reference,
    code: String,
    serial: String,
    /// Byte offsets of full mentions.
    full_at: Vec<usize>,
}

pub(crate) fn find(
    text: &str,
    own: Option<&(String, usize, usize)>,
    opening: Option<(usize, usize)>,
    index: &CharIndex,
) -> Cited {
    let mut cited = Cited::default();
    let mut accs: Vec<Acc> = Vec::new();
    let mut by_number: HashMap<String, usize> = HashMap::new();

    for c in NUMBER.captures_iter(text) {
        let m = c.get(0).unwrap();
        if !starts_a_token(text, m.start()) || !ends_a_token(text, m.end()) {
            continue;
        }
        let parts = parts_from_captures(&c);
        let number = parts.canonical();
        cited.consumed.push((m.start(), m.end()));
        if own.is_some_and(|o| o.0 == number) {
            continue;
        }
        let tail = after(text, m.end(), 400);
        let mut date = None;
        let mut rest = tail;
        if let Some(d) = TIED_DATE.captures(tail) {
            let g = |i: usize| {
                d.get(i)
                    .and_then(|x| x.as_str().parse::<u32>().ok())
                    .unwrap_or(0)
            };
            let (day, month, year) = if d.get(1).is_some() {
                (g(1), g(2), g(3))
            } else {
                (g(4), g(5), g(6))
            };
            date = super::dates::ymd(year as i32, month, day);
            let end = d.get(0).unwrap().end();
            cited.consumed.push((m.end(), m.end() + end));
            rest = &tail[end..];
        }
        let i = *by_number.entry(number.clone()).or_insert_with(|| {
            accs.push(Acc {
                reference: Reference {
                    number: number.clone(),
                    ..Default::default()
                },
                code: parts.kind.to_string(),
                serial: parts.serial.trim_start_matches('0').to_string(),
                full_at: Vec::new(),
            });
            accs.len() - 1
        });
        let acc = &mut accs[i];
        let r = &mut acc.reference;
        r.mentions += 1;
        r.spans.push(index.span(m.start(), m.end()));
        acc.full_at.push(m.start());
        // Kind and issuer come from the first mention that names them; later
        // mentions are not searched once they are known.
        if r.kind.is_none() {
            r.kind = KIND_BEFORE
                .captures(before(text, m.start(), 80))
                .map(|k| capitalize(&tidy(&k[1]).to_lowercase()));
        }
        if r.date.is_none() {
            r.date = date;
        }
        if r.issuer.is_none() {
            r.issuer = TIED_ISSUER.captures(rest).and_then(|c| issuer_name(&c[1]));
        }
        if opening.is_some_and(|(s, e)| m.start() >= s && m.start() < e)
            && !cited.implements.contains(&number)
        {
            cited.implements.push(number);
        }
    }

    count_short_forms(text, &mut accs, index);
    cited.references = accs.into_iter().map(|a| a.reference).collect();
    cited.consumed.sort_unstable();
    cited
}

/// Add the short forms ("Kết luận 17") that follow a full mention.
fn count_short_forms(text: &str, accs: &mut [Acc], index: &CharIndex) {
    if accs.is_empty() {
        return;
    }
    let mut by_serial: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, a) in accs.iter().enumerate() {
        by_serial.entry(a.serial.as_str()).or_default().push(i);
    }
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    // find_iter, not captures: the parts are cut from the match by hand,
    // which keeps this whole-text scan on the fast automaton.
    for m in SHORT.find_iter(text) {
        let matched = m.as_str();
        // The match ends with the serial; kind words hold no digits.
        let serial = matched.trim_start_matches(|c: char| !c.is_ascii_digit());
        let word_part = matched.trim_end_matches(|c: char| c.is_ascii_digit() || c.is_whitespace());
        let word_part = word_part
            .strip_suffix("số")
            .or_else(|| word_part.strip_suffix("Số"))
            .or_else(|| word_part.strip_suffix("SỐ"))
            .unwrap_or(word_part);
        let next = text[m.end()..].trim_start_matches([' ', '\t', '\r', '\n']);
        if text[m.end()..].starts_with(|ch: char| ch.is_alphanumeric())
            || next.starts_with(['-', '/', '–'])
            || !starts_a_token(text, m.start())
        {
            continue;
        }
        let word = tidy(word_part).to_lowercase();
        let Some(cands) = by_serial.get(serial.trim_start_matches('0')) else {
            continue;
        };
        // The document meant is the one of this kind mentioned in full most
        // recently before the short form.
        let best = cands
            .iter()
            .filter(|&&i| {
                let a = &accs[i];
                a.reference
                    .kind
                    .as_deref()
                    .is_some_and(|k| k.to_lowercase() == word)
                    || kinds_of_code(&a.code).contains(&word.as_str())
            })
            .filter_map(|&i| {
                let last = accs[i]
                    .full_at
                    .iter()
                    .take_while(|&&at| at < m.start())
                    .last()?;
                Some((*last, i))
            })
            .max();
        if let Some((_, i)) = best {
            found.push((i, m.start(), m.end()));
        }
    }
    for (i, s, e) in found {
        let r = &mut accs[i].reference;
        r.mentions += 1;
        r.spans.push(index.span(s, e));
    }
    for a in accs.iter_mut() {
        a.reference.spans.sort_by_key(|s| s.start);
    }
}

/// A number must not continue a longer token ("2021/12/2023", "A12-KL/TW").
fn starts_a_token(text: &str, at: usize) -> bool {
    !text[..at]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || "/-–.".contains(c))
}

fn ends_a_token(text: &str, at: usize) -> bool {
    !text[at..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() && !super::text::is_footnote_mark(c))
}

/// The issuing body from the text after "của": cut at the first word that
/// starts what the document is about.
fn issuer_name(raw: &str) -> Option<String> {
    let mut s = format!("{} ", tidy(raw));
    for stop in ISSUER_STOPS {
        if let Some(i) = s.find(stop) {
            s.truncate(i);
        }
    }
    let s = s.trim().trim_end_matches(['.', ',']).to_string();
    (!s.is_empty() && s.chars().next().is_some_and(char::is_uppercase)).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(text: &str) -> Cited {
        find(text, None, None, &CharIndex::new(text))
    }

    #[test]
    fn date_and_issuer_tied_to_the_number() {
        let t = "Thực hiện Kết luận số 21- KL/TW, ngày 15/4/2022 của Bộ Chính trị về tăng cường; \
                 Nghị định số 30/2020/NĐ-CP của Chính phủ quy định; Công văn số 77-CV/VPTU.";
        let c = refs(t);
        let got: Vec<_> = c
            .references
            .iter()
            .map(|r| {
                (
                    r.number.as_str(),
                    r.kind.as_deref(),
                    r.issuer.as_deref(),
                    r.date.as_deref(),
                    r.mentions,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "21-KL/TW",
                    Some("Kết luận"),
                    Some("Bộ Chính trị"),
                    Some("2022-04-15"),
                    1
                ),
                (
                    "30/2020/NĐ-CP",
                    Some("Nghị định"),
                    Some("Chính phủ"),
                    None,
                    1
                ),
                ("77-CV/VPTU", Some("Công văn"), None, None, 1),
            ]
        );
    }

    #[test]
    fn short_forms_count_only_after_a_full_mention() {
        let t = "Kết luận 21 chưa. Kết luận số 21-KL/TW (gọi tắt là Kết luận 21); thực hiện Kết luận 21 và Chỉ thị 21.";
        let c = refs(t);
        assert_eq!(c.references.len(), 1);
        let r = &c.references[0];
        assert_eq!(r.mentions, 3);
        let spans: Vec<&str> = r
            .spans
            .iter()
            .map(|s| {
                let chars: Vec<char> = t.chars().collect();
                let slice: String = chars[s.start..s.end].iter().collect();
                Box::leak(slice.into_boxed_str()) as &str
            })
            .collect();
        assert_eq!(spans, vec!["21-KL/TW", "Kết luận 21", "Kết luận 21"]);
    }

    #[test]
    fn own_number_dates_and_periods_are_not_references() {
        let own = ("34-KH/ĐUK".to_string(), 4, 13);
        let t = "Số 34-KH/ĐUK ngày 18/5/2021, nhiệm kỳ 2020 - 2025, 01 - 02 tập thể, Kế hoạch số 34-KH/ĐUK này.";
        let c = find(t, Some(&own), None, &CharIndex::new(t));
        assert!(c.references.is_empty(), "{:?}", c.references);
    }

    #[test]
    fn numbers_split_across_lines_are_one_reference() {
        let t = "Chỉ thị số 05-\n\nCT/TW, Chỉ thị số 05 - CT/TW và Chỉ thị số 05/CT/TW.";
        let c = refs(t);
        assert_eq!(c.references.len(), 1);
        assert_eq!(c.references[0].number, "05-CT/TW");
        assert_eq!(c.references[0].mentions, 3);
    }

    #[test]
    fn footnote_marks_and_administrative_state_numbers() {
        let t = "Kết luận số 21-KL/TW¹; theo Hướng dẫn số 12-HD/BTGTU⁽²⁾, ngày 03/02/2023 của Ban Tuyên giáo Tỉnh ủy; \
                 Công văn số 1520/UBND-VX ngày 9 tháng 8 năm 2022 của Ủy ban nhân dân tỉnh về việc; \
                 Quyết định số 45/QĐ - UBND.";
        let c = refs(t);
        let got: Vec<_> = c
            .references
            .iter()
            .map(|r| {
                (
                    r.number.as_str(),
                    r.kind.as_deref(),
                    r.issuer.as_deref(),
                    r.date.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("21-KL/TW", Some("Kết luận"), None, None),
                (
                    "12-HD/BTGTU",
                    Some("Hướng dẫn"),
                    Some("Ban Tuyên giáo Tỉnh ủy"),
                    Some("2023-02-03")
                ),
                (
                    "1520/UBND-VX",
                    Some("Công văn"),
                    Some("Ủy ban nhân dân tỉnh"),
                    Some("2022-08-09")
                ),
                ("45/QĐ-UBND", Some("Quyết định"), None, None),
            ]
        );
        assert_eq!(c.consumed.len(), 6, "four numbers and two tied dates");
    }
}
