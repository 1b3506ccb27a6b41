//! A lost "Đ" inside a code: "22-Q /TW" is 22-QĐ/TW, "25-KH/ UK" is
//! 25-KH/ĐUK, "TT H ND" is TT HĐND. And a lost "đ" of an item label:
//! ") Tên loại" after "d) ..." is "đ) Tên loại".
//!
//! Document numbers and the abbreviations of Party and state bodies are
//! written in Latin capitals and "Đ" (domain.md), so a space inside one is
//! the trace of a lost glyph, and the only letter it can have been is "Đ".
//! The syllable model cannot see this (codes are not syllables and the
//! dropped-glyph stage leaves them alone), so this stage restores the "Đ"
//! when the letters around the space then spell a code that is known: a
//! kind or issuer code of the domain, or one written intact elsewhere in
//! the same document.

use super::edit::Edit;
use super::fast_hash::FastSet;

/// Codes with "Đ" that plans use (kinds and issuers, domain.md).
const KNOWN: &[&str] = &[
    "QĐ", "QĐi", "NĐ", "ĐA", "ĐU", "ĐUK", "BCĐ", "BCSĐ", "HĐND", "HĐ", "VPĐU", "ĐTN", "ĐCSVN",
    "ĐBQH", "BTCĐU", "BTCĐUK", "UBKTĐU", "UBKTĐUK", "TĐKT", "QĐ-TTg", "QĐ-UBND",
    // Departments and bodies of the state ("Sở LĐTBXH", "Phòng GDĐT").
    "LĐTBXH", "LĐTB&XH", "GDĐT", "GD&ĐT", "KHĐT", "KH&ĐT", "LĐLĐ", "QLĐT", "SGDĐT", "BGDĐT",
];

/// Codes written without "Đ" that are codes as they stand (kinds and
/// issuers): "12-BC/TU" is a report, not a lost "BCĐ"; "41-KH/HND" is the
/// Farmers' Union (Hội Nông dân), not a lost "HĐND". What matters are the
/// known codes less their "Đ" that are codes themselves.
const PLAIN: &[&str] = &[
    "KH", "BC", "CT", "NQ", "KL", "TB", "CV", "HD", "CTr", "TT", "TTr", "QC", "CP", "TTg", "TW",
    "TU", "HU", "UBND", "BCS", "BTG", "BTC", "UBKT", "VP", "BCH", "HND", "CSVN",
];

/// A letter a code is written with ("&" joins two bodies: "GD&ĐT").
fn code_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || c == 'Đ' || c == 'đ' || c == '&'
}

/// Runs of code letters with a "Đ" in them, written in this text.
fn codes_written(text: &str) -> FastSet<&str> {
    let mut set = FastSet::default();
    for token in text.split(|c: char| !code_letter(c)) {
        if token.contains('Đ')
            && token.chars().count() >= 2
            && token.chars().any(|c| c.is_ascii_uppercase())
        {
            set.insert(token);
        }
    }
    set
}

/// Is `left Đ right` the last part of a document number, "168/KH-SGD T"
/// (SGDĐT), "08-KH/T TN" (TĐTN)? An issuer code no list knows, but a
/// number is never split by a space, and Latin capitals keep their glyphs:
/// the lost one is "Đ". Not when the right part is a word in capitals
/// ("45-KH/TU BAN" of a heading), nor the start of a broken word
/// ("248/KH-SNV B nh Sơn" is SNV Bình Sơn).
fn issuer_of_a_number(before: &str, left: &str, right: &str, rest: &str) -> bool {
    let number = &before[..before.len() - left.len()];
    let number = &number[number.rfind(char::is_whitespace).map_or(0, |p| p + 1)..];
    let next_word = rest
        .strip_prefix(' ')
        .and_then(|r| r.split(|c: char| !c.is_alphabetic()).next())
        .filter(|w| w.starts_with(char::is_lowercase));
    !left.is_empty()
        && next_word.is_none_or(super::syllable::is_valid)
        && (1..=5).contains(&right.chars().count())
        && !super::syllable::is_valid(right)
        && number.ends_with(['/', '-'])
        && number.starts_with(|c: char| c.is_ascii_digit())
        && number.contains(['/', '-'])
}

