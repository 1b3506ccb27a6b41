//! The case of a lost first letter ("Đảng" or "đảng"): counts of how texts
//! write each syllable beside its neighbours, and the sentence, paragraph
//! and quotation starts that take a capital whatever the counts say.

use super::*;

/// Weight of the document's own case counts against the background's: a
/// document writes "Đảng"/"đảng" its own way beside the same words
/// (5 → 20 took the "đ ă â" set from 98.04 % to 98.13 % on the fixtures).
const CASE_DOC_WEIGHT: f64 = 20.0;

/// How often syllables are written with a capital, alone and beside each
/// neighbour: a lost first letter ("Đ" of "Đảng") takes the case the texts
/// use in the same place ("Ban Thường vụ Đảng ủy", "tổ chức đảng"). The
/// document keeps its own; the syllable model keeps those of its corpus.
#[derive(Debug, Default, Clone)]
pub(crate) struct CaseCounts {
    /// Lower-case key -> [lower-case count, capitalised count].
    pub(super) unigrams: FastMap<String, [u32; 2]>,
    /// "prev word" -> case counts of `word` after `prev`.
    pub(super) bigrams: FastMap<String, [u32; 2]>,
    /// "word next" -> case counts of `word` before `next`.
    pub(super) followed: FastMap<String, [u32; 2]>,
    /// "word next next2" -> case counts of `word` before the two
    /// ("Đảng bộ Khối", "đảng bộ cơ").
    followed2: FastMap<String, [u32; 2]>,
    /// "prev word next" -> case counts of `word` between the two: the
    /// narrowest context, weighed with the others ("Điều lệ Đảng;" though
    /// "đảng" before a mark is mostly small).
    pub(super) around: FastMap<String, [u32; 2]>,
}

/// Count one more `which` (0 lower case, 1 capitalised) for `key`,
/// allocating the key only the first time it is seen.
fn bump(map: &mut FastMap<String, [u32; 2]>, key: &str, which: usize) {
    match map.get_mut(key) {
        Some(c) => c[which] += 1,
        None => {
            let mut c = [0; 2];
            c[which] = 1;
            map.insert(key.to_string(), c);
        }
    }
}

/// Row kinds of the case counts in the table format.
const CASE_ROWS: [&str; 5] = ["cu", "cb", "cf", "cg", "ca"];

impl CaseCounts {
    pub(super) fn of(text: &str) -> Self {
        let mut c = CaseCounts::default();
        c.observe(text);
        c
    }

    /// Add the case counts of `text`.
    pub(crate) fn observe(&mut self, text: &str) {
        let ws = words(text);
        // The last two words of the current run (spaced, valid), each with
        // its case, None when it opened a sentence or a line.
        let mut run: Vec<(String, Option<usize>)> = Vec::new();
        let mut key = String::new();
        for (k, w) in ws.iter().enumerate() {
            let word = &text[w.start..w.end];
            // Headings in capitals ("MỤC ĐÍCH") say nothing of case either.
            if !is_valid(word) || is_caps_word(word) {
                run.clear();
                continue;
            }
            let lower = word.to_lowercase();
            let title = word.chars().next().is_some_and(char::is_uppercase) as usize;
            // A capital that opens a sentence or a line says nothing of the word.
            let before = text[..w.start].trim_end_matches(' ');
            let opens = starts_sentence(before) || before.ends_with('\n');
            if !opens {
                bump(&mut self.unigrams, &lower, title);
            }
            // Keys are built in one buffer and copied only when new: the
            // archive-wide model counts every clean line of an import here.
            if !spaced(text, &ws, k) && !run.is_empty() {
                // Punctuation between: it is the next word of the run
                // ("đảng bộ, chi bộ" is lower case before a comma).
                self.push_to_run(&mut run, &mut key, BOUNDARY.to_string(), None);
            }
            self.push_to_run(&mut run, &mut key, lower, (!opens).then_some(title));
        }
    }

