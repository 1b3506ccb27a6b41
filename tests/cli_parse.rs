//! `kehoach parse` from the outside: good input gives one schema-valid JSON
//! record; bad input gives a clear error naming the file and a non-zero exit,
//! or a record with nulls and warnings — never a panic.

mod common;

use std::io::Write;
use std::path::Path;

use common::{kehoach, write_file};
use predicates::prelude::*;
use serde_json::Value;

fn schema_errors(record: &Value) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/plan.schema.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    validator
        .iter_errors(record)
        .map(|e| e.to_string())
        .collect()
}

const PLAN: &str = "ĐẢNG BỘ TỈNH AN HÒA\nĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH\n*\nSố 19-KH/ĐUK\n\
    An Hòa, ngày 03 tháng 5 năm 2024\n\nKẾ HOẠCH\nthực hiện Chỉ thị số 08-CT/TU về phòng, chống thiên tai năm 2024\n-----\n\
    Thực hiện Chỉ thị số 08-CT/TU, ngày 12/4/2024 của Ban Thường vụ Tỉnh ủy, Ban Thường vụ Đảng ủy Khối ban hành Kế hoạch như sau:\n\
    I. MỤC ĐÍCH, YÊU CẦU\n1. Quán triệt Chỉ thị 08 đến cán bộ, đảng viên, hoàn thành trong tháng 6.\n\
    2. Các chi bộ báo cáo kết quả trước ngày 15/11/2024.\n\nNơi nhận:\n- Ban Thường vụ Tỉnh ủy (b/c),\n- Lưu VP.\n\n\
    T/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nĐỗ Minh Khang\n";

#[test]
fn a_plan_gives_a_schema_valid_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(dir.path(), "plan.txt", PLAN.as_bytes());
    let out = kehoach()
        .arg("parse")
        .arg(&path)
        .arg("--pretty")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let record: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema_errors(&record), Vec::<String>::new());
    assert_eq!(record["number"], "19-KH/ĐUK");
    assert_eq!(record["date"], "2024-05-03");
    assert_eq!(record["implements"], serde_json::json!(["08-CT/TU"]));
    assert_eq!(record["references"][0]["mentions"], 3);
    assert_eq!(record["signer"]["name"], "Đỗ Minh Khang");
    let dues: Vec<&str> = record["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["due"].as_str().unwrap())
        .collect();
    assert_eq!(dues, vec!["2024-06-30", "2024-11-15"]);
    assert!(record["source"]["sha256"]
        .as_str()
        .is_some_and(|s| s.len() == 64));
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let out = kehoach()
        .args(["parse", "-"])
        .write_stdin(PLAN)
        .output()
        .unwrap();
    assert!(out.status.success());
    let record: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(record["number"], "19-KH/ĐUK");
    assert!(
        !String::from_utf8_lossy(&out.stdout).trim().contains('\n'),
        "one line without --pretty"
    );
}

#[test]
fn empty_file_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(dir.path(), "empty.txt", b"");
    kehoach()
        .arg("parse")
        .arg(&path)
        .assert()
        .failure()
        .stderr(predicate::str::contains("empty.txt").and(predicate::str::contains("no text")))
        .stderr(predicate::str::contains("panicked").not());
    let blank = write_file(dir.path(), "blank.txt", b" \n\n\t \n");
    kehoach()
        .arg("parse")
        .arg(&blank)
        .assert()
        .failure()
        .stderr(predicate::str::contains("blank.txt"));
}

#[test]
fn binary_file_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 256) as u8).collect();
    let path = write_file(dir.path(), "image.bin", &bytes);
    kehoach()
        .arg("parse")
        .arg(&path)
        .assert()
        .failure()
        .stderr(predicate::str::contains("image.bin"))
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn non_utf8_text_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    // "Kế hoạch" in a legacy 8-bit encoding: not UTF-8.
    let path = write_file(dir.path(), "legacy.txt", b"K\xd5 ho\xb9ch s\xe8 12-KH/TU\n");
    kehoach()
        .arg("parse")
        .arg(&path)
        .assert()
        .failure()
        .stderr(predicate::str::contains("legacy.txt").and(predicate::str::contains("UTF-8")));
}

#[test]
fn missing_file_is_an_error_naming_it() {
    kehoach()
        .args(["parse", "no-such-plan.txt"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no-such-plan.txt"));
}

#[test]
fn text_that_is_not_a_plan_gives_nulls_and_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(
        dir.path(),
        "recipe.txt",
        "Cách nấu canh chua cá lóc\n\nNguyên liệu: cá, me, cà chua, dứa, giá đỗ.\nNấu trong 20 phút.\n".as_bytes(),
    );
    let out = kehoach().arg("parse").arg(&path).output().unwrap();
    assert!(out.status.success());
    let record: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema_errors(&record), Vec::<String>::new());
    for field in [
        "doc_type", "number", "place", "date", "title", "issuer", "signer",
    ] {
        assert_eq!(record[field], Value::Null, "{field}");
    }
    assert!(record["references"].as_array().unwrap().is_empty());
    assert!(record["deadlines"].as_array().unwrap().is_empty());
    let warnings = record["warnings"].as_array().unwrap();
    assert!(warnings.len() >= 3, "{warnings:?}");
}

#[test]
fn help_explains_the_options() {
    kehoach()
        .args(["parse", "--help"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("--pretty").and(predicate::str::contains("standard input")),
        );
}

/// 100 MB of plan-like text: no panic, one record. Run in release builds only
/// (`cargo test --release`), where it takes seconds; debug builds skip it.
#[test]
fn a_hundred_megabytes_of_text_is_parsed() {
    if cfg!(debug_assertions) {
        println!("SKIP: 100 MB input runs only in release test builds");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let mut written = 0;
    let mut i = 0u64;
    while written < 100 * 1024 * 1024 {
        let para = format!(
            "{}. Đơn vị số {i} thực hiện Kết luận số {}-KL/TW, ngày 1{}/5/2021 của Bộ Chính trị, hoàn thành trước ngày 2{}/3/2023; quý {} năm 2024.\n",
            i % 30 + 1,
            i % 97,
            i % 9,
            i % 8,
            ["I", "II", "III", "IV"][(i % 4) as usize]
        );
        file.write_all(para.as_bytes()).unwrap();
        written += para.len();
        i += 1;
    }
    drop(file);
    let out = kehoach().arg("parse").arg(&path).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let record: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(record["references"].as_array().unwrap().len(), 97);
    assert!(record["deadlines"].as_array().unwrap().len() > 1000);
}
