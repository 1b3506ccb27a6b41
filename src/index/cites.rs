//! "Who cites this number": every plan whose cited numbers include it,
//! grouped by issuing unit, with the sentence of the first mention.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use tantivy::{Searcher, Term};

use super::store::{docs_with_term, PlanIndex};
use crate::error::Result;
use crate::model::PlanRecord;
use crate::parse::match_key;

/// One citing plan.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CitingPlan {
    pub number: Option<String>,
    pub date: Option<String>,
    pub issuer: Option<String>,
    pub province: Option<String>,
    /// Source path as given to ingest.
    pub path: Option<String>,
    /// How often the plan mentions the cited number.
    pub mentions: u32,
    /// The sentence of the first mention.
    pub sentence: Option<String>,
}

/// The citing plans of one issuing unit.
#[derive(Debug, Clone, Serialize)]
pub struct CitingUnit {
    /// Issuing body, with the province when known ("Đảng ủy Sở Nội vụ — Nam Định").
    pub unit: String,
    pub count: usize,
    pub plans: Vec<CitingPlan>,
}

/// Everything citing one number.
#[derive(Debug, Clone, Serialize)]
pub struct CitesReport {
    /// The number as asked.
    pub number: String,
    /// Its spelling-independent key.
    pub key: String,
    /// Number of citing plans.
    pub total: usize,
    pub units: Vec<CitingUnit>,
}

/// Char offsets `[start, end)` → the sentence around them, trimmed to a
/// readable length. Sentences end at a line break, ";" or "." followed by
/// a space (not the dots inside "VP.ĐUK" or "1.1").
pub fn sentence_around(text: &str, start: usize, end: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let start = start.min(chars.len());
    let end = end.clamp(start, chars.len());
    // A line break ends a sentence unless the next line goes on in lower
    // case after a line with lower-case words (a wrapped paragraph).
    let line_break_ends = |i: usize| {
        let next = chars[i + 1..]
            .iter()
            .find(|c| !c.is_whitespace() || **c == '\n');
        let next_lower = next.is_some_and(|c| c.is_lowercase());
        let line_start = chars[..i]
            .iter()
            .rposition(|c| *c == '\n')
            .map_or(0, |p| p + 1);
        let line_has_lower = chars[line_start..i].iter().any(|c| c.is_lowercase());
        !(next_lower && line_has_lower)
    };
    let is_end = |i: usize| match chars[i] {
        '\n' => line_break_ends(i),
        ';' => true,
        '.' => chars.get(i + 1).is_none_or(|n| n.is_whitespace()),
        _ => false,
    };
    let mut from = start;
    while from > 0 && !is_end(from - 1) && start - from < 400 {
        from -= 1;
    }
    let mut to = end;
    while to < chars.len() && !is_end(to) && to - end < 400 {
        to += 1;
    }
    if to < chars.len() && chars[to] != '\n' {
        to += 1;
    }
    chars[from..to]
        .iter()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The citations of `record`: one entry per distinct cited key.
pub(crate) fn citations(record: &PlanRecord) -> Vec<(String, CitingPlan)> {
    let mut out: Vec<(String, CitingPlan)> = Vec::new();
    let plan = |mentions: u32, sentence: Option<String>| CitingPlan {
        number: record.number.clone(),
        date: record.date.clone(),
        issuer: record.issuer.clone(),
        province: record.province.clone(),
        path: record.source.path.clone(),
        mentions,
        sentence,
    };
    for r in &record.references {
        let Some(key) = match_key(&r.number) else {
            continue;
        };
        if out.iter().any(|(k, _)| *k == key) {
            continue;
        }
        let sentence = r
            .spans
            .iter()
            .min_by_key(|s| s.start)
            .map(|s| sentence_around(&record.text, s.start, s.end));
        out.push((key, plan(r.mentions.max(1), sentence)));
    }
    for number in &record.implements {
        if let Some(key) = match_key(number) {
            if !out.iter().any(|(k, _)| *k == key) {
                out.push((key, plan(1, None)));
            }
        }
    }
    out
}

fn unit_of(plan: &CitingPlan) -> String {
    let body = plan.issuer.as_deref().unwrap_or("(issuer unknown)");
    match &plan.province {
        Some(p) => format!("{body} — {p}"),
        None => body.to_string(),
    }
}

impl PlanIndex {
    /// Every plan citing `number` (any spelling); `None` if it is not a number.
    pub fn cites(&self, number: &str) -> Result<Option<CitesReport>> {
        let Some(key) = match_key(number) else {
            return Ok(None);
        };
        let plans = self.citations.citing(&key)?;
        let total = plans.len();
        let mut groups: BTreeMap<String, Vec<CitingPlan>> = BTreeMap::new();
        for plan in plans {
            groups.entry(unit_of(&plan)).or_default().push(plan);
        }
        let units = groups
            .into_iter()
            .map(|(unit, mut plans)| {
                plans.sort_by(|a, b| {
                    (&a.date, &a.number, &a.path).cmp(&(&b.date, &b.number, &b.path))
                });
                CitingUnit {
                    unit,
                    count: plans.len(),
                    plans,
                }
            })
            .collect();
        Ok(Some(CitesReport {
            number: number.to_string(),
            key,
            total,
            units,
        }))
    }

    /// Records whose own number is `number` (any spelling).
    pub fn by_number(&self, searcher: &Searcher, number: &str) -> Result<Vec<PlanRecord>> {
        match match_key(number) {
            Some(key) => self.by_term(
                searcher,
                Term::from_field_text(self.fields.number_key, &key),
            ),
            None => Ok(Vec::new()),
        }
    }

    /// The record of the file whose identity (see `ingest::identity`) is `path`.
    pub fn by_path(&self, searcher: &Searcher, path: &str) -> Result<Vec<PlanRecord>> {
        self.by_term(searcher, self.path_term(path))
    }

    fn by_term(&self, searcher: &Searcher, term: Term) -> Result<Vec<PlanRecord>> {
        let mut out = docs_with_term(searcher, term, &self.dir)?
            .iter()
            .map(|doc| self.record_of(doc))
            .collect::<Result<Vec<_>>>()?;
        out.sort_by(|a, b| (&a.date, &a.source.path).cmp(&(&b.date, &b.source.path)));
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_is_cut_at_semicolons_line_breaks_and_full_stops() {
        let text =
            "Mở đầu.\nThực hiện Kế hoạch số 25-KH/ĐUK của Đảng ủy Khối; Đảng ủy ban hành. Tiếp.";
        let start = text
            .chars()
            .take_while(|_| true)
            .collect::<String>()
            .find("25-")
            .unwrap();
        let start = text[..start].chars().count();
        assert_eq!(
            sentence_around(text, start, start + 9),
            "Thực hiện Kế hoạch số 25-KH/ĐUK của Đảng ủy Khối;"
        );
        let text = "KẾ HOẠCH\nthực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị về đẩy\nmạnh học tập\n-----\nTiếp";
        let start = text[..text.find("05-").unwrap()].chars().count();
        assert_eq!(
            sentence_around(text, start, start + 8),
            "thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị về đẩy mạnh học tập"
        );
        let text = "Theo Công văn số 124-CV/VP.ĐUK ngày 1/2. Xong.";
        let start = text.find("124").unwrap();
        assert_eq!(
            sentence_around(text, start, start + 13),
            "Theo Công văn số 124-CV/VP.ĐUK ngày 1/2."
        );
    }
}
