//! Stage 2, legacy 8-bit encodings shown through a Latin font: TCVN3 (ABC,
//! both the .VnTime and the capitals .VnTimeH fonts), VNI-Windows and
//! VISCII. Detected per run of text, not per file: a document can mix them
//! with Unicode, so each run of words between Unicode words, and within it
//! each line, votes for the encoding whose decoding turns words that are not
//! Vietnamese syllables into ones that are.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::edit::Edit;
use super::legacy_tables::{TCVN3, VISCII, VNI};
use super::model::builtin_unigram;
use super::syllable::{is_letter, is_valid};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    Tcvn3,
    Vni,
    Viscii,
}

impl Encoding {
    pub const ALL: [Encoding; 3] = [Encoding::Tcvn3, Encoding::Vni, Encoding::Viscii];

    pub fn rule(self) -> &'static str {
        match self {
            Encoding::Tcvn3 => "tcvn3",
            Encoding::Vni => "vni",
            Encoding::Viscii => "viscii",
        }
    }
}

/// Windows-1252 characters of bytes 0x80–0x9F (where defined).
const CP1252_HIGH: [(u8, char); 27] = [
    (0x80, '€'),
    (0x82, '‚'),
    (0x83, 'ƒ'),
    (0x84, '„'),
    (0x85, '…'),
    (0x86, '†'),
    (0x87, '‡'),
    (0x88, 'ˆ'),
    (0x89, '‰'),
    (0x8A, 'Š'),
    (0x8B, '‹'),
    (0x8C, 'Œ'),
    (0x8E, 'Ž'),
    (0x91, '‘'),
    (0x92, '’'),
    (0x93, '“'),
    (0x94, '”'),
    (0x95, '•'),
    (0x96, '–'),
    (0x97, '—'),
    (0x98, '˜'),
    (0x99, '™'),
    (0x9A, 'š'),
    (0x9B, '›'),
    (0x9C, 'œ'),
    (0x9E, 'ž'),
    (0x9F, 'Ÿ'),
];

/// The byte a Latin font shows as `c`, if any.
fn byte_of(c: char) -> Option<u8> {
    let u = c as u32;
    if u < 0x100 {
        return Some(u as u8);
    }
    CP1252_HIGH.iter().find(|(_, ch)| *ch == c).map(|(b, _)| *b)
}

/// How a Latin font shows byte `b` (Windows-1252 where it defines one).
pub fn latin_char(b: u8) -> char {
    CP1252_HIGH
        .iter()
        .find(|(byte, _)| *byte == b)
        .map(|(_, c)| *c)
        .unwrap_or(b as char)
}

struct Tables {
    tcvn3: HashMap<u8, char>,
    viscii: HashMap<u8, char>,
    /// Lower-case VNI sequence (as shown) to lower-case letter.
    vni: HashMap<String, char>,
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| Tables {
        // TCVN3 leaves 0x80–0x9F unused, so there they are real Windows-1252
        // punctuation (quotes, dashes), not letters.
        tcvn3: TCVN3.iter().copied().filter(|(b, _)| *b >= 0xA0).collect(),
        viscii: VISCII.iter().copied().collect(),
        vni: VNI
            .iter()
            .filter(|(seq, _)| seq.chars().next().is_some_and(|c| !c.is_uppercase()))
            .map(|(seq, c)| (seq.to_string(), *c))
            .collect(),
    })
}

fn to_upper(c: char) -> char {
    c.to_uppercase().next().unwrap_or(c)
}

