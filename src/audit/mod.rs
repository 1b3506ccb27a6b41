//! Audit of the plan hierarchy and deadlines over a set of records.
//!
//! Pure functions over `&[PlanRecord]`: [`audit`] resolves every plan's
//! parents and reports what is wrong with each link; [`graph`] draws the
//! hierarchy; [`deadlines`] lists and exports deadlines. No index or file is
//! needed here; the CLI loads the records and prints.

pub mod deadlines;
pub mod graph;
pub mod ics;
mod late;
pub mod number;
pub mod resolve;
pub mod roster;
pub mod text;

use rayon::prelude::*;
use serde::Serialize;

use crate::model::PlanRecord;
pub use late::late_deadlines;
use resolve::{Archive, Citation, Link, Region};
pub use roster::{Roster, RosterEntry};

/// What is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// The cited parent is not in the archive.
    ParentMissing,
    /// Several records fit the citation.
    ParentAmbiguous,
    /// The cited date is not the parent's own date.
    ParentDateMismatch,
    /// The parent belongs to another province.
    ParentOtherProvince,
    /// The parent is dated after the child.
    ParentAfterChild,
    /// The cited number is one digit or code off an existing plan's.
    NumberNearMiss,
    /// The parent implements a root directive the child never mentions.
    RootNotCited,
    /// A child deadline falls after the parent's matching one.
    DeadlineAfterParent,
    /// A unit on the roster has no plan implementing the parent.
    RosterMissing,
}

impl FindingKind {
    pub const ALL: [FindingKind; 9] = [
        FindingKind::ParentMissing,
        FindingKind::ParentAmbiguous,
        FindingKind::ParentDateMismatch,
        FindingKind::ParentOtherProvince,
        FindingKind::ParentAfterChild,
        FindingKind::NumberNearMiss,
        FindingKind::RootNotCited,
        FindingKind::DeadlineAfterParent,
        FindingKind::RosterMissing,
    ];

    /// The snake_case name used in JSON and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::ParentMissing => "parent_missing",
            FindingKind::ParentAmbiguous => "parent_ambiguous",
            FindingKind::ParentDateMismatch => "parent_date_mismatch",
            FindingKind::ParentOtherProvince => "parent_other_province",
            FindingKind::ParentAfterChild => "parent_after_child",
            FindingKind::NumberNearMiss => "number_near_miss",
            FindingKind::RootNotCited => "root_not_cited",
            FindingKind::DeadlineAfterParent => "deadline_after_parent",
            FindingKind::RosterMissing => "roster_missing",
        }
    }
}

/// A short description of a plan, for naming parents, candidates and
/// suggestions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanRef {
    pub number: Option<String>,
    pub date: Option<String>,
    pub issuer: Option<String>,
    pub province: Option<String>,
    pub path: Option<String>,
}

impl PlanRef {
    pub fn of(r: &PlanRecord) -> Self {
        PlanRef {
            number: r.number.clone(),
            date: r.date.clone(),
            issuer: r.issuer.clone(),
            province: r.province.clone().or_else(|| text::province_of(r)),
            path: r.source.path.clone(),
        }
    }

    /// "37-KH/ĐUK of 02/03/2022 (Đảng ủy Khối, path)".
    pub fn describe(&self) -> String {
        let mut s = self.number.clone().unwrap_or_else(|| "(no number)".into());
        if let Some(d) = &self.date {
            s.push_str(&format!(" of {}", text::show_date(d)));
        }
        let extra: Vec<&str> = [&self.issuer, &self.province, &self.path]
            .into_iter()
            .filter_map(|x| x.as_deref())
            .collect();
        if !extra.is_empty() {
            s.push_str(&format!(" ({})", extra.join(", ")));
        }
        s
    }
}

/// One problem, about one plan (or, for `roster_missing`, one unit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub kind: FindingKind,
    /// The plan's own number.
    pub number: Option<String>,
    /// The plan's issuer (for `roster_missing`: the unit as the roster names it).
    pub issuer: Option<String>,
    /// The plan's date, ISO.
    pub date: Option<String>,
    /// The plan's source path.
    pub path: Option<String>,
    /// The parent number as cited.
    pub cited: Option<String>,
    /// The parent date as cited, ISO.
    pub cited_date: Option<String>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The sentence of the plan that makes the citation or sets the deadline.
    pub evidence: Option<String>,
    /// The parent found, the candidates, the suggestions, or the plans the
    /// unit did issue.
    pub related: Vec<PlanRef>,
}

