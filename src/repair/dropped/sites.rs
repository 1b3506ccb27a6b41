//! Where a letter was lost, and what could fill it: each broken word (or
//! suspicious valid one) becomes a [`Site`] with its [`Candidate`] fills,
//! joining fragments ("c ng"), filling an edge ("  ng"), inserting a letter
//! ("cng") or a syllable lost whole.

use super::*;

/// Longest word we try to insert a letter into.
const MAX_INSERT_LETTERS: usize = 6;

/// "m" after a number may be "mô" that lost its vowel ("05 m hình" = 05
/// mô hình): a site whose fills must make a pair the counts have seen with
/// the next word, so that "500 m đường" stays.
fn unit_site(text: &str, ws: &[Word], i: usize) -> Option<Site> {
    let w = ws[i];
    let next = ws.get(i + 1)?;
    let right = &text[next.start..next.end];
    // One space, or two when the lost vowel left its own.
    let gap = &text[w.end..next.start];
    let prose = (gap == " " || gap == "  ") && is_valid(right) && !in_code(text, *next);
    if &text[w.start..w.end] != "m" || !prose {
        return None;
    }
    let end = w.end + gap.len() - 1;
    let mut cands = Vec::new();
    fills("m", "", 1, false, |s, f| {
        add(&mut cands, w.start, end, i, i, s, f)
    });
    for c in &mut cands {
        c.pair = Pair::Telling;
    }
    Some(Site {
        word: i,
        keep: false,
        strict: true,
        shape_only: false,
        traceless: false,
        candidates: cands,
    })
}

/// A pair a fill must form with a neighbour, when the word may be meant as
/// written (see [`drop_unpaired`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Pair {
    /// None: the word is broken.
    Free,
    /// One the corpus has seen: an abbreviation ("TM." beside "TNH" of
    /// "TÌNH HÌNH"), a name ("Sín" beside "Thưng" of "Thường").
    Seen,
    /// One that tells: a pair making a good share of either word's uses
    /// ("mô hình", "kế hoạch"), for a letter written on purpose beside
    /// numbers and labels ("5 m và", "nhóm B còn", "Căn cứ K hoạch").
    Telling,
}

/// Share of its words' uses a pair must make to be [`Pair::Telling`]:
/// "đô thị" makes 15 % of "thị", "mơ và" 0.02 % of "và".
const TELLING_SHARE: f64 = 0.05;

#[derive(Debug, Clone)]
pub(super) struct Candidate {
    pub(super) start: usize,
    pub(super) end: usize,
    /// Index range of the words it replaces.
    pub(super) first: usize,
    pub(super) last: usize,
    /// The replacement, with letter case.
    pub(super) text: String,
    /// The letter(s) filled in, lower case.
    pub(super) fill: String,
    /// It leaves a lost letter's space next to it unexplained.
    pub(super) leaves_trace: bool,
    /// What the word, which may be meant as written, asks of a fill's pair
    /// with a neighbour (see [`Pair`]).
    pub(super) pair: Pair,
    /// `text` in lower case, for the counts.
    pub(super) lower: String,
}

/// Flag the candidates that leave such a space beside them.
fn mark_traces(text: &str, cands: &mut [Candidate]) {
    for c in cands {
        c.leaves_trace = trace_outside(text, c.start, c.end);
    }
}

pub(super) struct Site {
    pub(super) word: usize,
    /// The word is valid on its own, so leaving it is an option.
    pub(super) keep: bool,
    /// A wrong fill would be costly (a lone letter may be meant): fill only
    /// with the confidence a valid word needs.
    pub(super) strict: bool,
    /// The word is only an unattested shape ("ảng"), with no lost letter's
    /// space beside it: no evidence of damage on its own.
    pub(super) shape_only: bool,
    /// A word with a vowel whose every fill only puts a letter inside it
    /// ("ngi" of "người", "chip"): no lost letter's space, nothing but its
    /// shape says it is broken, and a loanword or a name looks the same
    /// (see [`super::shows_damage`]). A word with no vowel ("cng", "v") is
    /// broken whatever the rest.
    pub(super) traceless: bool,
    pub(super) candidates: Vec<Candidate>,
}

