//! ToUnicode CMaps: character code → Unicode text.
//!
//! Only what a ToUnicode stream uses (PDF 32000-1, 9.10.3): `bfchar` pairs
//! and `bfrange` runs, with hex-string destinations in UTF-16BE. Parsed once
//! per font object and cached, where pdf-extract parses it again per page.

use std::collections::HashMap;

/// A parsed ToUnicode map.
#[derive(Debug, Default, Clone)]
pub struct ToUnicode {
    map: HashMap<u32, String>,
}

/// A range longer than this is damage, not a font (a 2-byte code space has
/// 65,536 codes).
const MAX_RANGE: u32 = 0x1_0000;
/// Nor is a map larger than this (the limit keeps a damaged stream of many
/// long ranges from taking the memory of the import).
const MAX_ENTRIES: usize = 0x4_0000;

impl ToUnicode {
    pub fn get(&self, code: u32) -> Option<&str> {
        self.map.get(&code).map(String::as_str)
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Parse a decoded ToUnicode stream. Tokens it does not need are skipped;
    /// a malformed section ends the parse with what was read so far.
    pub fn parse(data: &[u8]) -> ToUnicode {
        let tokens = tokenize(data);
        let mut map = HashMap::new();
        let mut i = 0;
        while i < tokens.len() {
            match &tokens[i] {
                Token::Keyword(k) if k == b"beginbfchar" => {
                    i += 1;
                    while let (Some(Token::Hex(src)), Some(Token::Hex(dst))) =
                        (tokens.get(i), tokens.get(i + 1))
                    {
                        insert(&mut map, code_of(src), dst);
                        i += 2;
                    }
                }
                Token::Keyword(k) if k == b"beginbfrange" => {
                    i += 1;
                    while let (Some(Token::Hex(lo)), Some(Token::Hex(hi))) =
                        (tokens.get(i), tokens.get(i + 1))
                    {
                        let (lo, hi) = (code_of(lo), code_of(hi));
                        if hi < lo || hi - lo >= MAX_RANGE || map.len() >= MAX_ENTRIES {
                            i += 3;
                            continue;
                        }
                        match tokens.get(i + 2) {
                            Some(Token::Hex(start)) => range_from(&mut map, lo, hi, start),
                            Some(Token::Array(items)) => {
                                for (code, dst) in (lo..=hi).zip(items) {
                                    insert(&mut map, code, dst);
                                }
                            }
                            _ => break,
                        }
                        i += 3;
                    }
                }
                _ => i += 1,
            }
        }
        ToUnicode { map }
    }
}

/// `<lo> <hi> <start>`: consecutive codes map to consecutive values, the
/// last UTF-16 unit counting up.
fn range_from(map: &mut HashMap<u32, String>, lo: u32, hi: u32, start: &[u8]) {
    let mut units = utf16_units(start);
    let Some(&last) = units.last() else { return };
    for code in lo..=hi {
        let n = units.len();
        units[n - 1] = last.wrapping_add((code - lo) as u16);
        map.insert(code, String::from_utf16_lossy(&units));
    }
}

fn insert(map: &mut HashMap<u32, String>, code: u32, dst: &[u8]) {
    let units = utf16_units(dst);
    // A lone surrogate maps to nothing readable (pdf-extract skips these too).
    if let [u] = units.as_slice() {
        if (0xD800..=0xDFFF).contains(u) {
            return;
        }
    }
    map.insert(code, String::from_utf16_lossy(&units));
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|c| match c {
            [a, b] => u16::from_be_bytes([*a, *b]),
            [a] => *a as u16,
            _ => 0,
        })
        .collect()
}

fn code_of(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |acc, &b| (acc << 8) | b as u32)
}

#[derive(Debug, PartialEq)]
enum Token {
    Hex(Vec<u8>),
    Array(Vec<Vec<u8>>),
    Keyword(Vec<u8>),
    Other,
}

