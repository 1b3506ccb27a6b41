//! The top of a document: header block (issuing body, own number, place and
//! date), the kind line, the subject line, and the opening "Thực hiện ..." /
//! "Căn cứ ..." sentence that names the parent documents and the issuer.
//!
//! Extraction often scrambles the two header columns onto one line or drops
//! them, so each item is searched for by its own shape rather than by position.

use std::sync::LazyLock;

use regex::Regex;

use super::number::{parts_from_captures, NUMBER_PATTERN};
use super::text::{head_lines, is_all_caps, tidy, title_case, Line};

/// Document kinds as written in capitals on the kind line.
const KINDS: &[&str] = &[
    "KẾ HOẠCH",
    "BÁO CÁO",
    "HƯỚNG DẪN",
    "NGHỊ QUYẾT",
    "CÔNG VĂN",
    "CHƯƠNG TRÌNH HÀNH ĐỘNG",
    "CHƯƠNG TRÌNH",
    "QUYẾT ĐỊNH",
    "QUY ĐỊNH",
    "CHỈ THỊ",
    "KẾT LUẬN",
    "THÔNG BÁO",
    "TỜ TRÌNH",
    "QUY CHẾ",
    "ĐỀ ÁN",
    "THÔNG TRI",
    "THÔNG TƯ",
    "ĐỀ CƯƠNG",
    "DỰ THẢO",
];

/// How far into the text the header and opening are looked for.
const HEAD_LINES: usize = 120;

static OWN_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:^|[^\p{{L}}])S[ốỐ][ \t]*:?[ \t]*{NUMBER_PATTERN}"
    ))
    .unwrap()
});

static BARE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:S[^ \t0-9]{{0,2}}[ \t]*:?[ \t]*)?{NUMBER_PATTERN}[ \t]*$"
    ))
    .unwrap()
});
static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(NUMBER_PATTERN).unwrap());

static PLACE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[^\p{L}])((?:\p{Lu}{1,3}\.[ \t]*)?\p{Lu}\p{Ll}*(?:[ \t]+(?:phố|xã|trấn))?(?:[ \t]+\p{Lu}\p{Ll}*){0,4})[ \t]*,\s{0,8}ngày\s{1,8}([0-9]{1,2})\s{1,8}tháng\s{1,8}([0-9]{1,2})\s{1,8}năm\s{1,8}([0-9]{4})",
    )
    .unwrap()
});

static DASHES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[-–—_=*.oO0\s]*[-–—_]{3,}[-–—_=*.oO0\s]*$").unwrap());

static OPENER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\**(?:Thực hiện|Căn cứ|Thi hành|Triển khai|Tiếp tục thực hiện|Quán triệt|Để triển khai|Để thực hiện|Để cụ thể hóa|Để cụ thể hoá|Nhằm triển khai|Nhằm thực hiện|Trên cơ sở|Theo)(?:\s|$)").unwrap()
});

/// A line that starts the body: "I.", "I-", "1.", "1.1.", "a)".
static BODY_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\**(?:[IVX]{1,4}\s*[.\-–]\s|[0-9]{1,2}(?:\.[0-9]{1,2})*\.?\s|[a-zđ]\)\s)")
        .unwrap()
});

static ISSUER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[,;:]\s+|\)\s+)(\p{Lu}[^,;:()]{1,150}?)\s+(?:thống nhất\s+|nay\s+)?(?:ban hành|xây dựng|triển khai|đề ra|lập|thông báo|hướng dẫn|báo cáo)\s+(?:các\s+|bản\s+)?(?:[Kk]ế hoạch|[Cc]hương trình|[Hh]ướng dẫn|[Bb]áo cáo|[Nn]ghị quyết|[Qq]uyết định|[Tt]hông báo|[Qq]uy chế|[Qq]uy định|[Đđ]ề án|[Cc]ông văn|[Cc]hỉ thị|như sau|nội dung|việc|công tác|thực hiện)",
    )
    .unwrap()
});