/// Build `left + fill + right` for every fill letter(s) that makes a valid
/// syllable, with the fill's case following its neighbours.
fn fills(left: &str, right: &str, n: usize, upper: bool, mut push: impl FnMut(String, String)) {
    let mut buf = String::with_capacity(left.len() + right.len() + 8);
    let mut try_one = |fill: &str, push: &mut dyn FnMut(String, String)| {
        buf.clear();
        buf.push_str(left);
        buf.push_str(fill);
        buf.push_str(right);
        // A capital after a small letter ("qu" + "á" + "I" of "quý I")
        // joins two words that are not one.
        if is_valid(&buf) && !capital_after_small(&buf) {
            push(buf.clone(), fill.to_lowercase());
        }
    };
    let case = |c: char| {
        if upper {
            c.to_uppercase().next().unwrap_or(c)
        } else {
            c
        }
    };
    for &x in fill_letters() {
        if n == 1 {
            try_one(&case(x).to_string(), &mut push);
        } else {
            for &y in fill_letters() {
                let s: String = [case(x), case(y)].iter().collect();
                try_one(&s, &mut push);
            }
        }
    }
}

pub(super) fn add(
    cands: &mut Vec<Candidate>,
    start: usize,
    end: usize,
    first: usize,
    last: usize,
    text: String,
    fill: String,
) {
    cands.push(Candidate {
        start,
        end,
        first,
        last,
        lower: text.to_lowercase(),
        text,
        fill,
        leaves_trace: false,
        pair: Pair::Free,
    });
}

