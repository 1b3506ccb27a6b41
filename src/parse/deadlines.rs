//! Deadlines: the time points work must meet ("trước ngày 24/3/2023",
//! "trong tháng 6", "quý IV năm 2021", "tháng 02 hàng năm").
//!
//! One pass of one regex finds every candidate time expression; a candidate
//! counts when its shape says it is a point work must meet: a month or
//! quarter with its year, anything recurring, or a day, month or quarter that
//! a preposition or "hoàn thành" ties to work. Dates tied to a cited number,
//! terms and periods ("nhiệm kỳ 2020 - 2025") and bare "hằng năm" are left out
//! by construction: they are either consumed or never matched.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::dates::{month_end, quarter_end, quarter_number, year, ymd};
use super::text::{before, tidy, CharIndex};
use crate::model::Deadline;

static CANDIDATE: LazyLock<Regex> = LazyLock::new(|| {
    let ws = r"[ \t]*(?:\r?\n[ \t]*){0,2}"; // spaces, or a wrapped line
    let sp = format!(r"(?:[ \t]|\r?\n)(?:{ws})"); // at least one
    let prep = format!(
        r"(?:(?P<prep>(?i:tr[ưƣ ]?ớc|trong|vào|đến|chậm nhất là|chậm nhất|muộn nhất|hạn chót|hạn cuối|trước hoặc trong)){sp}(?:\*{{1,2}}{ws})?)?"
    );
    let modifier = format!(r"(?:(?P<mod>(?i:cuối|đầu|giữa)){sp})?");
    let year_tail = format!(r"(?:{ws}/{ws}(?P<Y>[0-9]{{4}})|{sp}năm{sp}(?P<YN>[0-9]{{4}}))?");
    let day = format!(
        r"(?P<dayw>ngày{sp})?(?P<d>[0-9]{{1,2}}){ws}[/.](?:{ws})(?P<m>[0-9]{{1,2}})(?:{ws}[/.]{ws}(?P<dy>[0-9]{{4}}))?|ngày{sp}(?P<d2>[0-9]{{1,2}}){sp}tháng{sp}(?P<m2>[0-9]{{1,2}})(?:{sp}năm{sp}(?P<dy2>[0-9]{{4}}))?"
    );
    let monthly = format!(
        r"ngày{sp}(?P<dm>[0-9]{{1,2}}){sp}(?:(?:hằng|hàng|mỗi){sp}tháng|(?:của{sp})?tháng{sp}cuối{sp}(?:(?:mỗi|hằng|hàng){sp})?quý)"
    );
    let month = format!(r"(?i:tháng){sp}(?P<mo>[0-9]{{1,2}}){year_tail}");
    let quarter = format!(
        r"(?i:quý){sp}(?P<q>IV|III|II|I|[1-4])(?:{ws}/{ws}(?P<qy>[0-9]{{4}})|{sp}năm{sp}(?P<qyn>[0-9]{{4}}))?"
    );
    let recur = format!(
        r"(?:{sp}(?P<ry>(?:của{sp})?(?:hằng|hàng|mỗi){sp}năm|(?:của{sp})?năm{sp}(?:trước{sp}đó|liền{sp}trước|kế{sp}tiếp|trước))|{sp}(?P<rq>(?:hằng|hàng|mỗi){sp}quý))?"
    );
    Regex::new(&format!(
        r"{prep}{modifier}(?P<core>{monthly}|{day}|{month}|{quarter}){recur}"
    ))
    .unwrap()
});

/// Words before a time expression that make it a deadline.
static CUE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:hoàn thành|hoàn tất|xong|kết thúc|thời gian|thời hạn|hạn chót|báo cáo|tổ chức)[\s*:,]*$").unwrap()
});
/// The start of a range ("từ ngày 01/01/2024 ", "từ tháng 3 ") right before "đến".
static RANGE_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\p{L}])(?i:từ)\s+(?:ngày\s+|tháng\s+|quý\s+|năm\s+)?[[0-9]IV][[0-9]/.IV]*(?:\s+(?:năm\s+)?[0-9]{4})?\s*$").unwrap()
});
static FROM_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^\p{L}])(?i:từ|kể từ|bắt đầu)[\s*]*$").unwrap());

/// Context the deadlines of one plan need.
pub(crate) struct Context<'a> {
    pub text: &'a str,
    /// Byte range to search (the body).
    pub range: (usize, usize),
    /// Sorted byte ranges that are not deadlines (numbers, their dates).
    pub consumed: &'a [(usize, usize)],
    pub plan_year: Option<i32>,
    pub index: &'a CharIndex<'a>,
}

