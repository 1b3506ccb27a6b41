//! Bulk import repairs with the archive's own counts: a word whose letters a
//! broken font dropped in one file is restored when another file of the same
//! archive has it intact, even where the built-in counts alone would pick a
//! more common word.

use std::path::Path;

use assert_cmd::Command;

const INTACT: &str = "KẾ HOẠCH\nPhát triển vùng giồng cát năm 2024\n\
    Các hợp tác xã trồng rau màu trên giồng cát ven biển; nhân rộng mô hình trồng dưa trên giồng cát.\n";
const BROKEN: &str = "KẾ HOẠCH\nHỗ trợ nông dân năm 2024\n\
    Hợp tác xã hỗ trợ nông dân trồng rau trên gi ng cát ven biển, phát triển chăn nu i.\n";

/// Import `files` (name, text) with one thread, so files go in name order;
/// return the stored text of `b.txt`.
fn imported_text_of_b(files: &[(&str, &str)]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    std::fs::create_dir(&archive).unwrap();
    for (name, text) in files {
        std::fs::write(archive.join(name), text).unwrap();
    }
    let index = dir.path().join("index");
    Command::cargo_bin("kehoach")
        .unwrap()
        .args(["ingest", "--jobs", "1", "--index"])
        .arg(&index)
        .arg(&archive)
        .assert()
        .success();
    let out = Command::cargo_bin("kehoach")
        .unwrap()
        .args(["show", "--json", "--index"])
        .arg(&index)
        .arg(Path::new(&archive).join("b.txt"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let records: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    records[0]["text"].as_str().unwrap().to_string()
}

#[test]
fn a_word_intact_elsewhere_in_the_archive_is_restored() {
    // Alone, the built-in counts restore "nuôi" but not "giồng" (a sandbank,
    // a word of one region), which loses to commoner words.
    let alone = imported_text_of_b(&[("b.txt", BROKEN)]);
    assert!(!alone.contains("giồng"), "{alone}");
    assert!(alone.contains("chăn nuôi"), "{alone}");

    let with_archive = imported_text_of_b(&[("a.txt", INTACT), ("b.txt", BROKEN)]);
    assert!(
        with_archive.contains("trồng rau trên giồng cát ven biển, phát triển chăn nuôi."),
        "{with_archive}"
    );
}