/// What to audit.
#[derive(Debug, Clone, Default)]
pub struct AuditOptions<'r> {
    /// Only links to this parent number and the plans below it.
    pub parent: Option<String>,
    /// Units expected to implement given parents.
    pub roster: Option<&'r Roster>,
}

/// Audit `records`: every link from a plan to its parents, every roster entry.
/// Findings come sorted by kind, then plan number and path.
pub fn audit(records: &[PlanRecord], options: &AuditOptions) -> Vec<Finding> {
    let archive = Archive::new(records);
    let citations = archive.citations();
    let scope = options
        .parent
        .as_deref()
        .map(|p| scope_under(&archive, &citations, p));
    let in_scope = |i: usize, c: &Citation| match &scope {
        None => true,
        Some((key, below)) => c.key == *key || below.contains(&i),
    };
    let mut findings: Vec<Finding> = citations
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, cites)| {
            let mut out = Vec::new();
            for c in cites.iter().filter(|c| in_scope(i, c)) {
                check_citation(&archive, &citations, c, &mut out);
            }
            out
        })
        .collect();
    if let Some(roster) = options.roster {
        let wanted = options.parent.as_deref().map(number::key);
        findings.extend(roster::check(
            &archive,
            &citations,
            roster,
            wanted.as_deref(),
        ));
    }
    findings.sort_by(|a, b| {
        (a.kind, &a.number, &a.path, &a.cited).cmp(&(b.kind, &b.number, &b.path, &b.cited))
    });
    findings
}

/// Key of `parent` and the records below any record with that number.
fn scope_under(
    archive: &Archive,
    citations: &[Vec<Citation>],
    parent: &str,
) -> (String, std::collections::HashSet<usize>) {
    let key = number::key(parent);
    let children = graph::children_map(citations);
    let mut below = std::collections::HashSet::new();
    let mut stack: Vec<usize> = archive.with_key(&key).to_vec();
    while let Some(p) = stack.pop() {
        for &c in children.get(&p).map(Vec::as_slice).unwrap_or_default() {
            if below.insert(c) {
                stack.push(c);
            }
        }
    }
    (key, below)
}

fn finding(archive: &Archive, c: &Citation, kind: FindingKind, message: String) -> Finding {
    let r = &archive.records[c.child];
    Finding {
        kind,
        number: r.number.clone(),
        issuer: r.issuer.clone(),
        date: r.date.clone(),
        path: r.source.path.clone(),
        cited: Some(c.number.clone()),
        cited_date: c.date.clone(),
        message,
        evidence: text::evidence(r, &c.key, &c.spans),
        related: Vec::new(),
    }
}

fn refs(archive: &Archive, idx: &[usize]) -> Vec<PlanRef> {
    idx.iter()
        .map(|&i| PlanRef::of(&archive.records[i]))
        .collect()
}

fn cited_desc(c: &Citation) -> String {
    match &c.date {
        Some(d) => format!("{} of {}", c.number, text::show_date(d)),
        None => c.number.clone(),
    }
}

fn check_citation(
    archive: &Archive,
    citations: &[Vec<Citation>],
    c: &Citation,
    out: &mut Vec<Finding>,
) {
    match &c.link {
        Link::Root => {}
        Link::Missing => {
            out.push(finding(
                archive,
                c,
                FindingKind::ParentMissing,
                format!("cited parent {} is not in the archive", cited_desc(c)),
            ));
            near_miss(archive, c, out);
        }
        Link::Ambiguous(candidates) => {
            let mut f = finding(
                archive,
                c,
                FindingKind::ParentAmbiguous,
                format!(
                    "{} records fit the cited parent {}; cite its date and issuer to tell them apart",
                    candidates.len(),
                    cited_desc(c)
                ),
            );
            f.related = refs(archive, candidates);
            out.push(f);
        }
        Link::Resolved(p) => check_parent(archive, citations, c, *p, out),
    }
}

