//! The end of a document: the "Nơi nhận:" recipients and the signature
//! block ("T/M BAN THƯỜNG VỤ" / "PHÓ BÍ THƯ" / name).
//!
//! Extraction often puts the two columns (recipients left, signature right)
//! on the same lines, so lines are split at wide gaps and each piece is judged
//! by its shape.

use std::sync::LazyLock;

use regex::Regex;

use super::text::{is_all_caps, tail_lines, tidy, Line};
use crate::model::Signer;

/// How many lines from the end the block is looked for in.
const TAIL_LINES: usize = 80;

static MODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\s)(T/M|TM\.|K/T|KT\.|T/L|TL\.|TUQ\.?|Q\.)\s*(\p{Lu}[\p{Lu}\s.]*?)\s*$")
        .unwrap()
});
static RECIPIENTS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\**\s*Nơi\s+nhận\s*:?\**").unwrap());
static GAP: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s{3,}|\t+").unwrap());

/// What the end of the document yields.
#[derive(Debug, Default)]
pub(crate) struct Bottom {
    pub signer: Option<Signer>,
    pub recipients: Vec<String>,
    /// Byte offset where the closing block (recipients or signature) starts;
    /// the body ends here.
    pub start: Option<usize>,
}

pub(crate) fn read_bottom(text: &str) -> Bottom {
    let lines = tail_lines(text, TAIL_LINES);
    let mut bottom = Bottom::default();
    let recip_at = lines.iter().rposition(|l| RECIPIENTS.is_match(l.text));
    let mode_at = lines.iter().rposition(|l| MODE.is_match(&tidy(l.text)));
    bottom.start = [recip_at, mode_at]
        .into_iter()
        .flatten()
        .min()
        .map(|i| lines[i].start);

    if let Some(r) = recip_at {
        bottom.recipients = recipients(&lines[r..], mode_at.map(|m| m.saturating_sub(r)));
    }
    bottom.signer = signer(&lines, mode_at, recip_at);
    bottom
}

/// Pieces of a line split at wide gaps (the two columns).
fn pieces(line: &str) -> Vec<String> {
    GAP.split(line)
        .map(tidy)
        .filter(|p| !p.is_empty())
        .collect()
}

fn recipients(lines: &[Line], mode_at: Option<usize>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let text = if i == 0 {
            RECIPIENTS.replace(l.text, "").into_owned()
        } else {
            l.text.to_string()
        };
        // The left column only: cut at a signature piece on the same line.
        let left = pieces(&text).into_iter().next().unwrap_or_default();
        let left = match MODE.find(&left) {
            Some(m) => left[..m.start()].trim().to_string(),
            None => left,
        };
        if left.is_empty() {
            continue;
        }
        if let Some(item) = left.strip_prefix(['-', '+', '•']) {
            out.push(item.trim().to_string());
        } else if mode_at.is_some_and(|m| i >= m) || is_all_caps(&left) || looks_like_name(&left) {
            // Past the list: the signature column.
            if mode_at.is_none_or(|m| i > m) {
                break;
            }
        } else if let Some(last) = out.last_mut() {
            // A wrapped recipient line ("- Đ/c ..., UVBTV Tỉnh ủy,\nChủ tịch ...").
            last.push(' ');
            last.push_str(&left);
        }
    }
    out
}

fn signer(lines: &[Line], mode_at: Option<usize>, recip_at: Option<usize>) -> Option<Signer> {
    let mut signer = Signer::default();
    let from = match mode_at {
        Some(last) => {
            // "TM. ỦY BAN NHÂN DÂN" over "KT. CHỦ TỊCH": the body signed for
            // is on the first mode line of the block.
            let mut i = last;
            while i > 0 && MODE.is_match(&tidy(lines[i - 1].text)) {
                i -= 1;
            }
            let line = tidy(lines[i].text);
            let c = MODE.captures(&line)?;
            signer.mode = Some(
                match &c[1] {
                    "TM." => "T/M",
                    "KT." => "K/T",
                    "TL." => "T/L",
                    m => m.trim_end_matches('.'),
                }
                .to_string(),
            );
            signer.on_behalf_of = Some(tidy(&c[2])).filter(|s| !s.is_empty());
            last + 1
        }
        None => recip_at.map_or(lines.len().saturating_sub(12), |r| r + 1),
    };
    // After the mode line: the position (capitals), then the name. Either may
    // share a line with a recipient, so look at the right-hand pieces.
    for l in lines.iter().skip(from) {
        if RECIPIENTS.is_match(l.text) {
            continue;
        }
        let right = pieces(l.text).pop().unwrap_or_default();
        let right = right
            .trim_matches(|c: char| "()".contains(c))
            .trim()
            .to_string();
        if right.is_empty() || right.starts_with(['-', '+']) {
            continue;
        }
        if signer.name.is_none() && looks_like_name(&right) {
            signer.name = Some(right);
            break;
        }
        if signer.position.is_none() && is_position(&right) {
            signer.position = Some(right);
        }
    }
    (signer.name.is_some() || signer.mode.is_some()).then_some(signer)
}

