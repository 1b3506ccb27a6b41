//! What the text around a word says: a code, a unit, an abbreviation, a
//! heading in capitals, a lone letter in prose, a mark that takes a space.
//! Pure predicates over the text, shared by the site finders.

use super::*;

/// Units written after a number ("35 km"); not "th" of "12 th ng" (tháng).
const UNITS: [&str; 12] = [
    "km", "kg", "cm", "mm", "m", "kw", "kwh", "mw", "mwp", "gw", "gb", "mb",
];

/// Does a number and one space come just before word `w` ("35 km")?
fn after_number(text: &str, w: Word) -> bool {
    number_then(text, w, ' ')
}

/// Does a number and then `sep` come just before word `w`?
fn number_then(text: &str, w: Word, sep: char) -> bool {
    text[..w.start]
        .strip_suffix(sep)
        .is_some_and(|b| b.ends_with(|c: char| c.is_ascii_digit()))
}

/// A unit after a number ("35 km", "20 kg"): no broken syllable. A line
/// may break between them ("chiều dài 12,8\nkm;"), though not before a
/// lone "m", which starts a broken word there as often ("m nh" = mình).
pub(super) fn is_unit(text: &str, w: Word) -> bool {
    let word = &text[w.start..w.end];
    let wrapped = || word.len() > 1 && number_then(text, w, '\n');
    // The cheap test first: this runs on every word of every text.
    (after_number(text, w) || wrapped()) && UNITS.contains(&word.to_ascii_lowercase().as_str())
}

/// "x" before a number, with a number among the few words before it: a
/// times sign ("6 x 12 m", "904 người x 702.000 đồng", a line break on
/// either side of it in a wrapped table of costs).
pub(super) fn is_times_sign(text: &str, w: Word) -> bool {
    // The word first: this runs on every word of every text.
    if !matches!(&text[w.start..w.end], "x" | "X") {
        return false;
    }
    let before = &text[..w.start];
    let number_after = text[w.end..]
        .strip_prefix([' ', '\n'])
        .is_some_and(|a| a.starts_with(|c: char| c.is_ascii_digit()));
    if !before.ends_with([' ', '\n']) || !number_after {
        return false;
    }
    // A number up to three words back, and across one line break.
    let reach = before
        .char_indices()
        .rev()
        .filter(|&(_, c)| c == ' ' || c == '\n')
        .nth(3)
        .map_or(0, |(k, _)| k);
    before[reach..].contains(|c: char| c.is_ascii_digit())
}

/// An abbreviation ("Lưu: VT, YT."): Latin capitals that are no syllable,
/// with no syllable in capitals beside them. In a heading a broken word
/// has such neighbours ("C NG TÁC").
pub(super) fn is_abbreviation(text: &str, ws: &[Word], i: usize) -> bool {
    let word = &text[ws[i].start..ws[i].end];
    word.len() >= 2
        && word.chars().all(|c| c.is_ascii_uppercase())
        && !is_valid(word)
        && !neighbours_in_caps(text, ws, i)
}

/// "Bun", "Khuê": a capital and then small letters.
pub(super) fn is_title_word(word: &str) -> bool {
    let mut cs = word.chars();
    cs.next().is_some_and(char::is_uppercase) && cs.all(char::is_lowercase)
}

/// Part of a code such as "34-KH/ĐUK", "VP.ĐUK" or "a1": not prose. A
/// slash between words of prose in small letters is no code
/// ("đồng/người/tháng", "lần/năm"); between letters it is ("v/v", "b/c").
pub(super) fn in_code(text: &str, w: Word) -> bool {
    let code = |c: char| c.is_ascii_digit() || matches!(c, '-' | '/' | '.' | '_' | '@' | '&');
    let word = &text[w.start..w.end];
    let before = &text[..w.start];
    let after = &text[w.end..];
    let code_before = match before.chars().next_back() {
        Some('/') => {
            let b = &before[..before.len() - 1];
            // "1,5%/năm": a rate, not a code.
            let rate = b.ends_with('%') && word.chars().all(|c| !c.is_uppercase());
            let mut across = b.rsplit(|c: char| !is_letter(c));
            !rate && !slash_joins_prose(word, across.next().unwrap_or(""))
        }
        Some(c) => code(c),
        None => false,
    };
    let code_after = match after.chars().next() {
        Some('/') => {
            let mut across = after[1..].split(|c: char| !is_letter(c));
            !slash_joins_prose(word, across.next().unwrap_or(""))
        }
        Some(c) => code(c) && c != '.',
        None => false,
    };
    code_before || code_after
}

/// Are `word` and the word `across` a slash from it both prose in small
/// letters, the other a syllable of two letters or more?
fn slash_joins_prose(word: &str, across: &str) -> bool {
    let small = |s: &str| !s.is_empty() && s.chars().all(|c| !c.is_uppercase());
    small(word) && small(across) && across.chars().count() >= 2 && is_valid(across)
}

