//! `kehoach repair` from the outside: broken text in, right text out; the
//! report lists each change; bad input gives a clear error naming the file,
//! never a panic; text in other languages passes unchanged.

mod common;

use common::{kehoach, write_file};
use predicates::prelude::*;
use serde_json::Value;

/// Invented plan text with the damage of a broken font: "ƣ" in one run,
/// "ô"/"ì"/"õ" lost to spaces elsewhere, while the same words are intact
/// in other places.
const BROKEN: &str = "Thực hiện công tác tư tưởng năm 2025, Ban Thƣờng vụ Đảng ủy Khối \
    phân công cụ thể, theo dõi, đôn đốc hình thức học tập.\n\
    Các chi bộ xây dựng lộ trình, phân c ng r  người, r  việc; theo d i, đ n đốc, \
    khắc phục bệnh h nh thức trong c ng tác tƣ tƣởng.\n";

const FIXED: &str = "Thực hiện công tác tư tưởng năm 2025, Ban Thường vụ Đảng ủy Khối \
    phân công cụ thể, theo dõi, đôn đốc hình thức học tập.\n\
    Các chi bộ xây dựng lộ trình, phân công rõ người, rõ việc; theo dõi, đôn đốc, \
    khắc phục bệnh hình thức trong công tác tư tưởng.\n";

#[test]
fn a_broken_font_text_comes_back_whole() {
    let dir = tempfile::tempdir().unwrap();
    let p = write_file(dir.path(), "broken.txt", BROKEN.as_bytes());
    kehoach()
        .arg("repair")
        .arg(&p)
        .assert()
        .success()
        .stdout(FIXED);
}

#[test]
fn standard_input_works_with_dash_and_without_a_file() {
    kehoach()
        .args(["repair", "-"])
        .write_stdin(BROKEN)
        .assert()
        .success()
        .stdout(FIXED);
    kehoach()
        .arg("repair")
        .write_stdin(BROKEN)
        .assert()
        .success()
        .stdout(FIXED);
}

#[test]
fn report_lists_each_change_with_offsets_into_the_input() {
    let out = kehoach()
        .args(["repair", "--report", "-"])
        .write_stdin(BROKEN)
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["text"], FIXED);
    let changes = v["changes"].as_array().unwrap();
    assert!(changes.len() >= 8, "{changes:?}");
    for c in changes {
        for field in ["offset", "before", "after", "rule", "confidence", "applied"] {
            assert!(c.get(field).is_some(), "{field} missing in {c}");
        }
        let offset = c["offset"].as_u64().unwrap() as usize;
        let before = c["before"].as_str().unwrap();
        // Changes of the first stages point at exactly what they replaced.
        if c["rule"] != "dropped-glyph" {
            assert_eq!(&BROKEN[offset..offset + before.len()], before, "{c}");
        }
    }
    let rules: Vec<&str> = changes
        .iter()
        .map(|c| c["rule"].as_str().unwrap())
        .collect();
    assert!(
        rules.contains(&"oi-to-u-horn") && rules.contains(&"dropped-glyph"),
        "{rules:?}"
    );
    let horn = changes.iter().find(|c| c["before"] == "Thƣờng").unwrap();
    let at = horn["offset"].as_u64().unwrap() as usize;
    assert_eq!(&BROKEN[at..at + "Thƣờng".len()], "Thƣờng");
}

#[test]
fn legacy_encoded_lines_are_converted() {
    let input = "Kế hoạch số 12-KH/ĐU\nKÕ ho¹ch thùc hiÖn nhiÖm vô n¨m 2024\nKeá hoaïch thöïc hieän nhieäm vuï naêm 2024\n";
    kehoach()
        .args(["repair", "-"])
        .write_stdin(input)
        .assert()
        .success()
        .stdout("Kế hoạch số 12-KH/ĐU\nKế hoạch thực hiện nhiệm vụ năm 2024\nKế hoạch thực hiện nhiệm vụ năm 2024\n");
}

#[test]
fn empty_input_gives_empty_output() {
    kehoach()
        .args(["repair", "-"])
        .write_stdin("")
        .assert()
        .success()
        .stdout("");
}

#[test]
fn english_and_french_text_is_unchanged() {
    let text = "The committee shall review the plan in a timely way; it is a good one.\n\
        Le comité a été très clair : la réunion aura lieu à Noël, où l'on fêtera ça.\n";
    kehoach()
        .args(["repair", "-"])
        .write_stdin(text)
        .assert()
        .success()
        .stdout(text);
}

#[test]
fn missing_and_non_utf8_files_are_named_errors() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.txt");
    kehoach()
        .arg("repair")
        .arg(&missing)
        .assert()
        .failure()
        .stderr(predicate::str::contains("nope.txt").and(predicate::str::contains("cannot read")));
    let latin1 = write_file(dir.path(), "latin1.txt", b"K\xea ho\xb9ch");
    kehoach()
        .arg("repair")
        .arg(&latin1)
        .assert()
        .failure()
        .stderr(predicate::str::contains("latin1.txt").and(predicate::str::contains("not UTF-8")));
}

#[test]
fn random_bytes_as_text_do_not_panic() {
    // Valid UTF-8 made from random bytes (lossy), so it reaches the repair.
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let bytes: Vec<u8> = (0..200_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    let text = String::from_utf8_lossy(&bytes).replace('\0', " ");
    kehoach()
        .args(["repair", "-"])
        .write_stdin(text)
        .assert()
        .success();
}

#[test]
fn help_explains_the_options() {
    kehoach()
        .args(["repair", "--help"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("--report").and(predicate::str::contains("standard input")),
        );
}

#[test]
fn a_reader_that_stops_early_ends_the_program_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    // Output far larger than a pipe holds, read only at its start
    // (`kehoach repair big.txt | head`).
    let dir = tempfile::tempdir().unwrap();
    let big = "Công tác tuyên truyền được triển khai kịp thời.\n".repeat(200_000);
    let path = write_file(dir.path(), "big.txt", big.as_bytes());
    let mut child = Command::new(common::BIN)
        .arg("repair")
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut head = [0u8; 64];
    child.stdout.take().unwrap().read_exact(&mut head).unwrap();
    // The read end is dropped here: the rest of the output has no reader.
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{:?} {stderr}", out.status);
    assert!(!stderr.contains("panicked"), "{stderr}");
}
