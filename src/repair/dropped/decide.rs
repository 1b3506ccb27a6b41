//! Choosing among a site's fills: each option scored in a window with the
//! likeliest readings of the next sites, weighted by the letters this font
//! keeps losing; applied only above a confidence threshold.

use super::*;

/// Share of the model's belief the best fill needs to be applied.
const MIN_CONFIDENCE: f64 = 0.8;

/// A fill that swallows a word valid on its own needs more.
const MIN_CONFIDENCE_FRAGMENT: f64 = 0.95;

/// Log-weight of a fill that leaves a lost letter's space unexplained.
const TRACE_PENALTY: f64 = -12.0;

/// Log-weight of leaving three spaces where a one-letter syllable fits.
const THREE_SPACES_PENALTY: f64 = -7.0;

/// The letters this font loses: how often each was the fill of a confident
/// repair, and how often it still stands intact. A broken font loses a few
/// glyphs and keeps losing them, wherever they stand.
#[derive(Debug, Default)]
pub(super) struct LetterPrior {
    pub(super) counts: std::collections::HashMap<char, u32>,
    pub(super) total: u32,
    /// How often each letter stands intact in the text (lower case).
    pub(super) intact: std::collections::HashMap<char, u32>,
}

impl LetterPrior {
    /// Fewer confident fills than this say nothing about the font.
    const MIN_EVIDENCE: u32 = 3;
    /// Count every letter starts with: small, since a font loses a few
    /// letters and keeps losing them (chosen on the fixture evaluation).
    const PSEUDO_COUNT: f64 = 0.03;

    /// A prior for `text`, its letters standing intact counted, no fill yet.
    pub(super) fn of(text: &str) -> Self {
        let mut p = LetterPrior::default();
        for c in text.chars().filter(|c| !c.is_ascii()) {
            let l = c.to_lowercase().next().unwrap_or(c);
            *p.intact.entry(l).or_insert(0) += 1;
        }
        p
    }

    /// Count the letters of `fills`.
    pub(super) fn add_fills<'a>(&mut self, fills: impl Iterator<Item = &'a str>) {
        for c in fills.flat_map(str::chars) {
            *self.counts.entry(c).or_insert(0) += 1;
            self.total += 1;
        }
    }

    pub(super) fn log_weight(&self, fill: &str) -> f64 {
        if self.total < Self::MIN_EVIDENCE {
            return 0.0;
        }
        let n = fill_letters().len() as f64;
        fill.chars()
            .map(|c| {
                let k = self.counts.get(&c).copied().unwrap_or(0) as f64;
                let m = self.intact.get(&c).copied().unwrap_or(0) as f64;
                let share = (k + Self::PSEUDO_COUNT) / (self.total as f64 + Self::PSEUDO_COUNT * n);
                // How often the letter is lost where it stands: its fills
                // against its intact copies ("và" written 200 times says
                // the font keeps "à").
                let lost_rate = (k + 1.0) / (k + 1.0 + m);
                (share * n).ln() + lost_rate.ln()
            })
            .sum()
    }
}