pub(crate) fn find(ctx: &Context) -> Vec<Deadline> {
    let (start, end) = ctx.range;
    let body = &ctx.text[start..end];
    let mut out = Vec::new();
    for c in CANDIDATE.captures_iter(body) {
        let m = c.get(0).unwrap();
        let (s, e) = (start + m.start(), start + m.end());
        if overlaps(ctx.consumed, s, e) || !bounded(ctx.text, s, e) {
            continue;
        }
        let Some((due, recurring, frequency)) = judge(&c, ctx, s) else {
            continue;
        };
        let text = tidy(m.as_str());
        let (responsible, task) = who_and_what(ctx.text, s);
        out.push(Deadline {
            text,
            task,
            due,
            recurring,
            frequency,
            responsible,
            span: ctx.index.span(s, e),
        });
    }
    out
}

/// Decide whether a candidate is a deadline, and when it falls due.
fn judge(c: &Captures, ctx: &Context, at: usize) -> Option<(Option<String>, bool, Option<String>)> {
    let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
    let yr = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| c.name(n).and_then(|m| year(m.as_str())))
    };
    let lookback = before(ctx.text, at, 60);
    let cued = c.name("prep").is_some() || c.name("mod").is_some() || CUE_BEFORE.is_match(lookback);
    // "từ ngày 01/01/2024 đến ngày 31/12/2024" is a period, both ends of it.
    if FROM_BEFORE.is_match(lookback)
        || (c
            .name("prep")
            .is_some_and(|p| p.as_str().to_lowercase() == "đến")
            && RANGE_START.is_match(lookback))
    {
        return None;
    }
    let yearly = c.name("ry");
    let relative =
        yearly.is_some_and(|r| r.as_str().contains("trước") || r.as_str().contains("kế"));
    let quarterly = c.name("rq").is_some();
    let one_year = ctx.plan_year;

    if let Some(d) = num("dm") {
        // "ngày 15 hằng tháng", "ngày 20 của tháng cuối quý"
        let quarter = c.name("core").is_some_and(|m| m.as_str().contains("quý"));
        let due = one_year.and_then(|y| ymd(y, if quarter { 3 } else { 1 }, d));
        return Some((
            due,
            true,
            Some(if quarter { "quarterly" } else { "monthly" }.into()),
        ));
    }
    if let Some(d) = num("d").or(num("d2")) {
        let m = num("m").or(num("m2"))?;
        let explicit = yr(&["dy", "dy2"]);
        let has_day_word = c.name("dayw").is_some() || num("d2").is_some();
        // A bare "10/12" is too weak to be a date without "ngày", a year or
        // a "trước" that only a time point can follow.
        let before_word = c.name("prep").is_some_and(|p| {
            let p = p.as_str().to_lowercase();
            (p.starts_with("tr") && p.ends_with("ớc"))
                || p.starts_with("chậm nhất")
                || p == "hạn chót"
        });
        if explicit.is_none() && !has_day_word && !before_word {
            return None;
        }
        if !(cued || yearly.is_some()) {
            return None;
        }
        let recurring = yearly.is_some() || quarterly;
        let y = explicit.or(one_year);
        let due = if relative {
            None
        } else {
            y.and_then(|y| ymd(y, m, d))
        };
        return Some((due, recurring, recurring.then(|| frequency(quarterly))));
    }
    if let Some(mo) = num("mo") {
        let explicit = yr(&["Y", "YN"]);
        if !(1..=12).contains(&mo) {
            return None;
        }
        if explicit.is_none() && !cued && yearly.is_none() {
            return None;
        }
        let recurring = yearly.is_some() || quarterly;
        let due = if relative {
            None
        } else {
            explicit.or(one_year).and_then(|y| month_end(y, mo))
        };
        return Some((due, recurring, recurring.then(|| frequency(quarterly))));
    }
    if let Some(q) = c.name("q").and_then(|m| quarter_number(m.as_str())) {
        let explicit = yr(&["qy", "qyn"]);
        if explicit.is_none() && !cued && yearly.is_none() {
            return None;
        }
        let recurring = yearly.is_some();
        let due = if relative {
            None
        } else {
            explicit.or(one_year).and_then(|y| quarter_end(y, q))
        };
        return Some((due, recurring, recurring.then(|| "yearly".to_string())));
    }
    None
}

fn frequency(quarterly: bool) -> String {
    if quarterly { "quarterly" } else { "yearly" }.to_string()
}

fn overlaps(sorted: &[(usize, usize)], s: usize, e: usize) -> bool {
    let i = sorted.partition_point(|r| r.1 <= s);
    sorted.get(i).is_some_and(|r| r.0 < e)
}

