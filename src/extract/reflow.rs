//! Raw extracted text to clean lines: one line per paragraph, heading, list
//! item, header line, recipient and signature line.
//!
//! Raw text breaks lines where the page did, interleaves the two header
//! columns when a layout-keeping extractor read them side by side, splits
//! document numbers across lines ("01-" / "KL/TW"), and carries page numbers,
//! running headers and footnote separators. Pages are separated by form
//! feeds (as `Extracted::text` and pdftotext give them).

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

/// Kind lines: the document's type in capitals, alone on its line.
const KINDS: &[&str] = &[
    "KẾ HOẠCH",
    "BÁO CÁO",
    "HƯỚNG DẪN",
    "NGHỊ QUYẾT",
    "CÔNG VĂN",
    "CHƯƠNG TRÌNH",
    "QUYẾT ĐỊNH",
    "THÔNG BÁO",
    "THÔNG TRI",
    "CHỈ THỊ",
    "KẾT LUẬN",
    "TỜ TRÌNH",
    "ĐỀ ÁN",
    "QUY ĐỊNH",
    "QUY CHẾ",
];

/// Lines of the header's right column; a raw line may hold one of these
/// after the left column's text.
static RIGHT_COLUMN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(ĐẢNG CỘNG SẢN VIỆT NAM|CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập\s*-\s*Tự do\s*-\s*Hạnh phúc|(?:TP\. )?\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+){0,3}, ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})",
    )
    .expect("static regex")
});

/// The start of a line that always begins a new line: list items,
/// numbered headings, enumerations, footnotes.
static BLOCK_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[-+•–]\s|[IVXLC]+\s*[.\-–]\s|\d{1,2}(?:\.\d{1,2})*\.\s|\d{1,2}\)\s|[a-zđ]\)\s|\(\d{1,2}\)\s|\(\*\)|[⁽¹²³⁴⁵⁶⁷⁸⁹⁰⁾]|Nơi nhận|Số\s*:?\s*\d|\*$|-{3,}$)",
    )
    .expect("static regex")
});

/// Lines that are whole by themselves: the rule under the subject, the
/// star of the header, the number line.
static STANDALONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:-{3,}|\*|Số\s*:?\s*\d\S*)$").expect("static regex"));

/// A recipients-list line.
static BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[-+•–]\s*\S").expect("static regex"));

/// Page-number lines: "3", "- 3 -", "Trang 3", "3/12".
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[-–]?\s*\d{1,4}\s*[-–]?|Trang\s+\d{1,4}(?:\s*/\s*\d{1,4})?|\d{1,4}\s*/\s*\d{1,4})$",
    )
    .expect("static regex")
});

/// A footnote separator drawn with characters.
static SEPARATOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:_{5,}|-{10,}|—{3,}|─{5,})$").expect("static regex"));

/// A document number cut after its dash: "... số 01-" followed by "KL/TW".
static NUMBER_HEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d\s?[-/]$").expect("static regex"));
static NUMBER_TAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\p{Lu}[\p{Lu}\p{Ll}]{0,4}[/-]").expect("static regex"));

/// The gap itself, to split on.
static GAP: LazyLock<Regex> = LazyLock::new(|| Regex::new(r" {3,}|\t+").expect("static regex"));

/// Two columns side by side: a gap of three or more spaces inside a line.
static COLUMN_GAP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\S( {3,}|\t+)\S").expect("static regex"));

/// Join the lines of each paragraph, drop page noise, keep headings, list
/// items, the header and the signature block on their own lines.
pub fn reflow(raw: &str) -> String {
    let pages = split_pages(raw);
    let pages = drop_page_noise(pages);
    let lines = order_columns(pages.into_iter().flatten().collect());
    join_paragraphs(&lines)
}

/// One line of raw text; `blank` marks an empty line.
#[derive(Debug, Clone, PartialEq)]
struct Line {
    text: String,
    /// Leading spaces in the raw line (layout output keeps indentation).
    indent: usize,
}

fn split_pages(raw: &str) -> Vec<Vec<Line>> {
    raw.split('\u{c}')
        .map(|page| {
            page.lines()
                .map(|l| {
                    let l = l.trim_end();
                    let indent = l.chars().take_while(|c| c.is_whitespace()).count();
                    let text = l.trim_start();
                    // OCR of a slightly rotated dash at a line start gives "~".
                    let text = match text.strip_prefix("~ ") {
                        Some(rest) => format!("- {rest}"),
                        None => text.to_string(),
                    };
                    Line { text, indent }
                })
                .collect()
        })
        .collect()
}

