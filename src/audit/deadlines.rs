//! Deadlines across the archive: listed with their plan and unit, filtered by
//! date range, unit and overdue-ness, sorted by date.

use std::sync::OnceLock;

use chrono::{Datelike, Months, NaiveDate};
use regex::Regex;
use serde::Serialize;

use super::text::fold;
use crate::model::{Deadline, PlanRecord};

/// One deadline with the plan that sets it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeadlineEntry {
    /// The date this entry falls on, ISO: the deadline's own date, or for a
    /// recurring one its first occurrence in the requested range.
    pub due: Option<String>,
    /// The phrase as written.
    pub text: String,
    pub task: Option<String>,
    /// Who must meet it: the responsible unit named in the sentence, else the
    /// issuer of the plan.
    pub unit: Option<String>,
    pub recurring: bool,
    pub frequency: Option<String>,
    /// The plan's number, date, issuer and source path.
    pub number: Option<String>,
    pub plan_date: Option<String>,
    pub issuer: Option<String>,
    pub path: Option<String>,
    /// Position of the deadline in its plan, to tell entries apart.
    pub index: usize,
}

/// Which deadlines to list. Dates are inclusive.
#[derive(Debug, Clone, Default)]
pub struct DeadlineFilter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Part of the unit's (or issuer's) name, compared without case or tones.
    pub unit: Option<String>,
    /// Only one-off deadlines already past on this day (due before it).
    pub overdue_at: Option<NaiveDate>,
}

/// Months between occurrences of a recurring deadline.
pub fn step_months(frequency: Option<&str>) -> Option<u32> {
    match frequency? {
        "yearly" => Some(12),
        "quarterly" => Some(3),
        "monthly" => Some(1),
        _ => None,
    }
}

/// First occurrence on or after `from` of a deadline first due `due` that
/// repeats every `step` months.
fn occurrence_from(due: NaiveDate, step: u32, from: NaiveDate) -> Option<NaiveDate> {
    if due >= from {
        return Some(due);
    }
    let months = |d: NaiveDate| d.year_months();
    let behind = months(from) - months(due);
    let mut k = (behind.max(0) as u32) / step;
    loop {
        let d = due.checked_add_months(Months::new(k * step))?;
        if d >= from {
            return Some(d);
        }
        k += 1;
    }
}

trait YearMonths {
    fn year_months(&self) -> i64;
}

impl YearMonths for NaiveDate {
    fn year_months(&self) -> i64 {
        self.year() as i64 * 12 + self.month0() as i64
    }
}

fn recurring_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)\b(?:quý\s+(IV|III|II|I)\b|tháng\s+(\d{1,2})\b)").expect("valid regex")
    })
}

fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, 1)?
        .checked_add_months(Months::new(1))?
        .pred_opt()
}

/// A recurring deadline the text ties to no year ("quý IV hằng năm",
/// "tháng 02 hàng năm", "hằng quý") first falls due at the end of the named
/// quarter or month (for "hằng quý"/"hằng tháng", the current one) on or
/// after the plan's own date. `None` when the phrase names no period.
pub fn first_occurrence(d: &Deadline, plan_date: &str) -> Option<NaiveDate> {
    if !d.recurring {
        return None;
    }
    let from = NaiveDate::parse_from_str(plan_date, "%Y-%m-%d").ok()?;
    let month = match d.frequency.as_deref()? {
        "monthly" => from.month(),
        "quarterly" => from.month0() / 3 * 3 + 3,
        "yearly" => {
            let c = recurring_re().captures(&d.text)?;
            match (c.get(1), c.get(2)) {
                (Some(q), _) => {
                    ["I", "II", "III", "IV"]
                        .iter()
                        .position(|r| r.eq_ignore_ascii_case(q.as_str()))?
                        as u32
                        * 3
                        + 3
                }
                (_, Some(m)) => m.as_str().parse().ok().filter(|m| (1..=12).contains(m))?,
                _ => return None,
            }
        }
        _ => return None,
    };
    let this_year = month_end(from.year(), month)?;
    if this_year >= from {
        Some(this_year)
    } else {
        let step = step_months(d.frequency.as_deref())?;
        this_year
            .checked_add_months(Months::new(step))
            .and_then(|d| month_end(d.year(), d.month()))
    }
}

