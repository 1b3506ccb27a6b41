//! Errors planted into a generated archive, for testing the audit: wrong
//! parent number, wrong cited date, missing root directive, late deadline,
//! parent in another province, parent dated after the child, and roster units
//! without a plan. Each plant is recorded with the plan it touched and the
//! finding it must produce.
//!
//! Planting works on records built from the generator's truth, so the audit
//! is tested whether or not the parser reads every field yet.

use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::{GeneratedPlan, Level};
use crate::audit::text::show_date;
use crate::audit::{number, FindingKind, Roster, RosterEntry};
use crate::model::{Deadline, PlanRecord, Reference, Source, Span};
use crate::rng::Rng;

/// One planted error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Plant {
    /// The finding the audit must report.
    pub kind: FindingKind,
    /// Source path of the plan touched; for `roster_missing` none.
    pub path: Option<String>,
    /// For `roster_missing`: the unit named in the roster.
    pub unit: Option<String>,
    /// What was changed, for people reading a failure.
    pub what: String,
}

/// A record archive with errors planted, its roster and the list of plants.
#[derive(Debug, Clone)]
pub struct PlantedArchive {
    pub records: Vec<PlanRecord>,
    pub roster: Roster,
    pub plants: Vec<Plant>,
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn date_of(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("generator dates are ISO")
}

fn char_pos(text: &str, needle: &str) -> Option<Span> {
    let b = text.find(needle)?;
    let start = text[..b].chars().count();
    Some(Span {
        start,
        end: start + needle.chars().count(),
    })
}

/// The few words before a deadline phrase in its sentence: what must be done.
fn task_before(flat: &str, byte: usize) -> Option<String> {
    let before = &flat[..byte];
    let from = before.rfind(['.', ':', ';']).map(|i| i + 1).unwrap_or(0);
    let words: Vec<&str> = before[from..]
        .split_whitespace()
        .filter(|w| *w != "-")
        .collect();
    let words = &words[words.len().saturating_sub(10)..];
    (!words.is_empty()).then(|| words.join(" "))
}

/// The record a perfect parser would give for a generated plan.
pub fn record_of(plan: &GeneratedPlan) -> PlanRecord {
    let t = &plan.truth;
    let text = plan.text.clone();
    // Line breaks and spaces are both one char: positions found in the
    // flattened copy hold in the text.
    let flat = text.replace('\n', " ");
    let mut record = PlanRecord::empty(text.clone());
    record.doc_type = Some("KẾ HOẠCH".into());
    record.number = Some(t.number.clone());
    record.date = Some(t.date.clone());
    record.place = Some(t.place.clone());
    record.title = Some(t.title.clone());
    record.issuer = Some(t.issuer.clone());
    record.header = t.header.clone();
    record.province = Some(t.province.clone());
    let mut implements = Vec::new();
    let mut references = Vec::new();
    if let Some(parent) = &t.parent_number {
        implements.push(parent.clone());
        references.push(Reference {
            number: parent.clone(),
            kind: Some(
                if t.level == Level::Province {
                    "Kết luận"
                } else {
                    "Kế hoạch"
                }
                .into(),
            ),
            issuer: t.parent_issuer.clone(),
            date: t.parent_date.clone(),
            mentions: 1,
            spans: t
                .parent_as_written
                .as_deref()
                .and_then(|w| char_pos(&flat, &w.replace('\n', " ")))
                .into_iter()
                .collect(),
        });
    }
    for root in &t.roots {
        if !implements.contains(root) && t.opening.contains(root.as_str()) {
            implements.push(root.clone());
        }
    }
    for cited in &t.cited {
        if !references.iter().any(|r| r.number == *cited) {
            references.push(Reference {
                number: cited.clone(),
                mentions: 1,
                ..Default::default()
            });
        }
    }
    record.implements = implements;
    record.references = references;
    record.deadlines = t
        .deadlines
        .iter()
        .map(|d| {
            let at = flat.find(&d.text);
            Deadline {
                text: d.text.clone(),
                task: at.and_then(|b| task_before(&flat, b)),
                due: d.due.clone(),
                recurring: d.recurring,
                frequency: d.frequency.clone(),
                responsible: None,
                span: char_pos(&flat, &d.text).unwrap_or_default(),
            }
        })
        .collect();
    record.source = Source {
        path: Some(t.rel_path.clone()),
        ..Default::default()
    };
    record
}

/// Records of a generated archive, made consistent where the generator draws
/// independently what real hierarchies keep in order: a child deadline that
/// falls after the parent's matching one is moved onto it, so that the only
/// late deadlines are planted ones.
pub fn clean_records(plans: &[GeneratedPlan]) -> Vec<PlanRecord> {
    let mut records: Vec<PlanRecord> = plans.iter().map(record_of).collect();
    let index: HashMap<&str, usize> = plans
        .iter()
        .enumerate()
        .map(|(i, p)| (p.rel_path.as_str(), i))
        .collect();
    // Parents come before children, so a parent is final when its children are fixed.
    for (i, p) in plans.iter().enumerate() {
        let Some(&pi) = p.truth.parent_path.as_deref().and_then(|pp| index.get(pp)) else {
            continue;
        };
        let parent_deadlines = records[pi].deadlines.clone();
        for (ci, pdi) in crate::audit::late_deadlines(&records[i].deadlines, &parent_deadlines) {
            let due = parent_deadlines[pdi].due.clone();
            let d = &mut records[i].deadlines[ci];
            d.text = format!(
                "trước ngày {}",
                show_date(due.as_deref().unwrap_or_default())
            );
            d.due = due;
        }
    }
    records
}

/// Roster of every unit-level plan's unit under the given parents, as the
/// units name themselves: a clean roster, every row satisfied.
fn clean_roster(plans: &[GeneratedPlan], parents: &[usize]) -> Vec<RosterEntry> {
    let mut rows = Vec::new();
    let mut seen = HashSet::new();
    for &pi in parents {
        let parent = &plans[pi].truth;
        for child in plans
            .iter()
            .filter(|c| c.truth.parent_path.as_deref() == Some(parent.rel_path.as_str()))
        {
            if seen.insert((pi, child.truth.unit.clone())) {
                rows.push(RosterEntry {
                    parent_number: parent.number.clone(),
                    parent_date: Some(parent.date.clone()),
                    unit: child.truth.unit.clone(),
                    line: rows.len() + 2,
                });
            }
        }
    }
    rows
}

/// Generate-time archive with errors planted. `plans` must come from
/// [`super::generate`] (parents first); `seed` chooses the victims.
pub fn plant(plans: &[GeneratedPlan], seed: u64) -> PlantedArchive {
    let mut records = clean_records(plans);
    let mut rng = Rng::scrambled(seed);
    let index: HashMap<&str, usize> = plans
        .iter()
        .enumerate()
        .map(|(i, p)| (p.rel_path.as_str(), i))
        .collect();
    let keys: HashSet<String> = records
        .iter()
        .filter_map(|r| r.number.as_deref())
        .map(number::key)
        .collect();
    let mut dated: HashMap<(String, String), usize> = HashMap::new();
    for r in &records {
        if let (Some(n), Some(d)) = (&r.number, &r.date) {
            *dated.entry((number::key(n), d.clone())).or_default() += 1;
        }
    }
    let parent_of = |i: usize| {
        plans[i]
            .truth
            .parent_path
            .as_deref()
            .and_then(|p| index.get(p).copied())
    };
    // Unit plans are leaves: changing one disturbs no other citation.
    let mut victims: Vec<usize> = (0..plans.len())
        .filter(|&i| plans[i].truth.level == Level::Unit && parent_of(i).is_some())
        .collect();
    for i in (1..victims.len()).rev() {
        victims.swap(i, rng.below(i + 1));
    }
    let mut victims = victims.into_iter();
    let mut plants = Vec::new();
    let next = |kind: FindingKind, what: String, i: usize| Plant {
        kind,
        path: Some(plans[i].rel_path.clone()),
        unit: None,
        what,
    };

    // Wrong parent number: a digit slip giving a number nobody has.
    for i in victims.by_ref().take(3) {
        let cited = records[i].implements[0].clone();
        let parts = number::parts(&cited);
        let Some(slip) = number::digit_neighbours(&parts)
            .into_iter()
            .find(|k| !keys.contains(k))
        else {
            continue;
        };
        let slip_number = {
            let p = number::parts(&slip);
            format!("{}-{}", p[0], p[1..].join("/"))
        };
        replace_citation(&mut records[i], &cited, &slip_number, None);
        plants.push(next(
            FindingKind::NumberNearMiss,
            format!("cited {cited} as {slip_number}"),
            i,
        ));
    }

    // Wrong cited date: a few days off, a date no plan of that number has.
    for i in victims.by_ref().take(3) {
        let cited = records[i].implements[0].clone();
        let key = number::key(&cited);
        let own = date_of(
            records[i].references[0]
                .date
                .as_deref()
                .expect("parent date"),
        );
        let wrong = (1..60)
            .map(|d| iso(own - Duration::days(d)))
            .find(|d| !dated.contains_key(&(key.clone(), d.clone())))
            .expect("a free date");
        records[i].references[0].date = Some(wrong.clone());
        plants.push(next(
            FindingKind::ParentDateMismatch,
            format!("cited {cited} dated {wrong}"),
            i,
        ));
    }

    // Missing root directive: every mention of it gone.
    for i in victims.by_ref().take(3) {
        let root = plans[i].truth.roots[0].clone();
        drop_mentions(&mut records[i], &root);
        plants.push(next(
            FindingKind::RootNotCited,
            format!("removed every mention of {root}"),
            i,
        ));
    }

    // Late deadline: after the parent's matching one.
    let mut planted_late = 0;
    for i in victims.by_ref() {
        if planted_late == 3 {
            break;
        }
        let pi = parent_of(i).expect("unit plans have parents");
        let parent_last = records[pi]
            .deadlines
            .iter()
            .filter(|d| !d.recurring)
            .filter_map(|d| d.due.clone())
            .max();
        let Some(late) = parent_last.map(|d| iso(date_of(&d) + Duration::days(rng.range(10, 40))))
        else {
            continue;
        };
        let Some(d) = records[i]
            .deadlines
            .iter_mut()
            .filter(|d| !d.recurring && d.due.is_some())
            .last()
        else {
            continue;
        };
        d.due = Some(late.clone());
        d.text = format!("trước ngày {}", show_date(&late));
        planted_late += 1;
        plants.push(next(
            FindingKind::DeadlineAfterParent,
            format!("deadline \"{}\" moved to {late}", d.text),
            i,
        ));
    }

    // Parent in another province: cite a bloc plan of another province,
    // with its date and issuer, as the child would if it copied the wrong plan.
    for i in victims.by_ref().take(2) {
        let province = records[i].province.clone();
        let Some(foreign) = (0..plans.len()).find(|&j| {
            plans[j].truth.level == Level::Bloc
                && records[j].province != province
                && dated.get(&(
                    number::key(records[j].number.as_deref().unwrap_or("")),
                    records[j].date.clone().unwrap_or_default(),
                )) == Some(&1)
        }) else {
            continue;
        };
        let old = records[i].implements[0].clone();
        let new = records[foreign].number.clone().expect("numbered");
        let like = records[foreign].clone();
        replace_citation(&mut records[i], &old, &new, Some(&like));
        plants.push(next(
            FindingKind::ParentOtherProvince,
            format!(
                "cites {new} of {}",
                records[foreign].province.clone().unwrap_or_default()
            ),
            i,
        ));
    }

    // Parent dated after the child: the child's own date set before it.
    for i in victims.by_ref().take(2) {
        let pi = parent_of(i).expect("parent");
        let parent_date = date_of(records[pi].date.as_deref().expect("dated"));
        let earlier = iso(parent_date - Duration::days(rng.range(1, 20)));
        records[i].date = Some(earlier.clone());
        plants.push(next(
            FindingKind::ParentAfterChild,
            format!("dated {earlier}, parent {parent_date}"),
            i,
        ));
    }

    let touched: HashSet<String> = plants.iter().filter_map(|p| p.path.clone()).collect();
    let (rows, roster_plants) = roster_with_gaps(plans, &touched);
    plants.extend(roster_plants);
    PlantedArchive {
        records,
        roster: Roster { entries: rows },
        plants,
    }
}

/// Roster of the units under a few bloc plans none of whose children was
/// touched, plus a unit that issued plans but none for the first parent, and
/// a unit with no plan at all: the rows and the two plants.
fn roster_with_gaps(
    plans: &[GeneratedPlan],
    touched: &HashSet<String>,
) -> (Vec<RosterEntry>, Vec<Plant>) {
    let mut plants = Vec::new();
    let children_of = |j: usize| {
        plans
            .iter()
            .filter(move |c| c.truth.parent_path.as_deref() == Some(plans[j].rel_path.as_str()))
    };
    let parents: Vec<usize> = (0..plans.len())
        .filter(|&j| plans[j].truth.level == Level::Bloc)
        .filter(|&j| {
            children_of(j).next().is_some()
                && !children_of(j).any(|c| touched.contains(&c.rel_path))
        })
        .take(4)
        .collect();
    let mut rows = clean_roster(plans, &parents);
    if let Some(&target) = parents.first() {
        let listed: HashSet<&str> = rows.iter().map(|r| r.unit.as_str()).collect();
        let t = &plans[target].truth;
        let other_unit = plans
            .iter()
            .filter(|p| p.truth.level == Level::Unit && p.truth.province == t.province)
            .map(|p| p.truth.unit.clone())
            .find(|u| {
                !listed.contains(u.as_str()) && !children_of(target).any(|c| c.truth.unit == *u)
            });
        for unit in other_unit
            .into_iter()
            .chain(["Đảng ủy Ban Quản lý dự án Cầu Đông".to_string()])
        {
            rows.push(RosterEntry {
                parent_number: t.number.clone(),
                parent_date: Some(t.date.clone()),
                unit: unit.clone(),
                line: rows.len() + 2,
            });
            plants.push(Plant {
                kind: FindingKind::RosterMissing,
                path: None,
                unit: Some(unit),
                what: format!("listed for {} of {} without a plan", t.number, t.date),
            });
        }
    }
    (rows, plants)
}

/// Make `record` cite `new` where it cited `old`; with `like`, also take that
/// plan's date and issuer.
fn replace_citation(record: &mut PlanRecord, old: &str, new: &str, like: Option<&PlanRecord>) {
    for n in record.implements.iter_mut().filter(|n| *n == old) {
        *n = new.to_string();
    }
    for r in record.references.iter_mut().filter(|r| r.number == old) {
        r.number = new.to_string();
        if let Some(like) = like {
            r.date = like.date.clone();
            r.issuer = like.issuer.clone();
        }
    }
    let key = number::key(old);
    record.text = crate::audit::text::replace_number(&record.text, &key, new);
    clear_spans(record);
}

/// Spans no longer hold once the text changed length.
fn clear_spans(record: &mut PlanRecord) {
    for r in &mut record.references {
        r.spans.clear();
    }
    for d in &mut record.deadlines {
        d.span = Span::default();
    }
}

/// Remove every mention of `number` from the record.
fn drop_mentions(record: &mut PlanRecord, number: &str) {
    let key = number::key(number);
    record.implements.retain(|n| number::key(n) != key);
    record.references.retain(|r| number::key(&r.number) != key);
    record.text = crate::audit::text::replace_number(&record.text, &key, "");
    clear_spans(record);
}

/// Generated plans with errors planted in their texts, for audits that go
/// through the parser.
#[derive(Debug, Clone)]
pub struct PlantedTexts {
    pub plans: Vec<GeneratedPlan>,
    pub roster: Roster,
    pub plants: Vec<Plant>,
}

/// Replace the `len` bytes at `at` of `text`.
fn splice(text: &mut String, at: usize, len: usize, with: &str) {
    text.replace_range(at..at + len, with);
}

/// Byte position of `needle` in `text`, where line breaks may stand for the
/// spaces of `needle` (hard-wrapped paragraphs). Both are one byte, so the
/// position holds in `text`.
fn find_flat(text: &str, needle: &str, from: usize) -> Option<usize> {
    let flat = text.replace('\n', " ");
    let needle = needle.replace('\n', " ");
    flat.get(from..)?.find(&needle).map(|i| i + from)
}

fn slash(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// Generated plans kept consistent where the generator draws independently
/// what real hierarchies keep in order: every dated deadline of a plan with
/// a parent is moved, in the text, to no later than the parent's earliest
/// dated deadline, so that any late deadline is a planted one.
pub fn consistent_plans(plans: &[GeneratedPlan]) -> Vec<GeneratedPlan> {
    let mut out = plans.to_vec();
    let index: HashMap<&str, usize> = plans
        .iter()
        .enumerate()
        .map(|(i, p)| (p.rel_path.as_str(), i))
        .collect();
    // Parents first: a parent's deadlines are final before its children's.
    for i in 0..out.len() {
        let Some(&pi) = out[i]
            .truth
            .parent_path
            .as_deref()
            .and_then(|p| index.get(p))
        else {
            continue;
        };
        let Some(limit) = out[pi]
            .truth
            .deadlines
            .iter()
            .filter_map(|d| d.due.as_deref())
            .map(date_of)
            .min()
        else {
            continue;
        };
        let plan = &mut out[i];
        for d in plan.truth.deadlines.iter_mut() {
            let Some(due) = d.due.as_deref().map(date_of) else {
                continue;
            };
            if due <= limit {
                continue;
            }
            let phrase = format!("trước ngày {}", slash(limit));
            if let Some(at) = find_flat(&plan.text, &d.text, 0) {
                splice(&mut plan.text, at, d.text.len(), &phrase);
                d.text = phrase;
                d.due = Some(iso(limit));
            }
        }
    }
    out
}

/// Plant errors into the texts of consistent generated plans (see
/// [`consistent_plans`]): the same sorts as [`plant`], each made the way a
/// clerk would make it, in the words of the plan.
pub fn plant_texts(plans: &[GeneratedPlan], seed: u64) -> PlantedTexts {
    let mut plans = consistent_plans(plans);
    let mut rng = Rng::scrambled(seed);
    let index: HashMap<String, usize> = plans
        .iter()
        .enumerate()
        .map(|(i, p)| (p.rel_path.clone(), i))
        .collect();
    let parent_of = |plans: &[GeneratedPlan], i: usize| {
        plans[i]
            .truth
            .parent_path
            .as_deref()
            .and_then(|p| index.get(p).copied())
    };
    let keys: HashSet<String> = plans.iter().map(|p| number::key(&p.truth.number)).collect();
    let mut dated: HashMap<(String, String), usize> = HashMap::new();
    for p in &plans {
        *dated
            .entry((number::key(&p.truth.number), p.truth.date.clone()))
            .or_default() += 1;
    }
    let mut victims: Vec<usize> = (0..plans.len())
        .filter(|&i| plans[i].truth.level == Level::Unit && parent_of(&plans, i).is_some())
        .collect();
    for i in (1..victims.len()).rev() {
        victims.swap(i, rng.below(i + 1));
    }
    let mut victims = victims.into_iter();
    let mut plants = Vec::new();
    let record = |plans: &[GeneratedPlan], kind: FindingKind, what: String, i: usize| Plant {
        kind,
        path: Some(plans[i].rel_path.clone()),
        unit: None,
        what,
    };
    // Where the opening names the parent: (byte of the number, its length).
    let parent_at = |p: &GeneratedPlan| -> Option<(usize, usize)> {
        let written = p.truth.parent_as_written.as_deref()?;
        let opening_at = find_flat(&p.text, &p.truth.opening, 0)?;
        let at = find_flat(&p.text, written, opening_at)?;
        Some((at, written.len()))
    };
    // The cited date right after the parent's number: (byte, length).
    let cited_date_at = |p: &GeneratedPlan| -> Option<(usize, usize)> {
        let (at, len) = parent_at(p)?;
        let rest = &p.text[at + len..];
        let rel = rest.find("ngày")? + "ngày".len();
        let start = rel + rest[rel..].len() - rest[rel..].trim_start().len();
        let end = start + rest[start..].find(|c: char| !(c.is_ascii_digit() || c == '/'))?;
        Some((at + len + start, end - start))
    };

    // Wrong parent number: a digit slip giving a number nobody has.
    for i in victims.by_ref().take(3) {
        let Some((at, len)) = parent_at(&plans[i]) else {
            continue;
        };
        let cited = plans[i].truth.parent_number.clone().unwrap_or_default();
        let parts = number::parts(&cited);
        let Some(slip) = number::digit_neighbours(&parts)
            .into_iter()
            .find(|k| !keys.contains(k))
        else {
            continue;
        };
        let p = number::parts(&slip);
        let slip = format!("{}-{}", p[0], p[1..].join("/"));
        splice(&mut plans[i].text, at, len, &slip);
        plants.push(record(
            &plans,
            FindingKind::NumberNearMiss,
            format!("cited {cited} as {slip}"),
            i,
        ));
    }

    // Wrong cited date.
    for i in victims.by_ref().take(3) {
        let Some((at, len)) = cited_date_at(&plans[i]) else {
            continue;
        };
        let key = number::key(plans[i].truth.parent_number.as_deref().unwrap_or_default());
        let own = date_of(plans[i].truth.parent_date.as_deref().unwrap_or_default());
        let Some(wrong) = (1..60)
            .map(|d| own - Duration::days(d))
            .find(|d| !dated.contains_key(&(key.clone(), iso(*d))))
        else {
            continue;
        };
        splice(&mut plans[i].text, at, len, &slash(wrong));
        plants.push(record(
            &plans,
            FindingKind::ParentDateMismatch,
            format!("cited date {} for {}", slash(wrong), slash(own)),
            i,
        ));
    }

    // Missing root directive: every mention of it gone.
    for i in victims.by_ref().take(3) {
        let root = plans[i].truth.roots[0].clone();
        plans[i].text = crate::audit::text::replace_number(&plans[i].text, &number::key(&root), "");
        plants.push(record(
            &plans,
            FindingKind::RootNotCited,
            format!("removed every mention of {root}"),
            i,
        ));
    }

    // Late deadline: the plan's last dated deadline after all its parent's.
    let mut late_planted = 0;
    for i in victims.by_ref() {
        if late_planted == 3 {
            break;
        }
        let pi = parent_of(&plans, i).expect("unit plans have parents");
        let Some(last) = plans[pi]
            .truth
            .deadlines
            .iter()
            .filter_map(|d| d.due.as_deref())
            .map(date_of)
            .max()
        else {
            continue;
        };
        let late = last + Duration::days(rng.range(10, 40));
        let Some(d) = plans[i]
            .truth
            .deadlines
            .iter()
            .rfind(|d| d.due.is_some())
            .cloned()
        else {
            continue;
        };
        let Some(at) = find_flat(&plans[i].text, &d.text, 0) else {
            continue;
        };
        splice(
            &mut plans[i].text,
            at,
            d.text.len(),
            &format!("trước ngày {}", slash(late)),
        );
        late_planted += 1;
        plants.push(record(
            &plans,
            FindingKind::DeadlineAfterParent,
            format!("\"{}\" made {}", d.text, slash(late)),
            i,
        ));
    }

    // Parent in another province: number and date of another province's bloc plan.
    for i in victims.by_ref().take(2) {
        let province = plans[i].truth.province.clone();
        let Some(foreign) = (0..plans.len()).find(|&j| {
            let t = &plans[j].truth;
            t.level == Level::Bloc
                && t.province != province
                && dated.get(&(number::key(&t.number), t.date.clone())) == Some(&1)
        }) else {
            continue;
        };
        let (Some((n_at, n_len)), Some((d_at, d_len))) =
            (parent_at(&plans[i]), cited_date_at(&plans[i]))
        else {
            continue;
        };
        let (number, date) = (
            plans[foreign].truth.number.clone(),
            date_of(&plans[foreign].truth.date),
        );
        // The date lies after the number: replace it first.
        splice(&mut plans[i].text, d_at, d_len, &slash(date));
        splice(&mut plans[i].text, n_at, n_len, &number);
        plants.push(record(
            &plans,
            FindingKind::ParentOtherProvince,
            format!("cites {number} of {}", plans[foreign].truth.province),
            i,
        ));
    }

    // Parent dated after the child: the child's place-date line moved earlier.
    for i in victims.by_ref().take(2) {
        let pi = parent_of(&plans, i).expect("parent");
        let own = date_of(&plans[i].truth.date);
        let parent_date = date_of(&plans[pi].truth.date);
        let earlier = parent_date - Duration::days(rng.range(1, 20));
        let line = |d: NaiveDate| {
            use chrono::Datelike;
            format!("ngày {} tháng {} năm {}", d.day(), d.month(), d.year())
        };
        let Some(at) = find_flat(&plans[i].text, &line(own), 0) else {
            continue;
        };
        splice(&mut plans[i].text, at, line(own).len(), &line(earlier));
        plants.push(record(
            &plans,
            FindingKind::ParentAfterChild,
            format!("dated {}, parent {}", slash(earlier), slash(parent_date)),
            i,
        ));
    }

    // Roster: as in `plant`.
    let touched: HashSet<String> = plants.iter().filter_map(|p| p.path.clone()).collect();
    let (rows, roster_plants) = roster_with_gaps(&plans, &touched);
    plants.extend(roster_plants);
    PlantedTexts {
        plans,
        roster: Roster { entries: rows },
        plants,
    }
}