/// The "Đ" restored in the codes of `text`.
pub fn edits(text: &str) -> Vec<Edit> {
    let written = codes_written(text);
    let known = |code: &str| KNOWN.contains(&code) || written.contains(code);
    let mut out = Vec::new();
    for (i, _) in text.match_indices(' ') {
        let before = &text[..i];
        let after = &text[i + 1..];
        let (Some(l), Some(r)) = (before.chars().next_back(), after.chars().next()) else {
            continue;
        };
        // Letters or a separator on one side, letters on the other.
        let separator = |c: char| matches!(c, '/' | '-' | '.');
        let fits = match (separator(l), separator(r) && r != '.') {
            // At the end of a code its lost letter's space comes before
            // the separator, a mark or the line end ("24/KH-BC \n").
            (false, false) => {
                l.is_ascii_uppercase()
                    && (r.is_ascii_uppercase() || r == 'i' || matches!(r, ' ' | '\n' | ',' | ';'))
            }
            (true, false) => r.is_ascii_uppercase(),
            (false, true) => l.is_ascii_uppercase(),
            (true, true) => false,
        };
        if !fits {
            continue;
        }
        let left_len = before.len() - before.trim_end_matches(code_letter).len();
        let right_len = after.len() - after.trim_start_matches(code_letter).len();
        let (left, right) = (&before[before.len() - left_len..], &after[..right_len]);
        // Whole runs only: "CH" of "CHỦ" is no code. A separator on the
        // left must close a code ("KH/ UK"), not open a bullet ("- Hướng").
        let ahead = before[..before.len() - left_len].chars().next_back();
        let behind = after[right_len..].chars().next();
        if ahead.is_some_and(char::is_alphabetic) || behind.is_some_and(char::is_alphabetic) {
            continue;
        }
        if left.is_empty() {
            // Before the separator a code letter, or another lost letter's
            // space after one ("324-Q / UK").
            let mut back = before[..before.len() - 1].chars().rev();
            let code_char = |c: char| c.is_ascii_alphanumeric() || c == 'Đ';
            // A dot after a number is an item label ("2. Hạn chế"), after
            // letters an office ("VP.ĐUK").
            let closes_code = match back.next() {
                Some(' ') => back.next().is_some_and(|c| c.is_ascii_uppercase()),
                Some(c) if l == '.' => c.is_ascii_uppercase(),
                c => c.is_some_and(code_char),
            };
            if !closes_code {
                continue;
            }
        }
        // Only the letters of a code: no Vietnamese word on either side.
        if left
            .chars()
            .chain(right.chars())
            .any(|c| c.is_lowercase() && c != 'i')
        {
            continue;
        }
        let code = format!("{left}Đ{right}");
        if !known(&code) && !issuer_of_a_number(before, left, right, &after[right_len..]) {
            continue;
        }
        // The whole token must be a code: a number ("22-QĐ/TW"), a dotted
        // office ("VP.ĐUK") or capitals on both sides ("H ND").
        let token_start = before.rfind(char::is_whitespace).map_or(0, |p| p + 1);
        let token_end = after
            .find(char::is_whitespace)
            .map_or(text.len(), |p| i + 1 + p);
        let token = &text[token_start..token_end];
        let numbered =
            token.contains(|c: char| c.is_ascii_digit() || c == '/' || c == '-' || c == '.');
        // Outside a number a code's lost last letter leaves two spaces
        // ("Thành viên BC  TĐT"), and only a code of the domain is read.
        let last_of_known = right.is_empty()
            && left.chars().count() >= 2
            && after[1..].starts_with(|c: char| c.is_uppercase() || c == '\n')
            && KNOWN.contains(&code.as_str());
        if !numbered && (left.is_empty() || right.is_empty()) && !last_of_known {
            continue;
        }
        out.push(Edit::applied(
            i,
            i + 1,
            "Đ".to_string(),
            "code-letter",
            0.99,
        ));
    }
    // A number whose lost letter left a space is read by the rule above.
    let spaced: Vec<usize> = out.iter().map(|e: &Edit| e.start).collect();
    out.extend(
        lost_without_a_space(text, &known)
            .into_iter()
            .filter(|(token, _)| !spaced.iter().any(|p| token.contains(p)))
            .map(|(_, e)| e),
    );
    out.extend(item_labels(text));
    out.sort_by_key(|e| e.start);
    out
}