/// Choose a fill (or none) at every site, left to right; each edit comes
/// with the letters it fills in.
///
/// Broken words often sit side by side ("t  t ởng" = tư tưởng): each option
/// of a site is scored together with every option of the next site (summed
/// over them), so that neither is judged beside the other's fragments.
pub(super) fn decide(
    text: &str,
    ws: &[Word],
    sites: &[Site],
    scorer: &Scorer,
    prior: &LetterPrior,
    case: &CaseCounts,
) -> Vec<(Edit, String)> {
    // Each word in lower case once, None when it is not a syllable.
    let lower: Vec<Option<String>> = ws
        .iter()
        .map(|w| {
            let word = &text[w.start..w.end];
            if is_roman_numeral(word) {
                Some(ROMAN.to_string())
            } else {
                is_valid(word).then(|| word.to_lowercase())
            }
        })
        .collect();
    // Punctuation before word j: the scorer sees a phrase boundary there.
    let boundary: Vec<bool> = (0..ws.len())
        .map(|j| j > 0 && !spaced(text, ws, j))
        .collect();
    let ctx = |j: Option<usize>| j.and_then(|j| lower.get(j)).and_then(|w| w.as_deref());
    let usable = |c: &&Candidate| scorer.known(&c.lower);
    let weight = |c: &Candidate| {
        prior.log_weight(&c.fill) + if c.leaves_trace { TRACE_PENALTY } else { 0.0 }
    };
    let mut out = Vec::new();
    let mut consumed_to: Option<usize> = None;
    let mut fixed: Option<&Candidate> = None;
    for (k, site) in sites.iter().enumerate() {
        if consumed_to.is_some_and(|c| site.word <= c) {
            continue;
        }
        let i = site.word;
        let own: Vec<&Candidate> = site
            .candidates
            .iter()
            .filter(|c| consumed_to.is_none_or(|x| c.first > x))
            .filter(usable)
            .collect();
        if own.is_empty() {
            continue;
        }
        // The next two sites near enough, with their likeliest readings:
        // each option is scored with the first of them it leaves standing
        // ("d n m u": "dẫn" takes "n", and is then scored with the
        // readings of "m u", as "dư" is with those of "n m").
        let nexts: Vec<(usize, Vec<Option<&Candidate>>)> = sites[k + 1..]
            .iter()
            .take(2)
            .take_while(|t| t.word <= i + 3)
            .map(|t| (t.word, neighbour_options(t, scorer, prior, usable)))
            .collect();
        // One window for every option, so their scores compare.
        let lo = own.iter().map(|c| c.first).min().unwrap_or(i).min(i);
        let lo = fixed.map_or(lo, |f| f.first.min(lo)).saturating_sub(1);
        let hi = own
            .iter()
            .map(|c| c.last)
            .chain(
                nexts
                    .iter()
                    .flat_map(|(_, o)| o.iter().flatten().map(|c| c.last)),
            )
            .max()
            .unwrap_or(i)
            .max(i);
        let hi = (hi + 1).min(ws.len() - 1);
        let before = if boundary[lo] {
            Some(BOUNDARY)
        } else {
            ctx(lo.checked_sub(1))
        };
        let after = if boundary.get(hi + 1).copied().unwrap_or(false) {
            Some(BOUNDARY)
        } else {
            ctx(Some(hi + 1))
        };
        let score_with = |option: Option<&Candidate>| -> f64 {
            let end = option.map_or(i, |o| o.last.max(i));
            let Some((_, next_options)) = nexts.iter().find(|(w, _)| *w > end && *w <= end + 2)
            else {
                return scorer.score(
                    before,
                    &sequence(&lower, &boundary, lo, hi, &[fixed, option]),
                    after,
                );
            };
            let joint: Vec<f64> = next_options
                .iter()
                .filter(|n| n.is_none_or(|n| n.first > end))
                .map(|&n| {
                    scorer.score(
                        before,
                        &sequence(&lower, &boundary, lo, hi, &[fixed, option, n]),
                        after,
                    ) + n.map_or(0.0, weight)
                })
                .collect();
            log_sum_exp(&joint)
        };
        let mut scored: Vec<(f64, Option<&Candidate>)> = own
            .iter()
            .map(|&c| (score_with(Some(c)) + weight(c), Some(c)))
            .collect();
        if site.keep {
            // Three spaces between two words, or before a number, are
            // themselves unlikely text.
            let gap = if own.iter().any(|c| c.text.contains(' ')) {
                THREE_SPACES_PENALTY
            } else {
                0.0
            };
            scored.push((score_with(None) + gap, None));
        }
        let max = scored.iter().map(|s| s.0).fold(f64::NEG_INFINITY, f64::max);
        let sum: f64 = scored.iter().map(|s| (s.0 - max).exp()).sum();
        let (_, best) = scored
            .iter()
            .copied()
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .expect("non-empty");
        // Two spellings of the best word ("lý", "lí") are one reading.
        let best_key = best.map(|b| spelling_key(&b.lower));
        let confidence = (scored
            .iter()
            .filter(|(_, c)| c.map(|c| spelling_key(&c.lower)) == best_key)
            .map(|(s, _)| (s - max).exp())
            .sum::<f64>()
            / sum) as f32;
        let Some(best) = best else { continue };
        let text_out = case_of_initial(best, text, case, scorer.base.case_counts());
        let seen = best
            .text
            .to_lowercase()
            .split(' ')
            .all(|w| scorer.uni(w) > 0.0);
        // A syllable lost whole between words leaves three spaces that
        // text seldom has: filling it changes no word. Unless a word beside
        // is a lone letter, a broken word itself ("sơ   y đủ" = sơ đầy đủ).
        let inserts = best.text.contains(' ')
            && best
                .text
                .split(' ')
                .filter(|w| w.to_lowercase() != best.fill)
                .all(|w| w.chars().count() >= 2);
        let needed = if (site.keep || site.strict) && !inserts {
            MIN_CONFIDENCE_FRAGMENT
        } else {
            MIN_CONFIDENCE
        };
        let applied = seen && confidence as f64 >= needed;
        if applied {
            consumed_to = Some(best.last);
            fixed = Some(best);
        } else {
            fixed = None;
        }
        let edit = Edit {
            start: best.start,
            end: best.end,
            after: text_out,
            rule: "dropped-glyph",
            confidence,
            applied,
        };
        out.push((edit, best.fill.clone(), (best.first, best.last)));
    }
    defer_beside_surer(&mut out);
    out.into_iter().map(|(e, f, _)| (e, f)).collect()
}

/// A fill was chosen with its neighbours as they were: when a neighbour is
/// filled with more confidence in the same round, this one waits for the
/// next round, which judges it beside the repaired neighbour ("t  t ởng":
/// "tưởng" first, then "tư" rather than "tổ").
fn defer_beside_surer(out: &mut [(Edit, String, (usize, usize))]) {
    let applied: Vec<(usize, f32, (usize, usize))> = out
        .iter()
        .enumerate()
        .filter(|(_, (e, ..))| e.applied)
        .map(|(k, (e, _, span))| (k, e.confidence, *span))
        .collect();
    for &(k, conf, (first, last)) in &applied {
        let surer_beside = applied.iter().any(|&(m, c, (f, l))| {
            m != k && f <= last + 1 && l + 1 >= first && (c > conf || (c == conf && m < k))
        });
        if surer_beside {
            out[k].0.applied = false;
        }
    }
}
