//! Fonts as the text-layer reader needs them: how to split a string into
//! character codes, each code's advance width, and its Unicode text.
//!
//! Only fonts whose mapping is fully given in the file are accepted: simple
//! fonts with a `/Widths` array and a ToUnicode map or the WinAnsi encoding
//! (which TrueType fonts without `/Encoding` also get), and `Identity-H`
//! composite fonts with a ToUnicode map. Anything else (Type 3, standard 14
//! fonts without widths, custom `/Differences`, CFF built-in encodings) is
//! `Unsupported`, and the page is read by pdf-extract instead.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

use super::cmap::ToUnicode;
use super::Unsupported;

/// One font, ready to decode strings.
#[derive(Debug)]
pub struct Font {
    codes: CodeWidth,
    to_unicode: Option<ToUnicode>,
    widths: HashMap<u32, f64>,
    default_width: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum CodeWidth {
    /// Simple fonts: one byte per code; unmapped codes read as WinAnsi.
    OneByte,
    /// `Identity-H` composite fonts: two bytes per code; unmapped codes
    /// read as nothing.
    TwoBytes,
}

/// One character code of a shown string.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Code {
    pub code: u32,
    /// Word spacing applies to a one-byte code 32 only.
    pub is_single_byte_space: bool,
}

impl Font {
    pub fn load(doc: &Document, font: &Dictionary) -> Result<Font, Unsupported> {
        match name(doc, font, b"Subtype").as_deref() {
            Some(b"Type0") => Font::composite(doc, font),
            Some(b"Type1" | b"TrueType" | b"MMType1") => Font::simple(doc, font),
            Some(other) => Err(Unsupported(format!(
                "font subtype {}",
                String::from_utf8_lossy(other)
            ))),
            None => Err(Unsupported("font without /Subtype".into())),
        }
    }

    fn simple(doc: &Document, font: &Dictionary) -> Result<Font, Unsupported> {
        let descriptor = get(doc, font, b"FontDescriptor").and_then(|o| o.as_dict().ok());
        if descriptor.is_some_and(|d| d.has(b"FontFile3")) {
            return Err(Unsupported("CFF font program (its own encoding)".into()));
        }
        let truetype = name(doc, font, b"Subtype").as_deref() == Some(b"TrueType");
        match get(doc, font, b"Encoding") {
            None if truetype => {}
            Some(Object::Name(n)) if n == b"WinAnsiEncoding" => {}
            Some(_) => return Err(Unsupported("font encoding other than WinAnsi".into())),
            None => return Err(Unsupported("Type 1 font with its built-in encoding".into())),
        }
        let first = get(doc, font, b"FirstChar").and_then(number);
        let widths = get(doc, font, b"Widths").and_then(|o| o.as_array().ok());
        let (Some(first), Some(widths)) = (first, widths) else {
            return Err(Unsupported("simple font without /Widths".into()));
        };
        let widths = widths
            .iter()
            .enumerate()
            .filter_map(|(i, w)| {
                Some((
                    (first as u32).saturating_add(i as u32),
                    number(deref(doc, w))?,
                ))
            })
            .collect();
        let default_width = descriptor
            .and_then(|d| get(doc, d, b"MissingWidth"))
            .or_else(|| get(doc, font, b"MissingWidth"))
            .and_then(number)
            .unwrap_or(0.0);
        Ok(Font {
            codes: CodeWidth::OneByte,
            to_unicode: to_unicode(doc, font)?,
            widths,
            default_width,
        })
    }

    fn composite(doc: &Document, font: &Dictionary) -> Result<Font, Unsupported> {
        match get(doc, font, b"Encoding") {
            Some(Object::Name(n)) if n == b"Identity-H" => {}
            _ => return Err(Unsupported("composite font not Identity-H".into())),
        }
        let Some(to_unicode) = to_unicode(doc, font)? else {
            return Err(Unsupported("composite font without ToUnicode".into()));
        };
        let descendant = get(doc, font, b"DescendantFonts")
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| deref(doc, o).as_dict().ok())
            .ok_or_else(|| Unsupported("composite font without a descendant".into()))?;
        let default_width = get(doc, descendant, b"DW")
            .and_then(number)
            .unwrap_or(1000.0);
        let widths = get(doc, descendant, b"W")
            .and_then(|o| o.as_array().ok())
            .map(|w| cid_widths(doc, w))
            .unwrap_or_default();
        Ok(Font {
            codes: CodeWidth::TwoBytes,
            to_unicode: Some(to_unicode),
            widths,
            default_width,
        })
    }

    /// The character codes of a shown string.
    pub fn codes<'s>(&self, bytes: &'s [u8]) -> impl Iterator<Item = Code> + 's {
        let two = self.codes == CodeWidth::TwoBytes;
        let step = if two { 2 } else { 1 };
        bytes.chunks_exact(step).map(move |c| match c {
            [a, b] => Code {
                code: u16::from_be_bytes([*a, *b]) as u32,
                is_single_byte_space: false,
            },
            [a] => Code {
                code: *a as u32,
                is_single_byte_space: *a == b' ',
            },
            _ => unreachable!("chunks_exact gives 1 or 2 bytes"),
        })
    }

    /// Advance width in glyph space (thousandths of the font size).
    pub fn width(&self, code: u32) -> f64 {
        self.widths
            .get(&code)
            .copied()
            .unwrap_or(self.default_width)
    }

    /// The text of one code, appended to `out`. Codes a simple font's
    /// ToUnicode map lacks read as its WinAnsi byte, as pdf-extract reads
    /// them (NUL where WinAnsi has nothing), which is what
    /// `quality::unmapped_glyphs_to_spaces` turns into gaps.
    pub fn push_text(&self, code: u32, out: &mut String) {
        if let Some(s) = self.to_unicode.as_ref().and_then(|m| m.get(code)) {
            out.push_str(s);
        } else if self.codes == CodeWidth::OneByte {
            out.push(win_ansi(code as u8));
        }
    }
}