/// Drop page numbers (first or last line of a page), running headers (the
/// same first line on several pages) and footnote separator lines.
fn drop_page_noise(pages: Vec<Vec<Line>>) -> Vec<Vec<Line>> {
    // Running headers: text among the first two lines (page numbers aside)
    // of two or more pages after the first.
    let tops = |page: &Vec<Line>| -> Vec<usize> {
        (0..page.len())
            .filter(|&i| !page[i].text.is_empty() && !PAGE_NUMBER.is_match(&page[i].text))
            .take(2)
            .collect()
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    for page in pages.iter().skip(1) {
        for i in tops(page) {
            *seen.entry(page[i].text.clone()).or_default() += 1;
        }
    }
    pages
        .into_iter()
        .enumerate()
        .map(|(n, page)| {
            let non_blank: Vec<usize> = (0..page.len())
                .filter(|&i| !page[i].text.is_empty())
                .collect();
            let edges: Vec<usize> = non_blank
                .iter()
                .take(2)
                .chain(non_blank.iter().rev().take(2))
                .copied()
                .collect();
            let top = if n > 0 { tops(&page) } else { Vec::new() };
            page.into_iter()
                .enumerate()
                .filter(|(i, l)| {
                    let t = l.text.as_str();
                    let page_number = edges.contains(i) && PAGE_NUMBER.is_match(t);
                    let running = top.contains(i)
                        && seen.get(t).is_some_and(|&n| n >= 2)
                        && !BLOCK_START.is_match(t);
                    !(page_number || running || SEPARATOR.is_match(t))
                })
                .map(|(_, l)| l)
                .collect::<Vec<Line>>()
        })
        .map(trim_blank_edges)
        .collect()
}

/// Blank lines at a page's edges say nothing about paragraphs.
fn trim_blank_edges(mut page: Vec<Line>) -> Vec<Line> {
    while page.last().is_some_and(|l| l.text.is_empty()) {
        page.pop();
    }
    let first = page
        .iter()
        .position(|l| !l.text.is_empty())
        .unwrap_or(page.len());
    page.drain(..first);
    page
}

fn is_kind(text: &str) -> bool {
    let t = text.trim();
    KINDS.contains(&t)
}

fn is_signature_start(text: &str) -> bool {
    let t = text.trim();
    ["T/M ", "TM. ", "K/T ", "KT. ", "T/L ", "TL. ", "TUQ", "Q. "]
        .iter()
        .any(|p| t.starts_with(p))
}

/// Put the header's two columns (before the kind line) and the closing
/// block's two columns ("Nơi nhận" beside the signature) one after the
/// other: all of the left column, then all of the right.
fn order_columns(lines: Vec<Line>) -> Vec<Line> {
    let kind_at = lines.iter().position(|l| is_kind(&l.text));
    let tail_at = lines
        .iter()
        .position(|l| l.text.starts_with("Nơi nhận") || is_signature_start(&l.text));
    let mut out = Vec::with_capacity(lines.len());
    let head_end = kind_at.filter(|&k| k <= 20).unwrap_or(0);
    out.extend(split_zone(&lines[..head_end], true));
    let tail_start = tail_at.filter(|&t| t >= head_end).unwrap_or(lines.len());
    out.extend_from_slice(&lines[head_end..tail_start]);
    out.extend(split_zone(&lines[tail_start..], false));
    out
}

/// Split each line of a two-column zone into its left and right cells and
/// return the left cells, then the right ones. In the header, a line
/// without a wide gap may still hold a right-column phrase after the left
/// text ("ĐẢNG BỘ TỈNH X ĐẢNG CỘNG SẢN VIỆT NAM").
fn split_zone(lines: &[Line], header: bool) -> Vec<Line> {
    let width = lines
        .iter()
        .map(|l| l.indent + l.text.chars().count())
        .max()
        .unwrap_or(0);
    let mut left: Vec<Line> = Vec::new();
    let mut right = Vec::new();
    for l in lines {
        if l.text.is_empty() {
            continue;
        }
        if COLUMN_GAP.is_match(&l.text) {
            for (k, part) in GAP.split(&l.text).enumerate() {
                // "Nơi nhận:   - Ban Thường vụ ..." is one column, not two.
                let recipient = !header && BULLET.is_match(part) && !is_signature_start(part);
                if k > 0 && !header && part.starts_with('(') {
                    // "- Ban Tuyên giáo ĐUK;     (để b/c)": a note on that recipient.
                    if let Some(last) = left.last_mut() {
                        last.text.push(' ');
                        last.text.push_str(part.trim());
                        continue;
                    }
                }
                if k == 0 || recipient {
                    left.push(cell(part));
                } else {
                    right.push(cell(part));
                }
            }
            continue;
        }
        if header {
            if let Some(m) = RIGHT_COLUMN.find(&l.text) {
                let (a, b) = l.text.split_at(m.start());
                if !a.trim().is_empty() && a.trim() != "*" {
                    left.push(cell(a));
                } else if a.trim() == "*" {
                    left.push(cell("*"));
                }
                right.push(cell(b));
                continue;
            }
        }
        // Alone on its line: a cell of the right column when indented past
        // the middle of the zone (layout output), or, in the closing block,
        // when it is not part of the recipients list (OCR keeps no
        // indentation; the signer's name stands alone at the bottom).
        let recipient = l.text.starts_with("Nơi nhận") || BULLET.is_match(&l.text);
        if (width > 40 && l.indent > width / 2) || (!header && !recipient) {
            right.push(cell(&l.text));
        } else {
            left.push(cell(&l.text));
        }
    }
    left.extend(right);
    left
}

fn cell(s: &str) -> Line {
    Line {
        text: s.trim().to_string(),
        indent: 0,
    }
}

/// True for lines written in capitals (headings, header lines, signature).
fn is_capitals(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| !c.is_lowercase())
}