/// Sites of `text`. Unattested shapes are sites only with `unattested_too`:
/// the quick scan leaves them out, since a text whose only oddity is a rare
/// word (a name, a term the list lacks) is not a broken one, and looking
/// every word up would slow the clean-text path. With `inside_too`, for a
/// font that leaves no space, a letter put inside a word is a reading even
/// when its edges have others ("nh" of ", nhà thầu" is "nhà" as well as
/// "ảnh").
pub(super) fn sites(text: &str, ws: &[Word], unattested_too: bool, inside_too: bool) -> Vec<Site> {
    let mut out = Vec::new();
    for (i, &w) in ws.iter().enumerate() {
        let word = &text[w.start..w.end];
        let keep = is_valid(word);
        if is_unit(text, w) {
            out.extend(unit_site(text, ws, i));
            continue;
        }
        if in_code(text, w)
            || is_times_sign(text, w)
            || is_label(text, ws, i)
            || is_abbreviation(text, ws, i)
        {
            continue;
        }
        let before = &text[..w.start];
        let after = &text[w.end..];
        // A well-formed shape no one writes ("ảng" of "đảng") is a site like
        // a broken word, but leaving it stays an option.
        // A capitalised rare shape mid-sentence is a name ("Bun Pi Mày"):
        // a word that lost its first letter starts in lower case.
        // Unless the fill forms a pair the corpus has seen ("Ban Thưng vụ"
        // = Ban Thường vụ).
        // The quick scan looks up only words that start with a vowel: a
        // first "đ" lost without a space ("ảng", "ạo", "ịnh") leaves them.
        let looked_up = unattested_too || starts_with_a_vowel(word);
        let unattested = looked_up && keep && is_unattested_shape(word);
        let name_like = unattested && is_title_word(word) && !starts_sentence(before);
        if keep && !is_fragment_word(word) && !unattested {
            // A whole syllable may still have lost its first or last letter
            // ("Đảng  y" = Đảng ủy, "MỤC  ÍCH" = MỤC ĐÍCH): the extra space
            // mid-line is the trace.
            if let Some(site) = edge_site(i, w, word, before, after, ws, text) {
                out.push(site);
            }
            continue;
        }
        let gap_before = i.checked_sub(1).map(|p| &text[ws[p].end..w.start]);
        let gap_after = ws.get(i + 1).map(|n| &text[w.end..n.start]);
        let neighbours_caps = neighbours_in_caps(text, ws, i);
        let mut cands = Vec::new();

        // A word of a code ("48-KH/TU") is never half of a syllable.
        let prose = |j: &Word| !in_code(text, *j);
        if let (Some(" "), Some(next)) = (gap_after, ws.get(i + 1).filter(|n| prose(n))) {
            let right = &text[next.start..next.end];
            let up = upper_fill(&format!("{word}{right}"), neighbours_caps);
            fills(word, right, 1, up, |s, f| {
                add(&mut cands, w.start, next.end, i, i + 1, s, f)
            });
        }
        if let (Some(" "), Some(p)) = (gap_before, i.checked_sub(1).filter(|&p| prose(&ws[p]))) {
            let prev = ws[p];
            let left = &text[prev.start..prev.end];
            let up = upper_fill(&format!("{left}{word}"), neighbours_caps);
            fills(left, word, 1, up, |s, f| {
                add(&mut cands, prev.start, w.end, p, i, s, f)
            });
        }
        // The same two letters seen from the right-hand word ("ph  ng"):
        // without it the site of "ng" knows only fills that leave "ph"
        // broken ("ph ưng").
        if let (Some("  "), Some(p)) = (gap_before, i.checked_sub(1).filter(|&p| prose(&ws[p]))) {
            let prev = ws[p];
            let left = &text[prev.start..prev.end];
            if !is_valid(left) || !keep {
                let up = upper_fill(&format!("{left}{word}"), neighbours_caps);
                fills(left, word, 2, up, |s, f| {
                    add(&mut cands, prev.start, w.end, p, i, s, f)
                });
            }
        }
        if let (Some("  "), Some(next)) = (gap_after, ws.get(i + 1).filter(|n| prose(n))) {
            let right = &text[next.start..next.end];
            if !is_valid(right) || !keep {
                let up = upper_fill(&format!("{word}{right}"), neighbours_caps);
                fills(word, right, 2, up, |s, f| {
                    add(&mut cands, w.start, next.end, i, i + 1, s, f)
                });
            }
        }
        // Two letters lost at the start or the end, each leaving its
        // space: "Trung   ng" (ương), "c   tỉnh" (của).
        if gap_before == Some("   ") && !keep {
            let up = upper_fill(word, neighbours_caps);
            fills("", word, 2, up, |s, f| {
                add(&mut cands, w.start - 2, w.end, i, i, s, f)
            });
        }
        if gap_after == Some("   ") && !keep {
            let up = upper_fill(word, neighbours_caps);
            fills(word, "", 2, up, |s, f| {
                add(&mut cands, w.start, w.end + 2, i, i, s, f)
            });
        }
        if after.starts_with(' ') && !after[1..].starts_with(is_letter) {
            // Before "(", a quote or a number the space is the separator
            // itself: the fill keeps it.
            let eat = !opens_next(&after[1..]);
            let up = upper_fill(word, neighbours_caps);
            fills(word, "", 1, up, |s, f| {
                add(&mut cands, w.start, w.end + eat as usize, i, i, s, f)
            });
        }
        // The same after a mark or at a line start: ",   ng ký" (đăng ký).
        if !keep && gap_before != Some("   ") && two_lost_before(before) {
            let up = upper_fill(word, neighbours_caps);
            fills("", word, 2, up, |s, f| {
                add(&mut cands, w.start - 2, w.end, i, i, s, f)
            });
        }
        if before.ends_with(' ') && !before[..before.len() - 1].ends_with(is_letter) {
            // After ",", ";", "." ... the space is the separator itself.
            let eat = !closes_previous(&before[..before.len() - 1]);
            let up = upper_fill(word, neighbours_caps);
            fills("", word, 1, up, |s, f| {
                add(&mut cands, w.start - eat as usize, w.end, i, i, s, f)
            });
        }
        let letters = word.chars().count();
        // A letter lost without a space. A lone letter ("c" of "điểm c")
        // is read so only beside a merge it would otherwise be forced into
        // ("Y t" is "Y tế", not "Yết") or between two words of prose
        // ("đơn vị v chủ đề" = về).
        let lone_reading = (letters == 1 && cands.is_empty())
            .then(|| lone_letter_in_prose(text, ws, i))
            .flatten();
        let lone = lone_reading.is_some();
        // A lone vowel no one writes ("ể" of "để") has lost a letter too.
        // Merges and fills beside the word that no one writes ("ỦYU" of
        // ", YU CẦU") are no reading of it.
        let no_reading = cands.iter().all(|c| !is_attested_lower(&c.lower));
        let insert = if letters == 1 {
            !cands.is_empty() || lone || unattested
        } else {
            (no_reading || inside_too && !keep) && letters <= MAX_INSERT_LETTERS
        };
        // In capitals only within a heading: elsewhere it is an
        // abbreviation ("UBND"). Shorter than three letters, as often one
        // there too ("TM BAN THƯỜNG VỤ"): a fill must make a telling pair
        // ("CH NGHĨA" = CHỦ NGHĨA, "BAN THƯỜNG V" = VỤ).
        let caps = is_caps_word(word);
        let short_caps = caps && letters < 3;
        // The quick scan keeps only sites with a free fill: it skips those
        // (and clean headings are full of them).
        if insert
            && (!keep || unattested)
            && (!caps || neighbours_caps && (!short_caps || unattested_too))
        {
            let up = upper_fill(word, neighbours_caps) && (letters >= 2 || lone);
            let from = cands.len();
            for (k, _) in word
                .char_indices()
                .chain(std::iter::once((word.len(), ' ')))
            {
                fills(&word[..k], &word[k..], 1, up, |s, f| {
                    // The same word read another way (a space eaten, or
                    // in the other case) is one reading, not two splitting
                    // the belief.
                    if !cands
                        .iter()
                        .any(|c| c.first == i && c.last == i && c.lower == s.to_lowercase())
                    {
                        add(&mut cands, w.start, w.end, i, i, s, f)
                    }
                });
            }
            if caps {
                for c in &mut cands[from..] {
                    c.pair = if short_caps {
                        Pair::Telling
                    } else {
                        Pair::Seen
                    };
                }
            }
        }
        if !cands.is_empty() {
            mark_traces(text, &mut cands);
            let need = match lone_reading {
                Some(LoneLetter::MaybeMeant) => Pair::Telling,
                Some(LoneLetter::LikelyBroken) => Pair::Seen,
                _ if name_like => Pair::Seen,
                _ => Pair::Free,
            };
            for c in cands.iter_mut().filter(|c| c.pair == Pair::Free) {
                c.pair = need;
            }
            out.push(Site {
                word: i,
                keep,
                strict: lone,
                shape_only: unattested
                    && !trace_outside(text, w.start, w.end)
                    && !lost_at_a_start(before),
                traceless: !keep
                    && has_vowel(word)
                    && cands.iter().all(|c| {
                        c.first == i && c.last == i && c.start == w.start && c.end == w.end
                    }),
                candidates: cands,
            });
        }
    }
    out
}

