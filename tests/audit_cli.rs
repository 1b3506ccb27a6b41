//! `kehoach audit`, `graph` and `deadlines` end to end: generated plan texts
//! with errors planted in their words are imported with `kehoach ingest`,
//! then the commands read the index.

use std::io::BufReader;
use std::path::Path;

use assert_cmd::Command;
use kehoach::corpus::plant::{consistent_plans, plant_texts, PlantedTexts};
use kehoach::corpus::{generate, CorpusConfig, GeneratedPlan};
use kehoach::PlanRecord;
use serde_json::Value;
use tempfile::TempDir;

/// Write the plans under DIR/corpus and import them into DIR/index.
fn ingest(dir: &Path, plans: &[GeneratedPlan]) {
    let corpus = dir.join("corpus");
    for p in plans {
        let path = corpus.join(&p.rel_path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &p.text).unwrap();
    }
    let out = Command::cargo_bin("kehoach")
        .unwrap()
        .env_remove("KEHOACH_INDEX")
        .arg("ingest")
        .arg(&corpus)
        .arg("--index")
        .arg(dir.join("index"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "ingest failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn planted() -> (TempDir, PlantedTexts) {
    let plans = generate(&CorpusConfig {
        plans: 300,
        seed: 8,
        ..Default::default()
    });
    let planted = plant_texts(&plans, 8);
    let dir = TempDir::new().unwrap();
    ingest(dir.path(), &planted.plans);
    (dir, planted)
}

/// Does the stored path (as given to ingest) name the generated file?
fn same_file(stored: &Value, rel_path: &str) -> bool {
    stored
        .as_str()
        .is_some_and(|s| s.replace('\\', "/").ends_with(&format!("/{rel_path}")))
}

/// Run `kehoach ARGS --index DIR/index`: exit code, stdout, stderr.
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("kehoach")
        .unwrap()
        .env_remove("KEHOACH_INDEX")
        .args(args)
        .arg("--index")
        .arg(dir.join("index"))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn audit_reports_planted_errors_as_table_json_and_csv_with_exit_1() {
    let (dir, archive) = planted();
    let roster = dir.path().join("units.csv");
    let mut csv = String::from("\u{feff}parent_number,parent_date,unit\r\n");
    for e in &archive.roster.entries {
        csv.push_str(&format!(
            "\"{}\",{},\"{}\"\r\n",
            e.parent_number,
            e.parent_date.as_deref().unwrap_or(""),
            e.unit
        ));
    }
    std::fs::write(&roster, csv).unwrap();
    let roster = roster.to_str().unwrap();

    let (code, table, _) = run(dir.path(), &["audit", "--roster", roster]);
    assert_eq!(code, 1);
    for p in &archive.plants {
        assert!(
            table.contains(p.kind.as_str()),
            "{:?} missing in\n{table}",
            p.kind
        );
    }
    assert!(table.contains("did you mean"));

    let (code, json, _) = run(dir.path(), &["audit", "--roster", roster, "--json"]);
    assert_eq!(code, 1);
    let findings: Vec<Value> = serde_json::from_str(&json).unwrap();
    for p in &archive.plants {
        let hit = findings.iter().any(|f| {
            f["kind"] == p.kind.as_str()
                && match &p.path {
                    Some(path) => same_file(&f["path"], path),
                    None => f["issuer"] == p.unit.as_deref().unwrap(),
                }
        });
        assert!(hit, "{p:?} not in JSON");
    }
    for f in &findings {
        assert!(f["kind"].is_string() && f.get("number").is_some() && f.get("issuer").is_some());
        assert!(f.get("path").is_some() && f.get("evidence").is_some());
    }

    // --parent: only the links to one parent and the plans below it.
    let cited = findings
        .iter()
        .find_map(|f| f["cited"].as_str())
        .unwrap()
        .to_string();
    let (_, only, _) = run(dir.path(), &["audit", "--parent", &cited, "--json"]);
    let only: Vec<Value> = serde_json::from_str(&only).unwrap();
    assert!(!only.is_empty() && only.len() < findings.len());
    assert!(only.iter().any(|f| f["cited"] == cited.as_str()));

    let (code, csv, _) = run(dir.path(), &["audit", "--csv"]);
    assert_eq!(code, 1);
    assert!(
        csv.starts_with("kind,number,date,issuer,path,cited,cited_date,message,evidence,related\n")
    );
    assert!(csv.lines().count() > 1);
}

#[test]
fn clean_archive_exits_0_and_bad_roster_exits_2_naming_file_and_line() {
    let plans = generate(&CorpusConfig {
        plans: 200,
        seed: 4,
        ..Default::default()
    });
    let dir = TempDir::new().unwrap();
    ingest(dir.path(), &consistent_plans(&plans));
    let (code, out, err) = run(dir.path(), &["audit"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("no finding"), "{out}");

    let roster = dir.path().join("bad.csv");
    std::fs::write(
        &roster,
        "parent_number,parent_date,unit\n12-KH/ĐUK,32/13/2022,Đảng ủy Sở A\n",
    )
    .unwrap();
    let (code, _, err) = run(dir.path(), &["audit", "--roster", roster.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("bad.csv: line 2: date \"32/13/2022\""),
        "{err}"
    );
}

#[test]
fn graph_marks_broken_links_in_dot_and_json() {
    let (dir, _) = planted();
    let (code, dot, err) = run(dir.path(), &["graph"]);
    assert_eq!(code, 0, "{err}");
    assert!(dot.starts_with("digraph kehoach {"));
    assert!(
        dot.contains("style=dashed, color=red"),
        "missing parents drawn dashed red"
    );
    assert!(
        dot.contains("parent_date_mismatch"),
        "flawed links labelled"
    );
    let (code, json, _) = run(dir.path(), &["graph", "--json"]);
    assert_eq!(code, 0);
    let g: Value = serde_json::from_str(&json).unwrap();
    let edges = g["edges"].as_array().unwrap();
    assert!(edges.iter().any(|e| e["status"] == "missing"));
    assert!(edges.iter().any(|e| e["status"] == "ok"));
    // A subtree: a province plan and everything below it.
    let top = g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["number"].as_str().is_some_and(|s| s.ends_with("KH/TU")))
        .unwrap()["number"]
        .as_str()
        .unwrap()
        .to_string();
    let (code, sub, _) = run(dir.path(), &["graph", &top, "--json"]);
    assert_eq!(code, 0);
    let sub: Value = serde_json::from_str(&sub).unwrap();
    let n = sub["nodes"].as_array().unwrap().len();
    assert!(n > 1 && n < g["nodes"].as_array().unwrap().len());
    let (code, _, err) = run(dir.path(), &["graph", "999-KH/XYZ"]);
    assert_eq!(code, 2);
    assert!(err.contains("999-KH/XYZ"), "{err}");
}

#[test]
fn deadlines_filter_sort_and_export_icalendar_that_a_parser_reads() {
    let (dir, _) = planted();
    let (code, json, _) = run(
        dir.path(),
        &[
            "deadlines",
            "--json",
            "--from",
            "01/01/2022",
            "--to",
            "2023-12-31",
        ],
    );
    assert_eq!(code, 0);
    let list: Vec<Value> = serde_json::from_str(&json).unwrap();
    assert!(!list.is_empty());
    let dues: Vec<&str> = list.iter().map(|e| e["due"].as_str().unwrap()).collect();
    assert!(dues.windows(2).all(|w| w[0] <= w[1]), "sorted");
    assert!(dues
        .iter()
        .all(|d| ("2022-01-01"..="2023-12-31").contains(d)));
    assert!(list
        .iter()
        .all(|e| e["number"].is_string() && e["unit"].is_string()));

    let (_, overdue, _) = run(
        dir.path(),
        &["deadlines", "--json", "--overdue-at", "2022-06-01"],
    );
    let overdue: Vec<Value> = serde_json::from_str(&overdue).unwrap();
    assert!(overdue
        .iter()
        .all(|e| e["due"].as_str().unwrap() < "2022-06-01" && e["recurring"] == false));

    let (code, ics, _) = run(dir.path(), &["deadlines", "--ics"]);
    assert_eq!(code, 0);
    for line in ics.split_terminator("\r\n") {
        assert!(line.len() <= 75, "line over 75 octets: {line}");
        assert!(!line.contains('\n'), "bare LF");
    }
    let calendars: Vec<_> = ical::IcalParser::new(BufReader::new(ics.as_bytes()))
        .collect::<Result<_, _>>()
        .expect("the iCalendar parser reads the file");
    assert_eq!(calendars.len(), 1);
    let events = &calendars[0].events;
    let dated = serde_json::from_str::<Vec<Value>>(&run(dir.path(), &["deadlines", "--json"]).1)
        .unwrap()
        .iter()
        .filter(|e| e["due"].is_string())
        .count();
    assert_eq!(events.len(), dated);
    let prop = |e: &ical::parser::ical::component::IcalEvent, name: &str| {
        e.properties
            .iter()
            .find(|p| p.name == name)
            .map(|p| (p.params.clone(), p.value.clone()))
    };
    for e in events {
        for required in ["UID", "DTSTAMP", "DTSTART", "SUMMARY"] {
            assert!(prop(e, required).is_some(), "{required} missing");
        }
        let (params, value) = prop(e, "DTSTART").unwrap();
        assert_eq!(
            params.unwrap()[0],
            ("VALUE".to_string(), vec!["DATE".to_string()])
        );
        assert_eq!(value.unwrap().len(), 8);
    }
    let summaries: Vec<String> = events
        .iter()
        .filter_map(|e| prop(e, "SUMMARY").and_then(|p| p.1))
        .collect();
    assert!(summaries.iter().any(|s| s.contains("KH/")), "{summaries:?}");

    let (code, _, err) = run(dir.path(), &["deadlines", "--from", "hôm qua"]);
    assert_eq!(code, 2);
    assert!(err.contains("not a date"), "{err}");
}

#[test]
fn recurring_deadlines_get_an_rrule_the_parser_reads() {
    use kehoach::audit::deadlines::{deadlines, DeadlineFilter};
    use kehoach::model::Deadline;
    let mut r = PlanRecord::empty("Kế hoạch".into());
    r.number = Some("31-KH/ĐU".into());
    r.issuer = Some("Đảng ủy Sở Xây dựng".into());
    for (text, due, freq) in [
        ("tháng 12 hằng năm", "2023-12-31", Some("yearly")),
        ("hằng quý", "2023-03-31", Some("quarterly")),
        (
            "trước ngày 15/9/2023; gửi Văn phòng, \\ đúng hạn",
            "2023-09-15",
            None,
        ),
    ] {
        r.deadlines.push(Deadline {
            text: text.into(),
            task: Some("báo cáo kết quả thực hiện chuyên đề về Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh".into()),
            due: Some(due.into()),
            recurring: freq.is_some(),
            frequency: freq.map(str::to_string),
            ..Default::default()
        });
    }
    let list = deadlines(&[r], &DeadlineFilter::default());
    let ics = kehoach::audit::ics::to_ics(&list, chrono::Utc::now());
    let cal = ical::IcalParser::new(BufReader::new(ics.as_bytes()))
        .next()
        .unwrap()
        .unwrap();
    let rules: Vec<Option<String>> = cal
        .events
        .iter()
        .map(|e| {
            e.properties
                .iter()
                .find(|p| p.name == "RRULE")
                .and_then(|p| p.value.clone())
        })
        .collect();
    assert_eq!(
        rules,
        [
            Some("FREQ=MONTHLY;INTERVAL=3".to_string()),
            None,
            Some("FREQ=YEARLY".to_string())
        ]
    );
    let summary = cal.events[0]
        .properties
        .iter()
        .find(|p| p.name == "SUMMARY")
        .unwrap();
    assert!(
        summary
            .value
            .as_deref()
            .unwrap()
            .ends_with("Đảng ủy Khối các cơ quan tỉnh"),
        "folded lines rejoined"
    );
}
