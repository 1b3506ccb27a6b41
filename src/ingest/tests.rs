use super::*;
use crate::corpus::{generate, write_corpus, CorpusConfig};

fn quiet(_: Event) {}

fn opts() -> IngestOptions {
    IngestOptions {
        jobs: 2,
        commit_every: 7,
        ..Default::default()
    }
}

#[test]
fn imports_then_skips_unchanged_then_replaces_changed() {
    let archive = tempfile::tempdir().unwrap();
    let index_dir = tempfile::tempdir().unwrap();
    let plans = generate(&CorpusConfig {
        plans: 30,
        seed: 5,
        ..Default::default()
    });
    write_corpus(archive.path(), &plans).unwrap();
    let paths = [archive.path().to_path_buf()];

    let first = ingest(&paths, index_dir.path(), &opts(), &quiet).unwrap();
    assert_eq!((first.files, first.imported, first.unchanged), (30, 30, 0));
    assert!(first.failed.is_empty(), "{:?}", first.failed);
    assert_eq!(crate::index::load_all(index_dir.path()).unwrap().len(), 30);

    let second = ingest(&paths, index_dir.path(), &opts(), &quiet).unwrap();
    assert_eq!((second.imported, second.unchanged), (0, 30));

    let changed = archive.path().join(&plans[3].rel_path);
    std::fs::write(&changed, format!("{}\nThêm một dòng.\n", plans[3].text)).unwrap();
    let third = ingest(&paths, index_dir.path(), &opts(), &quiet).unwrap();
    assert_eq!((third.imported, third.unchanged), (1, 29));
    let records = crate::index::load_all(index_dir.path()).unwrap();
    assert_eq!(records.len(), 30, "the changed file replaced its record");
    assert!(records.iter().any(|r| r.text.contains("Thêm một dòng")));
}

#[test]
fn bad_files_are_reported_and_the_rest_imported() {
    let archive = tempfile::tempdir().unwrap();
    let index_dir = tempfile::tempdir().unwrap();
    let plans = generate(&CorpusConfig {
        plans: 5,
        ..Default::default()
    });
    write_corpus(archive.path(), &plans).unwrap();
    std::fs::write(archive.path().join("latin1.txt"), b"K\xea ho\xb9ch").unwrap();
    std::fs::write(archive.path().join("binary.txt"), b"\0\0\0").unwrap();
    let summary = ingest(
        &[archive.path().to_path_buf()],
        index_dir.path(),
        &opts(),
        &quiet,
    )
    .unwrap();
    assert_eq!(summary.imported, 5);
    let failed: Vec<&str> = summary.failed.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(failed.len(), 2, "{failed:?}");
    assert!(failed[0].ends_with("binary.txt") && failed[1].ends_with("latin1.txt"));
    assert!(
        summary.failed[1].cause.contains("not UTF-8"),
        "{:?}",
        summary.failed
    );
    let log = std::fs::read_to_string(index_dir.path().join(ERRORS_FILE)).unwrap();
    assert_eq!(log.lines().count(), 3, "two failures and a summary line");
    assert!(log.contains("latin1.txt") && log.contains("\"summary\""));
}