fn to_lower(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// Decode one word (or any text) read through a Latin font as `enc`.
/// Characters with no meaning in the encoding pass through.
pub fn decode(text: &str, enc: Encoding) -> String {
    let t = tables();
    match enc {
        Encoding::Tcvn3 | Encoding::Viscii => {
            let map = if enc == Encoding::Tcvn3 {
                &t.tcvn3
            } else {
                &t.viscii
            };
            let chars: Vec<char> = text.chars().collect();
            let letter_at = |i: Option<usize>| {
                i.and_then(|i| chars.get(i))
                    .is_some_and(|c| c.is_alphabetic())
            };
            (0..chars.len())
                .map(|i| {
                    let c = chars[i];
                    if c.is_ascii() && !(enc == Encoding::Viscii && c.is_ascii_control()) {
                        return c;
                    }
                    // Quotes and dashes are VISCII capitals only in a word
                    // of capitals ("B“" = BỘ), not before "“Xây".
                    let punct = matches!(c, '‘' | '’' | '“' | '”' | '–' | '—' | '…' | '•');
                    let upper_at = |i: Option<usize>| {
                        i.and_then(|i| chars.get(i))
                            .is_some_and(|c| c.is_uppercase())
                    };
                    let in_caps = upper_at(i.checked_sub(1))
                        || (upper_at(Some(i + 1))
                            && !chars.get(i + 2).is_some_and(|c| c.is_lowercase()))
                        || (letter_at(i.checked_sub(1)) && letter_at(Some(i + 1)));
                    if punct && !in_caps {
                        return c;
                    }
                    // Footnote marks "⁽¹⁾" and digits' neighbours are not letters.
                    let mark = |i: Option<usize>| {
                        i.and_then(|i| chars.get(i))
                            .is_some_and(|c| matches!(c, '⁽' | '⁾') || c.is_ascii_digit())
                    };
                    if !c.is_alphabetic() && (mark(i.checked_sub(1)) || mark(Some(i + 1))) {
                        return c;
                    }
                    // "m²", "m³/ngày": a unit's power (VISCII would read
                    // "mỗ", "mỠ"), unless a letter follows ("m²i" = mỗi).
                    let unit_power = matches!(c, '²' | '³')
                        && i.checked_sub(1).is_some_and(|p| chars[p] == 'm')
                        && !letter_at(Some(i + 1));
                    if unit_power {
                        return c;
                    }
                    byte_of(c).and_then(|b| map.get(&b).copied()).unwrap_or(c)
                })
                .collect()
        }
        Encoding::Vni => {
            let chars: Vec<char> = text.chars().collect();
            let mut out = String::with_capacity(text.len());
            let mut i = 0;
            while i < chars.len() {
                let c = chars[i];
                let upper = c.is_uppercase();
                if let Some(&next) = chars.get(i + 1) {
                    let key: String = [to_lower(c), to_lower(next)].iter().collect();
                    if let Some(&l) = t.vni.get(&key) {
                        out.push(if upper { to_upper(l) } else { l });
                        i += 2;
                        continue;
                    }
                }
                let key = to_lower(c).to_string();
                match t.vni.get(&key) {
                    Some(&l) if !c.is_ascii() => out.push(if upper { to_upper(l) } else { l }),
                    _ => out.push(c),
                }
                i += 1;
            }
            out
        }
    }
}

/// Encode Unicode text as `enc` would store it, shown through a Latin font.
/// TCVN3 capitals with a tone have no code of their own: they are written
/// with the lower-case code (the .VnTimeH font draws it as a capital).
/// Letters the encoding lacks pass through.
pub fn encode(text: &str, enc: Encoding) -> String {
    static REV: OnceLock<HashMap<(Encoding, char), String>> = OnceLock::new();
    let rev = REV.get_or_init(|| {
        let mut m = HashMap::new();
        for &(b, c) in TCVN3.iter().filter(|(b, _)| *b >= 0xA1) {
            // VN3 proper: lower case, plus the seven bare capitals Ă Â Ê Ô Ơ Ư Đ.
            if c.is_lowercase() || (0xA1..=0xA7).contains(&b) {
                m.insert((Encoding::Tcvn3, c), latin_char(b).to_string());
            }
        }
        for &(b, c) in VISCII {
            m.insert((Encoding::Viscii, c), latin_char(b).to_string());
        }
        for &(seq, c) in VNI {
            m.insert((Encoding::Vni, c), seq.to_string());
        }
        m
    });
    text.chars()
        .map(|c| {
            if let Some(s) = rev.get(&(enc, c)) {
                return s.clone();
            }
            if enc == Encoding::Tcvn3 && c.is_uppercase() {
                if let Some(s) = rev.get(&(enc, to_lower(c))) {
                    return s.clone();
                }
            }
            c.to_string()
        })
        .collect()
}

/// Quick test: could this text hold legacy-encoded runs? Such text carries
/// characters of U+00A1–U+00FF that are not Vietnamese letters, or
/// Windows-1252 letters and signs other than the quotes and dashes a Unicode
/// text uses freely. Signs a Unicode text also uses (footnote "¹", "°",
/// "§") count only when a letter follows, as inside a legacy word.
pub fn suspicious(text: &str) -> bool {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let u = c as u32;
        if u < 0x80 {
            continue;
        }
        let odd = ((0xA1..=0xFF).contains(&u) && !is_letter(c))
            || (0x80..0xA0).contains(&u)
            || (u > 0xFF
                && !matches!(c, '‘' | '’' | '“' | '”' | '–' | '—' | '…' | '•')
                && byte_of(c).is_some());
        if !odd {
            continue;
        }
        let shared_sign = matches!(
            c,
            '¹' | '²'
                | '³'
                | '°'
                | '·'
                | '«'
                | '»'
                | '©'
                | '±'
                | '×'
                | '½'
                | '¼'
                | '¾'
                | 'º'
                | 'ª'
                | '§'
                | '‰'
        );
        let degrees = c == '°' && chars.peek().is_some_and(|&n| n == 'C' || n == 'F');
        if !shared_sign || (!degrees && chars.peek().is_some_and(|&n| n.is_alphabetic())) {
            return true;
        }
    }
    false
}