static PLAN_YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"năm\s+([0-9]{4})").unwrap());
static YEAR_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[0-9]{4}\s*[-–]\s*[0-9]{4}|giai đoạn|nhiệm kỳ|tháng\s+[0-9]{1,2}\s+năm").unwrap()
});

/// What the top of the document yields.
#[derive(Debug, Default)]
pub(crate) struct Top {
    pub doc_type: Option<String>,
    /// Canonical own number and its byte range.
    pub number: Option<(String, usize, usize)>,
    pub place: Option<String>,
    pub date: Option<String>,
    pub header: Vec<String>,
    pub province: Option<String>,
    pub title: Option<String>,
    pub issuer: Option<String>,
    /// Byte range of the opening sentence(s).
    pub opening: Option<(usize, usize)>,
    /// Byte offset where the body (after the title) begins.
    pub body_start: usize,
    /// The single year the plan is for, from its title ("... năm 2023").
    pub plan_year: Option<i32>,
    pub warnings: Vec<String>,
}

pub(crate) fn read_top(text: &str) -> Top {
    let lines = head_lines(text, HEAD_LINES);
    let mut top = Top::default();

    let kind_at = lines
        .iter()
        .take(60)
        .enumerate()
        .find_map(|(i, l)| kind_of(l.text).map(|(k, rest)| (i, k, rest)));
    let mut after_title = 0; // index of the first line after the title block
    if let Some((i, kind, rest)) = &kind_at {
        top.doc_type = Some(kind.to_string());
        let (title, next) = read_title(&lines, *i, rest.clone());
        top.title = title;
        after_title = next;
    } else {
        top.warnings
            .push("no document kind line (KẾ HOẠCH, BÁO CÁO ...) found".into());
    }

    let opening_at = lines
        .iter()
        .enumerate()
        .skip(after_title)
        .take(if kind_at.is_some() { 12 } else { 60 })
        .find(|(_, l)| OPENER.is_match(l.text))
        .map(|(i, _)| i)
        .or_else(|| {
            // An opening in other words still names its parents: the first
            // line after the title, when it is not a heading and cites one.
            let l = lines
                .get(after_title)
                .filter(|_| kind_at.is_some() && after_title > 0)?;
            (!BODY_HEADING.is_match(l.text) && NUMBER.is_match(l.text)).then_some(after_title)
        });
    if let Some(first) = opening_at {
        let last = opening_end(&lines, first);
        top.opening = Some((lines[first].start, lines[last].end));
        let opening = tidy(&text[lines[first].start..lines[last].end]);
        top.issuer = ISSUER
            .captures_iter(&opening)
            .last()
            .map(|c| c[1].trim().to_string())
            .filter(|s| !OPENER.is_match(s));
    } else {
        top.warnings
            .push("no opening \"Thực hiện ...\" / \"Căn cứ ...\" sentence found".into());
    }
    if top.issuer.is_none() {
        top.warnings
            .push("issuing body not named in the opening sentence".into());
    }

    top.body_start = match (opening_at, lines.get(after_title)) {
        (Some(i), _) => lines[i].start,
        (None, Some(l)) if after_title > 0 => l.start,
        _ => 0,
    };

    // The header block is what precedes the kind line; without one, what
    // precedes the opening sentence (bounded, so a body is never read as header).
    let header_end = match (kind_at, opening_at) {
        (Some((i, _, _)), _) => lines[i].start,
        (None, Some(i)) => lines[i].start,
        (None, None) => lines.get(15).map_or(text.len(), |l| l.start),
    };
    // Scrambled columns can put "Số ..." after the kind line; the title and
    // opening write "số" in lower case, so reading on to the opening is safe.
    let number_end = top.opening.map_or(header_end, |o| o.0.max(header_end));
    let own = OWN_NUMBER
        .captures(&text[..header_end])
        .or_else(|| OWN_NUMBER.captures(&text[..number_end]))
        .or_else(|| {
            // "Số" itself lost to a broken font: a number alone on a header line.
            lines
                .iter()
                .take_while(|l| l.start < header_end)
                .find_map(|l| BARE_NUMBER.captures(l.text))
        });
    if let Some(c) = own {
        // The groups are NUMBER_PATTERN's (the prefixes capture nothing); the
        // offsets only serve to tell the own number from citations.
        let (start, end) = (
            c.get(1).map_or(0, |m| m.start()),
            c.get(6).map_or(0, |m| m.end()),
        );
        top.number = Some((parts_from_captures(&c).canonical(), start, end));
    }
    let date_region = &text[..top
        .opening
        .map_or(header_end.max(lines.get(30).map_or(0, |l| l.start)), |o| {
            o.0
        })];
    if let Some(c) = PLACE_DATE.captures(date_region) {
        top.place = Some(tidy(&c[1]));
        let (y, m, d) = (
            c[4].parse().unwrap_or(0),
            c[3].parse().unwrap_or(0),
            c[2].parse().unwrap_or(0),
        );
        top.date = super::dates::ymd(y, m, d);
        if top.date.is_none() {
            top.warnings.push(format!(
                "place-date line has an impossible date: {}",
                c[0].trim()
            ));
        }
    } else {
        top.warnings
            .push("no place-date line (\"..., ngày .. tháng .. năm ....\") found".into());
    }
    top.header = header_lines(&lines, header_end);
    top.province = top.header.iter().find_map(|l| province_of(l));
    top.plan_year = top.title.as_deref().and_then(plan_year);
    top
}

