//! Calendar arithmetic for dates and deadlines.

use chrono::{Datelike, NaiveDate};

/// "YYYY-MM-DD" for a valid day, else `None`.
pub(crate) fn ymd(year: i32, month: u32, day: u32) -> Option<String> {
    NaiveDate::from_ymd_opt(year, month, day).map(|_| format!("{year:04}-{month:02}-{day:02}"))
}

/// Last day of a month, "YYYY-MM-DD".
pub(crate) fn month_end(year: i32, month: u32) -> Option<String> {
    let first_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    }?;
    if !(1..=12).contains(&month) {
        return None;
    }
    let last = first_next.pred_opt()?;
    Some(format!(
        "{:04}-{:02}-{:02}",
        last.year(),
        last.month(),
        last.day()
    ))
}

/// Last day of quarter `q` (1-4).
pub(crate) fn quarter_end(year: i32, q: u32) -> Option<String> {
    if !(1..=4).contains(&q) {
        return None;
    }
    month_end(year, q * 3)
}

/// Quarter number from "I".."IV" or "1".."4".
pub(crate) fn quarter_number(s: &str) -> Option<u32> {
    match s.to_uppercase().as_str() {
        "I" | "1" => Some(1),
        "II" | "2" => Some(2),
        "III" | "3" => Some(3),
        "IV" | "4" => Some(4),
        _ => None,
    }
}

/// A year as written in a plan: only plausible four-digit years.
pub(crate) fn year(s: &str) -> Option<i32> {
    s.parse().ok().filter(|y| (1900..=2200).contains(y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_and_quarter_ends() {
        assert_eq!(month_end(2023, 2).as_deref(), Some("2023-02-28"));
        assert_eq!(month_end(2024, 2).as_deref(), Some("2024-02-29"));
        assert_eq!(month_end(2021, 12).as_deref(), Some("2021-12-31"));
        assert_eq!(month_end(2021, 13), None);
        assert_eq!(month_end(2021, 0), None);
        assert_eq!(quarter_end(2023, 1).as_deref(), Some("2023-03-31"));
        assert_eq!(quarter_end(2025, 4).as_deref(), Some("2025-12-31"));
        assert_eq!(ymd(2022, 2, 30), None);
        assert_eq!(quarter_number("iv"), Some(4));
        assert_eq!(year("0021"), None);
    }
}
