//! Document numbers ("số và ký hiệu"): recognising them in running text,
//! writing them canonically, and keying them so that every spelling of one
//! number meets in the index.
//!
//! Party numbers are `{n}-{kind}/{issuer}` ("01-KL/TW"); state numbers are
//! `{n}/{year}/{kind}-{issuer}` ("91/2017/NĐ-CP") or `{n}/{kind}-{issuer}`
//! ("27/CT-TTg"). Extraction damages them with spaces and line breaks around
//! the separators, and scribes sometimes write a Party number with '/' for '-'.

use std::sync::LazyLock;

use regex::Regex;

/// The body of a number, separators allowing the whitespace damage seen in
/// extracted text. Groups: 1 serial, 2 first separator, 3 year (state legal
/// form), 4 kind code, 5 second separator, 6 issuer code.
///
/// Whitespace runs are bounded so that a stray digit far from a code is not
/// glued to it across a page. Codes are Latin capitals and "Đ" (with a few
/// lower-case letters: "QĐi", "CTr", "TTg"); keeping the classes that small
/// keeps the automaton small, which is most of the parser's speed.
pub(crate) const NUMBER_PATTERN: &str = r"([0-9]{1,5})[ \t]*(?:\r?\n[ \t]*){0,2}([-/–])[ \t]*(?:\r?\n[ \t]*){0,2}(?:([0-9]{4})[ \t]*/[ \t]*)?([A-ZĐ][A-Za-zĐđ]{0,4})[ \t]*(?:\r?\n[ \t]*){0,2}([-/–])[ \t]*(?:\r?\n[ \t]*){0,2}([A-ZĐ][A-Za-zĐđ0-9]*(?:[.\-][A-ZĐ][A-Za-zĐđ0-9]*)*)";

static WHOLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^(?:[Ss][ốỐ][ :]*)?{NUMBER_PATTERN}$")).unwrap());

/// The parts of one number, as recognised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NumberParts<'a> {
    pub serial: &'a str,
    pub year: Option<&'a str>,
    pub kind: &'a str,
    pub issuer: &'a str,
    /// True for the state form (`/` then `-`), false for the Party form.
    pub state: bool,
}

/// Split captures of [`NUMBER_PATTERN`] (at group offset 0) into parts.
pub(crate) fn parts_from_captures<'a>(c: &regex::Captures<'a>) -> NumberParts<'a> {
    let sep1 = c.get(2).map_or("", |m| m.as_str());
    let sep2 = c.get(5).map_or("", |m| m.as_str());
    let year = c.get(3).map(|m| m.as_str());
    // A year, or "/" then "-", is the state form; everything else (including
    // the damaged "01/KL/TW" and "01-KL-TW") is read as the Party form.
    let state = year.is_some() || (sep1 == "/" && sep2 != "/");
    NumberParts {
        serial: c.get(1).map_or("", |m| m.as_str()),
        year,
        kind: c.get(4).map_or("", |m| m.as_str()),
        issuer: c.get(6).map_or("", |m| m.as_str()),
        state,
    }
}

impl NumberParts<'_> {
    /// The canonical spelling.
    pub fn canonical(&self) -> String {
        match (self.state, self.year) {
            (true, Some(y)) => format!("{}/{}/{}-{}", self.serial, y, self.kind, self.issuer),
            (true, None) => format!("{}/{}-{}", self.serial, self.kind, self.issuer),
            (false, _) => format!("{}-{}/{}", self.serial, self.kind, self.issuer),
        }
    }

    /// The spelling-independent key (see [`match_key`]).
    pub fn key(&self) -> String {
        let serial = self.serial.trim_start_matches('0');
        let serial = if serial.is_empty() { "0" } else { serial };
        let mut key = String::from(serial);
        if let Some(y) = self.year {
            key.push('/');
            key.push_str(y);
        }
        key.push('/');
        key.push_str(&self.kind.to_uppercase());
        key.push('/');
        key.push_str(&self.issuer.to_uppercase().replace('-', "/"));
        key
    }
}