/// `/W` of a CID font: `c [w1 w2 ...]` or `c_first c_last w`.
fn cid_widths(doc: &Document, w: &[Object]) -> HashMap<u32, f64> {
    let mut out = HashMap::new();
    let mut i = 0;
    while i < w.len() {
        let Some(first) = number(deref(doc, &w[i])) else {
            break;
        };
        match w.get(i + 1).map(|o| deref(doc, o)) {
            Some(Object::Array(list)) => {
                for (k, v) in list.iter().enumerate() {
                    if let Some(v) = number(deref(doc, v)) {
                        out.insert((first as u32).saturating_add(k as u32), v);
                    }
                }
                i += 2;
            }
            Some(last) => {
                let (Some(last), Some(width)) = (
                    number(last),
                    w.get(i + 2).and_then(|o| number(deref(doc, o))),
                ) else {
                    break;
                };
                let (first, last) = (
                    first as u32,
                    (last as u32).min((first as u32).saturating_add(0xFFFF)),
                );
                for c in first..=last {
                    out.insert(c, width);
                }
                i += 3;
            }
            None => break,
        }
    }
    out
}

fn to_unicode(doc: &Document, font: &Dictionary) -> Result<Option<ToUnicode>, Unsupported> {
    match get(doc, font, b"ToUnicode") {
        None => Ok(None),
        Some(Object::Stream(s)) => {
            let data = s
                .decompressed_content()
                .unwrap_or_else(|_| s.content.clone());
            Ok(Some(ToUnicode::parse(&data)))
        }
        Some(Object::Name(n)) if n.starts_with(b"Identity") => Ok(None),
        Some(_) => Err(Unsupported("ToUnicode that is not a stream".into())),
    }
}

/// Windows-1252 as PDF's WinAnsiEncoding defines it (codes it leaves out
/// above 127 are bullets, below 32 nothing).
fn win_ansi(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '•', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '•', 'Ž', '•', '•', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '•', 'ž', 'Ÿ',
    ];
    match b {
        0..=31 => '\0',
        127 => '•',
        128..=159 => HIGH[(b - 128) as usize],
        160 => ' ',
        173 => '-',
        _ => b as char,
    }
}

/// Follow references (a few levels; a cycle is damage).
pub fn deref<'a>(doc: &'a Document, mut o: &'a Object) -> &'a Object {
    for _ in 0..8 {
        match o {
            Object::Reference(id) => match doc.get_object(*id) {
                Ok(next) => o = next,
                Err(_) => return &Object::Null,
            },
            _ => return o,
        }
    }
    &Object::Null
}

pub fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    dict.get(key).ok().map(|o| deref(doc, o))
}

fn name(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<Vec<u8>> {
    get(doc, dict, key)
        .and_then(|o| o.as_name().ok())
        .map(<[u8]>::to_vec)
}

pub fn number(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(*r as f64),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn win_ansi_matches_windows_1252_where_defined() {
        assert_eq!(win_ansi(b'a'), 'a');
        assert_eq!(win_ansi(0x80), '€');
        assert_eq!(win_ansi(0x96), '–');
        assert_eq!(win_ansi(0xE0), 'à');
        assert_eq!(win_ansi(0x02), '\0');
    }

    #[test]
    fn cid_widths_both_forms() {
        let doc = Document::new();
        let w = vec![
            Object::Integer(3),
            Object::Array(vec![Object::Integer(500), Object::Real(250.0)]),
            Object::Integer(10),
            Object::Integer(12),
            Object::Integer(600),
        ];
        let m = cid_widths(&doc, &w);
        assert_eq!(m[&3], 500.0);
        assert_eq!(m[&4], 250.0);
        assert_eq!(m[&10], 600.0);
        assert_eq!(m[&12], 600.0);
        assert!(!m.contains_key(&13));
    }
}
