//! Full-text search: words and quoted phrases, each matched with and without
//! diacritics (exact matches scored higher), plus filters.

use std::ops::Bound;

use chrono::NaiveDate;
use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, DocSet, Searcher, TantivyDocument, Term};

use super::analyzer::{term, words};
use super::store::{index_err, PlanIndex};
use crate::error::Result;
use crate::parse::match_key;

/// What to look for.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// Words and "quoted phrases"; all must match. Empty: every plan.
    pub query: String,
    /// Only plans citing this number (any spelling).
    pub cites: Option<String>,
    /// Only plans whose issuer contains these words (diacritics optional).
    pub issuer: Option<String>,
    /// Only plans dated on or after this day.
    pub from: Option<NaiveDate>,
    /// Only plans dated on or before this day.
    pub to: Option<NaiveDate>,
    /// At most this many hits.
    pub limit: usize,
}

/// One ranked hit.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub score: f32,
    pub number: Option<String>,
    pub date: Option<String>,
    pub issuer: Option<String>,
    pub title: Option<String>,
    /// Source path as given to ingest.
    pub path: Option<String>,
    /// A passage of the text around the best matches.
    pub snippet: String,
    /// Matched words in `snippet`, as `[start, end)` character offsets.
    pub highlights: Vec<[usize; 2]>,
}

/// One unit of the query: a word or a quoted phrase.
fn query_units(query: &str) -> Vec<(String, bool)> {
    let mut units = Vec::new();
    for (i, part) in query.split('"').enumerate() {
        if i % 2 == 1 {
            if !part.trim().is_empty() {
                units.push((part.trim().to_string(), true));
            }
        } else {
            units.extend(part.split_whitespace().map(|w| (w.to_string(), false)));
        }
    }
    units
}

fn terms_query(field: Field, terms: &[String]) -> Box<dyn Query> {
    let terms: Vec<Term> = terms
        .iter()
        .map(|t| Term::from_field_text(field, t))
        .collect();
    if terms.len() == 1 {
        Box::new(TermQuery::new(
            terms.into_iter().next().expect("one term"),
            IndexRecordOption::WithFreqs,
        ))
    } else {
        Box::new(PhraseQuery::new(terms))
    }
}

fn boosted(q: Box<dyn Query>, boost: f32) -> (Occur, Box<dyn Query>) {
    (Occur::Should, Box::new(BoostQuery::new(q, boost)))
}

fn exact_term(field: Field, text: String) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, &text),
        IndexRecordOption::Basic,
    ))
}

/// Words of `text` analysed for the exact and the folded fields.
fn analysed(text: &str) -> (Vec<String>, Vec<String>) {
    words(text)
        .map(|(_, w)| (term(w, false), term(w, true)))
        .unzip()
}