/// Suggest existing numbers one digit or code off the cited one. Returns
/// whether there was any.
fn near_miss(archive: &Archive, c: &Citation, out: &mut Vec<Finding>) -> bool {
    let near = archive.near_misses(c.child, &c.key, c.date.as_deref());
    if near.is_empty() {
        return false;
    }
    let related = refs(archive, &near[..near.len().min(5)]);
    let names: Vec<String> = related.iter().map(PlanRef::describe).collect();
    let mut f = finding(
        archive,
        c,
        FindingKind::NumberNearMiss,
        format!(
            "cited {}: did you mean {}?",
            cited_desc(c),
            names.join(" or ")
        ),
    );
    f.related = related;
    out.push(f);
    true
}

fn check_parent(
    archive: &Archive,
    citations: &[Vec<Citation>],
    c: &Citation,
    p: usize,
    out: &mut Vec<Finding>,
) {
    let child = &archive.records[c.child];
    let parent = &archive.records[p];
    let with_parent = |mut f: Finding| {
        f.related = vec![PlanRef::of(parent)];
        f
    };
    if let (Some(cited), Some(own)) = (&c.date, &parent.date) {
        if cited != own {
            // Same number, other date: a slip in the number is likelier when
            // a neighbouring number of the same province carries exactly the cited date.
            let dated_neighbour = archive
                .near_misses(c.child, &c.key, Some(cited))
                .iter()
                .any(|&n| {
                    archive.records[n].date.as_deref() == Some(cited.as_str())
                        && archive.region(c.child, n) != Region::Different
                });
            if dated_neighbour && near_miss(archive, c, out) {
                return;
            }
            out.push(with_parent(finding(
                archive,
                c,
                FindingKind::ParentDateMismatch,
                format!(
                    "cites {} dated {}, but that plan is dated {}",
                    c.number,
                    text::show_date(cited),
                    text::show_date(own)
                ),
            )));
        }
    }
    if archive.region(c.child, p) == Region::Different {
        let place = |i: usize| {
            let r = &archive.records[i];
            r.province
                .clone()
                .or_else(|| archive.provinces[i].clone())
                .or_else(|| r.place.clone())
        };
        out.push(with_parent(finding(
            archive,
            c,
            FindingKind::ParentOtherProvince,
            format!(
                "parent {} belongs to {}, the plan to {}",
                PlanRef::of(parent).describe(),
                place(p).unwrap_or_default(),
                place(c.child).unwrap_or_default()
            ),
        )));
    }
    if let (Some(pd), Some(cd)) = (&parent.date, &child.date) {
        if pd > cd {
            out.push(with_parent(finding(
                archive,
                c,
                FindingKind::ParentAfterChild,
                format!(
                    "parent {} is dated {}, after the plan itself ({})",
                    c.number,
                    text::show_date(pd),
                    text::show_date(cd)
                ),
            )));
        }
    }
    if let Some(root) = root_of(archive, citations, p, 8) {
        if !mentions(archive, citations, c.child, &root.1) {
            out.push(with_parent(finding(
                archive,
                c,
                FindingKind::RootNotCited,
                format!(
                    "parent {} implements {}, which this plan never mentions",
                    c.number, root.0
                ),
            )));
        }
    }
    for (ci, pi) in late::late_deadlines(&child.deadlines, &parent.deadlines) {
        let cd = &child.deadlines[ci];
        let pdl = &parent.deadlines[pi];
        let due =
            |d: &crate::model::Deadline| d.due.as_deref().map(text::show_date).unwrap_or_default();
        let mut f = with_parent(finding(
            archive,
            c,
            FindingKind::DeadlineAfterParent,
            format!(
                "deadline {} (\"{}\") is after the parent's {} (\"{}\")",
                due(cd),
                cd.text,
                due(pdl),
                pdl.text
            ),
        ));
        f.evidence =
            text::phrase_evidence(child, cd.span, &cd.text).or_else(|| Some(cd.text.clone()));
        out.push(f);
    }
}