/// Does a lost letter's space sit just outside `start..end`? A space before
/// a comma ("quy t , tạo" = quy tụ, tạo) or a doubled space mid-line: text
/// seldom has either, a dropped glyph leaves both.
pub(super) fn trace_outside(text: &str, start: usize, end: usize) -> bool {
    let after = &text[end..];
    let before = &text[..start];
    let punct_after = after
        .strip_prefix(' ')
        .is_some_and(|a| a.starts_with([',', '.', ';', ':', ')']));
    let double_after = after.starts_with("  ")
        && after
            .trim_start_matches(' ')
            .starts_with(|c: char| c != '\n' && c != '\r');
    let double_before = before.ends_with("  ")
        && before
            .trim_end_matches(' ')
            .ends_with(|c: char| c != '\n' && c != '\r');
    punct_after || double_after || double_before
}

pub(super) fn capital_after_small(word: &str) -> bool {
    let mut small = false;
    for c in word.chars() {
        if c.is_lowercase() {
            small = true;
        } else if small && c.is_uppercase() {
            return true;
        }
    }
    false
}

/// Should a fill between these letters be a capital?
pub(super) fn upper_fill(letters: &str, neighbours_caps: bool) -> bool {
    let n = letters.chars().count();
    let all_upper = letters.chars().all(|c| !c.is_lowercase());
    all_upper && (n >= 2 || (n == 1 && neighbours_caps))
}

/// Is a word within two of word `i` on the same line a syllable in
/// capitals? Two, since the nearest may be broken too ("TR  NG BAN",
/// "TH I GIAN"). A heading on the line above says nothing of this line.
pub(super) fn neighbours_in_caps(text: &str, ws: &[Word], i: usize) -> bool {
    let w = ws[i];
    let same_line = |n: &Word| {
        let (a, b) = if n.start > w.start {
            (w.end, n.start)
        } else {
            (n.end, w.start)
        };
        !text[a..b].contains('\n')
    };
    // Syllables only: a code ("01-KL/TW") beside a word says nothing.
    ws[i.saturating_sub(2)..(i + 3).min(ws.len())]
        .iter()
        .filter(|n| n.start != w.start && same_line(n))
        .any(|n| {
            let w = &text[n.start..n.end];
            is_caps_word(w) && is_valid(w)
        })
}

pub(super) fn is_caps_word(w: &str) -> bool {
    w.chars().count() >= 2 && w.chars().all(|c| !c.is_lowercase())
}

/// A valid syllable no word list has: what a lost letter leaves ("ảng" of
/// "đảng", "ề" of "về"). Single ASCII letters ("Y tế", "điểm c") and Roman
/// numerals are not counted: they are written on purpose.
pub(super) fn is_unattested_shape(word: &str) -> bool {
    word.len() > 1 && !is_fragment_word(word) && !is_roman_numeral(word) && !is_attested(word)
}

/// Words after which a lone letter is an item of a list ("điểm c khoản 2").
const ENUMERATING_WORDS: [&str; 26] = [
    "điểm", "mục", "tiết", "khoản", "điều", "phần", "chương", "loại", "nhóm", "phụ", "lục", "và",
    "cấp", "hạng", "khu", "tổ", "đội", "lô", "dãy", "tầng", "mẫu", "kiểu", "khối", "đợt", "gan",
    "vitamin",
];

/// A capital or numeral labelling what the word before names: "nhóm B",
/// "cấp V (", "viêm gan B". Never a broken syllable.
pub(super) fn is_label(text: &str, ws: &[Word], i: usize) -> bool {
    let w = ws[i];
    let word = &text[w.start..w.end];
    let capital = word.len() == 1 && word.starts_with(|c: char| c.is_ascii_uppercase());
    // A small letter is read by the lone-letter rule, which knows lists;
    // a heading in capitals has broken words, not labels ("VÀ C NG TÁC").
    (capital || is_roman_numeral(word))
        && i.checked_sub(1).is_some_and(|p| {
            let prev = &text[ws[p].start..ws[p].end];
            &text[ws[p].end..w.start] == " "
                && prev != "và"
                && !is_caps_word(prev)
                && ENUMERATING_WORDS.contains(&prev.to_lowercase().as_str())
        })
}

/// How a lone consonant in prose reads.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum LoneLetter {
    /// A syllable that lost its vowel.
    Broken,
    /// Either that or a letter meant as written ("hạng B", "02 b"): its
    /// fills must make a pair that tells.
    MaybeMeant,
    /// Most likely broken, where a pair the counts have seen vouches for
    /// a fill: a capital before a capitalised word, the head of a name ("S
    /// Công Thương" = Sở Công, "B Chính trị" = Bộ Chính; an initial is
    /// rare in plans), and a letter after a number, what it counts ("23 x
    /// vùng cao" = xã).
    LikelyBroken,
}