impl PlanIndex {
    /// The query for `req` on the folded fields, and the exact-spelling
    /// terms that rank a hit higher; `None` when it cannot match anything.
    fn plan(&self, req: &SearchRequest) -> Option<(Box<dyn Query>, Vec<Term>)> {
        let f = &self.fields;
        let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut exact_terms = Vec::new();
        for (unit, phrase) in query_units(&req.query) {
            let is_number =
                !phrase && unit.chars().any(|c| c.is_ascii_digit()) && unit.contains(['-', '/']);
            // A document number means plans with or citing that number; its
            // pieces ("05", "ct", "tw") as words would match nearly everything.
            if let Some(key) = is_number.then(|| match_key(&unit)).flatten() {
                let should = vec![
                    boosted(exact_term(f.number_key, key.clone()), 2.0),
                    boosted(exact_term(f.cites, key), 1.0),
                ];
                must.push((Occur::Must, Box::new(BooleanQuery::new(should))));
                continue;
            }
            let (exact, folded) = analysed(&unit);
            if exact.is_empty() {
                continue;
            }
            let should = vec![
                boosted(terms_query(f.text_fold, &folded), 1.0),
                boosted(terms_query(f.title_fold, &folded), 2.0),
            ];
            must.push((Occur::Must, Box::new(BooleanQuery::new(should))));
            // Typed with diacritics: exact spellings rank first (see
            // `rank_exact_first`). Typed without, folding says everything.
            if exact != folded {
                for t in &exact {
                    exact_terms.push(Term::from_field_text(f.text, t));
                    exact_terms.push(Term::from_field_text(f.title, t));
                }
            }
        }
        if let Some(number) = &req.cites {
            must.push((Occur::Must, exact_term(f.cites, match_key(number)?)));
        }
        if let Some(issuer) = &req.issuer {
            let (_, folded) = analysed(issuer);
            if !folded.is_empty() {
                must.push((Occur::Must, terms_query(f.issuer, &folded)));
            }
        }
        if req.from.is_some() || req.to.is_some() {
            let bound = |d: Option<NaiveDate>| match d
                .and_then(|d| super::store::parse_date(&d.format("%Y-%m-%d").to_string()))
            {
                Some(dt) => Bound::Included(Term::from_field_date_for_search(f.date, dt)),
                None => Bound::Unbounded,
            };
            must.push((
                Occur::Must,
                Box::new(RangeQuery::new(bound(req.from), bound(req.to))),
            ));
        }
        if must.is_empty() {
            return Some((Box::new(AllQuery), exact_terms));
        }
        Some((Box::new(BooleanQuery::new(must)), exact_terms))
    }

    /// Re-rank `candidates` (best first): more exact-spelling terms present
    /// first, then the folded score. Checking a few dozen candidates against
    /// the exact postings is far cheaper than scoring the exact fields for
    /// every matching document, which keeps tantivy from skipping blocks.
    fn rank_exact_first(
        &self,
        searcher: &Searcher,
        candidates: Vec<(f32, DocAddress)>,
        exact: &[Term],
    ) -> Result<Vec<(f32, DocAddress)>> {
        let mut ranked: Vec<(usize, f32, DocAddress)> =
            candidates.into_iter().map(|(s, a)| (0, s, a)).collect();
        let mut by_doc: Vec<usize> = (0..ranked.len()).collect();
        by_doc.sort_by_key(|&i| ranked[i].2);
        for term in exact {
            let mut segment = None;
            let mut postings = None;
            for &i in &by_doc {
                let address = ranked[i].2;
                if segment != Some(address.segment_ord) {
                    segment = Some(address.segment_ord);
                    let inverted = searcher
                        .segment_reader(address.segment_ord)
                        .inverted_index(term.field())
                        .map_err(|e| index_err(&self.dir, e))?;
                    postings = inverted
                        .read_postings(term, IndexRecordOption::Basic)
                        .map_err(|e| index_err(&self.dir, e))?;
                }
                if let Some(p) = postings.as_mut() {
                    if p.doc() <= address.doc_id && p.seek(address.doc_id) == address.doc_id {
                        ranked[i].0 += 1;
                    }
                }
            }
        }
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.total_cmp(&a.1)));
        Ok(ranked.into_iter().map(|(_, s, a)| (s, a)).collect())
    }

    /// Ranked hits for `req`.
    pub fn search(&self, searcher: &Searcher, req: &SearchRequest) -> Result<Vec<Hit>> {
        let Some((query, exact)) = self.plan(req) else {
            return Ok(Vec::new());
        };
        let limit = req.limit.max(1);
        let pool = if exact.is_empty() {
            limit
        } else {
            (limit * 5).max(50)
        };
        let mut top = searcher
            .search(&query, &TopDocs::with_limit(pool).order_by_score())
            .map_err(|e| index_err(&self.dir, e))?;
        if !exact.is_empty() {
            top = self.rank_exact_first(searcher, top, &exact)?;
            top.truncate(limit);
        }
        let mut snippets = SnippetGenerator::create(searcher, &*query, self.fields.text_fold)
            .map_err(|e| index_err(&self.dir, e))?;
        snippets.set_max_num_chars(220);
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument =
                searcher.doc(address).map_err(|e| index_err(&self.dir, e))?;
            let record = self.record_of(&doc)?;
            let snippet = snippets.snippet(&record.text);
            let fragment = snippet.fragment();
            let char_at = |byte: usize| fragment[..byte].chars().count();
            let highlights = snippet
                .highlighted()
                .iter()
                .map(|r| [char_at(r.start), char_at(r.end)])
                .collect();
            let text = if fragment.is_empty() {
                record.text.chars().take(160).collect()
            } else {
                fragment.to_string()
            };
            hits.push(Hit {
                score,
                number: record.number,
                date: record.date,
                issuer: record.issuer,
                title: record.title,
                path: record.source.path,
                snippet: text.replace('\n', " "),
                highlights,
            });
        }
        Ok(hits)
    }
}