/// The kind on a kind line, and any title text that follows on the same line.
fn kind_of(line: &str) -> Option<(&'static str, Option<String>)> {
    let t = tidy(line);
    for kind in KINDS {
        if t == *kind {
            return Some((kind, None));
        }
        if let Some(rest) = t.strip_prefix(kind).and_then(|r| r.strip_prefix(' ')) {
            if rest.chars().next().is_some_and(char::is_lowercase) {
                return Some((kind, Some(rest.to_string())));
            }
        }
    }
    None
}

/// The title lines after the kind line at `kind_i`; returns the title and the
/// index of the first line after it (past a "-----" rule when there is one).
fn read_title(lines: &[Line], kind_i: usize, same_line: Option<String>) -> (Option<String>, usize) {
    let mut parts: Vec<String> = same_line.into_iter().collect();
    let rule = lines
        .iter()
        .enumerate()
        .skip(kind_i + 1)
        .take(10)
        .find(|(_, l)| DASHES.is_match(l.text))
        .map(|(i, _)| i);
    let next = match rule {
        Some(r) => {
            parts.extend(lines[kind_i + 1..r].iter().map(|l| l.text.to_string()));
            r + 1
        }
        None => {
            let mut i = kind_i + 1;
            while i < lines.len() && parts.len() < 6 {
                let t = lines[i].text.trim_start_matches('*');
                let continues = parts.is_empty()
                    || t.chars()
                        .next()
                        .is_some_and(|c| c.is_lowercase() || "“\"(".contains(c));
                if !continues
                    || (i > kind_i + 1 && (OPENER.is_match(t) || BODY_HEADING.is_match(t)))
                {
                    break;
                }
                parts.push(lines[i].text.to_string());
                i += 1;
            }
            i
        }
    };
    let title = tidy(&parts.join(" "));
    ((!title.is_empty()).then_some(title), next)
}

/// Index of the last line of the opening sentence(s) that start at `first`.
fn opening_end(lines: &[Line], first: usize) -> usize {
    let mut last = first;
    for (i, l) in lines.iter().enumerate().skip(first).take(30) {
        if i > first && (BODY_HEADING.is_match(l.text) || DASHES.is_match(l.text)) {
            break;
        }
        last = i;
        let end = l.text.trim_end_matches('*');
        let next_starts_upper = lines
            .get(i + 1)
            .and_then(|n| n.text.trim_start_matches('*').chars().next())
            .is_some_and(char::is_uppercase);
        // A colon ends the opening ("... như sau:"); so does a full stop
        // followed by a new sentence on the next line.
        if end.ends_with(':') || (end.ends_with('.') && next_starts_upper) {
            break;
        }
    }
    last
}