/// A person's name: two to six capitalised words, letters only.
pub(crate) fn looks_like_name(s: &str) -> bool {
    let words: Vec<&str> = s.split(' ').collect();
    (2..=6).contains(&words.len())
        && words.iter().all(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase)
                && cs.clone().all(char::is_lowercase)
                && cs.count() > 0
        })
}

/// A position line: capitals only, short, no digits.
fn is_position(s: &str) -> bool {
    is_all_caps(s)
        && s.chars().count() <= 60
        && !s.chars().any(|c| c.is_ascii_digit())
        && s.split(' ').count() <= 8
        && !s.contains("CỘNG SẢN")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t_m_block_with_position_and_recipients() {
        let t = "... thực hiện./.\n\nNơi nhận:\n- Ban Thường vụ Tỉnh ủy (b/c),\n- Đ/c Lê Văn Hai, UVBTV,\nChủ tịch UBMTTQ tỉnh,\n- Lưu VP.\n\nT/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n\n(Đã ký)\n\nNguyễn Thị Mai Anh\n";
        let b = read_bottom(t);
        let s = b.signer.unwrap();
        assert_eq!(s.mode.as_deref(), Some("T/M"));
        assert_eq!(s.on_behalf_of.as_deref(), Some("BAN THƯỜNG VỤ"));
        assert_eq!(s.position.as_deref(), Some("PHÓ BÍ THƯ"));
        assert_eq!(s.name.as_deref(), Some("Nguyễn Thị Mai Anh"));
        assert_eq!(
            b.recipients,
            vec![
                "Ban Thường vụ Tỉnh ủy (b/c),",
                "Đ/c Lê Văn Hai, UVBTV, Chủ tịch UBMTTQ tỉnh,",
                "Lưu VP."
            ]
        );
    }

    #[test]
    fn columns_on_one_line_and_the_broken_letter() {
        let t = "Nơi nhận:                         K/T BÍ THƯ\n- BTV Đảng ủy Khối,                PHÓ BÍ THƯ\n- Lưu VP.\n\n              Trần Văn Lƣợng \n";
        let b = read_bottom(t);
        let s = b.signer.unwrap();
        assert_eq!(s.mode.as_deref(), Some("K/T"));
        assert_eq!(s.on_behalf_of.as_deref(), Some("BÍ THƯ"));
        assert_eq!(s.position.as_deref(), Some("PHÓ BÍ THƯ"));
        assert_eq!(s.name.as_deref(), Some("Trần Văn Lượng"));
        assert_eq!(b.recipients, vec!["BTV Đảng ủy Khối,", "Lưu VP."]);
    }

    #[test]
    fn state_block_on_behalf_of_the_body_above_signing_for() {
        let t = "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nVõ Thành Công\n";
        let s = read_bottom(t).signer.unwrap();
        assert_eq!(s.mode.as_deref(), Some("T/M"));
        assert_eq!(s.on_behalf_of.as_deref(), Some("ỦY BAN NHÂN DÂN"));
        assert_eq!(s.position.as_deref(), Some("PHÓ CHỦ TỊCH"));
        assert_eq!(s.name.as_deref(), Some("Võ Thành Công"));
    }

    #[test]
    fn direct_signature_without_mode() {
        let t = "Nơi nhận:\n- Như trên;\n- Lưu.\nGIÁM ĐỐC\n\nPhan Quốc Bảo";
        let s = read_bottom(t).signer.unwrap();
        assert_eq!(s.mode, None);
        assert_eq!(s.position.as_deref(), Some("GIÁM ĐỐC"));
        assert_eq!(s.name.as_deref(), Some("Phan Quốc Bảo"));
    }

    #[test]
    fn no_signature_no_signer() {
        assert!(read_bottom("Một đoạn văn bình thường.").signer.is_none());
    }
}