/// "Đ" lost with no space left, inside a document number: "22-Q/TW" is
/// 22-QĐ/TW, "48/2023/N-CP" is 48/2023/NĐ-CP, "87-BC/U" is 87-BC/ĐU. A
/// part of a number that is no code as it stands, and becomes a known one
/// with a "Đ" in exactly one place, lost it. A lone letter is read so only
/// before more of the code or as the issuer after "/": "Mẫu 02-A" is a form.
/// Each edit comes with the byte range of its number, its end included.
fn lost_without_a_space(
    text: &str,
    known: &dyn Fn(&str) -> bool,
) -> Vec<(std::ops::RangeInclusive<usize>, Edit)> {
    let mut out = Vec::new();
    let mut at = 0;
    for token in text.split_inclusive(char::is_whitespace) {
        let start = at;
        at += token.len();
        let token = token.trim_end_matches(|c: char| !c.is_alphanumeric());
        if !token.starts_with(|c: char| c.is_ascii_digit()) || !token.contains(['/', '-']) {
            continue;
        }
        let mut offset = start;
        let parts: Vec<&str> = token.split_inclusive(['/', '-', '.']).collect();
        for (k, part) in parts.iter().enumerate() {
            let here = offset;
            offset += part.len();
            let code = part.trim_end_matches(['/', '-', '.']);
            let last = k + 1 == parts.len();
            let after_slash = k > 0 && parts[k - 1].ends_with('/');
            if code.is_empty()
                || !code.starts_with(|c: char| c.is_ascii_uppercase())
                || !code.chars().all(|c| c.is_ascii_alphabetic() || c == '&')
                || PLAIN.contains(&code)
                || known(code)
                || (code.len() == 1 && last && !after_slash)
            {
                continue;
            }
            let fits: Vec<usize> = (0..=code.len())
                .filter(|&p| known(&format!("{}Đ{}", &code[..p], &code[p..])))
                .collect();
            if let [p] = fits[..] {
                let edit = Edit::applied(here + p, here + p, "Đ".to_string(), "code-letter", 0.95);
                out.push((start..=start + token.len(), edit));
            }
        }
    }
    out
}