/// The match must not cut into a longer word or number.
fn bounded(text: &str, s: usize, e: usize) -> bool {
    let prev = text[..s].chars().next_back();
    let next = text[e..].chars().next();
    !prev.is_some_and(|c| c.is_alphanumeric() || c == '/')
        && !next.is_some_and(|c| {
            (c.is_alphanumeric() && !super::text::is_footnote_mark(c)) || c == '/' || c == '-'
        })
}

/// The first verb of a sentence: what precedes it is the subject.
static VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\s(?:chủ trì|phối hợp|tổ chức|xây dựng|thực hiện|triển khai|hoàn thành|báo cáo|gửi|chỉ đạo|lãnh đạo|tham mưu|rà soát|hướng dẫn|theo dõi|đưa|ban hành|biên soạn|phát động|tự|chịu|căn cứ|có trách nhiệm|quán triệt|lập|trình|tiếp tục|in|cử|đăng ký|thường xuyên|định kỳ|nộp|sơ kết|tổng kết|cập nhật|kiểm tra|đôn đốc)(?:\s|$)",
    )
    .unwrap()
});
static LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-+•]\s*|\([0-9]{1,2}\)\s*|[a-zđ]\)\s*|[0-9]{1,2}(?:\.[0-9]{1,2})*\.?\s+)")
        .unwrap()
});

/// The responsible unit and a few words of the task, from the sentence that
/// holds the deadline at byte `at`.
fn who_and_what(text: &str, at: usize) -> (Option<String>, Option<String>) {
    let window = before(text, at, 300);
    // Sentence start: a line break, a full stop or a semicolon.
    let cut = window
        .rfind(['\n', ';'])
        .map(|i| i + 1)
        .max(window.rfind(". ").map(|i| i + 2))
        .unwrap_or(0);
    let sentence = tidy(&window[cut..]);
    let body = match LEAD.find(&sentence) {
        Some(m) => &sentence[m.end()..],
        None => sentence.as_str(),
    };
    let words = |s: &str| -> Option<String> {
        let t: String = s.split(' ').take(12).collect::<Vec<_>>().join(" ");
        let t = t.trim_end_matches([',', ';', ' ']).to_string();
        (!t.is_empty()).then_some(t)
    };
    if let Some(v) = VERB.find(body) {
        let who = body[..v.start()].trim();
        if who.chars().count() <= 120 && !who.contains([',', ';', ':']) && names_a_unit(who) {
            return (Some(who.to_string()), words(body[v.start()..].trim()));
        }
    }
    (
        None,
        words(body.trim_start_matches(|c: char| !c.is_alphabetic())),
    )
}

/// First words of the names of units and of people by office; a sentence
/// subject that starts otherwise ("Thời gian", "Tổng kết") is not a unit.
const UNIT_WORDS: &[&str] = &[
    "Ban",
    "Văn phòng",
    "Ủy ban",
    "Uỷ ban",
    "UBND",
    "Đảng ủy",
    "Đảng uỷ",
    "Đảng đoàn",
    "Đảng bộ",
    "Các",
    "Cấp ủy",
    "Cấp uỷ",
    "Chi bộ",
    "Chi ủy",
    "Sở",
    "Phòng",
    "Đoàn",
    "Hội",
    "Công đoàn",
    "Trung tâm",
    "Bí thư",
    "Phó Bí thư",
    "Đồng chí",
    "Đ/c",
    "Huyện ủy",
    "Thành ủy",
    "Tỉnh ủy",
    "Quận ủy",
    "Thị ủy",
    "Mặt trận",
    "Lãnh đạo",
    "Thường trực",
    "Hội đồng",
    "Cơ quan",
    "Tổ",
    "Trường",
    "Bộ",
    "Cục",
    "Chính phủ",
    "BTV",
    "Mỗi",
    "Cán bộ",
    "Người đứng đầu",
    "Thủ trưởng",
    "Giám đốc",
    "Công ty",
    "Bộ phận",
    "Tổ chức cơ sở",
    "Bí thư",
    "Chủ tịch",
    "Phụ trách",
    "Ngành",
];