    /// Count `token` after the last two of `run` and push it: the case of
    /// each of those beside it, and the token's own `case` (None when it
    /// says nothing: a boundary, a word opening a sentence) after the
    /// previous one.
    fn push_to_run(
        &mut self,
        run: &mut Vec<(String, Option<usize>)>,
        key: &mut String,
        token: String,
        case: Option<usize>,
    ) {
        if let Some((p, prev_case)) = run.last() {
            join_key(key, &[p, &token]);
            if let Some(t) = case {
                bump(&mut self.bigrams, key, t);
            }
            if let Some(t) = *prev_case {
                bump(&mut self.followed, key, t);
            }
        }
        if let [(a, first), (b, middle)] = run.as_slice() {
            join_key(key, &[a, b, &token]);
            if let Some(t) = *first {
                bump(&mut self.followed2, key, t);
            }
            if let Some(t) = *middle {
                bump(&mut self.around, key, t);
            }
        }
        if run.len() == 2 {
            run.remove(0);
        }
        run.push((token, case));
    }

    /// Add `other`'s counts (see [`SyllableModel::merge`]).
    pub(crate) fn merge(&mut self, other: &CaseCounts, max_keys: usize) {
        use crate::repair::model::add_counts;
        add_counts(&mut self.unigrams, &other.unigrams, max_keys);
        add_counts(&mut self.bigrams, &other.bigrams, max_keys);
        add_counts(&mut self.followed, &other.followed, max_keys);
        add_counts(&mut self.followed2, &other.followed2, max_keys);
        add_counts(&mut self.around, &other.around, max_keys);
    }

    /// Rows of the table format: `cu|cb|cf|cg|ca<TAB>key<TAB>lower/capitalised`.
    pub(crate) fn rows(&self) -> impl Iterator<Item = String> + '_ {
        [
            &self.unigrams,
            &self.bigrams,
            &self.followed,
            &self.followed2,
            &self.around,
        ]
        .into_iter()
        .zip(CASE_ROWS)
        .flat_map(move |(map, kind)| {
            map.iter()
                .filter(move |(k, _)| kind != "ca" || self.mixed_case_middle(k))
                .map(move |(k, [l, u])| format!("{kind}\t{k}\t{l}/{u}"))
        })
    }

    /// Is the middle word of a "prev word next" key written both ways? The
    /// narrow context of a word always written one way adds nothing, and
    /// would make the built-in table half as big again.
    fn mixed_case_middle(&self, key: &str) -> bool {
        key.split(' ')
            .nth(1)
            .and_then(|w| self.unigrams.get(w))
            .is_some_and(|[l, u]| *l > 0 && *u > 0)
    }

    /// Read one row of [`CaseCounts::rows`]; false when `kind` is not a case row.
    pub(crate) fn read_row(&mut self, kind: &str, key: &str, count: &str) -> Result<bool, String> {
        let Some(k) = CASE_ROWS.iter().position(|&r| r == kind) else {
            return Ok(false);
        };
        let (l, u) = count
            .split_once('/')
            .ok_or_else(|| format!("case counts {count:?}: expected lower/capitalised"))?;
        let n = |x: &str| x.parse::<u32>().map_err(|e| format!("case count: {e}"));
        let counts = [n(l)?, n(u)?];
        match k {
            0 => self.unigrams.insert(key.to_string(), counts),
            1 => self.bigrams.insert(key.to_string(), counts),
            2 => self.followed.insert(key.to_string(), counts),
            3 => self.followed2.insert(key.to_string(), counts),
            _ => self.around.insert(key.to_string(), counts),
        };
        Ok(true)
    }
}