/// "đ)" that lost its letter at a line start, after an item "d)": the
/// one letter of the labels (a, b, c, d, đ, e ...) a font can lose.
fn item_labels(text: &str) -> Vec<Edit> {
    let mut out = Vec::new();
    let mut after_d = false;
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_start_matches([' ', '\t']);
        let at = start + line.len() - body.len();
        if body.starts_with("d)") {
            after_d = true;
        } else if after_d && body.starts_with(") ") && body[2..].starts_with(char::is_alphabetic) {
            out.push(Edit::applied(at, at, "đ".to_string(), "item-label", 0.95));
            after_d = false;
        }
        start += line.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(text: &str) -> String {
        super::super::edit::apply(text, &edits(text))
    }

    #[test]
    fn restores_the_d_of_kind_and_issuer_codes() {
        assert_eq!(
            fix("Quy định số 22-Q /TW ngày"),
            "Quy định số 22-QĐ/TW ngày"
        );
        assert_eq!(
            fix("Kế hoạch số 25-KH/ UK, ngày"),
            "Kế hoạch số 25-KH/ĐUK, ngày"
        );
        assert_eq!(fix("số 324-Q / UK,"), "số 324-QĐ/ĐUK,");
        assert_eq!(
            fix("Nghị định 91/2017/N -CP nêu trên"),
            "Nghị định 91/2017/NĐ-CP nêu trên"
        );
        assert_eq!(fix("Quy định 08-Q i/TW và"), "Quy định 08-QĐi/TW và");
        assert_eq!(fix("văn số 124-CV/VP. UK,"), "văn số 124-CV/VP.ĐUK,");
        assert_eq!(fix("Thường trực H ND huyện"), "Thường trực HĐND huyện");
    }

    #[test]
    fn a_d_lost_with_no_space_inside_a_number_is_restored() {
        assert_eq!(fix("Quy định số 22-Q/TW ngày"), "Quy định số 22-QĐ/TW ngày");
        assert_eq!(fix("theo 48/2023/N-CP; và"), "theo 48/2023/NĐ-CP; và");
        assert_eq!(fix("số 939/Q-TTg ngày"), "số 939/QĐ-TTg ngày");
        assert_eq!(fix("Số 87-BC/U\n"), "Số 87-BC/ĐU\n");
        assert_eq!(fix("số 231-CV/VP.UK, ngày"), "số 231-CV/VP.ĐUK, ngày");
        assert_eq!(fix("án số 07-A/ĐUK, ngày"), "án số 07-ĐA/ĐUK, ngày");
        assert_eq!(fix("số 96-Qi/TW nêu"), "số 96-QĐi/TW nêu");
        assert_eq!(fix("số 27/2023/TT-BGDT ngày"), "số 27/2023/TT-BGDĐT ngày");
        // Codes as they stand, forms, and unknown codes: left alone.
        for text in [
            "Số 12-BC/TU ngày",
            "Số: 41-KH/HND",
            "số 03/CTrPH-HND-SNN ngày",
            "Số 46-KH/BCS ngày",
            "Mẫu 02-A kèm theo",
            "Số 15-KH/XYZ ngày",
            "ngày 06/02/2025",
            "Quy định Q/TW",
        ] {
            assert_eq!(fix(text), text, "{text}");
        }
    }

    #[test]
    fn an_issuer_code_no_list_knows_is_restored_inside_a_document_number() {
        assert_eq!(fix("Số: 168/KH-SGD T\n"), "Số: 168/KH-SGDĐT\n");
        assert_eq!(fix("Số 08-KH/T TN ngày"), "Số 08-KH/TĐTN ngày");
        assert_eq!(
            fix("Hướng dẫn số 07/HD-H T KT ngày"),
            "Hướng dẫn số 07/HD-HĐTĐKT ngày"
        );
        // A word in capitals after a number, or no number: left alone.
        for text in [
            "Số 45-KH/TU BAN CHẤP HÀNH",
            "Lưu: VT, L TBX.",
            "KH-ABC T",
            "Số: 248/KH-SNV B nh Sơn, ngày",
        ] {
            assert_eq!(fix(text), text);
        }
    }

    #[test]
    fn the_codes_of_state_departments_are_known() {
        assert_eq!(fix("Lưu: VT, L TBXH."), "Lưu: VT, LĐTBXH.");
        assert_eq!(fix("- Sở L TB&XH tỉnh"), "- Sở LĐTB&XH tỉnh");
        assert_eq!(fix("- Phòng GD T các huyện"), "- Phòng GDĐT các huyện");
        assert_eq!(fix("số 09/CTr-LĐL  ngày"), "số 09/CTr-LĐLĐ ngày");
        // A known code's last letter outside a number: two spaces, and a
        // capital or the line end after them.
        assert_eq!(fix("Thành viên BC  TĐT huyện"), "Thành viên BCĐ TĐT huyện");
        for text in ["Thành viên BC TĐT huyện", "các BC  và", "Q&A TW"] {
            assert_eq!(fix(text), text);
        }
    }

    #[test]
    fn an_item_label_after_d_that_lost_its_letter_is_d_stroke() {
        let text = "c) Thời gian\nd) Địa điểm\n) Tên loại văn bản\n";
        assert_eq!(
            fix(text),
            "c) Thời gian\nd) Địa điểm\nđ) Tên loại văn bản\n"
        );
        // No "d)" before it: a wrapped parenthesis, left alone.
        for text in ["(xem Phụ lục 1\n) kèm theo", "a) Một\n) Hai"] {
            assert_eq!(fix(text), text);
        }
    }

    #[test]
    fn a_known_code_that_lost_its_last_letter_is_restored() {
        assert_eq!(fix("Số: 24/KH-BC \nngày"), "Số: 24/KH-BCĐ\nngày");
        assert_eq!(fix("Số 46-KH/BCS  ngày 5/3"), "Số 46-KH/BCSĐ ngày 5/3");
        // Not a known code, or not in a number: left alone.
        for text in [
            "Số 46-KH/BCS ngày",
            "Số 15-BC/HU \n",
            "các BC \n",
            "Số 46-KH/ABC  ngày",
        ] {
            assert_eq!(fix(text), text);
        }
    }

    #[test]
    fn codes_the_document_writes_intact_count_as_known() {
        let text = "- Lưu VPĐU.\n- Lưu VP U.\n";
        assert_eq!(fix(text), "- Lưu VPĐU.\n- Lưu VPĐU.\n");
        // Unknown everywhere: left alone.
        assert_eq!(fix("- Lưu VP X."), "- Lưu VP X.");
        // An item number is no office, whatever codes the text writes.
        let text = "Trường ĐH Lam.\n2. H n chế\n";
        assert_eq!(fix(text), text);
    }

    #[test]
    fn prose_capitals_and_intact_codes_are_left_alone() {
        for text in [
            "K HOẠCH",
            "BAN THƯỜNG V",
            "Kế hoạch số 34-KH/ĐUK ngày 5/3/2024",
            "Số 34-KH/ ĐUK",
            "Lưu VP. UBND tỉnh",
            "Ủy ban MTTQ và các đoàn thể",
            "của TW. Ung thư",
            "- Hướng dẫn, theo dõi",
            "KT. CHỦ TỊCH",
            "II. CHỈ TIÊU",
            "",
        ] {
            assert_eq!(fix(text), text, "{text}");
        }
    }
}