/// The root directive under record `p`: the central number it implements
/// (when several, the first its subject line names: "Căn cứ Điều lệ Đảng,
/// Quy định 08-QĐi/TW" may come first without being what the plan carries
/// out), else its own parent's root. (number as written, key)
fn root_of(
    archive: &Archive,
    citations: &[Vec<Citation>],
    p: usize,
    depth: u8,
) -> Option<(String, String)> {
    let cites = &citations[p];
    let mut central = cites.iter().filter(|c| c.central);
    if let Some(first) = central.next() {
        let mut root = first;
        if let Some(title) = archive.records[p].title.as_deref() {
            let named = text::number_keys(title);
            if let Some(c) = std::iter::once(first)
                .chain(central)
                .find(|c| named.contains(&c.key))
            {
                root = c;
            }
        }
        return Some((root.number.clone(), root.key.clone()));
    }
    if depth == 0 {
        return None;
    }
    let grand = cites.iter().find_map(|c| match c.link {
        Link::Resolved(g) => Some(g),
        _ => None,
    })?;
    root_of(archive, citations, grand, depth - 1)
}

/// Does record `i` mention the number with `key` anywhere: its parents, its
/// references, or failing those its text?
fn mentions(archive: &Archive, citations: &[Vec<Citation>], i: usize, key: &str) -> bool {
    let r = &archive.records[i];
    citations[i].iter().any(|c| c.key == key)
        || archive.ref_keys[i].iter().any(|k| k == key)
        || text::evidence(r, key, &[]).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Reference;

    fn plan(number: &str, date: &str, province: Option<&str>, issuer: &str) -> PlanRecord {
        let mut r = PlanRecord::empty(format!("KẾ HOẠCH\nSố {number}\n"));
        r.number = Some(number.into());
        r.date = Some(date.into());
        r.province = province.map(str::to_string);
        r.issuer = Some(issuer.into());
        r.source.path = Some(format!("{}-{number}.txt", province.unwrap_or("x")));
        r
    }

    fn cite(
        mut r: PlanRecord,
        number: &str,
        date: Option<&str>,
        issuer: Option<&str>,
    ) -> PlanRecord {
        r.implements.push(number.into());
        r.references.push(Reference {
            number: number.into(),
            date: date.map(str::to_string),
            issuer: issuer.map(str::to_string),
            mentions: 1,
            ..Default::default()
        });
        r.text
            .push_str(&format!("Thực hiện Kế hoạch số {number} như sau:\n"));
        r
    }

    fn kinds(records: &[PlanRecord]) -> Vec<(FindingKind, Option<String>)> {
        audit(records, &AuditOptions::default())
            .into_iter()
            .map(|f| (f.kind, f.number))
            .collect()
    }

    /// Two provinces each with a "25-KH/ĐUK"; both implement a central conclusion.
    fn two_provinces() -> Vec<PlanRecord> {
        vec![
            cite(
                plan(
                    "25-KH/ĐUK",
                    "2022-03-01",
                    Some("Bến Tre"),
                    "Ban Thường vụ Đảng ủy Khối",
                ),
                "02-KL/TW",
                None,
                None,
            ),
            cite(
                plan(
                    "25-KH/ĐUK",
                    "2022-04-11",
                    Some("Sóc Trăng"),
                    "Ban Thường vụ Đảng ủy Khối",
                ),
                "02-KL/TW",
                None,
                None,
            ),
        ]
    }

    #[test]
    fn central_roots_outside_the_archive_are_not_missing() {
        assert_eq!(kinds(&two_provinces()), []);
    }

    #[test]
    fn province_or_date_picks_one_of_repeated_numbers() {
        let mut a = two_provinces();
        let child = plan(
            "7-KH/ĐU",
            "2022-05-02",
            Some("Sóc Trăng"),
            "Đảng ủy Sở Y tế",
        );
        let mut child = cite(child, "25-KH/ĐUK", Some("2022-04-11"), None);
        child.implements.push("02-KL/TW".into());
        a.push(child.clone());
        assert_eq!(kinds(&a), []);
        // Without province, the cited date still tells them apart.
        a.pop();
        child.province = None;
        a.push(child);
        assert_eq!(kinds(&a), []);
    }

    #[test]
    fn nothing_to_tell_candidates_apart_is_ambiguous() {
        let mut a = two_provinces();
        let mut child = cite(
            plan("7-KH/ĐU", "2022-05-02", None, "Đảng ủy Sở Y tế"),
            "25-KH/ĐUK",
            None,
            None,
        );
        child.implements.push("02-KL/TW".into());
        a.push(child);
        let findings = audit(&a, &AuditOptions::default());
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].kind, FindingKind::ParentAmbiguous);
        assert_eq!(findings[0].related.len(), 2, "both candidates listed");
        assert!(findings[0]
            .evidence
            .as_deref()
            .unwrap()
            .contains("25-KH/ĐUK"));
    }

    #[test]
    fn issuer_tells_apart_two_blocs_of_one_province() {
        let mut a = vec![
            plan(
                "25-KH/ĐUK",
                "2022-03-01",
                Some("Bến Tre"),
                "Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh",
            ),
            plan(
                "25-KH/ĐUK",
                "2022-06-20",
                Some("Bến Tre"),
                "Ban Thường vụ Đảng ủy Khối doanh nghiệp tỉnh",
            ),
        ];
        a.push(cite(
            plan(
                "9-KH/ĐU",
                "2022-07-01",
                Some("Bến Tre"),
                "Đảng ủy Điện lực tỉnh",
            ),
            "25-KH/ĐUK",
            None,
            Some("Đảng ủy Khối doanh nghiệp tỉnh"),
        ));
        assert_eq!(kinds(&a), []);
    }

    #[test]
    fn code_slip_is_a_near_miss_and_missing() {
        let mut a = two_provinces();
        a.push(cite(
            plan(
                "7-KH/ĐU",
                "2022-05-02",
                Some("Sóc Trăng"),
                "Đảng ủy Sở Y tế",
            ),
            "25-KH/ĐU",
            Some("2022-04-11"),
            None,
        ));
        let findings = audit(&a, &AuditOptions::default());
        let k: Vec<FindingKind> = findings.iter().map(|f| f.kind).collect();
        assert_eq!(k, [FindingKind::ParentMissing, FindingKind::NumberNearMiss]);
        assert_eq!(
            findings[1].related[0].province.as_deref(),
            Some("Sóc Trăng")
        );
    }

    #[test]
    fn foreign_later_parent_and_missing_root_are_reported() {
        let mut a = two_provinces();
        a.push(cite(
            plan("7-KH/ĐU", "2022-04-01", Some("Bến Tre"), "Đảng ủy Sở Y tế"),
            "25-KH/ĐUK",
            Some("2022-04-11"),
            None,
        ));
        let k: Vec<FindingKind> = kinds(&a).into_iter().map(|x| x.0).collect();
        assert_eq!(
            k,
            [
                FindingKind::ParentOtherProvince,
                FindingKind::ParentAfterChild,
                FindingKind::RootNotCited
            ]
        );
    }

    #[test]
    fn the_root_is_the_directive_the_parent_title_names() {
        let mut parent = plan(
            "18-KH/ĐUK",
            "2022-03-01",
            Some("Bến Tre"),
            "Ban Thường vụ Đảng ủy Khối",
        );
        parent.title = Some("thực hiện Kết luận số 02-KL/TW của Bộ Chính trị".into());
        let parent = cite(
            cite(parent, "08-QĐi/TW", None, None),
            "02-KL/TW",
            None,
            None,
        );
        let child = cite(
            plan("3-KH/ĐU", "2022-04-01", Some("Bến Tre"), "Đảng ủy Sở Y tế"),
            "18-KH/ĐUK",
            None,
            None,
        );
        let findings = audit(&[parent.clone(), child.clone()], &AuditOptions::default());
        assert_eq!(findings.len(), 1);
        assert!(
            findings[0].message.contains("implements 02-KL/TW"),
            "{}",
            findings[0].message
        );
        let child = cite(child, "02-KL/TW", None, None);
        assert_eq!(kinds(&[parent, child]), []);
    }
}
