//! Small text helpers shared by the parser's stages: lines with their byte
//! positions, byte-to-char offsets, and tidying of extracted field values.

use crate::model::Span;

/// One non-empty line, trimmed, with the byte range of the trimmed text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

/// The first `max` non-empty lines of `text`.
pub(crate) fn head_lines(text: &str, max: usize) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut pos = 0;
    for raw in text.split_inclusive('\n') {
        if let Some(line) = trimmed(raw, pos) {
            out.push(line);
            if out.len() >= max {
                break;
            }
        }
        pos += raw.len();
    }
    out
}

/// The last `max` non-empty lines of `text`, in reading order.
pub(crate) fn tail_lines(text: &str, max: usize) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut end = text.len();
    while end > 0 && out.len() < max {
        let start = text[..end]
            .trim_end_matches(['\n', '\r'])
            .rfind('\n')
            .map_or(0, |i| i + 1);
        // `start..end` is one line (possibly with its newline).
        if let Some(line) = trimmed(&text[start..end], start) {
            out.push(line);
        }
        end = start;
    }
    out.reverse();
    out
}

fn trimmed(raw: &str, pos: usize) -> Option<Line<'_>> {
    let lead = raw.len() - raw.trim_start().len();
    let text = raw.trim();
    if text.is_empty() {
        return None;
    }
    Some(Line {
        start: pos + lead,
        end: pos + lead + text.len(),
        text,
    })
}

/// Byte offsets to char offsets in one text, in O(block) per lookup: the
/// char count is kept at every `BLOCK` bytes, the rest counted on demand.
pub(crate) struct CharIndex<'a> {
    text: &'a str,
    counts: Vec<usize>,
}

const BLOCK: usize = 256;

impl<'a> CharIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut counts = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut total = 0;
        counts.push(0);
        for block in bytes.chunks(BLOCK) {
            total += count_chars(block);
            counts.push(total);
        }
        CharIndex { text, counts }
    }

    /// Char offset of byte offset `byte` (clamped to the text).
    pub fn char_at(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        let block = byte / BLOCK;
        self.counts[block] + count_chars(&self.text.as_bytes()[block * BLOCK..byte])
    }

    pub fn span(&self, start: usize, end: usize) -> Span {
        Span {
            start: self.char_at(start),
            end: self.char_at(end),
        }
    }
}

/// Chars in a UTF-8 byte run: every byte that is not a continuation byte
/// starts a char (valid at any cut, since it counts starts only).
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

/// Largest char boundary at or below `i`.
pub(crate) fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Smallest char boundary at or above `i`.
pub(crate) fn ceil_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Up to `n` bytes of `text` before `at` (on char boundaries).
pub(crate) fn before(text: &str, at: usize, n: usize) -> &str {
    &text[ceil_boundary(text, at.saturating_sub(n))..at]
}

/// Up to `n` bytes of `text` from `at` (on char boundaries).
pub(crate) fn after(text: &str, at: usize, n: usize) -> &str {
    &text[at..floor_boundary(text, at.saturating_add(n))]
}

/// A field value as people want it: emphasis marks gone, the broken-font
/// "ƣ" (which never occurs in Vietnamese) read as "ư", whitespace collapsed.
pub(crate) fn tidy(s: &str) -> String {
    if s.contains('*') {
        return tidy_marked(s);
    }
    collapse(s)
}

/// Collapse whitespace and mend the letter, in one pass.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(match c {
            'ƣ' => 'ư',
            'Ƣ' => 'Ư',
            c => c,
        });
    }
    out
}

/// [`tidy`] for text with emphasis marks: "*" at word edges and "**"
/// anywhere go.
fn tidy_marked(s: &str) -> String {
    let mut words = Vec::new();
    for word in s.split_whitespace() {
        let word = word.trim_matches('*').replace("**", "");
        if !word.is_empty() {
            words.push(word);
        }
    }
    collapse(&words.join(" "))
}

/// Superscript digits and parentheses that mark footnotes ("⁽¹⁾", "²"):
/// they end a number or a date rather than continue it.
pub(crate) fn is_footnote_mark(c: char) -> bool {
    "⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾".contains(c)
}

/// True when `s` has letters and none of them is lower case.
pub(crate) fn is_all_caps(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

/// "BÌNH SƠN" → "Bình Sơn".
pub(crate) fn title_case(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let lower = w.to_lowercase();
            let mut chars = lower.chars();
            match chars.next() {
                Some(f) => f.to_uppercase().chain(chars).collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// First letter in upper case, the rest as written ("kết luận" → "Kết luận").
pub(crate) fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(f) => f.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_keep_their_byte_positions() {
        let t = "  a b \n\n c\r\nd";
        let head = head_lines(t, 10);
        let got: Vec<_> = head.iter().map(|l| (l.text, &t[l.start..l.end])).collect();
        assert_eq!(got, vec![("a b", "a b"), ("c", "c"), ("d", "d")]);
        let tail = tail_lines(t, 2);
        let got: Vec<_> = tail.iter().map(|l| &t[l.start..l.end]).collect();
        assert_eq!(got, vec!["c", "d"]);
        assert_eq!(tail_lines(t, 10).len(), 3);
    }

    #[test]
    fn char_offsets_count_chars_not_bytes() {
        let t = "Kế hoạch ".repeat(2000);
        let idx = CharIndex::new(&t);
        for (chars, (byte, _)) in t.char_indices().enumerate().step_by(97) {
            assert_eq!(idx.char_at(byte), chars);
        }
        assert_eq!(idx.char_at(t.len()), t.chars().count());
    }

    #[test]
    fn tidy_drops_marks_and_mends_the_broken_letter() {
        assert_eq!(
            tidy("  **Ban Thƣờng   vụ**\n Tỉnh ủy "),
            "Ban Thường vụ Tỉnh ủy"
        );
        assert_eq!(title_case("BÌNH SƠN"), "Bình Sơn");
        assert!(is_all_caps("PHÓ BÍ THƯ"));
        assert!(!is_all_caps("Phó"));
        assert!(!is_all_caps("12"));
    }

    #[test]
    fn tidy_keeps_lone_stars_inside_words() {
        assert_eq!(tidy("a*b ** *c* d**e  ƣ"), "a*b c de ư");
    }
}
