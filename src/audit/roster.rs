//! The roster: which units must implement which parent plan. Read from CSV
//! (header `parent_number,parent_date,unit`), checked against the archive.

use std::collections::HashMap;
use std::path::Path;

use super::resolve::{Archive, Citation, Link, Region};
use super::text::{fold, parse_date};
use super::{number, Finding, FindingKind, PlanRef};
use crate::error::{Error, Result};

/// One row: `unit` must issue a plan implementing `parent_number` of
/// `parent_date`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterEntry {
    pub parent_number: String,
    /// ISO date, when the row gives one.
    pub parent_date: Option<String>,
    pub unit: String,
    /// 1-based line of the row in its file.
    pub line: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roster {
    pub entries: Vec<RosterEntry>,
}

impl Roster {
    /// Read a roster CSV file.
    pub fn from_file(path: &Path) -> Result<Roster> {
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let text = crate::pipeline::decode_text(path, &bytes)?;
        Roster::parse(path, &text)
    }

    /// Parse roster CSV text; `path` only names the file in errors.
    pub fn parse(path: &Path, text: &str) -> Result<Roster> {
        let bad = |line: usize, cause: String| Error::BadInput {
            path: path.to_path_buf(),
            cause: format!("line {line}: {cause}"),
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let rows = csv_rows(text).map_err(|(line, cause)| bad(line, cause))?;
        let mut rows = rows
            .into_iter()
            .filter(|(_, r)| r.iter().any(|f| !f.trim().is_empty()));
        let Some((header_line, header)) = rows.next() else {
            return Err(bad(
                1,
                "empty roster; expected header parent_number,parent_date,unit".into(),
            ));
        };
        let column = |name: &str| {
            header
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(name))
                .ok_or_else(|| {
                    bad(
                        header_line,
                        format!("no column \"{name}\" in header; expected parent_number,parent_date,unit"),
                    )
                })
        };
        let (n_col, d_col, u_col) = (
            column("parent_number")?,
            column("parent_date")?,
            column("unit")?,
        );
        let mut entries = Vec::new();
        for (line, row) in rows {
            let field = |i: usize| row.get(i).map(|s| s.trim()).unwrap_or("");
            if row.len() != header.len() {
                return Err(bad(
                    line,
                    format!("{} fields, the header has {}", row.len(), header.len()),
                ));
            }
            let parent_number = field(n_col);
            let unit = field(u_col);
            if parent_number.is_empty() || unit.is_empty() {
                return Err(bad(line, "parent_number and unit must not be empty".into()));
            }
            let raw_date = field(d_col);
            let parent_date = if raw_date.is_empty() {
                None
            } else {
                let d = parse_date(raw_date).ok_or_else(|| {
                    bad(
                        line,
                        format!("date \"{raw_date}\" is not dd/mm/yyyy or YYYY-MM-DD"),
                    )
                })?;
                Some(d.format("%Y-%m-%d").to_string())
            };
            entries.push(RosterEntry {
                parent_number: parent_number.to_string(),
                parent_date,
                unit: unit.to_string(),
                line,
            });
        }
        Ok(Roster { entries })
    }
}

/// A CSV row: the line it starts on, its fields.
type CsvRow = (usize, Vec<String>);

/// RFC 4180 rows with the line each starts on: quoted fields may hold commas,
/// doubled quotes and line breaks.
fn csv_rows(text: &str) -> std::result::Result<Vec<CsvRow>, (usize, String)> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut line = 1;
    let mut row_line = 1;
    let mut in_quotes = false;
    let mut quote_line = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => {
                    in_quotes = false;
                    if !matches!(chars.peek(), None | Some(',' | '\r' | '\n')) {
                        return Err((line, "text after a closing quote".into()));
                    }
                }
                '\n' => {
                    line += 1;
                    field.push(c);
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.trim().is_empty() => {
                field.clear();
                in_quotes = true;
                quote_line = line;
            }
            '"' => return Err((line, "quote inside an unquoted field".into())),
            ',' => row.push(std::mem::take(&mut field)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                row.push(std::mem::take(&mut field));
                rows.push((row_line, std::mem::take(&mut row)));
                line += 1;
                row_line = line;
            }
            _ => field.push(c),
        }
    }
    if in_quotes {
        return Err((quote_line, "quoted field never closed".into()));
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push((row_line, row));
    }
    Ok(rows)
}

/// A unit's name as compared: folded, without the standing-committee prefix.
pub fn unit_key(name: &str) -> String {
    let f = fold(name);
    ["ban thuong vu ", "ban chap hanh ", "thuong truc "]
        .iter()
        .find_map(|p| f.strip_prefix(p).map(str::to_string))
        .unwrap_or(f)
}