const RIGHT_COLUMN: &[&str] = &[
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "ĐỘC LẬP - TỰ DO - HẠNH PHÚC",
];

/// Left-column lines of the header (issuing bodies, top to bottom).
fn header_lines(lines: &[Line], header_end: usize) -> Vec<String> {
    let mut out = Vec::new();
    for l in lines.iter().take_while(|l| l.start < header_end) {
        let mut t = tidy(l.text);
        for right in RIGHT_COLUMN {
            t = t.replace(right, " ");
        }
        if let Some(m) = PLACE_DATE.find(&t) {
            t.replace_range(m.range(), " ");
        }
        if let Some(m) = OWN_NUMBER.find(&t) {
            t.replace_range(m.range(), " ");
        }
        let t = tidy(t.trim_matches(|c: char| c.is_whitespace() || "*-–_".contains(c)));
        if t.chars().filter(|c| c.is_alphabetic()).count() >= 2 && is_all_caps(&t) {
            out.push(t);
        }
    }
    out
}

/// "ĐẢNG BỘ TỈNH BÌNH SƠN" / "TỈNH ỦY BÌNH SƠN" → "Bình Sơn".
fn province_of(line: &str) -> Option<String> {
    for prefix in ["TỈNH ỦY ", "TỈNH UỶ ", "THÀNH ỦY ", "THÀNH UỶ "] {
        if let Some(rest) = line.strip_prefix(prefix) {
            return Some(title_case(rest));
        }
    }
    for marker in ["THÀNH PHỐ ", "TỈNH "] {
        if let Some(i) = line.find(marker) {
            let before_ok = i == 0 || line[..i].ends_with(' ');
            let rest = line[i + marker.len()..].trim();
            if before_ok && !rest.is_empty() && !rest.starts_with("ỦY") && !rest.starts_with("UỶ")
            {
                return Some(title_case(rest));
            }
        }
    }
    None
}

