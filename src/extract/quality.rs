//! Is a page's extracted text worth keeping? Every extractor returns an
//! image-only page as empty text without an error, and broken fonts give
//! replacement characters or NULs; this decides per page.

/// A page needs at least this many letters to count as having text.
pub const MIN_LETTERS: usize = 25;
/// More than this share of U+FFFD / NUL / private-use characters among the
/// non-space characters marks the text layer as garbage.
pub const MAX_BAD_SHARE: f64 = 0.02;

/// Verdict on one page's text.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    Usable,
    /// Fewer than [`MIN_LETTERS`] letters: an image-only page, or nearly.
    TooFewLetters(usize),
    /// Too many characters that stand for nothing.
    Garbage {
        bad: usize,
        of: usize,
    },
}

impl Verdict {
    pub fn is_usable(&self) -> bool {
        *self == Verdict::Usable
    }

    /// Why the page was rejected, for warnings.
    pub fn reason(&self) -> String {
        match self {
            Verdict::Usable => "usable".into(),
            Verdict::TooFewLetters(n) => format!("no text layer ({n} letters)"),
            Verdict::Garbage { bad, of } => {
                format!("unreadable text layer ({bad} of {of} characters are U+FFFD, NUL or private-use)")
            }
        }
    }
}

/// Judge one page's text.
pub fn judge(text: &str) -> Verdict {
    let mut letters = 0;
    let mut bad = 0;
    let mut visible = 0;
    for c in text.chars() {
        if c.is_whitespace() {
            continue;
        }
        visible += 1;
        if is_letter(c) {
            letters += 1;
        }
        if c == '\u{FFFD}' || c == '\0' || ('\u{E000}'..='\u{F8FF}').contains(&c) {
            bad += 1;
        }
    }
    if letters < MIN_LETTERS {
        Verdict::TooFewLetters(letters)
    } else if bad as f64 > MAX_BAD_SHARE * visible as f64 {
        Verdict::Garbage { bad, of: visible }
    } else {
        Verdict::Usable
    }
}

/// `char::is_alphabetic`, answered without the Unicode tables for ASCII and
/// for the Latin blocks Vietnamese is written in (every page goes through
/// here, and the table lookup showed in profiles of bulk import).
fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\u{7F}' => false,
        '\u{D7}' | '\u{F7}' => false,
        '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' => true,
        _ => c.is_alphabetic(),
    }
}

/// Characters a PDF reader falls back to for a glyph missing from the
/// font's ToUnicode map (the font's byte read as Windows-1252), or NUL.
const FALLBACK_MARKS: &str = "\0€‚ƒ„†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";

/// Turn the marks of unmapped glyphs inside words into spaces, as
/// pdftotext shows them and as repair expects dropped letters ("c ng"):
/// pdf-extract gives NUL or the font's byte as Windows-1252 ("c€ng").
/// A mark counts only between two letters, so real quotes and dashes stay
/// (and a letter dropped at a word's end keeps its mark).
pub fn unmapped_glyphs_to_spaces(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let inside_word = || {
            let before = i > 0 && is_letter(chars[i - 1]);
            let after = chars.get(i + 1).copied().is_some_and(is_letter);
            before && after
        };
        if c == '\0' || (FALLBACK_MARKS.contains(c) && inside_word()) {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unmapped_glyph_marks_inside_words_become_spaces() {
        assert_eq!(
            unmapped_glyphs_to_spaces("c€ng tác chuyên m€n"),
            "c ng tác chuyên m n"
        );
        assert_eq!(
            unmapped_glyphs_to_spaces("theo d–i, m”nh, c\0ng"),
            "theo d i, m nh, c ng"
        );
        // At a word's end a mark cannot be told from a closing quote: kept.
        assert_eq!(unmapped_glyphs_to_spaces("r” "), "r” ");
        // Real punctuation stays.
        let t = "giai đoạn 2021–2025 – “Học tập” và “làm theo”";
        assert_eq!(unmapped_glyphs_to_spaces(t), t);
    }

    #[test]
    fn the_fast_letter_check_agrees_with_unicode() {
        for c in ('\0'..='\u{2000}').chain('\u{1E00}'..='\u{1F00}') {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn a_page_of_vietnamese_text_is_usable() {
        let t = "Ban Thường vụ Đảng ủy Khối xây dựng kế hoạch triển khai thực hiện như sau:";
        assert_eq!(judge(t), Verdict::Usable);
    }

    #[test]
    fn an_empty_or_page_number_only_page_is_not() {
        assert_eq!(judge(""), Verdict::TooFewLetters(0));
        assert_eq!(judge("\n\n  3  \n"), Verdict::TooFewLetters(0));
    }

    #[test]
    fn replacement_characters_and_nuls_mark_garbage() {
        let t = "Kế hoạch \u{FFFD}\u{FFFD}\u{FFFD} triển khai\0\0 thực hiện nhiệm vụ năm nay";
        assert!(
            matches!(judge(t), Verdict::Garbage { bad: 5, .. }),
            "{:?}",
            judge(t)
        );
    }

    #[test]
    fn broken_but_readable_fonts_stay_usable_for_repair() {
        // "ƣ" and TCVN3 bytes are repair's job, not a reason to OCR.
        assert!(judge("Ban Thƣờng vụ Tỉnh ủy về tăng cƣờng công tác chuyển đổi").is_usable());
        assert!(judge("triÓn khai thùc hiÖn ChØ thÞ sè 18-CT/TU, ngµy cña Ban").is_usable());
    }
}