/// Join paragraph lines. Blank lines end a paragraph unless the text has
/// a blank line after nearly every line (some extractors double-space).
fn join_paragraphs(lines: &[Line]) -> String {
    let non_blank = lines.iter().filter(|l| !l.text.is_empty()).count();
    let blank = lines.len() - non_blank;
    let blanks_break = blank * 10 < non_blank * 6;
    let typical = typical_width(lines);
    let kind_at = lines.iter().position(|l| is_kind(&l.text));
    let tail_at = lines
        .iter()
        .position(|l| l.text.starts_with("Nơi nhận") || is_signature_start(&l.text))
        .unwrap_or(lines.len());

    let mut out: Vec<String> = Vec::new();
    let mut open = false; // the last output line may take a continuation
    let mut after_blank = false;
    for (i, l) in lines.iter().enumerate() {
        let t = collapse_spaces(&l.text);
        if t.is_empty() {
            after_blank = open && blanks_break;
            if blanks_break {
                open = false;
            }
            continue;
        }
        // OCR sets a blank line where it guesses a new paragraph; a line
        // starting in lowercase after a line that stopped mid-sentence
        // carries on all the same.
        if after_blank && t.starts_with(char::is_lowercase) {
            open = out
                .last()
                .is_some_and(|prev| !prev.ends_with(['.', ';', ':', '!', '?']));
        }
        after_blank = false;
        let fixed_zone = kind_at.is_some_and(|k| i <= k) || i >= tail_at;
        let starts_block =
            BLOCK_START.is_match(&t) || is_capitals(&t) || is_kind(&t) || RIGHT_COLUMN.is_match(&t);
        if open && !fixed_zone && !starts_block {
            let prev = out.last_mut().expect("open implies a line");
            if NUMBER_HEAD.is_match(tail(prev, 8)) && NUMBER_TAIL.is_match(&t) {
                // "01-" + "KL/TW": the number was cut at its dash.
                let trimmed = prev.trim_end().to_string();
                *prev = trimmed;
            } else {
                prev.push(' ');
            }
            prev.push_str(&t);
        } else {
            out.push(t.clone());
        }
        let last = out.last().expect("just pushed");
        open = !fixed_zone && may_continue(&t, last, typical);
    }
    let mut s = out.join("\n");
    s.push('\n');
    s
}