/// What a whitespace-separated segment says about legacy encodings.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Ascii,
    /// Only characters a Latin font can show: may be legacy.
    Latin,
    /// Holds letters beyond Latin-1: certainly Unicode.
    Unicode,
}

fn kind(seg: &str) -> Kind {
    if seg.is_ascii() {
        return Kind::Ascii;
    }
    // Signs beyond Latin-1 (footnote "⁽²⁾", "№") may sit in any text.
    if seg
        .chars()
        .all(|c| byte_of(c).is_some() || !c.is_alphabetic())
    {
        Kind::Latin
    } else {
        Kind::Unicode
    }
}

/// All letter runs of `s` are valid syllables (and there is at least one).
fn all_valid(s: &str) -> bool {
    let mut any = false;
    for w in s.split(|c: char| !is_letter(c)).filter(|w| !w.is_empty()) {
        if !is_valid(w) {
            return false;
        }
        any = true;
    }
    any
}

struct Seg {
    start: usize,
    end: usize,
    line: usize,
    kind: Kind,
}

fn segments(text: &str) -> Vec<Seg> {
    let mut out = Vec::new();
    let mut line = 0;
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), '\n')))
    {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push(Seg {
                    start: s,
                    end: i,
                    line,
                    kind: kind(&text[s..i]),
                });
            }
            if c == '\n' {
                line += 1;
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    out
}

/// A line's verdict: the encoding and how sure, if any.
type Vote = Option<(Encoding, f32)>;

/// Votes of one line's segments: the encoding whose decoding makes the most
/// non-syllables into syllables, if clearly ahead.
fn vote(text: &str, segs: &[Seg]) -> Option<(Encoding, f32)> {
    let mut best: Option<(Encoding, f64, f32)> = None;
    for enc in Encoding::ALL {
        let (mut fixed, mut broken, mut moved, mut latin) = (0, 0, 0, 0);
        let mut familiar = 0.0;
        for s in segs.iter().filter(|s| s.kind == Kind::Latin) {
            let w = &text[s.start..s.end];
            latin += 1;
            let d = decode(w, enc);
            // A lone sign ("×", "§") is no evidence: it may be just that.
            if d == w || d.chars().filter(|&c| is_letter(c)).count() < 2 {
                continue;
            }
            let ok_before = all_valid(w);
            let ok_after = all_valid(&d);
            if ok_after && !ok_before {
                fixed += 1;
                // Ties between encodings go to the one giving common words.
                familiar += d
                    .split(|c: char| !is_letter(c))
                    .map(|t| (1.0 + builtin_unigram(&t.to_lowercase()) as f64).ln())
                    .sum::<f64>();
            } else if !ok_after {
                broken += 1;
            } else {
                // One syllable turned into another: a weak sign against.
                moved += 1;
            }
        }
        if fixed == 0 || fixed <= broken * 2 {
            continue;
        }
        let score = 2.0 * (fixed - broken) as f64 - moved as f64 + 0.1 * familiar;
        let confidence = (fixed as f32 / latin.max(1) as f32).clamp(0.5, 1.0);
        if best.is_none_or(|(_, s, _)| score > s) {
            best = Some((enc, score, confidence));
        }
    }
    best.map(|(e, _, c)| (e, c))
}

