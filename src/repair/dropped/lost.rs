//! One-letter syllables ("ý", "ở") lost whole, leaving only their spaces:
//! "giáo dục   nghĩa" = giáo dục ý nghĩa.

use super::*;

/// Syllables someone writes made only of letters a font can lose: of one
/// letter ("ý", "ở") and of two ("đó", "đã", "để").
fn lost_whole(letters: usize) -> &'static [String] {
    static LISTS: OnceLock<[Vec<String>; 2]> = OnceLock::new();
    let lists = LISTS.get_or_init(|| {
        let written = |s: &String| is_valid(s) && is_attested(s);
        let one: Vec<String> = fill_letters().iter().map(|x| x.to_string()).collect();
        let two: Vec<String> = fill_letters()
            .iter()
            .flat_map(|x| fill_letters().iter().map(move |y| format!("{x}{y}")))
            .filter(written)
            .collect();
        [one.into_iter().filter(written).collect(), two]
    });
    &lists[letters - 1]
}

/// Candidates for a syllable of `letters` letters lost whole: each one
/// someone writes, its first letter a capital when `upper` (all of it when
/// `caps`), put into `joined` and covering `start..end` (words
/// `first..=last`).
fn add_lost_syllables(
    cands: &mut Vec<Candidate>,
    (start, end): (usize, usize),
    (first, last): (usize, usize),
    (letters, upper, caps): (usize, bool, bool),
    joined: impl Fn(&str) -> String,
) {
    for x in lost_whole(letters) {
        let cased = if caps {
            x.to_uppercase()
        } else if upper {
            let mut cs = x.chars();
            cs.next()
                .map(|f| f.to_uppercase().chain(cs).collect())
                .unwrap_or_default()
        } else {
            x.clone()
        };
        add(cands, start, end, first, last, joined(&cased), x.clone());
    }
}

/// A syllable whose letters were all lost leaves their spaces and its own
/// between two words: "và   nghĩa" = và ý nghĩa, "trong    nâng" = trong
/// đó nâng. Candidates span both words, the syllable between them.
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
    let gap = &text[w.end..next.start];
    let letters = match gap {
        "   " => 1,
        "    " => 2,
        _ => return,
    };
    let (word, right) = (&text[w.start..w.end], &text[next.start..next.end]);
    if !is_valid(right) {
        return;
    }
    let shape = (letters, upper, upper);
    add_lost_syllables(cands, (w.start, next.end), (i, i + 1), shape, |x| {
        format!("{word} {x} {right}")
    });
}

/// The same before a number or a mark: "là   9 chi bộ" (là ở 9), "góp  ,"
/// (góp ý,). The syllable joins the word before it.
fn vanished_before_number_or_mark(
    i: usize,
    w: Word,
    text: &str,
    upper: bool,
    cands: &mut Vec<Candidate>,
) {
    let after = &text[w.end..];
    let rest = after.trim_start_matches(' ');
    let spaces = after.len() - rest.len();
    let letters = if rest.starts_with(|c: char| c.is_ascii_digit()) {
        spaces.saturating_sub(2)
    } else if rest.starts_with([',', '.', ';', ':', ')']) {
        spaces.saturating_sub(1)
    } else {
        0
    };
    if !(1..=2).contains(&letters) {
        return;
    }
    let word = &text[w.start..w.end];
    let shape = (letters, upper, upper);
    add_lost_syllables(cands, (w.start, w.end + letters + 1), (i, i), shape, |x| {
        format!("{word} {x}")
    });
}

/// How many letters a syllable lost whole before a word had, if `before`
/// ends as that leaves it: its letter's space and its own at a line start
/// or after an opening mark ("“  tưởng"); its letters' spaces and two after
/// a mark a space follows (",   chí", ",    nghị" = Đề nghị, "dân”   khu",
/// "86%   kiến", "biển.   nhiều") or a number.
pub(super) fn lost_syllable_before(before: &str) -> Option<usize> {
    let trimmed = before.trim_end_matches(' ');
    let spaces = before.len() - trimmed.len();
    // At a line start only one letter: three spaces there are an indent.
    let letters = match trimmed.chars().next_back() {
        None | Some('\n' | '(' | '“') => usize::from(spaces == 2),
        Some('"') if !closes_previous(trimmed) => usize::from(spaces == 2),
        Some(c) if c == '"' || closes_previous(trimmed) => spaces.saturating_sub(2),
        Some(_) => 0,
    };
    (1..=2).contains(&letters).then_some(letters)
}

/// The same at a line start or after punctuation: "\n  nghĩa" and
/// ",   chí" (ý nghĩa, ý chí). The syllable comes before the word, its case
/// that of a sentence start.
pub(super) fn vanished_before(i: usize, ws: &[Word], text: &str, cands: &mut Vec<Candidate>) {
    let w = ws[i];
    let before = &text[..w.start];
    let Some(letters) = lost_syllable_before(before) else {
        return;
    };
    let upper = starts_sentence(before);
    let word = &text[w.start..w.end];
    let shape = (letters, upper, false);
    add_lost_syllables(cands, (w.start - letters - 1, w.end), (i, i), shape, |x| {
        format!("{x} {word}")
    });
}