fn tokenize(data: &[u8]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut array: Option<Vec<Vec<u8>>> = None;
    while i < data.len() {
        let c = data[i];
        match c {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => {
                out.push(Token::Other);
                i += 2;
            }
            b'>' if data.get(i + 1) == Some(&b'>') => {
                out.push(Token::Other);
                i += 2;
            }
            b'<' => {
                let end = data[i..]
                    .iter()
                    .position(|&b| b == b'>')
                    .map_or(data.len(), |p| i + p);
                let hex = decode_hex(&data[i + 1..end]);
                match array.as_mut() {
                    Some(items) => items.push(hex),
                    None => out.push(Token::Hex(hex)),
                }
                i = end + 1;
            }
            b'[' => {
                array = Some(Vec::new());
                i += 1;
            }
            b']' => {
                if let Some(items) = array.take() {
                    out.push(Token::Array(items));
                }
                i += 1;
            }
            b'(' => {
                // Literal strings (CMap names and the like): skip, with nesting.
                let mut depth = 0;
                while i < data.len() {
                    match data[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                out.push(Token::Other);
                i += 1;
            }
            c if c.is_ascii_alphabetic() => {
                let start = i;
                while i < data.len() && (data[i].is_ascii_alphanumeric() || data[i] == b'_') {
                    i += 1;
                }
                out.push(Token::Keyword(data[start..i].to_vec()));
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                // Numbers, names, other punctuation: one opaque token per run.
                while i < data.len()
                    && !data[i].is_ascii_whitespace()
                    && !b"<>[]()%".contains(&data[i])
                {
                    i += 1;
                }
                if array.is_none() {
                    out.push(Token::Other);
                }
                if i < data.len() && !b"<>[]()%".contains(&data[i]) {
                    i += 1;
                }
            }
        }
    }
    out
}

fn decode_hex(digits: &[u8]) -> Vec<u8> {
    let nibbles: Vec<u8> = digits
        .iter()
        .filter_map(|&d| (d as char).to_digit(16).map(|v| v as u8))
        .collect();
    nibbles
        .chunks(2)
        .map(|p| (p[0] << 4) | p.get(1).copied().unwrap_or(0))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CMAP: &[u8] = b"/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
1 begincodespacerange
<00> <FF>
endcodespacerange
3 beginbfchar
<01> <0110>
<02> <1EA2>
<03> <00660069>
endbfchar
2 beginbfrange
<20> <22> <0020>
<41> <42> [<0041> <01B0>]
endbfrange
endcmap";

    #[test]
    fn reads_chars_and_ranges() {
        let m = ToUnicode::parse(CMAP);
        assert_eq!(m.get(1), Some("Đ"));
        assert_eq!(m.get(2), Some("Ả"));
        assert_eq!(m.get(3), Some("fi"));
        assert_eq!(m.get(0x21), Some("!"));
        assert_eq!(m.get(0x22), Some("\""));
        assert_eq!(m.get(0x42), Some("ư"));
        assert_eq!(m.get(0x43), None);
        assert_eq!(m.len(), 8);
    }

    #[test]
    fn two_byte_codes() {
        let m = ToUnicode::parse(
            b"1 beginbfchar <0102> <1EC7> endbfchar 1 beginbfrange <0200> <0201> <0061> endbfrange",
        );
        assert_eq!(m.get(0x0102), Some("ệ"));
        assert_eq!(m.get(0x0201), Some("b"));
    }

    #[test]
    fn damage_does_not_panic() {
        for data in [
            &b"beginbfrange <00> <FFFFFFFF> <0041> endbfrange"[..],
            &b"beginbfrange <0000> <FFFF> <0041> ".repeat(50),
            b"beginbfchar <01> endbfchar <",
            b"beginbfrange <01> <02> [<0041>",
            b"((((",
            b"",
        ] {
            let m = ToUnicode::parse(data);
            assert!(m.len() <= MAX_ENTRIES + MAX_RANGE as usize);
        }
    }
}