/// Capitalise `lower` between `prev` and `next`? The document's counts
/// (weighted) and the background's, beside the previous word and beside the
/// next one; the syllable alone only when neither neighbour says. None when
/// nothing says.
fn title_case(
    doc: &CaseCounts,
    base: &CaseCounts,
    prev: Option<&str>,
    lower: &str,
    next: Option<&str>,
    next2: Option<&str>,
) -> Option<bool> {
    let get = |map: fn(&CaseCounts) -> &FastMap<String, [u32; 2]>, key: &str| -> [f64; 2] {
        let d = map(doc).get(key).copied().unwrap_or_default();
        let b = map(base).get(key).copied().unwrap_or_default();
        [
            CASE_DOC_WEIGHT * d[0] as f64 + b[0] as f64,
            CASE_DOC_WEIGHT * d[1] as f64 + b[1] as f64,
        ]
    };
    let log_odds = |n: [f64; 2]| ((n[1] + 0.5) / (n[0] + 0.5)).ln();
    let mut evidence = 0.0;
    if let (Some(p), Some(x)) = (prev, next) {
        let key = format!("{p} {lower} {x}");
        let n = get(|c| &c.around, &key);
        // As the built-in table keeps them: only for words written both ways.
        if n[0] + n[1] > 0.0 && base.mixed_case_middle(&key) {
            evidence += log_odds(n);
        }
    }
    let mut seen = false;
    if let Some(p) = prev {
        let n = get(|c| &c.bigrams, &format!("{p} {lower}"));
        if n[0] + n[1] > 0.0 {
            evidence += log_odds(n);
            seen = true;
        }
    }
    if let Some(x) = next {
        // The next two words when they were seen, else the next one.
        let n = next2
            .map(|y| get(|c| &c.followed2, &format!("{lower} {x} {y}")))
            .filter(|n| n[0] + n[1] > 0.0)
            .unwrap_or_else(|| get(|c| &c.followed, &format!("{lower} {x}")));
        if n[0] + n[1] > 0.0 {
            evidence += log_odds(n);
            seen = true;
        }
    }
    if !seen {
        let n = get(|c| &c.unigrams, lower);
        if n[0] + n[1] > 0.0 {
            evidence = log_odds(n);
        }
    }
    (evidence != 0.0).then_some(evidence > 0.0)
}

/// Does a word after `before` (trailing spaces trimmed) open a sentence or
/// a bullet ("- ", "+ ", "**" bold and quotes aside)?
pub(super) fn starts_sentence(before: &str) -> bool {
    let trimmed = before.trim_end_matches(['*', '"', '“', '‘', ' ']);
    let line = trimmed.rsplit('\n').next().unwrap_or("").trim_start();
    trimmed.is_empty()
        || trimmed.ends_with(['.', '!', '?'])
        || is_list_mark(line)
        || is_enumerator(line)
        || opens_paragraph(trimmed)
        || opens_quotation(before)
}

/// A list item's mark on its own: "-", "+", "*", "•".
pub(super) fn is_list_mark(line: &str) -> bool {
    matches!(line, "-" | "+" | "*" | "•")
}

/// An item label on its own: "a)", "(1)", "2)".
pub(super) fn is_enumerator(line: &str) -> bool {
    line.strip_suffix(')').is_some_and(|l| {
        let l = l.strip_prefix('(').unwrap_or(l);
        (1..=2).contains(&l.chars().count())
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == 'đ')
    })
}

/// Does a line start after `before` (spaces and marks trimmed) open a
/// paragraph: after a line that ends a sentence or a heading in capitals
/// ("CỘNG HÒA ... VIỆT NAM" above "Độc lập")? A line after one ending
/// mid-sentence is a hard wrap, blank lines between or not (extracted
/// text often has them): the counts decide.
pub(super) fn opens_paragraph(before: &str) -> bool {
    if !before.ends_with('\n') {
        return false;
    }
    let Some(last) = before
        .split('\n')
        .rev()
        .map(str::trim)
        .find(|l| !l.is_empty())
    else {
        return false;
    };
    last.ends_with(['.', '!', '?', ':'])
        || (last.chars().any(char::is_alphabetic) && !last.chars().any(char::is_lowercase))
}

/// Does a line start after `before` follow a numbered heading ("2. Chỉ
/// tiêu cụ thể", "a) Nhiệm vụ")? A heading line ends its paragraph though
/// it has no full stop; a numbered paragraph that was hard-wrapped looks
/// the same but runs to the text's width, so the heading must be short
/// beside the lines around it (`line`, the one being read, included).
pub(super) fn follows_heading(before: &str, line: &str) -> bool {
    if !before.ends_with('\n') {
        return false;
    }
    let mut lines = before
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .rev();
    let Some(heading) = lines.next() else {
        return false;
    };
    let len = |l: &str| l.chars().count();
    let width = lines.take(6).map(len).fold(len(line.trim()), usize::max);
    starts_with_label(heading)
        && !heading.ends_with([',', ';', '-'])
        && 10 * len(heading) < 6 * width
}

