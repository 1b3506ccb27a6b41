//! Stage 3, dropped glyphs: a font with no Unicode mapping for some letters
//! loses them, leaving a space ("c ng" = công, "r  nội" = rõ nội) or
//! nothing. A word that is not a syllable (or a fragment such as "i", "gi",
//! or a well-formed shape no word list has, such as "ảng") is a site; the
//! syllable validator lists the fills that make it whole, only attested or
//! counted syllables are kept, and the syllable model, with the document's
//! own counts, the letters this font keeps losing and the options of the
//! next site, picks one. A fill that leaves a lost letter's space
//! unexplained ("quy t ," merged into "quyết ,") is unlikely. A fill is
//! applied only when the model is confident; otherwise it is only reported.

use std::sync::OnceLock;

use super::attested::{is_attested, is_attested_lower};
use super::edit::Edit;
use super::fast_hash::FastMap;
use super::model::{join_key, SyllableModel, BOUNDARY, ROMAN};
use super::pairs::PairLexicon;
use super::syllable::{
    compose, has_vowel, is_fragment_word, is_letter, is_roman_numeral, is_valid, spelling_key,
};

mod case;
mod context;
mod decide;
mod lost;
mod score;
mod sites;

pub(crate) use case::CaseCounts;
use case::*;
use context::*;
use decide::*;
use lost::*;
use score::*;
use sites::*;

/// Letters a broken font can lose: all the non-ASCII letters of Vietnamese.
fn fill_letters() -> &'static [char] {
    static FILLS: OnceLock<Vec<char>> = OnceLock::new();
    FILLS.get_or_init(|| {
        let mut v = vec!['đ'];
        for base in *b"a12e3io45u6y" {
            for tone in 0..6 {
                if let Some(c) = compose(base, tone) {
                    if !c.is_ascii() {
                        v.push(c);
                    }
                }
            }
        }
        v
    })
}

#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
}

fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (is_letter(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Word { start: s, end: i });
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Does only white space part word `k` from the one before?
fn spaced(text: &str, ws: &[Word], k: usize) -> bool {
    k > 0
        && text[ws[k - 1].end..ws[k].start]
            .chars()
            .all(char::is_whitespace)
}

/// Quick test: is there a word a dropped letter could explain? Not a word
/// whose every fill needs a pair the counts have seen: headings are full
/// of abbreviations beside syllables in capitals ("UBND TỈNH"), and clean
/// text, the common case, must stay on the fast path.
pub fn suspicious(text: &str) -> bool {
    let ws = words(text);
    let mut sites = sites(text, &ws, false, false);
    sites.retain(|s| s.candidates.iter().any(|c| c.pair == Pair::Free));
    shows_damage(text, &ws, &sites)
}

/// Distinct words broken without a trace ("ngi", "điu") that show a text
/// is damaged when nothing else does: fewer are loanwords and names ("gắn
/// chip", "Y Khuê Niê", "ki-ốt"), which should be left as they are and not
/// send a clean text down the slow path.
const MIN_TRACELESS_WORDS: usize = 3;

/// Words per such broken word at most: a font's damage is spread through
/// the text, while a long text gathers a few loanwords (one in 2,000 words
/// is about one in four pages).
const MAX_WORDS_PER_TRACELESS: usize = 2000;

/// Distinct well-formed shapes no one writes ("ảng", "ạo", "ịnh"), and
/// words per such shape at most, that show a text is damaged when nothing
/// else does: a font that lost a first "đ" without a space leaves little
/// else. A clean text has a few rare words; this takes more, and dense.
const MIN_RARE_SHAPES: usize = 4;
const MAX_WORDS_PER_RARE_SHAPE: usize = 500;

/// Do `sites` show damage: a site with a lost letter's trace, or enough
/// words broken without one, or rare shapes, distinct and dense enough?
fn shows_damage(text: &str, ws: &[Word], sites: &[Site]) -> bool {
    sites.iter().any(|s| !s.traceless && !s.shape_only)
        || distinct_and_dense(
            text,
            ws,
            sites,
            |s| s.traceless,
            MIN_TRACELESS_WORDS,
            MAX_WORDS_PER_TRACELESS,
        )
        || distinct_and_dense(
            text,
            ws,
            sites,
            |s| s.traceless || s.shape_only,
            MIN_RARE_SHAPES,
            MAX_WORDS_PER_RARE_SHAPE,
        )
}

/// Are there at least `min` distinct words among the sites that `pick`,
/// one per `per` words of the text at least?
fn distinct_and_dense(
    text: &str,
    ws: &[Word],
    sites: &[Site],
    pick: impl Fn(&Site) -> bool,
    min: usize,
    per: usize,
) -> bool {
    let picked: Vec<&Site> = sites.iter().filter(|s| pick(s)).collect();
    if picked.len() * per < ws.len() {
        return false;
    }
    let mut seen: Vec<String> = Vec::new();
    for s in picked {
        let w = text[ws[s.word].start..ws[s.word].end].to_lowercase();
        if !seen.contains(&w) {
            seen.push(w);
            if seen.len() >= min {
                return true;
            }
        }
    }
    false
}

/// Sites with a lost letter's trace this many times those without one
/// (and at least `MIN_TRACED_SITES`) say the font leaves a space for each
/// glyph it loses.
const TRACED_PER_UNTRACED: usize = 4;
const MIN_TRACED_SITES: usize = 3;

/// How the font leaves a glyph it loses, read from the sites of the first
/// round (see [`read_the_fonts_mode`]).
#[derive(Debug, Clone, Copy, PartialEq)]
enum FontMode {
    /// A space for each: "c ng" (công).
    Spaced,
    /// Nothing: "cng", "quy m nh" (quy mô nhỏ).
    Unspaced,
    /// Both, or too few sites to tell.
    Unknown,
}

/// The font's mode is read once, from the sites of the first round: once
/// its traced words are filled, the few left without a trace would
/// outnumber them.
fn read_the_fonts_mode(ws: &[Word], sites: &[Site], mode: &mut Option<FontMode>) -> FontMode {
    *mode.get_or_insert_with(|| {
        // Only a fill reaching past the word's own letters, or leaving a
        // space unexplained, says the font leaves a space. A word with no
        // vowel ("cng") and no such fill says it leaves none: in a font
        // that leaves a space it has a neighbour to join ("c ng").
        let without = sites
            .iter()
            .filter(|s| untraced(s) || !s.keep && !spaced_site(ws, s))
            .count();
        let with = sites
            .iter()
            .filter(|s| !untraced(s) && spaced_site(ws, s))
            .count();
        if with >= MIN_TRACED_SITES && with >= TRACED_PER_UNTRACED * without {
            FontMode::Spaced
        } else if without >= MIN_TRACED_SITES && without >= TRACED_PER_UNTRACED * with {
            FontMode::Unspaced
        } else {
            FontMode::Unknown
        }
    })
}

/// A site broken only by its shape, or broken with no trace around it.
fn untraced(s: &Site) -> bool {
    s.traceless || s.shape_only
}

/// Is `c` a fill of the letters of word `w` alone, with no lost letter's
/// space beside it left unexplained?
fn within(w: Word, c: &Candidate) -> bool {
    !c.leaves_trace && c.start == w.start && c.end == w.end
}

fn spaced_site(ws: &[Word], s: &Site) -> bool {
    s.candidates.iter().any(|c| !within(ws[s.word], c))
}

/// A font that leaves a space for each glyph it loses leaves one for every
/// glyph: in its text a word with no such space, broken only by its shape
/// ("xy" of "bình ô xy", a name), was written so and stays. A font that
/// leaves nothing leaves no space to explain: in its text a space parts
/// two words, and no fill joins them ("m nh" is "mô nhỏ", not "mình").
fn keep_to_the_fonts_mode(ws: &[Word], sites: &mut Vec<Site>, mode: FontMode) {
    match mode {
        FontMode::Spaced => sites.retain(|s| !untraced(s)),
        FontMode::Unspaced => {
            for s in sites.iter_mut() {
                let w = ws[s.word];
                s.candidates.retain(|c| within(w, c));
            }
            sites.retain(|s| !s.candidates.is_empty());
        }
        FontMode::Unknown => {}
    }
}

/// What one round of [`edits`] leaves the next.
#[derive(Debug, Default)]
pub struct Rounds {
    /// The confident fills so far: a prior for the letters the font lost.
    fills: Vec<String>,
    /// How the font leaves the glyphs it loses (see
    /// [`read_the_fonts_mode`]); not read until a round shows damage.
    font_mode: Option<FontMode>,
}

/// The text with each site and its neighbours blanked out, so that the
/// document's counts do not vouch for its own broken fragments.
fn mask_sites(text: &str, ws: &[Word], sites: &[Site]) -> String {
    let mut masked = text.as_bytes().to_vec();
    for site in sites {
        for w in &ws[site.word.saturating_sub(1)..=(site.word + 1).min(ws.len() - 1)] {
            // One "|" per byte of whole characters: still UTF-8, same offsets.
            masked[w.start..w.end].fill(b'|');
        }
    }
    String::from_utf8(masked).unwrap_or_default()
}

/// Edits filling dropped letters, applied and merely suggested.
pub fn edits(text: &str, base: &SyllableModel, rounds: &mut Rounds) -> Vec<Edit> {
    let ws = words(text);
    // Rare words alone (a name, a term the list lacks, a loanword) are no
    // sign of a broken font: unattested shapes, and words broken without a
    // trace, are read as damage only in a text that shows damage, or after
    // a confident fill.
    let read_sites = |inside_too: bool| {
        let mut found = sites(text, &ws, true, inside_too);
        drop_unpaired(text, &ws, base, &mut found);
        found
    };
    let inside_too = rounds.font_mode == Some(FontMode::Unspaced);
    let mut sites = read_sites(inside_too);
    if rounds.fills.is_empty() && !shows_damage(text, &ws, &sites) {
        return Vec::new();
    }
    let mode = read_the_fonts_mode(&ws, &sites, &mut rounds.font_mode);
    if mode == FontMode::Unspaced && !inside_too {
        // Letters inside words are readings too in this font: read again.
        sites = read_sites(true);
    }
    keep_to_the_fonts_mode(&ws, &mut sites, mode);
    let masked = mask_sites(text, &ws, &sites);
    let mut doc = SyllableModel::new();
    doc.observe(&masked);
    let case = CaseCounts::of(&masked);
    let scorer = Scorer::new(base, &doc);
    // A broken font loses the same few glyphs throughout a document: the
    // letters of the confident fills become a prior for the unsure ones.
    let mut prior = LetterPrior::of(text);
    prior.add_fills(rounds.fills.iter().map(String::as_str));
    let first = decide(text, &ws, &sites, &scorer, &prior, &case);
    prior.add_fills(
        first
            .iter()
            .filter(|(e, _)| e.applied)
            .map(|(_, f)| f.as_str()),
    );
    let decided = decide(text, &ws, &sites, &scorer, &prior, &case);
    rounds.fills.extend(
        decided
            .iter()
            .filter(|(e, _)| e.applied)
            .map(|(_, f)| f.clone()),
    );
    let mut out: Vec<Edit> = decided.into_iter().map(|(e, _)| e).collect();
    // Suggestions may overlap applied edits; keep them sorted by start.
    out.sort_by_key(|e| (e.start, !e.applied));
    out
}

#[cfg(test)]
mod tests;