/// Roster units with no plan implementing their parent.
pub fn check(
    archive: &Archive,
    citations: &[Vec<Citation>],
    roster: &Roster,
    only_key: Option<&str>,
) -> Vec<Finding> {
    let mut by_unit: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, r) in archive.records.iter().enumerate() {
        let mut names: Vec<String> = r
            .issuer
            .iter()
            .chain(&r.header)
            .map(|s| unit_key(s))
            .collect();
        names.sort();
        names.dedup();
        for n in names.into_iter().filter(|n| !n.is_empty()) {
            by_unit.entry(n).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for e in &roster.entries {
        let key = number::key(&e.parent_number);
        if only_key.is_some_and(|k| k != key) {
            continue;
        }
        let same_name = by_unit
            .get(&unit_key(&e.unit))
            .map(Vec::as_slice)
            .unwrap_or_default();
        // Unit names repeat across provinces ("Đảng ủy Sở Nội vụ"): when the
        // parent is in the archive, only its province's unit is meant.
        let parents: Vec<usize> = archive
            .with_key(&key)
            .iter()
            .copied()
            .filter(|&p| e.parent_date.is_none() || archive.records[p].date == e.parent_date)
            .collect();
        let issued: Vec<usize> = same_name
            .iter()
            .copied()
            .filter(|&i| {
                parents.is_empty()
                    || parents
                        .iter()
                        .any(|&p| archive.region(i, p) != Region::Different)
            })
            .collect();
        let place = parents
            .iter()
            .find_map(|&p| archive.records[p].province.clone())
            .unwrap_or_else(|| "the archive".into());
        let implements = |i: &usize| {
            citations[*i].iter().any(|c| {
                c.key == key
                    && match (&e.parent_date, &c.date, &c.link) {
                        (None, _, _) | (_, None, _) => true,
                        (Some(want), Some(cited), _) if want == cited => true,
                        (Some(want), _, Link::Resolved(p)) => {
                            archive.records[*p].date.as_deref() == Some(want.as_str())
                        }
                        _ => false,
                    }
            })
        };
        if issued.iter().any(implements) {
            continue;
        }
        let parent = match &e.parent_date {
            Some(d) => format!("{} of {}", e.parent_number, super::text::show_date(d)),
            None => e.parent_number.clone(),
        };
        let message = if issued.is_empty() {
            format!("{} has no plan implementing {parent} (roster line {}), and no plan at all in {place}", e.unit, e.line)
        } else {
            format!(
                "{} has no plan implementing {parent} (roster line {}); it issued {} other plan(s) in {place}, one may have left out the citation",
                e.unit,
                e.line,
                issued.len()
            )
        };
        out.push(Finding {
            kind: FindingKind::RosterMissing,
            number: None,
            issuer: Some(e.unit.clone()),
            date: None,
            path: None,
            cited: Some(e.parent_number.clone()),
            cited_date: e.parent_date.clone(),
            message,
            evidence: None,
            related: issued
                .iter()
                .take(20)
                .map(|&i| PlanRef::of(&archive.records[i]))
                .collect(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Roster> {
        Roster::parse(Path::new("units.csv"), s)
    }

    #[test]
    fn reads_quoted_fields_bom_and_both_date_forms() {
        let csv = "\u{feff}parent_number,parent_date,unit\r\n\
                   37-KH/ĐUK,02/03/2022,\"Đảng ủy Sở Tư pháp\"\r\n\
                   \"37-KH/ĐUK\",2022-03-02,\"Chi bộ \"\"Văn phòng\"\", Sở Xây dựng\"\r\n\
                   \r\n";
        let r = parse(csv).unwrap();
        assert_eq!(r.entries.len(), 2);
        assert_eq!(r.entries[0].parent_date.as_deref(), Some("2022-03-02"));
        assert_eq!(r.entries[1].parent_date.as_deref(), Some("2022-03-02"));
        assert_eq!(r.entries[1].unit, "Chi bộ \"Văn phòng\", Sở Xây dựng");
        assert_eq!(r.entries[1].line, 3);
    }

    #[test]
    fn columns_found_by_name_in_any_order() {
        let r = parse("unit,parent_number,parent_date\nĐảng ủy Sở Y tế,18-KH/TU,\n").unwrap();
        assert_eq!(r.entries[0].unit, "Đảng ủy Sở Y tế");
        assert_eq!(r.entries[0].parent_number, "18-KH/TU");
        assert_eq!(r.entries[0].parent_date, None);
    }

    #[test]
    fn errors_name_file_and_line() {
        let e = parse("parent_number,parent_date,unit\n37-KH/ĐUK,31/02/2022,Đảng ủy Sở A\n")
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "units.csv: line 2: date \"31/02/2022\" is not dd/mm/yyyy or YYYY-MM-DD"
        );
        let e = parse("parent_number,unit\n").unwrap_err().to_string();
        assert!(
            e.starts_with("units.csv: line 1: no column \"parent_date\""),
            "{e}"
        );
        let e = parse("parent_number,parent_date,unit\nx,,\"open\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 2: quoted field never closed"), "{e}");
        let e = parse("parent_number,parent_date,unit\nx,01/01/2022\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 2: 2 fields, the header has 3"), "{e}");
        assert!(parse("").unwrap_err().to_string().contains("empty roster"));
    }

    #[test]
    fn unit_names_compare_without_prefix_case_or_tones() {
        assert_eq!(
            unit_key("Ban Thường vụ Đảng ủy Sở Tư pháp"),
            unit_key("ĐẢNG ỦY SỞ TƯ PHÁP")
        );
    }

    proptest::proptest! {
        #![proptest_config(crate::testing::proptest_config(256))]

        #[test]
        fn quoted_units_survive_the_round_trip(units in proptest::collection::vec("[^\\x00]{1,40}", 1..8)) {
            let units: Vec<String> = units.into_iter().filter(|u| !u.trim().is_empty()).collect();
            let mut csv = String::from("parent_number,parent_date,unit\r\n");
            for u in &units {
                csv.push_str(&format!("37-KH/ĐUK,02/03/2022,\"{}\"\r\n", u.replace('"', "\"\"")));
            }
            let r = parse(&csv).unwrap();
            let got: Vec<String> = r.entries.iter().map(|e| e.unit.clone()).collect();
            let want: Vec<String> = units.iter().map(|u| u.trim().to_string()).collect();
            proptest::prop_assert_eq!(got, want);
        }
    }
}