/// Parse "YYYY-MM-DD" for a date filter.
pub fn parse_day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_phrases_stay_whole_and_words_split() {
        assert_eq!(
            query_units(r#"học tập "tư tưởng đạo đức" 05-CT/TW"#),
            [
                ("học".to_string(), false),
                ("tập".to_string(), false),
                ("tư tưởng đạo đức".to_string(), true),
                ("05-CT/TW".to_string(), false)
            ]
        );
    }
}

#[cfg(test)]
mod ranking_tests {
    use super::*;
    use crate::model::PlanRecord;

    fn index_of(texts: &[&str]) -> (tempfile::TempDir, PlanIndex) {
        let dir = tempfile::tempdir().unwrap();
        let index = PlanIndex::open_or_create(dir.path()).unwrap();
        let mut writer = index.writer(1, 30 << 20).unwrap();
        for (i, text) in texts.iter().enumerate() {
            let mut r = PlanRecord::empty(text.to_string());
            r.source.path = Some(format!("p{i}.txt"));
            writer.replace(&r, &format!("p{i}.txt")).unwrap();
        }
        writer.commit().unwrap();
        (dir, index)
    }

    fn ranked(index: &PlanIndex, query: &str) -> Vec<String> {
        let searcher = index.reader().unwrap().searcher();
        let req = SearchRequest {
            query: query.into(),
            limit: 10,
            ..Default::default()
        };
        index
            .search(&searcher, &req)
            .unwrap()
            .into_iter()
            .map(|h| h.path.unwrap())
            .collect()
    }

    #[test]
    fn exact_diacritics_rank_first_and_folded_spellings_still_match() {
        let (_dir, index) = index_of(&[
            "Bàn về tu tuong trong văn bản gõ không dấu.",
            "Học tập và làm theo tư tưởng Hồ Chí Minh.",
            "Một văn bản khác hẳn.",
        ]);
        assert_eq!(ranked(&index, "tư tưởng"), ["p1.txt", "p0.txt"]);
        assert_eq!(ranked(&index, "tu tuong"), ["p0.txt", "p1.txt"]);
    }

    #[test]
    fn both_tone_placements_find_each_other_and_snippets_mark_the_words() {
        let (_dir, index) = index_of(&["Tỉnh Hòa Bình.", "Tỉnh Thừa Thiên Huế, hoà bình."]);
        let mut a = ranked(&index, "hoà bình");
        let mut b = ranked(&index, "hòa bình");
        a.sort();
        b.sort();
        assert_eq!(a, ["p0.txt", "p1.txt"]);
        assert_eq!(a, b);
        let searcher = index.reader().unwrap().searcher();
        let req = SearchRequest {
            query: "thua thien".into(),
            limit: 1,
            ..Default::default()
        };
        let hit = &index.search(&searcher, &req).unwrap()[0];
        let marked: Vec<String> = hit
            .highlights
            .iter()
            .map(|[s, e]| hit.snippet.chars().skip(*s).take(e - s).collect())
            .collect();
        assert_eq!(marked, ["Thừa", "Thiên"]);
    }
}