fn names_a_unit(who: &str) -> bool {
    UNIT_WORDS.iter().any(|w| {
        who.strip_prefix(w)
            .is_some_and(|r| r.is_empty() || r.starts_with(' '))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The deadlines of `text`, with the byte ranges in `consumed` taken
    /// by references (their dates are not deadlines).
    fn deadlines(text: &str, plan_year: Option<i32>, consumed: &[(usize, usize)]) -> Vec<Deadline> {
        let index = CharIndex::new(text);
        find(&Context {
            text,
            range: (0, text.len()),
            consumed,
            plan_year,
            index: &index,
        })
    }

    fn run(text: &str, plan_year: Option<i32>) -> Vec<(String, Option<String>, bool)> {
        deadlines(text, plan_year, &[])
            .into_iter()
            .map(|d| (d.text, d.due, d.recurring))
            .collect()
    }

    fn dues(text: &str, plan_year: Option<i32>) -> Vec<(Option<String>, bool)> {
        run(text, plan_year)
            .into_iter()
            .map(|(_, d, r)| (d, r))
            .collect()
    }

    fn s(d: &str) -> Option<String> {
        Some(d.to_string())
    }

    #[test]
    fn every_form_falls_due_on_its_last_day() {
        let t = "hoàn thành trước ngày 24/3/2023; xong trước 31/3/2022; hoàn thành trong tháng 3/2022; \
                 Trong tháng 01/2025 tổ chức; vào cuối tháng 11 năm 2021; Thời gian: quý IV năm 2021; \
                 sơ kết vào Quý II/2025; tổng kết quý I/2023; vào **tháng 02/2023**; trước ngày 20 tháng 12 năm 2024.";
        assert_eq!(
            dues(t, None),
            vec![
                (s("2023-03-24"), false),
                (s("2022-03-31"), false),
                (s("2022-03-31"), false),
                (s("2025-01-31"), false),
                (s("2021-11-30"), false),
                (s("2021-12-31"), false),
                (s("2025-06-30"), false),
                (s("2023-03-31"), false),
                (s("2023-02-28"), false),
                (s("2024-12-20"), false),
            ]
        );
        let texts: Vec<String> = run(t, None).into_iter().map(|d| d.0).collect();
        assert_eq!(texts[0], "trước ngày 24/3/2023");
        assert_eq!(texts[4], "vào cuối tháng 11 năm 2021");
    }

    #[test]
    fn yearless_points_take_the_plan_year_only_for_one_year_plans() {
        let t =
            "trình ban hành trong tháng 6; sơ kết trong quý III; gửi trước ngày 10/12 hằng năm; \
                 nộp trước 20/11; tỷ lệ 10/12 đơn vị.";
        assert_eq!(
            dues(t, Some(2023)),
            vec![
                (s("2023-06-30"), false),
                (s("2023-09-30"), false),
                (s("2023-12-10"), true),
                (s("2023-11-20"), false)
            ]
        );
        assert_eq!(
            dues(t, None),
            vec![(None, false), (None, false), (None, true), (None, false)]
        );
    }

    #[test]
    fn recurring_points_and_what_is_not_a_deadline() {
        let t = "báo cáo vào tháng 02 hàng năm; hoàn thành vào đầu quý IV của năm trước đó; \
                 Quý IV hằng năm hoàn thành kế hoạch; nhiệm kỳ 2020 - 2025; giai đoạn 2021-2025; \
                 định kỳ hằng năm; thường xuyên; (19/5/1890 - 19/5/2025); học tập 03 tháng; \
                 kế hoạch quý I; từ tháng 3/2022 đến tháng 5/2022; từ ngày 01/01/2024 đến ngày 31/12/2024; \
                 hoàn thành đến ngày 30/6/2024.";
        assert_eq!(
            dues(t, None),
            vec![
                (None, true),
                (None, true),
                (None, true),
                (s("2024-06-30"), false)
            ]
        );
    }

    #[test]
    fn wrapped_lines_and_consumed_dates() {
        let t = "hoàn thành trước ngày\n\n15/12/2022¹. Công văn số 12-CV/VP, ngày 08/6/2021.";
        let at = t.find("12-CV").unwrap();
        let consumed = [(at, at + "12-CV/VP, ngày 08/6/2021".len())];
        let got: Vec<_> = deadlines(t, None, &consumed)
            .into_iter()
            .map(|d| d.due)
            .collect();
        assert_eq!(got, vec![s("2022-12-15")]);
    }

    #[test]
    fn responsible_unit_is_the_subject_of_the_sentence() {
        let t = "- Văn phòng Tỉnh ủy chủ trì tổng hợp báo cáo, hoàn thành trước ngày 30/11/2021.";
        let d = &deadlines(t, None, &[])[0];
        assert_eq!(d.responsible.as_deref(), Some("Văn phòng Tỉnh ủy"));
        assert!(d.task.as_deref().unwrap().starts_with("chủ trì tổng hợp"));
        let t = "- Thời gian hoàn thành: trước 31/3/2022.";
        assert_eq!(deadlines(t, None, &[])[0].responsible, None);
    }
}
