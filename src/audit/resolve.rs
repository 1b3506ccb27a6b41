//! Which record is the parent a plan cites? Numbers repeat across provinces
//! and years, so a citation is matched on number, then narrowed by the cited
//! date, the province (or place), the issuing body and the year; when that
//! still leaves several, the link is reported ambiguous instead of guessed.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use super::number;
use super::text::{fold, fold_province, province_of};
use crate::model::{PlanRecord, Span};

/// Where one citation leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// One record fits.
    Resolved(usize),
    /// Several records fit equally well (indices, best first).
    Ambiguous(Vec<usize>),
    /// Nothing in the archive has the number.
    Missing,
    /// A central directive, which archives of lower levels do not hold.
    Root,
}

/// One entry of a plan's `implements`, with what the plan says about it and
/// where it leads.
#[derive(Debug, Clone)]
pub struct Citation {
    /// The citing record.
    pub child: usize,
    /// The number as the record has it.
    pub number: String,
    /// Its canonical key.
    pub key: String,
    /// Issued by a central body (a root directive).
    pub central: bool,
    /// The cited date (ISO), from the reference entry of the same number.
    pub date: Option<String>,
    /// The cited issuing body, from the same reference entry.
    pub issuer: Option<String>,
    /// Where the citation is written in the child's text.
    pub spans: Vec<Span>,
    pub link: Link,
}

/// How two records relate in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    Same,
    Different,
    Unknown,
}

/// The records with lookup tables built once, so that resolving every
/// citation of a large archive costs a few hash lookups each.
pub struct Archive<'a> {
    pub records: &'a [PlanRecord],
    /// Own-number key of each record.
    pub keys: Vec<Option<String>>,
    /// Folded province of each record.
    pub provinces: Vec<Option<String>>,
    /// Keys of each record's references, in order (keying is the costly
    /// part of an audit; done once).
    pub ref_keys: Vec<Vec<String>>,
    places: Vec<Option<String>>,
    by_key: HashMap<String, Vec<usize>>,
    /// Serial → distinct keys with that serial (for "one code off").
    by_serial: HashMap<String, Vec<String>>,
}

impl<'a> Archive<'a> {
    pub fn new(records: &'a [PlanRecord]) -> Self {
        let parts: Vec<Option<Vec<String>>> = records
            .par_iter()
            .map(|r| {
                r.number
                    .as_deref()
                    .map(number::parts)
                    .filter(|p| !p.is_empty())
            })
            .collect();
        let keys: Vec<Option<String>> = parts
            .iter()
            .map(|p| p.as_ref().map(|p| p.join("/")))
            .collect();
        let provinces = records.par_iter().map(province_of).collect();
        let ref_keys = records
            .par_iter()
            .map(|r| {
                r.references
                    .iter()
                    .map(|x| number::key(&x.number))
                    .collect()
            })
            .collect();
        let places = records
            .iter()
            .map(|r| r.place.as_deref().map(fold_province))
            .collect();
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_serial: HashMap<String, Vec<String>> = HashMap::new();
        for (i, (k, p)) in keys.iter().zip(&parts).enumerate() {
            let (Some(k), Some(p)) = (k, p) else { continue };
            let entry = by_key.entry(k.clone()).or_default();
            if entry.is_empty() {
                by_serial.entry(p[0].clone()).or_default().push(k.clone());
            }
            entry.push(i);
        }
        Archive {
            records,
            keys,
            provinces,
            ref_keys,
            places,
            by_key,
            by_serial,
        }
    }

    /// Records whose own number has `key`.
    pub fn with_key(&self, key: &str) -> &[usize] {
        self.by_key.get(key).map(Vec::as_slice).unwrap_or_default()
    }

    /// Same province when both are known; else same place (the place-date
    /// line) when both are known.
    pub fn region(&self, a: usize, b: usize) -> Region {
        let cmp = |x: &Option<String>, y: &Option<String>| match (x, y) {
            (Some(x), Some(y)) if x == y => Some(Region::Same),
            (Some(_), Some(_)) => Some(Region::Different),
            _ => None,
        };
        let (pa, pb) = (&self.provinces[a], &self.provinces[b]);
        let (la, lb) = (&self.places[a], &self.places[b]);
        // Plans of a province are signed in its own town; a header naming
        // the province beats the place, the place beats nothing.
        cmp(pa, pb)
            .or_else(|| cmp(la, lb))
            .or_else(|| {
                let meets = |p: &Option<String>, l: &Option<String>| p.is_some() && p == l;
                (meets(pa, lb) || meets(pb, la)).then_some(Region::Same)
            })
            .unwrap_or(Region::Unknown)
    }

    /// Every citation of every record, resolved.
    pub fn citations(&self) -> Vec<Vec<Citation>> {
        (0..self.records.len())
            .into_par_iter()
            .map(|i| self.citations_of(i))
            .collect()
    }

