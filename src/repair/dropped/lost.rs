//! One-letter syllables ("ý", "ở") lost whole, leaving only their spaces:
//! "giáo dục   nghĩa" = giáo dục ý nghĩa.

use super::*;

/// Candidates for a one-letter syllable lost whole ("ý", "ở"): each one
/// someone writes, in capitals when `upper`, put into `joined` and covering
/// `start..end` (words `first..=last`).
fn add_lost_syllables(
    cands: &mut Vec<Candidate>,
    (start, end): (usize, usize),
    (first, last): (usize, usize),
    upper: bool,
    joined: impl Fn(char) -> String,
) {
    for &x in fill_letters() {
        let x = if upper {
            x.to_uppercase().next().unwrap_or(x)
        } else {
            x
        };
        let mut one = [0u8; 4];
        let alone = x.encode_utf8(&mut one);
        if is_valid(alone) && is_attested(alone) {
            add(
                cands,
                start,
                end,
                first,
                last,
                joined(x),
                x.to_lowercase().collect(),
            );
        }
    }
}

/// A one-letter syllable ("ý", "ở") whose only letter was lost leaves three
/// spaces between two words: "và   nghĩa" = và ý nghĩa. Candidates span
/// both words, the letter between them.
pub(super) fn vanished_syllables(
    i: usize,
    ws: &[Word],
    text: &str,
    upper: bool,
    cands: &mut Vec<Candidate>,
) {
    let w = ws[i];
    vanished_before_number_or_mark(i, w, text, upper, cands);
    let Some(&next) = ws.get(i + 1) else { return };
    if &text[w.end..next.start] != "   " {
        return;
    }
    let (word, right) = (&text[w.start..w.end], &text[next.start..next.end]);
    if !is_valid(right) {
        return;
    }
    add_lost_syllables(cands, (w.start, next.end), (i, i + 1), upper, |x| {
        format!("{word} {x} {right}")
    });
}

/// The same before a number or a mark: "là   9 chi bộ" (là ở 9), "góp  ,"
/// (góp ý,). The letter joins the word before it.
fn vanished_before_number_or_mark(
    i: usize,
    w: Word,
    text: &str,
    upper: bool,
    cands: &mut Vec<Candidate>,
) {
    let after = &text[w.end..];
    let fits = after
        .strip_prefix("   ")
        .is_some_and(|a| a.starts_with(|c: char| c.is_ascii_digit()))
        || after
            .strip_prefix("  ")
            .is_some_and(|a| a.starts_with([',', '.', ';', ':', ')']));
    if !fits {
        return;
    }
    let word = &text[w.start..w.end];
    add_lost_syllables(cands, (w.start, w.end + 2), (i, i), upper, |x| {
        format!("{word} {x}")
    });
}

/// Does `before` end as a lost one-letter syllable leaves it: two spaces
/// at a line start or after an opening mark ("“  tưởng"), three after a
/// mark a space follows (",   chí", "dân”   khu", "86%   kiến", "biển.
/// nhiều") or a number?
pub(super) fn lost_syllable_before(before: &str) -> bool {
    let trimmed = before.trim_end_matches(' ');
    let spaces = before.len() - trimmed.len();
    match trimmed.chars().next_back() {
        None | Some('\n' | '(' | '“') => spaces == 2,
        Some('"') if !closes_previous(trimmed) => spaces == 2,
        Some(c) => spaces == 3 && (c == '"' || closes_previous(trimmed)),
    }
}

/// The same at a line start or after punctuation: "\n  nghĩa" and
/// ",   chí" (ý nghĩa, ý chí). The letter comes before the word, its case
/// that of a sentence start.
pub(super) fn vanished_before(i: usize, ws: &[Word], text: &str, cands: &mut Vec<Candidate>) {
    let w = ws[i];
    let before = &text[..w.start];
    if !lost_syllable_before(before) {
        return;
    }
    let upper = starts_sentence(before);
    let word = &text[w.start..w.end];
    add_lost_syllables(cands, (w.start - 2, w.end), (i, i), upper, |x| {
        format!("{x} {word}")
    });
}