/// Deadlines of `records` that pass `filter`, sorted by date (undated last),
/// then plan number.
pub fn deadlines(records: &[PlanRecord], filter: &DeadlineFilter) -> Vec<DeadlineEntry> {
    let unit = filter.unit.as_deref().map(fold);
    let dated_filter = filter.from.is_some() || filter.to.is_some() || filter.overdue_at.is_some();
    let mut out = Vec::new();
    for r in records {
        for (index, d) in r.deadlines.iter().enumerate() {
            let who = d.responsible.clone().or_else(|| r.issuer.clone());
            if let Some(u) = &unit {
                let matches =
                    |s: &Option<String>| s.as_deref().is_some_and(|s| fold(s).contains(u.as_str()));
                if !matches(&d.responsible) && !matches(&r.issuer) {
                    continue;
                }
            }
            let due = d
                .due
                .as_deref()
                .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
                .or_else(|| first_occurrence(d, r.date.as_deref()?));
            let when = match due {
                None if dated_filter => continue,
                None => None,
                Some(due) => {
                    let step = d
                        .recurring
                        .then(|| step_months(d.frequency.as_deref()))
                        .flatten();
                    if let Some(at) = filter.overdue_at {
                        if d.recurring || due >= at {
                            continue;
                        }
                    }
                    let when = match (step, filter.from) {
                        (Some(step), Some(from)) => match occurrence_from(due, step, from) {
                            Some(w) => w,
                            None => continue,
                        },
                        _ => due,
                    };
                    if filter.from.is_some_and(|f| when < f) || filter.to.is_some_and(|t| when > t)
                    {
                        continue;
                    }
                    Some(when)
                }
            };
            out.push(DeadlineEntry {
                due: when.map(|w| w.format("%Y-%m-%d").to_string()),
                text: d.text.clone(),
                task: d.task.clone(),
                unit: who,
                recurring: d.recurring,
                frequency: d.frequency.clone(),
                number: r.number.clone(),
                plan_date: r.date.clone(),
                issuer: r.issuer.clone(),
                path: r.source.path.clone(),
                index,
            });
        }
    }
    out.sort_by(|a, b| {
        let undated = |e: &DeadlineEntry| e.due.is_none();
        (undated(a), &a.due, &a.number, &a.path, a.index).cmp(&(
            undated(b),
            &b.due,
            &b.number,
            &b.path,
            b.index,
        ))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(number: &str, issuer: &str, dls: &[(&str, Option<&str>, Option<&str>)]) -> PlanRecord {
        let mut r = PlanRecord::empty(String::new());
        r.number = Some(number.into());
        r.issuer = Some(issuer.into());
        r.deadlines = dls
            .iter()
            .map(|(text, due, freq)| Deadline {
                text: text.to_string(),
                due: due.map(str::to_string),
                recurring: freq.is_some(),
                frequency: freq.map(str::to_string),
                ..Default::default()
            })
            .collect();
        r
    }

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn archive() -> Vec<PlanRecord> {
        vec![
            plan(
                "12-KH/ĐU",
                "Đảng ủy Sở Công Thương",
                &[
                    ("trước ngày 15/4/2023", Some("2023-04-15"), None),
                    ("thường xuyên", None, None),
                ],
            ),
            plan(
                "40-KH/ĐUK",
                "Ban Thường vụ Đảng ủy Khối",
                &[
                    ("trước ngày 10/3/2023", Some("2023-03-10"), None),
                    ("tháng 11 hằng năm", Some("2022-11-30"), Some("yearly")),
                ],
            ),
        ]
    }

    #[test]
    fn sorted_by_date_with_undated_last() {
        let all = deadlines(&archive(), &DeadlineFilter::default());
        let dues: Vec<Option<&str>> = all.iter().map(|e| e.due.as_deref()).collect();
        assert_eq!(
            dues,
            [
                Some("2022-11-30"),
                Some("2023-03-10"),
                Some("2023-04-15"),
                None
            ]
        );
        assert_eq!(all[2].number.as_deref(), Some("12-KH/ĐU"));
        assert_eq!(all[2].unit.as_deref(), Some("Đảng ủy Sở Công Thương"));
    }

    #[test]
    fn range_moves_recurring_deadlines_to_their_occurrence() {
        let f = DeadlineFilter {
            from: Some(date("2023-04-01")),
            to: Some(date("2024-03-31")),
            ..Default::default()
        };
        let got: Vec<String> = deadlines(&archive(), &f)
            .into_iter()
            .filter_map(|e| e.due)
            .collect();
        assert_eq!(got, ["2023-04-15", "2023-11-30"]);
    }

    #[test]
    fn unit_and_overdue_filters() {
        let f = DeadlineFilter {
            unit: Some("cong thuong".into()),
            ..Default::default()
        };
        assert_eq!(deadlines(&archive(), &f).len(), 2);
        let f = DeadlineFilter {
            overdue_at: Some(date("2023-04-01")),
            ..Default::default()
        };
        let got = deadlines(&archive(), &f);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].due.as_deref(), Some("2023-03-10"));
    }

    #[test]
    fn recurring_phrases_without_a_year_fall_due_after_the_plan() {
        let rec = |text: &str, freq: &str| Deadline {
            text: text.into(),
            recurring: true,
            frequency: Some(freq.into()),
            ..Default::default()
        };
        let first = |d: &Deadline, plan: &str| first_occurrence(d, plan).map(|d| d.to_string());
        assert_eq!(
            first(&rec("Quý IV hàng năm", "yearly"), "2021-10-20").as_deref(),
            Some("2021-12-31")
        );
        assert_eq!(
            first(&rec("trong quý I hằng năm", "yearly"), "2021-10-20").as_deref(),
            Some("2022-03-31")
        );
        assert_eq!(
            first(&rec("tháng 02 hàng năm", "yearly"), "2023-05-04").as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(
            first(&rec("hằng quý", "quarterly"), "2023-05-04").as_deref(),
            Some("2023-06-30")
        );
        assert_eq!(
            first(&rec("hằng tháng", "monthly"), "2023-05-04").as_deref(),
            Some("2023-05-31")
        );
        assert_eq!(
            first(&rec("hằng năm", "yearly"), "2023-05-04"),
            None,
            "no period named"
        );
        let mut r = PlanRecord::empty(String::new());
        r.date = Some("2021-10-20".into());
        r.deadlines = vec![rec("Quý IV hàng năm", "yearly")];
        let listed = deadlines(&[r], &DeadlineFilter::default());
        assert_eq!(listed[0].due.as_deref(), Some("2021-12-31"));
    }
}
