//! Document numbers as the audit compares them: a canonical key, its parts,
//! and the "one digit or one code off" neighbours used for "did you mean".

use unicode_normalization::UnicodeNormalization;

/// Canonical comparison key of a document number: "5-CT/TW", "05/CT-TW" and
/// "05- CT/TW" all give "5/CT/TW" ([`crate::parse::match_key`]). Strings the
/// parser does not take for a number are still keyed the same way, part by
/// part, so that nothing cited is silently dropped.
pub fn key(number: &str) -> String {
    crate::parse::match_key(number).unwrap_or_else(|| parts(number).join("/"))
}

/// The parts of a number, upper-cased: serial (without leading zeros), then
/// year (state legal form), kind and issuer codes. `"91/2017/NĐ-CP"` →
/// `["91", "2017", "NĐ", "CP"]`.
pub fn parts(number: &str) -> Vec<String> {
    let upper: String = number.nfc().collect::<String>().to_uppercase();
    let mut out: Vec<String> = upper
        .split(|c: char| c == '-' || c == '/' || c == '–' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    if let Some(first) = out.first_mut() {
        if first.chars().all(|c| c.is_ascii_digit()) {
            let trimmed = first.trim_start_matches('0');
            *first = if trimmed.is_empty() {
                "0".into()
            } else {
                trimmed.into()
            };
        }
    }
    out
}

/// Issuer codes of central bodies: their directives are the roots of the
/// hierarchy and normally lie outside a province's archive.
const CENTRAL_ISSUERS: &[&str] = &["TW", "CP", "TTG", "QH", "UBTVQH", "CTN", "BCT", "BBT"];

/// True when the number belongs to a central body (Party Central, Government,
/// Prime Minister, National Assembly): a root directive.
pub fn is_central(key_parts: &[String]) -> bool {
    match key_parts.last() {
        Some(issuer) => issuer.ends_with("TW") || CENTRAL_ISSUERS.contains(&issuer.as_str()),
        None => false,
    }
}

/// Everything after the serial ("KH/ĐUK"): the series a number belongs to.
pub fn series(key_parts: &[String]) -> String {
    key_parts.get(1..).unwrap_or_default().join("/")
}

/// Keys of the numbers one digit off `key_parts` in the same series: one
/// serial digit replaced, dropped, added, or two neighbours swapped.
pub fn digit_neighbours(key_parts: &[String]) -> Vec<String> {
    let Some(serial) = key_parts.first() else {
        return Vec::new();
    };
    if serial.is_empty() || !serial.chars().all(|c| c.is_ascii_digit()) {
        return Vec::new();
    }
    let rest = series(key_parts);
    let digits: Vec<u8> = serial.bytes().collect();
    let mut variants: Vec<Vec<u8>> = Vec::new();
    for i in 0..digits.len() {
        for d in b'0'..=b'9' {
            if d != digits[i] {
                let mut v = digits.clone();
                v[i] = d;
                variants.push(v);
            }
        }
        if digits.len() > 1 {
            let mut v = digits.clone();
            v.remove(i);
            variants.push(v);
        }
        if i + 1 < digits.len() && digits[i] != digits[i + 1] {
            let mut v = digits.clone();
            v.swap(i, i + 1);
            variants.push(v);
        }
    }
    for i in 0..=digits.len() {
        for d in b'0'..=b'9' {
            let mut v = digits.clone();
            v.insert(i, d);
            variants.push(v);
        }
    }
    let mut keys: Vec<String> = variants
        .into_iter()
        .map(|v| {
            let s = String::from_utf8(v).unwrap_or_default();
            let s = s.trim_start_matches('0');
            let serial = if s.is_empty() { "0" } else { s };
            if rest.is_empty() {
                serial.to_string()
            } else {
                format!("{serial}/{rest}")
            }
        })
        .collect();
    let own = key_parts.join("/");
    keys.retain(|k| *k != own);
    keys.sort();
    keys.dedup();
    keys
}

/// True when two numbers with the same serial differ in exactly one code
/// ("25-KH/ĐUK" vs "25-KH/ĐU", "25-CTr/ĐUK").
pub fn one_code_off(a: &[String], b: &[String]) -> bool {
    a.len() == b.len()
        && a.first() == b.first()
        && a.iter().zip(b).filter(|(x, y)| x != y).count() == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_number_share_a_key() {
        assert_eq!(key("5-CT/TW"), "5/CT/TW");
        assert_eq!(key("05/CT-TW"), "5/CT/TW");
        assert_eq!(key("05- CT/TW"), "5/CT/TW");
        assert_eq!(key("37-kh/đuk"), key("37-KH/ĐUK"));
        assert_ne!(key("37-KH/ĐUK"), key("37-KH/ĐU"));
        assert_eq!(key("73/2018/NĐ-CP"), "73/2018/NĐ/CP");
    }

    #[test]
    fn central_issuers_are_roots() {
        assert!(is_central(&parts("02-KL/TW")));
        assert!(is_central(&parts("12-HD/BTGTW")));
        assert!(is_central(&parts("41/CT-TTg")));
        assert!(!is_central(&parts("37-KH/ĐUK")));
        assert!(!is_central(&parts("18-KH/TU")));
    }

    #[test]
    fn digit_neighbours_cover_typing_slips() {
        let n = digit_neighbours(&parts("37-KH/ĐUK"));
        for expected in [
            "38/KH/ĐUK",
            "7/KH/ĐUK",
            "73/KH/ĐUK",
            "307/KH/ĐUK",
            "137/KH/ĐUK",
        ] {
            assert!(n.iter().any(|k| k == expected), "{expected} missing");
        }
        assert!(!n.iter().any(|k| k == "37/KH/ĐUK"));
        assert!(
            !n.iter().any(|k| k == "48/KH/ĐUK"),
            "two digits off is not a slip"
        );
        assert!(n.iter().all(|k| k.ends_with("/KH/ĐUK")));
    }

    #[test]
    fn one_code_off_needs_same_serial() {
        assert!(one_code_off(&parts("37-KH/ĐUK"), &parts("37-KH/ĐU")));
        assert!(one_code_off(&parts("37-KH/ĐUK"), &parts("37-CTr/ĐUK")));
        assert!(!one_code_off(&parts("37-KH/ĐUK"), &parts("38-KH/ĐU")));
        assert!(!one_code_off(&parts("37-KH/ĐUK"), &parts("37-KH/ĐUK")));
    }
}