/// Edits converting every legacy-encoded run of `text`.
pub fn edits(text: &str) -> Vec<Edit> {
    let segs = segments(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < segs.len() {
        if segs[i].kind == Kind::Unicode {
            i += 1;
            continue;
        }
        let run_end = segs[i..]
            .iter()
            .position(|s| s.kind == Kind::Unicode)
            .map_or(segs.len(), |p| i + p);
        convert_run(text, &segs[i..run_end], &mut out);
        i = run_end;
    }
    out
}

fn convert_run(text: &str, run: &[Seg], out: &mut Vec<Edit>) {
    if !run.iter().any(|s| s.kind == Kind::Latin) {
        return;
    }
    // Split the run into lines; lines without a clear vote borrow the
    // nearest voted line's encoding within the run.
    let mut lines: Vec<(&[Seg], Vote)> = Vec::new();
    let mut start = 0;
    for j in 1..=run.len() {
        if j == run.len() || run[j].line != run[start].line {
            let part = &run[start..j];
            lines.push((part, vote(text, part)));
            start = j;
        }
    }
    // Nearest voted line before and after each line, in two passes.
    let mut before: Vec<Option<(usize, (Encoding, f32))>> = Vec::with_capacity(lines.len());
    let mut last = None;
    for (k, l) in lines.iter().enumerate() {
        if let Some(v) = l.1 {
            last = Some((k, v));
        }
        before.push(last);
    }
    let mut after: Vec<Option<(usize, (Encoding, f32))>> = vec![None; lines.len()];
    let mut next = None;
    for k in (0..lines.len()).rev() {
        if let Some(v) = lines[k].1 {
            next = Some((k, v));
        }
        after[k] = next;
    }
    for k in 0..lines.len() {
        let nearest = match (before[k], after[k]) {
            (Some((b, vb)), Some((a, va))) => Some(if k - b <= a - k { vb } else { va }),
            (b, a) => b.or(a).map(|(_, v)| v),
        };
        // A borrowed encoding must not break any word that reads well now.
        let chosen = lines[k].1.or_else(|| {
            nearest
                .filter(|&(e, _)| !breaks_a_word(text, lines[k].0, e))
                .map(|(e, c)| (e, c * 0.9))
        });
        let Some((enc, confidence)) = chosen else {
            continue;
        };
        let part = lines[k].0;
        for (n, s) in part.iter().enumerate() {
            if s.kind != Kind::Latin {
                continue;
            }
            let w = &text[s.start..s.end];
            let mut d = decode(w, enc);
            if enc == Encoding::Tcvn3 && capitals_word(w, part, n, text) {
                d = d.chars().map(to_upper).collect();
            } else if enc == Encoding::Tcvn3
                && starts_sentence(text, s.start)
                && !w.starts_with(|c: char| c.is_ascii())
            {
                // A toned capital has no code of its own: "Ñy ban" arrives
                // as "ñy ban"; at a sentence start it was a capital.
                let mut cs = d.chars();
                d = cs
                    .next()
                    .map(|f| f.to_uppercase().chain(cs).collect())
                    .unwrap_or(d);
            }
            if d != w {
                out.push(Edit::applied(s.start, s.end, d, enc.rule(), confidence));
            }
        }
    }
}

/// Would decoding as `enc` turn a word that is a syllable into one that is not?
fn breaks_a_word(text: &str, segs: &[Seg], enc: Encoding) -> bool {
    segs.iter().filter(|s| s.kind == Kind::Latin).any(|s| {
        let w = &text[s.start..s.end];
        all_valid(w) && !all_valid(&decode(w, enc))
    })
}

/// Does a sentence (line, bullet, numbered item) start at `at`?
fn starts_sentence(text: &str, at: usize) -> bool {
    let line = &text[text[..at].rfind('\n').map_or(0, |i| i + 1)..at];
    let prefix = line.trim_end();
    prefix.is_empty() || prefix.ends_with(['.', '-', '+', '!', '?'])
}

/// TCVN3 writes toned capitals with lower-case codes (.VnTimeH), so decide
/// case from the word's ASCII letters, or its neighbours when it has one.
fn capitals_word(w: &str, line: &[Seg], n: usize, text: &str) -> bool {
    let caps = |w: &str| {
        let upper = w.chars().filter(|c| c.is_ascii_uppercase()).count();
        let lower = w.chars().filter(|c| c.is_ascii_lowercase()).count();
        (upper, lower)
    };
    let (upper, lower) = caps(w);
    if lower > 0 {
        return false;
    }
    if upper >= 2 {
        return true;
    }
    // A neighbour in capitals that is a word, not a code like "34-KH/ĐUK".
    let neighbour_caps = |idx: Option<usize>| {
        idx.and_then(|i| line.get(i)).is_some_and(|s| {
            let w = &text[s.start..s.end];
            let (u, l) = caps(w);
            u >= 2 && l == 0 && all_valid(&decode(w, Encoding::Tcvn3))
        })
    };
    neighbour_caps(n.checked_sub(1)) || neighbour_caps(Some(n + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repair::edit::apply;
    use crate::repair::syllable::letter;

    fn all_letters() -> Vec<char> {
        let mut v: Vec<char> = (0x00C0..0x1F00u32)
            .filter_map(char::from_u32)
            .filter(|&c| letter(c).is_some_and(|l| l.base > b'z' || l.tone > 0 || l.base < b'a'))
            .collect();
        v.sort();
        v
    }

    #[test]
    fn every_vietnamese_letter_round_trips_through_vni_and_viscii() {
        for enc in [Encoding::Vni, Encoding::Viscii] {
            for c in all_letters() {
                // Inside a word of capitals, as VISCII capitals stand.
                let s = format!("H{c}H");
                let e = encode(&s, enc);
                assert!(
                    e.chars().all(|c| byte_of(c).is_some()),
                    "{enc:?} {c} -> {e}"
                );
                assert_eq!(decode(&e, enc), s, "{enc:?} {c} via {e:?}");
            }
        }
    }

    #[test]
    fn tcvn3_round_trips_lower_case_and_folds_capitals_to_their_code() {
        for c in all_letters() {
            let e = encode(&c.to_string(), Encoding::Tcvn3);
            assert!(e.chars().all(|c| byte_of(c).is_some()), "{c} -> {e}");
            let d = decode(&e, Encoding::Tcvn3);
            assert_eq!(
                d.to_lowercase(),
                c.to_lowercase().to_string(),
                "{c} via {e:?}"
            );
        }
    }

    #[test]
    fn known_tcvn3_and_vni_words() {
        assert_eq!(decode("KÕ ho¹ch", Encoding::Tcvn3), "Kế hoạch");
        assert_eq!(decode("Keá hoaïch", Encoding::Vni), "Kế hoạch");
        assert_eq!(encode("Kế hoạch", Encoding::Tcvn3), "KÕ ho¹ch");
        assert_eq!(encode("Kế hoạch", Encoding::Vni), "Keá hoaïch");
    }

    fn fix(s: &str) -> String {
        apply(s, &edits(s))
    }

    #[test]
    fn a_per_mille_sign_is_no_sign_of_a_legacy_run() {
        assert!(!suspicious("khi độ mặn vượt 0,3‰ thì tạm dừng lấy nước"));
    }

    #[test]
    fn a_unit_power_is_no_viscii_letter() {
        let text = "Công suất 2.400 m³/ngày đêm, diện tích 1.200 m² và 35 m³.\n";
        assert_eq!(fix(text), text);
        // In a VISCII word a letter follows: "m²i" is "mỗi".
        assert_eq!(decode("m²i", Encoding::Viscii), "mỗi");
    }

    #[test]
    fn detects_each_encoding_per_run_in_one_document() {
        let uni = "Đảng ủy Khối ban hành kế hoạch thực hiện nhiệm vụ năm 2024";
        let tcvn = encode(uni, Encoding::Tcvn3);
        let vni = encode(uni, Encoding::Vni);
        let viscii = encode(uni, Encoding::Viscii);
        let mixed = format!("{uni}\n{tcvn}\n{uni}\n{vni}\n{viscii}\n");
        assert!(suspicious(&mixed));
        let expect = format!("{uni}\n{uni}\n{uni}\n{uni}\n{uni}\n");
        assert_eq!(fix(&mixed), expect);
    }

    #[test]
    fn tcvn3_capitals_font_gets_capitals_back() {
        let uni = "KẾ HOẠCH TỔ CHỨC THỰC HIỆN";
        let tcvn = encode(uni, Encoding::Tcvn3);
        assert_eq!(fix(&tcvn), uni);
        let title = "Kế hoạch tổ chức thực hiện";
        assert_eq!(fix(&encode(title, Encoding::Tcvn3)), title);
    }

    #[test]
    fn footnote_marks_and_degrees_do_not_wake_the_stage() {
        assert!(!suspicious(
            "Kết luận số 01-KL/TW¹, nhiệt độ 30°C, Điều 5 § 2, 3 × 4"
        ));
        assert!(suspicious("ho¹ch"));
        assert!(suspicious("vµ"));
    }

    #[test]
    fn unicode_vietnamese_french_and_english_are_left_alone() {
        for s in [
            "các cán bộ, công chức và người lao động",
            "Le café était très élégant à Noël; façade, naïve, cœur.",
            "The committee’s “plan” — 3 × 4 items, 50 % done.",
            "Số 34-KH/ĐUK ngày 20/10/2021",
        ] {
            assert!(edits(s).is_empty(), "{s}: {:?}", edits(s));
        }
    }
}