/// The canonical spelling of a document number, or `None` when `raw` is not
/// one. Inner whitespace and line breaks go; a Party number is written
/// `{n}-{kind}/{issuer}` ("01- KL/TW", "01/KL/TW", "01-\nKL/TW" → "01-KL/TW");
/// state numbers keep their form ("91/2017/NĐ-CP", "27/CT-TTg").
/// A leading "Số"/"số:" is accepted and dropped.
///
/// ```
/// use kehoach::parse::canonical;
/// assert_eq!(canonical("01 - KL/TW").as_deref(), Some("01-KL/TW"));
/// assert_eq!(canonical("Số 34-\nKH/ĐUK").as_deref(), Some("34-KH/ĐUK"));
/// assert_eq!(canonical("91/2017/NĐ-CP").as_deref(), Some("91/2017/NĐ-CP"));
/// assert_eq!(canonical("tư tưởng"), None);
/// ```
pub fn canonical(raw: &str) -> Option<String> {
    let c = WHOLE.captures(raw.trim())?;
    Some(parts_from_captures(&c).canonical())
}

/// A key equal for all spellings of one number: leading zeros, spacing, '-'
/// versus '/' and letter case do not matter ("5-CT/TW", "05/CT-TW",
/// "05- CT/TW" → one key). For the index; not meant for display.
///
/// ```
/// use kehoach::parse::match_key;
/// let key = match_key("05-CT/TW");
/// assert!(key.is_some());
/// assert_eq!(match_key("5-CT/TW"), key);
/// assert_eq!(match_key("05/CT-TW"), key);
/// assert_eq!(match_key("05- CT/TW"), key);
/// assert_ne!(match_key("05-CT/TU"), key);
/// ```
pub fn match_key(raw: &str) -> Option<String> {
    // Upper-casing first lets a query typed in lower case ("05-ct/tw") match.
    let upper = raw.trim().to_uppercase();
    let c = WHOLE.captures(&upper)?;
    Some(parts_from_captures(&c).key())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damaged_party_numbers_become_canonical() {
        for raw in [
            "01- KL/TW",
            "01 - KL/TW",
            "01/KL/TW",
            "01-\nKL/TW",
            "01-KL/TW",
            "01-\n\nKL/TW",
            "Số 01-KL/TW",
        ] {
            assert_eq!(canonical(raw).as_deref(), Some("01-KL/TW"), "{raw:?}");
        }
        assert_eq!(canonical("124-CV/VP.ĐUK").as_deref(), Some("124-CV/VP.ĐUK"));
        assert_eq!(canonical("08-QĐi/TW").as_deref(), Some("08-QĐi/TW"));
        assert_eq!(canonical("43 - CTr/ TU").as_deref(), Some("43-CTr/TU"));
    }

    #[test]
    fn state_numbers_keep_their_form() {
        assert_eq!(canonical("91/2017/NĐ-CP").as_deref(), Some("91/2017/NĐ-CP"));
        assert_eq!(
            canonical("91 / 2017 / NĐ - CP").as_deref(),
            Some("91/2017/NĐ-CP")
        );
        assert_eq!(canonical("27/CT-TTg").as_deref(), Some("27/CT-TTg"));
        assert_eq!(canonical("248/HD-SNV").as_deref(), Some("248/HD-SNV"));
        assert_eq!(
            canonical("Số: 1520/QĐ-UBND").as_deref(),
            Some("1520/QĐ-UBND")
        );
    }

    #[test]
    fn things_that_are_not_numbers_are_rejected() {
        for raw in [
            "",
            "18/5/2021",
            "2020 - 2025",
            "KL/TW",
            "Kết luận 01",
            "01-KL",
            "quý I/2023",
        ] {
            assert_eq!(canonical(raw), None, "{raw:?}");
            assert_eq!(match_key(raw), None, "{raw:?}");
        }
    }

    #[test]
    fn all_spellings_of_one_number_share_a_key() {
        let keys: Vec<_> = [
            "5-CT/TW",
            "05/CT-TW",
            "05- CT/TW",
            "05-CT/TW",
            "05-ct/tw",
            "005 - CT /TW",
        ]
        .iter()
        .map(|r| match_key(r))
        .collect();
        assert!(keys[0].is_some());
        assert!(keys.iter().all(|k| k == &keys[0]), "{keys:?}");
        assert_ne!(match_key("5-CT/TW"), match_key("5-CT/TU"));
        assert_ne!(match_key("5-CT/TW"), match_key("15-CT/TW"));
        assert_eq!(match_key("91/2017/NĐ-CP"), match_key("91/2017/nđ-cp"));
        assert_ne!(match_key("91/2017/NĐ-CP"), match_key("91/2018/NĐ-CP"));
    }
}
