//! The outline of the body: headings "I.", "1.", "1.1.", "1.1.1.", "a)".

use std::sync::LazyLock;

use regex::Regex;

use super::text::{tidy, CharIndex};
use crate::model::Heading;

/// The label of a heading; the title is the rest of the line.
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\**(?:(?P<roman>[IVX]{1,4})[ \t]*[.\-–]|(?P<num>[0-9]{1,2}(?:\.[0-9]{1,2}){0,2})\.?|(?P<letter>[a-zđ])\))[ \t]+",
    )
    .unwrap()
});

/// Longest heading title kept; numbered paragraphs can be whole sentences.
const MAX_TITLE_CHARS: usize = 160;

/// Headings in `text[range]`, in order.
pub(crate) fn find(text: &str, range: (usize, usize), index: &CharIndex) -> Vec<Heading> {
    let mut out = Vec::new();
    let mut pos = range.0;
    for raw in text[range.0..range.1].split_inclusive('\n') {
        let lead = raw.len() - raw.trim_start().len();
        let line = raw.trim();
        let first = line.as_bytes().first().copied().unwrap_or(b' ');
        // Cheap test first: most lines cannot be headings.
        if first.is_ascii_digit()
            || b"IVX*abcdeghiklmnopqrstuvxy".contains(&first)
            || line.starts_with('đ')
        {
            if let Some(c) = HEADING.captures(line) {
                let (level, label) = if let Some(r) = c.name("roman") {
                    (1, r.as_str().to_string())
                } else if let Some(n) = c.name("num") {
                    let label = n.as_str().to_string();
                    (1 + label.split('.').count() as u8, label)
                } else {
                    (4, c["letter"].to_string())
                };
                // A number alone ("2021.") or a year-like label is not a heading.
                let valid = !(label.len() == 4 && label.chars().all(|c| c.is_ascii_digit()))
                    && line.len() > c.get(0).map_or(0, |m| m.end());
                if valid {
                    // Only the head of a long line is read: the title is cut anyway.
                    let rest = &line[c.get(0).map_or(line.len(), |m| m.end())..];
                    let rest = &rest[..super::text::floor_boundary(rest, MAX_TITLE_CHARS * 4)];
                    let title: String = tidy(rest).chars().take(MAX_TITLE_CHARS).collect();
                    out.push(Heading {
                        level,
                        label,
                        title,
                        offset: index.char_at(pos + lead),
                    });
                }
            }
        }
        pos += raw.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_from_labels() {
        let t = "I. MỤC ĐÍCH\n1. Mục đích\n1.1. Nội dung\n1.1.1. Chi tiết\na) Điểm một\n- gạch đầu dòng\n II- NHIỆM VỤ\n2\n";
        let idx = CharIndex::new(t);
        let got: Vec<_> = find(t, (0, t.len()), &idx)
            .into_iter()
            .map(|h| (h.level, h.label, h.title))
            .collect();
        assert_eq!(
            got,
            vec![
                (1, "I".into(), "MỤC ĐÍCH".into()),
                (2, "1".into(), "Mục đích".into()),
                (3, "1.1".into(), "Nội dung".into()),
                (4, "1.1.1".into(), "Chi tiết".into()),
                (4, "a".into(), "Điểm một".into()),
                (1, "II".into(), "NHIỆM VỤ".into()),
            ]
        );
    }
}