/// A section label and a space: "2. ", "3.2. ", "IV. ", "a) ", "(1) ".
fn starts_with_label(line: &str) -> bool {
    let Some((label, _)) = line.split_once(' ') else {
        return false;
    };
    if let Some(l) = label.strip_suffix(')') {
        return is_enumerator(label) || l.chars().all(|c| c.is_ascii_digit()) && !l.is_empty();
    }
    let Some(l) = label.strip_suffix('.') else {
        return false;
    };
    let numbered = l
        .split('.')
        .all(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    let roman = !l.is_empty() && l.chars().all(|c| "IVXLC".contains(c));
    numbered || roman
}

/// Does a word after `before` open a quotation (“Học tập...", "*Đảng viên
/// đi trước*")? Quoted titles and slogans start with a capital.
fn opens_quotation(before: &str) -> bool {
    let b = before.trim_end_matches(['*', ' ']);
    let Some(quote) = b.chars().next_back() else {
        return false;
    };
    let ahead = b[..b.len() - quote.len_utf8()].chars().next_back();
    quote == '“' || (quote == '"' && ahead.is_none_or(|c| c.is_whitespace() || "(,:;".contains(c)))
}

/// The candidate's text, with a filled first letter in the case the
/// document uses there (or a capital at a sentence start).
pub(super) fn case_of_initial(
    c: &Candidate,
    text: &str,
    case: &CaseCounts,
    base: &CaseCounts,
) -> String {
    let rest_lower = c.text.chars().skip(1).any(char::is_lowercase);
    // The first letter was lost, with its space or without: "vụ  ảng",
    // "vụ ảng" (Đảng).
    // One letter or more ("ng ký" = đăng ký, "m tạo" = ươm tạo).
    let initial_fill = c.text.to_lowercase().starts_with(&c.fill) && c.first == c.last && {
        let original = text[c.start..c.end].trim_start();
        let mut filled = c.text.chars();
        filled.by_ref().take(c.fill.chars().count()).for_each(drop);
        filled.as_str() == original
    };
    if !initial_fill || !rest_lower {
        return c.text.clone();
    }
    let lower = c.text.to_lowercase();
    let before = text[..c.start].trim_end_matches(' ');
    let prev = before
        .rsplit(|ch: char| !is_letter(ch))
        .next()
        .filter(|w| {
            !w.is_empty() && is_valid(w) && text[before.len()..c.start].chars().all(|c| c == ' ')
        })
        .map(str::to_lowercase)
        .or_else(|| {
            // Punctuation before (not a sentence end): the boundary token.
            before
                .ends_with([',', ';', ':', '(', ')', '"', '“', '”', '-'])
                .then(|| BOUNDARY.to_string())
        });
    // A sentence or a bullet starts with a capital whatever the counts say;
    // at a line start (hard-wrapped text breaks sentences) or after a colon
    // the counts decide first.
    let line = text[c.start..].split('\n').next().unwrap_or("");
    let sentence_start = starts_sentence(before) || follows_heading(before, line);
    let maybe_start = before.ends_with(['\n', ':']);
    let after = &text[c.end..];
    // The next word, and the one after it, each after one space; a
    // punctuation mark instead is the boundary token.
    let next_word = |after: &str| -> Option<(String, usize)> {
        if after.starts_with([',', ';', ':', '.', ')', '(', '"', '“', '”']) {
            return Some((BOUNDARY.to_string(), after.len()));
        }
        let a = after.strip_prefix(' ')?;
        let w = a.split(|ch: char| !is_letter(ch)).next()?;
        (!w.is_empty() && is_valid(w)).then(|| (w.to_lowercase(), 1 + w.len()))
    };
    let next = next_word(after);
    let next2 = next
        .as_ref()
        .and_then(|(_, len)| next_word(&after[*len..]))
        .map(|(w, _)| w);
    let next = next.map(|(w, _)| w);
    let title = sentence_start
        || title_case(
            case,
            base,
            prev.as_deref(),
            &lower,
            next.as_deref(),
            next2.as_deref(),
        )
        .unwrap_or(maybe_start);
    if title {
        let mut cs = lower.chars();
        cs.next()
            .map(|f| f.to_uppercase().chain(cs).collect())
            .unwrap_or(lower)
    } else {
        lower
    }
}