/// Does `before` end in the space a first letter lost at a line's start,
/// after a list mark or after an opening mark leaves ("\n ảng bộ", "+ **
/// ối với", "\" iểm nóng\"")? No separator stands there. Emphasis marks
/// of a Word export ("**", "*") are looked through.
fn lost_at_a_start(before: &str) -> bool {
    let Some(b) = before.strip_suffix(' ') else {
        return false;
    };
    let b = b.trim_end_matches(['*', '_']);
    let line = &b[b.rfind('\n').map_or(0, |k| k + 1)..];
    let line = line.trim_end();
    line.is_empty() || is_list_mark(line) || b.ends_with(['"', '“', '‘', '(', '['])
}

/// Does `before` end as two letters lost at a word's start leave it: their
/// two spaces after a mark and its own space (",   ng"), or right after an
/// opening mark or a line start ("(  ng", "\n  ng")?
fn two_lost_before(before: &str) -> bool {
    let Some(b) = before.strip_suffix("  ") else {
        return false;
    };
    match b.strip_suffix(' ') {
        Some(mark) => mark
            .chars()
            .next_back()
            .is_some_and(|c| !c.is_whitespace() && closes_previous(mark)),
        None => b.is_empty() || b.ends_with(['\n', '(', '“']),
    }
}

