//! Deadlines as an iCalendar file (RFC 5545): one all-day event per dated
//! deadline, recurring ones with an RRULE. Lines end in CRLF and are folded
//! at 75 octets without splitting a UTF-8 character.

use chrono::{DateTime, Days, NaiveDate, Utc};
use sha2::{Digest, Sha256};

use super::deadlines::DeadlineEntry;

/// The calendar text for `entries`; undated entries are left out (the caller
/// says how many). `stamp` is the DTSTAMP of every event.
pub fn to_ics(entries: &[DeadlineEntry], stamp: DateTime<Utc>) -> String {
    let mut out = String::new();
    let stamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//kehoach//plan deadlines//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        push_line(&mut out, line);
    }
    for e in entries {
        let Some(due) = e
            .due
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        else {
            continue;
        };
        push_line(&mut out, "BEGIN:VEVENT");
        push_line(&mut out, &format!("UID:{}@kehoach", uid(e)));
        push_line(&mut out, &format!("DTSTAMP:{stamp}"));
        push_line(
            &mut out,
            &format!("DTSTART;VALUE=DATE:{}", due.format("%Y%m%d")),
        );
        let next = due.checked_add_days(Days::new(1)).unwrap_or(due);
        push_line(
            &mut out,
            &format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")),
        );
        if let Some(rule) = rrule(e) {
            push_line(&mut out, &format!("RRULE:{rule}"));
        }
        push_line(&mut out, &format!("SUMMARY:{}", escape(&summary(e))));
        push_line(
            &mut out,
            &format!("DESCRIPTION:{}", escape(&description(e))),
        );
        push_line(&mut out, "TRANSP:TRANSPARENT");
        push_line(&mut out, "END:VEVENT");
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

/// Stable across runs: the same deadline of the same plan keeps its UID, so
/// re-importing updates events instead of duplicating them.
fn uid(e: &DeadlineEntry) -> String {
    let mut h = Sha256::new();
    for part in [&e.path, &e.number, &e.plan_date] {
        h.update(part.as_deref().unwrap_or("").as_bytes());
        h.update([0]);
    }
    h.update(e.index.to_le_bytes());
    h.update(e.text.as_bytes());
    h.finalize()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn rrule(e: &DeadlineEntry) -> Option<&'static str> {
    if !e.recurring {
        return None;
    }
    match e.frequency.as_deref()? {
        "yearly" => Some("FREQ=YEARLY"),
        "quarterly" => Some("FREQ=MONTHLY;INTERVAL=3"),
        "monthly" => Some("FREQ=MONTHLY"),
        _ => None,
    }
}

fn summary(e: &DeadlineEntry) -> String {
    let what = e.task.clone().unwrap_or_else(|| e.text.clone());
    match &e.number {
        Some(n) => format!("{n}: {what}"),
        None => what,
    }
}

fn description(e: &DeadlineEntry) -> String {
    let mut lines = vec![format!("Hạn: {}", e.text)];
    if let Some(u) = &e.unit {
        lines.push(format!("Đơn vị: {u}"));
    }
    let mut plan = e.number.clone().unwrap_or_default();
    if let Some(d) = &e.plan_date {
        plan.push_str(&format!(" ngày {}", super::text::show_date(d)));
    }
    if let Some(i) = &e.issuer {
        plan.push_str(&format!(" của {i}"));
    }
    lines.push(format!("Kế hoạch: {}", plan.trim()));
    if let Some(p) = &e.path {
        lines.push(format!("Tệp: {p}"));
    }
    lines.join("\n")
}

/// TEXT value escaping (RFC 5545 3.3.11).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Append a content line, folded so no physical line exceeds 75 octets
/// (continuations start with one space, which counts).
fn push_line(out: &mut String, line: &str) {
    let mut width = 0;
    let mut limit = 75;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > limit {
            out.push_str("\r\n ");
            width = 1;
            limit = 75;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn entry(text: &str, due: &str, frequency: Option<&str>) -> DeadlineEntry {
        DeadlineEntry {
            due: Some(due.into()),
            text: text.into(),
            task: Some("báo cáo kết quả về Ban Thường vụ; gửi qua Văn phòng, đúng hạn".into()),
            unit: Some("Đảng ủy Sở Tài nguyên và Môi trường".into()),
            recurring: frequency.is_some(),
            frequency: frequency.map(str::to_string),
            number: Some("19-KH/ĐU".into()),
            plan_date: Some("2022-05-04".into()),
            issuer: Some("Ban Thường vụ Đảng ủy Sở".into()),
            path: Some("archive/19.txt".into()),
            index: 0,
        }
    }

    fn ics() -> String {
        let stamp = Utc.with_ymd_and_hms(2024, 1, 2, 3, 4, 5).unwrap();
        to_ics(
            &[
                entry("trước ngày 30/6/2022", "2022-06-30", None),
                entry("quý IV hằng năm", "2022-12-31", Some("yearly")),
            ],
            stamp,
        )
    }

    #[test]
    fn lines_are_crlf_and_at_most_75_octets() {
        let s = ics();
        assert!(s.ends_with("END:VCALENDAR\r\n"));
        for line in s.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
            assert!(!line.contains('\n') && !line.contains('\r'));
        }
        let unfolded = s.replace("\r\n ", "");
        assert!(unfolded.contains("SUMMARY:19-KH/ĐU: báo cáo kết quả về Ban Thường vụ\\; gửi qua Văn phòng\\, đúng hạn\r\n"));
    }

    #[test]
    fn events_are_all_day_with_rrule_for_recurring_ones() {
        let s = ics().replace("\r\n ", "");
        assert_eq!(s.matches("BEGIN:VEVENT").count(), 2);
        assert!(s.contains("DTSTART;VALUE=DATE:20220630\r\nDTEND;VALUE=DATE:20220701\r\n"));
        assert!(s.contains("DTSTAMP:20240102T030405Z\r\n"));
        assert_eq!(s.matches("RRULE:FREQ=YEARLY\r\n").count(), 1);
        assert!(s.contains("DESCRIPTION:Hạn: trước ngày 30/6/2022\\nĐơn vị: "));
        let uids: Vec<&str> = s.lines().filter(|l| l.starts_with("UID:")).collect();
        assert_eq!(uids.len(), 2);
        assert_ne!(uids[0], uids[1]);
    }

    #[test]
    fn folding_never_splits_a_character() {
        let mut out = String::new();
        push_line(&mut out, &format!("SUMMARY:{}", "ệ".repeat(60)));
        for line in out.split("\r\n") {
            assert!(line.len() <= 75);
        }
        assert_eq!(
            out.replace("\r\n ", ""),
            format!("SUMMARY:{}\r\n", "ệ".repeat(60))
        );
    }

    proptest::proptest! {
        #![proptest_config(crate::testing::proptest_config(256))]

        #[test]
        fn any_line_folds_to_75_octets_and_unfolds_back(value in "\\PC{0,300}") {
            let line = format!("DESCRIPTION:{}", escape(&value));
            let mut out = String::new();
            push_line(&mut out, &line);
            for physical in out.split_terminator("\r\n") {
                proptest::prop_assert!(physical.len() <= 75);
            }
            proptest::prop_assert_eq!(out.replace("\r\n ", ""), format!("{line}\r\n"));
        }
    }
}