/// The one year a plan is for, when its title names exactly one ("năm 2023")
/// and is not about a term or period.
fn plan_year(title: &str) -> Option<i32> {
    let stripped = YEAR_RANGE.replace_all(title, " ");
    let mut years = PLAN_YEAR
        .captures_iter(&stripped)
        .filter_map(|c| super::dates::year(&c[1]));
    let first = years.next()?;
    years.all(|y| y == first).then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOP: &str = "ĐẢNG BỘ TỈNH HÀ GIANG ĐẢNG CỘNG SẢN VIỆT NAM\n\
        ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH\n\
        * Hà Giang, ngày 07 tháng 3 năm 2024\n\
        Số 15- KH/ĐUK\n\n\
        KẾ HOẠCH\n\
        **tổ chức hội thi báo cáo viên giỏi\n\
        năm 2024**\n\
        -----\n\
        Thực hiện Kế hoạch số 88-KH/TU, ngày 02/02/2024 của Ban Thường vụ Tỉnh ủy,\n\
        Ban Thường vụ Đảng ủy Khối ban hành Kế hoạch như sau:\n\
        I. MỤC ĐÍCH, YÊU CẦU\n";

    #[test]
    fn scrambled_header_yields_every_item() {
        let top = read_top(TOP);
        assert_eq!(top.doc_type.as_deref(), Some("KẾ HOẠCH"));
        assert_eq!(top.number.as_ref().map(|n| n.0.as_str()), Some("15-KH/ĐUK"));
        assert_eq!(top.place.as_deref(), Some("Hà Giang"));
        assert_eq!(top.date.as_deref(), Some("2024-03-07"));
        assert_eq!(
            top.title.as_deref(),
            Some("tổ chức hội thi báo cáo viên giỏi năm 2024")
        );
        assert_eq!(top.issuer.as_deref(), Some("Ban Thường vụ Đảng ủy Khối"));
        assert_eq!(
            top.header,
            vec!["ĐẢNG BỘ TỈNH HÀ GIANG", "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH"]
        );
        assert_eq!(top.province.as_deref(), Some("Hà Giang"));
        assert_eq!(top.plan_year, Some(2024));
        let (s, e) = top.opening.unwrap();
        assert!(TOP[s..e].starts_with("Thực hiện") && TOP[s..e].ends_with("như sau:"));
    }

    #[test]
    fn title_without_rule_stops_at_the_opening() {
        let t = "KẾ HOẠCH\nthực hiện Chỉ thị số 09-CT/TU\nvề công tác dân vận\nCăn cứ Quy định số 12-QĐ/TU; Đảng ủy Xã An Phú xây dựng Kế hoạch như sau:\n1. Mục đích\n";
        let top = read_top(t);
        assert_eq!(
            top.title.as_deref(),
            Some("thực hiện Chỉ thị số 09-CT/TU về công tác dân vận")
        );
        assert_eq!(top.issuer.as_deref(), Some("Đảng ủy Xã An Phú"));
        assert_eq!(top.number, None);
        assert_eq!(top.place, None);
        assert_eq!(top.plan_year, None);
    }

    #[test]
    fn wrapped_place_date_and_number_after_the_kind() {
        let t = "ĐẢNG BỘ XÃ TÂN AN\nCHI BỘ ẤP 3\nTân An,\nngày 12 tháng 9\nnăm 2022\nKẾ HOẠCH\nSố 04-KH/CB\nvề công tác dân vận\n-----\n\
                 Căn cứ Nghị quyết số 02-NQ/ĐU của Đảng ủy xã. Chi bộ Ấp 3 xây dựng Kế hoạch thực hiện.\n\
                 Năm 2022 là năm có ý nghĩa, theo Kế hoạch số 9-KH/HU.\n";
        let top = read_top(t);
        assert_eq!(top.place.as_deref(), Some("Tân An"));
        assert_eq!(top.date.as_deref(), Some("2022-09-12"));
        assert_eq!(top.number.as_ref().map(|n| n.0.as_str()), Some("04-KH/CB"));
        let (s, e) = top.opening.unwrap();
        assert!(t[s..e].ends_with("Kế hoạch thực hiện."), "{}", &t[s..e]);
    }

    #[test]
    fn other_openings_lost_so_and_town_names() {
        let t = "ĐẢNG ỦY PHƯỜNG 2\nS  07-KH/ĐU\nThị xã Ba Đồn, ngày 01 tháng 6 năm 2023\nKẾ HOẠCH\nvề công tác dân vận\n-----\n\
                 Nhằm cụ thể hóa Kết luận số 114-KL/TW của Ban Bí thư, Đảng ủy Phường 2 ban hành Kế hoạch như sau:\n\
                 I. MỤC ĐÍCH\n";
        let top = read_top(t);
        assert_eq!(top.number.as_ref().map(|n| n.0.as_str()), Some("07-KH/ĐU"));
        assert_eq!(top.place.as_deref(), Some("Thị xã Ba Đồn"));
        assert!(top.opening.is_some());
        assert_eq!(top.issuer.as_deref(), Some("Đảng ủy Phường 2"));
    }

    #[test]
    fn place_starts_at_a_word() {
        let t = "Số: 31/KH-SNV Lạng Giang, ngày 02 tháng 3 năm 2022\nKẾ HOẠCH\nvề cải cách hành chính\n";
        let top = read_top(t);
        assert_eq!(top.place.as_deref(), Some("Lạng Giang"));
        assert_eq!(top.number.as_ref().map(|n| n.0.as_str()), Some("31/KH-SNV"));
    }

    #[test]
    fn plan_year_needs_one_year_not_a_period() {
        assert_eq!(plan_year("về chuyển đổi số năm 2025"), Some(2025));
        assert_eq!(plan_year("giai đoạn 2021 - 2025"), None);
        assert_eq!(plan_year("nhiệm kỳ 2020-2025 và năm 2021"), Some(2021));
        assert_eq!(plan_year("năm 2022 và năm 2023"), None);
        assert_eq!(plan_year("ngày 20 tháng 10 năm 2021"), None);
    }
}