/// A lone consonant in prose: what a syllable leaves when its vowel is lost
/// without a space ("v" of "về", "b" of "chi bộ,", "K" of "Căn cứ K hoạch").
/// A word of prose on each side, one space apart, or on one side with a
/// mark or a number on the other ("chi b, đảng bộ", "năm; s dụng", "02 đ
/// thị"). Not after a word that enumerates, nor beside another lone letter
/// ("điểm a, b"). A capital only between two words, and not a Roman
/// numeral. A capital, or a letter after a number, may be meant.
pub(super) fn lone_letter_in_prose(text: &str, ws: &[Word], i: usize) -> Option<LoneLetter> {
    let w = ws[i];
    let word = &text[w.start..w.end];
    let upper = word.starts_with(|c: char| c.is_uppercase());
    let consonant = word.len() == 1
        && word.starts_with(|c: char| c.is_ascii_alphabetic() && !"aeiouyAEIOUY".contains(c))
        || word == "đ"
        || word == "Đ";
    if !consonant {
        return None;
    }
    // The word beside, when only one space parts them: a syllable of prose.
    let prose = |j: usize, gap: &str| {
        let x = ws[j];
        let s = &text[x.start..x.end];
        (gap == " " && is_valid(s) && !in_code(text, x)).then_some(s)
    };
    let prev = i
        .checked_sub(1)
        .and_then(|p| prose(p, &text[ws[p].end..w.start]));
    let next = ws
        .get(i + 1)
        .and_then(|n| prose(i + 1, &text[w.end..n.start]));
    let enumerates = prev.is_some_and(|p| ENUMERATING_WORDS.contains(&p.to_lowercase().as_str()));
    // A mark on the other side: the word there is a syllable of two
    // letters or more, so that lists of letters are not read.
    let long = |s: &str| s.chars().count() >= 2;
    let mark_before = {
        let b = text[..w.start].strip_suffix(' ').unwrap_or("");
        let before_mark = i.checked_sub(1).map(|p| &text[ws[p].start..ws[p].end]);
        b.ends_with([',', ';']) && next.is_some_and(long) && before_mark.is_some_and(long)
    };
    // At a line's start, or after an opening mark ("\nv tiếp tục", "“v
    // đẩy mạnh"): a wrapped line or a quote, not a list, whose labels take
    // a bracket ("b) Nội dung").
    let opens = {
        let b = &text[..w.start];
        (b.is_empty() || b.ends_with(['\n', '“', '(']) || b.ends_with("\n\""))
            && next.is_some_and(long)
    };
    // Before a mark, a closing quote or bracket ("Hoa phượng đ\"").
    let mark_after = text[w.end..].starts_with([',', ';', ':', '.', '!', '?', '"', '”', ')', '\n'])
        && prev.is_some_and(long);
    let number_before = after_number(text, w);
    use LoneLetter::*;
    match (prev, next) {
        // "khóa X về": a Roman numeral; "điểm b khoản 2": a label. But
        // "khu đ thị", "và X hội" lost a vowel: a telling pair says so.
        _ if enumerates => next.is_some_and(long).then_some(MaybeMeant),
        _ if upper && !is_roman_numeral(word) && next.is_some_and(is_title_word) => {
            Some(LikelyBroken)
        }
        // A capital may be a Roman numeral or a name's initial as well
        // ("khóa X về", "BAN THƯỜNG V" = VỤ).
        (Some(_), Some(_)) if upper => Some(MaybeMeant),
        (Some(_), Some(_)) => Some(Broken),
        // A capital at a line's start or end, or beside a mark ("- S Công
        // Thương", "BAN THƯỜNG V"): a name's initial as often.
        _ if upper => prev.or(next).is_some_and(long).then_some(MaybeMeant),
        (Some(_), None) => mark_after.then_some(Broken),
        // "23 x vùng cao", "3 v cháy": what a number counts, which a pair
        // seen vouches for; "02 b" may be a label, which no pair does.
        (None, Some(n)) if number_before => long(n).then_some(LikelyBroken),
        (None, Some(_)) => (mark_before || opens).then_some(Broken),
        (None, None) => None,
    }
}

/// Punctuation (or a number) a space normally follows.
pub(super) fn closes_previous(before: &str) -> bool {
    let mut back = before.chars().rev();
    match back.next() {
        Some(',' | ';' | ':' | '.' | '!' | '?' | ')' | '”' | '-' | '+' | '%') => true,
        Some(c) if c.is_ascii_digit() => true,
        // A straight quote after a word closes it ("hành chính" đối với).
        Some('"') => back
            .next()
            .is_some_and(|c| is_letter(c) || matches!(c, '.' | '!' | '?' | '*' | ')')),
        _ => false,
    }
}

/// Does `rest` start with what a space normally comes before: "(", an
/// opening quote, a dash or a number? A straight quote opens only when a
/// word follows it ("v \"Dân vận" keeps the space, "nhiệm v \" (" is
/// nhiệm vụ").
pub(super) fn opens_next(rest: &str) -> bool {
    let mut cs = rest.chars();
    match cs.next() {
        Some('"') => cs.next().is_some_and(|c| c.is_alphanumeric()),
        Some(c) => matches!(c, '(' | '“' | '-') || c.is_ascii_digit(),
        None => false,
    }
}