/// The last `bytes` bytes of `s` (fewer, to start on a character): the
/// paragraph grows line by line, and matching its end must not rescan it.
fn tail(s: &str, bytes: usize) -> &str {
    let mut start = s.len().saturating_sub(bytes);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// May the paragraph ending in `line` (the raw line `t`) go on with the
/// next line?
fn may_continue(t: &str, line: &str, typical: usize) -> bool {
    let short = t.chars().count() * 10 < typical * 7;
    let capital_heading = is_capitals(t) && !BLOCK_START.is_match(t) && t.chars().count() < 60;
    if capital_heading || line.ends_with(':') || STANDALONE.is_match(t) {
        return false;
    }
    // A short line ends its paragraph unless it stops mid-phrase.
    !short || ends_with_joiner(line)
}

/// A short line may still continue when it ends mid-phrase (a comma, a
/// conjunction) — but a short line ending a heading or a sentence may not.
fn ends_with_joiner(text: &str) -> bool {
    text.ends_with([',', '-', '(', '/']) || text.ends_with(" và") || text.ends_with(" của")
}

/// The width most full lines of running text reach, in characters.
fn typical_width(lines: &[Line]) -> usize {
    let mut widths: Vec<usize> = lines
        .iter()
        .map(|l| collapse_spaces(&l.text).chars().count())
        .filter(|&n| n >= 30)
        .collect();
    if widths.is_empty() {
        return 80;
    }
    widths.sort_unstable();
    widths[widths.len() * 3 / 4]
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_lines_join_and_list_items_stay_apart() {
        let raw = "\
Thực hiện Kế hoạch số 12-KH/TU, ngày 03/4/2024 của Ban Thường vụ Tỉnh ủy về
tăng cường công tác dân vận, Đảng ủy Khối ban hành kế hoạch thực hiện như
sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
- Nâng cao nhận thức của cán bộ, đảng viên về công tác dân vận trong tình hình
mới, gắn với nhiệm vụ chính trị của từng cơ quan, đơn vị trực thuộc.
+ Các chi bộ tổ chức sinh hoạt chuyên đề.
a) Hoàn thành trước ngày 30/6/2024.
(1) Báo cáo kết quả về Văn phòng.
";
        let want = "\
Thực hiện Kế hoạch số 12-KH/TU, ngày 03/4/2024 của Ban Thường vụ Tỉnh ủy về tăng cường công tác dân vận, Đảng ủy Khối ban hành kế hoạch thực hiện như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
- Nâng cao nhận thức của cán bộ, đảng viên về công tác dân vận trong tình hình mới, gắn với nhiệm vụ chính trị của từng cơ quan, đơn vị trực thuộc.
+ Các chi bộ tổ chức sinh hoạt chuyên đề.
a) Hoàn thành trước ngày 30/6/2024.
(1) Báo cáo kết quả về Văn phòng.
";
        assert_eq!(reflow(raw), want);
    }

    #[test]
    fn double_spaced_lines_still_join() {
        let raw = "Các chi bộ căn cứ nội dung Kế hoạch này xây dựng \n\nkế hoạch cụ thể, gửi về Đảng ủy Khối trước ngày \n\n15/5/2024. \n\n2. Văn phòng theo dõi, tổng hợp. \n\n";
        assert_eq!(
            reflow(raw),
            "Các chi bộ căn cứ nội dung Kế hoạch này xây dựng kế hoạch cụ thể, gửi về Đảng ủy Khối trước ngày 15/5/2024.\n2. Văn phòng theo dõi, tổng hợp.\n"
        );
    }

    #[test]
    fn numbers_split_at_the_dash_are_rejoined() {
        let raw =
            "Ban Thường vụ ban hành Kế hoạch thực hiện Kết luận số 09-\nKL/TW năm 2024 như sau:\n";
        assert_eq!(
            reflow(raw),
            "Ban Thường vụ ban hành Kế hoạch thực hiện Kết luận số 09-KL/TW năm 2024 như sau:\n"
        );
    }

    #[test]
    fn side_by_side_header_columns_come_out_one_after_the_other() {
        let raw = "\
     ĐẢNG BỘ TỈNH NAM SƠN              ĐẢNG CỘNG SẢN VIỆT NAM
ĐẢNG ỦY KHỐI DOANH NGHIỆP TỈNH      Nam Sơn, ngày 05 tháng 6 năm 2024
                *
          Số 61-KH/ĐUK

                          KẾ HOẠCH
   về tổ chức hội thi tìm hiểu lịch sử Đảng bộ tỉnh
            trong các doanh nghiệp năm 2024
                            -----
";
        let want = "\
ĐẢNG BỘ TỈNH NAM SƠN
ĐẢNG ỦY KHỐI DOANH NGHIỆP TỈNH
*
Số 61-KH/ĐUK
ĐẢNG CỘNG SẢN VIỆT NAM
Nam Sơn, ngày 05 tháng 6 năm 2024
KẾ HOẠCH
về tổ chức hội thi tìm hiểu lịch sử Đảng bộ tỉnh trong các doanh nghiệp năm 2024
-----
";
        assert_eq!(reflow(raw), want);
    }

    #[test]
    fn header_columns_run_together_on_one_line_are_split() {
        let raw = "ĐẢNG BỘ TỈNH NAM SƠN ĐẢNG CỘNG SẢN VIỆT NAM\nĐẢNG ỦY KHỐI DOANH NGHIỆP\n* Nam Sơn, ngày 05 tháng 6 năm 2024\nSố 61-KH/ĐUK\nKẾ HOẠCH\n";
        let want = "ĐẢNG BỘ TỈNH NAM SƠN\nĐẢNG ỦY KHỐI DOANH NGHIỆP\n*\nSố 61-KH/ĐUK\nĐẢNG CỘNG SẢN VIỆT NAM\nNam Sơn, ngày 05 tháng 6 năm 2024\nKẾ HOẠCH\n";
        assert_eq!(reflow(raw), want);
    }

    #[test]
    fn page_numbers_running_headers_and_separators_are_dropped() {
        let raw = "\
Đoạn văn thứ nhất của kế hoạch kết thúc ở cuối trang một và còn tiếp
\u{c}
2
Kế hoạch số 61-KH/ĐUK
sang trang hai mà không mất chữ nào của câu.
___________
⁽¹⁾ Chú thích ở chân trang.
\u{c}
- 3 -
Kế hoạch số 61-KH/ĐUK
- Gạch đầu dòng ở trang ba.
";
        let want = "\
Đoạn văn thứ nhất của kế hoạch kết thúc ở cuối trang một và còn tiếp sang trang hai mà không mất chữ nào của câu.
⁽¹⁾ Chú thích ở chân trang.
- Gạch đầu dòng ở trang ba.
";
        assert_eq!(reflow(raw), want);
    }

    #[test]
    fn recipients_and_signature_stay_on_their_own_lines() {
        let raw = "\
Nơi nhận:                                   T/M BAN THƯỜNG VỤ
- Ban Thường vụ Tỉnh ủy (b/c);                   BÍ THƯ
- Các chi bộ trực thuộc;
- Lưu VP.
                                            Trần Văn Khải
";
        let want = "\
Nơi nhận:
- Ban Thường vụ Tỉnh ủy (b/c);
- Các chi bộ trực thuộc;
- Lưu VP.
T/M BAN THƯỜNG VỤ
BÍ THƯ
Trần Văn Khải
";
        assert_eq!(reflow(raw), want);
    }

    #[test]
    fn ocr_paragraph_guesses_do_not_split_a_sentence() {
        // OCR leaves blank lines between what it takes for paragraphs; here
        // most lines are followed by one.
        let raw = "- Các chi bộ xây dựng kế hoạch học tập chuyên đề của năm sau, hoàn thành vào

quý IV của năm trước đó.

- Văn phòng tổng hợp kết quả.

";
        assert_eq!(
            reflow(raw),
            "- Các chi bộ xây dựng kế hoạch học tập chuyên đề của năm sau, hoàn thành vào quý IV của năm trước đó.\n- Văn phòng tổng hợp kết quả.\n"
        );
    }

    #[test]
    fn a_recipient_beside_the_heading_stays_in_the_list_and_ocr_dashes_are_read() {
        let raw = "Nơi nhận:     - Ban Thường vụ Tỉnh ủy,    (b/c)       T/M BAN THƯỜNG VỤ\n~ Các chi bộ trực thuộc,\n- Lưu VP.\nNông Thị Hoa\n";
        assert_eq!(
            reflow(raw),
            "Nơi nhận:\n- Ban Thường vụ Tỉnh ủy, (b/c)\n- Các chi bộ trực thuộc,\n- Lưu VP.\nT/M BAN THƯỜNG VỤ\nNông Thị Hoa\n"
        );
    }

    #[test]
    fn clean_text_passes_through_unchanged() {
        let clean = "KẾ HOẠCH\nvề công tác năm 2024\n-----\nThực hiện chỉ đạo của cấp trên, Đảng ủy ban hành kế hoạch như sau:\nI. MỤC ĐÍCH\n- Nắm vững nội dung.\nNơi nhận:\n- Lưu VP.\nT/M ĐẢNG ỦY\nBÍ THƯ\nLò Văn Sáu\n";
        assert_eq!(reflow(clean), clean);
    }
}
