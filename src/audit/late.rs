//! Is a child's deadline later than the parent's matching one? Deadlines
//! match when they are of the same sort (reporting or completing) and recur
//! alike; among those, the parent deadline whose task shares most words, then
//! the nearest in time, is the one the child's should precede.

use chrono::{Datelike, NaiveDate};

use crate::model::Deadline;

/// What the deadline asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sort {
    Report,
    Complete,
}

fn sort_of(d: &Deadline) -> Sort {
    // Text reaching here is NFC; the unaccented spelling covers text that
    // lost its tone marks. No lower-casing: this runs for every deadline.
    let says = |s: &str| {
        ["báo cáo", "Báo cáo", "BÁO CÁO", "bao cao", "Bao cao"]
            .iter()
            .any(|w| s.contains(w))
    };
    if d.task.as_deref().is_some_and(says) || says(&d.text) {
        Sort::Report
    } else {
        Sort::Complete
    }
}

/// The task's words, lower-cased and hashed, sorted: enough to count shared
/// words without a set of strings per deadline.
fn words(d: &Deadline) -> Vec<u64> {
    use std::hash::{Hash, Hasher};
    let Some(task) = d.task.as_deref() else {
        return Vec::new();
    };
    let mut out: Vec<u64> = task
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().nth(1).is_some())
        .map(|w| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            for c in w.chars().flat_map(char::to_lowercase) {
                c.hash(&mut h);
            }
            h.finish()
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Count of values in both sorted lists.
fn shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// A point to compare: the date for one-off deadlines, the day of the year
/// for yearly ones (their stored date is only the first occurrence).
fn point(d: &Deadline) -> Option<(u32, NaiveDate)> {
    let due = iso_date(d.due.as_deref()?)?;
    Some((due.ordinal(), due))
}

/// "YYYY-MM-DD" without the cost of a format string: deadlines of every
/// plan pair are read in an audit.
fn iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<u32>().ok();
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

/// What a deadline is compared on, worked out once.
struct Facts<'d> {
    deadline: &'d Deadline,
    sort: Sort,
    words: Vec<u64>,
    day: u32,
    due: NaiveDate,
}

fn facts(d: &Deadline) -> Option<Facts<'_>> {
    let (day, due) = point(d)?;
    Some(Facts {
        deadline: d,
        sort: sort_of(d),
        words: words(d),
        day,
        due,
    })
}

fn comparable(child: &Facts, parent: &Facts) -> bool {
    let (c, p) = (child.deadline, parent.deadline);
    c.recurring == p.recurring
        && (!c.recurring || c.frequency == p.frequency)
        && child.sort == parent.sort
}

/// For each child deadline later than its matching parent deadline, the
/// pair (child index, parent index).
pub fn late_deadlines(child: &[Deadline], parent: &[Deadline]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if child.is_empty() || parent.is_empty() {
        return out;
    }
    let parent: Vec<(usize, Facts)> = parent
        .iter()
        .enumerate()
        .filter_map(|(i, p)| Some((i, facts(p)?)))
        .collect();
    for (ci, c) in child.iter().enumerate() {
        // Quarterly and monthly deadlines have no single date to compare.
        if c.recurring && c.frequency.as_deref() != Some("yearly") {
            continue;
        }
        let Some(cf) = facts(c) else {
            continue;
        };
        let best = parent
            .iter()
            .filter(|(_, pf)| comparable(&cf, pf))
            .min_by_key(|(_, pf)| {
                let shared = shared(&cf.words, &pf.words);
                let distance = if c.recurring {
                    (cf.day as i64 - pf.day as i64).abs()
                } else {
                    (cf.due - pf.due).num_days().abs()
                };
                (std::cmp::Reverse(shared), distance)
            });
        if let Some((pi, pf)) = best {
            let late = if c.recurring {
                cf.day > pf.day
            } else {
                cf.due > pf.due
            };
            if late {
                out.push((ci, *pi));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dl(task: &str, due: &str) -> Deadline {
        Deadline {
            text: format!("trước ngày {due}"),
            task: Some(task.into()),
            due: Some(due.into()),
            ..Default::default()
        }
    }

    #[test]
    fn later_report_than_parent_is_flagged() {
        let parent = [
            dl("báo cáo sơ kết về Ban Thường vụ", "2023-06-30"),
            dl("báo cáo tổng kết về Ban Thường vụ", "2025-12-15"),
        ];
        let child = [
            dl("báo cáo sơ kết về Đảng ủy", "2023-06-20"),
            dl("báo cáo tổng kết về Đảng ủy", "2025-12-20"),
        ];
        assert_eq!(late_deadlines(&child, &parent), vec![(1, 1)]);
    }

    #[test]
    fn earlier_or_unmatched_deadlines_are_fine() {
        let parent = [dl("báo cáo kết quả", "2023-06-30")];
        let child = [
            dl("báo cáo kết quả", "2023-06-30"),
            dl("hoàn thành việc quán triệt", "2024-01-31"),
        ];
        assert!(late_deadlines(&child, &parent).is_empty());
    }

    #[test]
    fn yearly_deadlines_compare_by_day_of_year() {
        let mut p = dl("báo cáo chuyên đề hằng năm", "2022-11-30");
        p.recurring = true;
        p.frequency = Some("yearly".into());
        let mut c = dl("báo cáo chuyên đề hằng năm", "2023-12-10");
        c.recurring = true;
        c.frequency = Some("yearly".into());
        assert_eq!(late_deadlines(&[c.clone()], &[p.clone()]), vec![(0, 0)]);
        c.due = Some("2023-11-20".into());
        assert!(late_deadlines(&[c], &[p]).is_empty());
    }
}