    fn citations_of(&self, child: usize) -> Vec<Citation> {
        let record = &self.records[child];
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for cited in &record.implements {
            let key = number::key(cited);
            if key.is_empty() || !seen.insert(key.clone()) {
                continue;
            }
            let reference = self.ref_keys[child]
                .iter()
                .position(|k| *k == key)
                .map(|at| &record.references[at]);
            let date = reference.and_then(|r| r.date.clone());
            let issuer = reference.and_then(|r| r.issuer.clone());
            let link = self.resolve(child, &key, date.as_deref(), issuer.as_deref());
            out.push(Citation {
                child,
                number: cited.clone(),
                central: number::is_central(&number::parts(&key)),
                key,
                date,
                issuer,
                spans: reference.map(|r| r.spans.clone()).unwrap_or_default(),
                link,
            });
        }
        out
    }

    /// The record the citation `key` (with its date and issuer, when cited)
    /// of record `child` points to.
    pub fn resolve(
        &self,
        child: usize,
        key: &str,
        date: Option<&str>,
        issuer: Option<&str>,
    ) -> Link {
        let candidates: Vec<usize> = self
            .with_key(key)
            .iter()
            .copied()
            .filter(|&c| c != child)
            .collect();
        if candidates.is_empty() {
            // Archives below the centre do not hold central directives;
            // an absent one is the top of the chain, not a broken link.
            return if number::is_central(&number::parts(key)) {
                Link::Root
            } else {
                Link::Missing
            };
        }
        // Number and date together identify a document almost always.
        if let Some(date) = date {
            let exact: Vec<usize> = candidates
                .iter()
                .copied()
                .filter(|&c| self.records[c].date.as_deref() == Some(date))
                .collect();
            if !exact.is_empty() {
                return self.narrow(child, exact, issuer, None);
            }
        }
        let year = date.and_then(|d| d.get(..4));
        let not_foreign: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&c| self.region(child, c) != Region::Different)
            .collect();
        if not_foreign.is_empty() {
            self.narrow(child, candidates, issuer, year)
        } else {
            self.narrow(child, not_foreign, issuer, year)
        }
    }

    /// Keep narrowing while a criterion leaves at least one candidate; one
    /// left is the answer, several are ambiguous.
    fn narrow(
        &self,
        child: usize,
        mut pool: Vec<usize>,
        issuer: Option<&str>,
        year: Option<&str>,
    ) -> Link {
        let same_region = |c: &usize| self.region(child, *c) == Region::Same;
        let same_issuer =
            |c: &usize| issuer.is_some_and(|i| issuer_compatible(i, &self.records[*c]));
        let same_year = |c: &usize| {
            year.is_some() && self.records[*c].date.as_deref().and_then(|d| d.get(..4)) == year
        };
        let criteria: [&dyn Fn(&usize) -> bool; 3] = [&same_region, &same_issuer, &same_year];
        for keep in criteria {
            if pool.len() == 1 {
                break;
            }
            let kept: Vec<usize> = pool.iter().copied().filter(|c| keep(c)).collect();
            if !kept.is_empty() {
                pool = kept;
            }
        }
        match pool.len() {
            1 => Link::Resolved(pool[0]),
            _ => Link::Ambiguous(pool),
        }
    }

    /// Numbers in the archive one digit or one code off `key`: records with
    /// those numbers, those with the cited date first, then those not in
    /// another province.
    pub fn near_misses(&self, child: usize, key: &str, date: Option<&str>) -> Vec<usize> {
        let parts = number::parts(key);
        let mut keys = number::digit_neighbours(&parts);
        if let Some(same_serial) = parts.first().and_then(|s| self.by_serial.get(s)) {
            keys.extend(
                same_serial
                    .iter()
                    .filter(|k| number::one_code_off(&parts, &number::parts(k)))
                    .cloned(),
            );
        }
        let mut found: Vec<usize> = keys
            .iter()
            .flat_map(|k| self.with_key(k).iter().copied())
            .filter(|&c| c != child)
            .collect();
        let dated: Vec<usize> = found
            .iter()
            .copied()
            .filter(|&c| date.is_some() && self.records[c].date.as_deref() == date)
            .collect();
        if !dated.is_empty() {
            found = dated;
        }
        let local: Vec<usize> = found
            .iter()
            .copied()
            .filter(|&c| self.region(child, c) != Region::Different)
            .collect();
        if !local.is_empty() {
            found = local;
        }
        found.sort_unstable();
        found.dedup();
        found
    }
}

/// Could the cited body have issued `record`? Compared without the standing
/// committee prefix, one name a prefix of the other ("Đảng ủy Khối" and
/// "Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh").
fn issuer_compatible(cited: &str, record: &PlanRecord) -> bool {
    let core = |s: &str| {
        let f = fold(s);
        ["ban thuong vu ", "ban chap hanh ", "thuong truc "]
            .iter()
            .find_map(|p| f.strip_prefix(p).map(str::to_string))
            .unwrap_or(f)
    };
    let cited = core(cited);
    if cited.is_empty() {
        return false;
    }
    record
        .issuer
        .iter()
        .chain(record.header.iter())
        .map(|s| core(s))
        .any(|own| !own.is_empty() && (own.starts_with(&cited) || cited.starts_with(&own)))
}