/// Fills at the edge of a valid word next to a doubled space mid-line.
fn edge_site(
    i: usize,
    w: Word,
    word: &str,
    before: &str,
    after: &str,
    ws: &[Word],
    text: &str,
) -> Option<Site> {
    let mid_line = |s: &str| s.chars().next().is_some_and(|c| c != '\n' && c != '\r');
    let line_start = |s: &str| s.is_empty() || s.ends_with('\n');
    if is_roman_numeral(word) {
        return None;
    }
    let before_spaces = before.trim_end_matches(' ');
    let lead = (before.len() - before_spaces.len() >= 2
        && before_spaces
            .chars()
            .next_back()
            .is_some_and(|c| c != '\n' && c != '\r'))
        || (before.ends_with(' ') && line_start(&before[..before.len() - 1]));
    // A broken word beside explains the spaces itself ("đ  ủ" is "để ủ"):
    // a valid word is filled at its edge only beside a whole one.
    // Not across a mark: "TM.  Y BAN" is "TM. ỦY BAN".
    let broken = |j: Option<usize>| {
        j.and_then(|j| ws.get(j)).is_some_and(|n| {
            let gap = if n.start > w.start {
                &text[w.end..n.start]
            } else {
                &text[n.end..w.start]
            };
            gap.bytes().all(|b| b == b' ')
                && (!is_valid(&text[n.start..n.end]) || is_fragment_word(&text[n.start..n.end]))
        })
    };
    let rest = after.trim_start_matches(' ');
    let spaces_after = after.starts_with("  ") && mid_line(rest);
    let trail = (spaces_after && !broken(Some(i + 1)))
        || (after.starts_with(' ')
            && rest.starts_with([',', '.', ';', ':', ')'])
            && after.len() - rest.len() == 1);
    // Checked last: this runs for every word of a clean text.
    let lead = lead && !broken(i.checked_sub(1));
    if !lead && !trail && lost_syllable_before(before).is_none() {
        return None;
    }
    let neighbours_caps = neighbours_in_caps(text, ws, i);
    let up = upper_fill(word, neighbours_caps);
    let mut cands = Vec::new();
    if lead {
        fills("", word, 1, up, |s, f| {
            add(&mut cands, w.start - 1, w.end, i, i, s, f)
        });
    }
    vanished_before(i, ws, text, &mut cands);
    if trail {
        fills(word, "", 1, up, |s, f| {
            add(&mut cands, w.start, w.end + 1, i, i, s, f)
        });
        vanished_syllables(i, ws, text, up, &mut cands);
    }
    mark_traces(text, &mut cands);
    (!cands.is_empty()).then_some(Site {
        word: i,
        keep: true,
        strict: false,
        shape_only: false,
        traceless: false,
        candidates: cands,
    })
}

/// Does candidate `c` form the pair it needs with the word before it or
/// after it, on the same line with only spaces between ("TÌNH HÌNH", not
/// "TÔM. ỦY")?
fn pair_formed(text: &str, ws: &[Word], base: &SyllableModel, c: &Candidate) -> bool {
    let formed = |a: &str, b: &str| {
        let n = base.bigram(a, b);
        match c.pair {
            Pair::Free => true,
            Pair::Seen => n > 0,
            Pair::Telling => {
                n > 0 && n as f64 >= TELLING_SHARE * base.unigram(a).max(base.unigram(b)) as f64
            }
        }
    };
    let beside = |a: usize, b: usize| text[ws[a].end..ws[b].start].bytes().all(|x| x == b' ');
    let word = |j: usize| {
        let w = &text[ws[j].start..ws[j].end];
        is_valid(w).then(|| w.to_lowercase())
    };
    let before = c
        .first
        .checked_sub(1)
        .filter(|&p| beside(p, c.first))
        .and_then(word)
        .is_some_and(|p| formed(&p, &c.lower));
    let after = (c.last + 1 < ws.len() && beside(c.last, c.last + 1))
        && word(c.last + 1).is_some_and(|n| formed(&c.lower, &n));
    before || after
}

/// Drop the candidates that need a pair and do not form it, and the sites
/// left with no candidate: a name ("Sín Chải") is no site beside which its
/// neighbours' fills are weighed.
pub(super) fn drop_unpaired(text: &str, ws: &[Word], base: &SyllableModel, sites: &mut Vec<Site>) {
    for site in sites.iter_mut() {
        site.candidates
            .retain(|c| c.pair == Pair::Free || pair_formed(text, ws, base, c));
    }
    sites.retain(|s| !s.candidates.is_empty());
}

/// Does `word` start with a vowel letter ("ảng", "Ông")?
fn starts_with_a_vowel(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| has_vowel(c.encode_utf8(&mut [0; 4])))
}
