//! The index commands as people and programs use them: help, errors, show.

use std::path::Path;
use std::process::Command;

use assert_cmd::assert::OutputAssertExt;
use kehoach::corpus::{generate, write_corpus, CorpusConfig};
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_kehoach");

fn kehoach() -> Command {
    let mut cmd = Command::new(BIN);
    cmd.env_remove("KEHOACH_INDEX");
    cmd
}

#[test]
fn help_explains_every_option() {
    for (cmd, options) in [
        (
            "ingest",
            &["--index", "--jobs", "--commit-every", "--json"][..],
        ),
        (
            "search",
            &[
                "--cites", "--issuer", "--from", "--to", "--limit", "--json", "--index",
            ],
        ),
        ("cites", &["--json", "--index"]),
        ("show", &["--json", "--index"]),
    ] {
        let out = kehoach().args([cmd, "--help"]).output().unwrap();
        assert!(out.status.success());
        let help = String::from_utf8_lossy(&out.stdout);
        for option in options {
            assert!(
                help.contains(option),
                "{cmd} --help names {option}:\n{help}"
            );
        }
        assert!(
            help.contains("KEHOACH_INDEX"),
            "{cmd} --help names KEHOACH_INDEX"
        );
    }
}

#[test]
fn commands_on_a_missing_index_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere");
    for args in [
        &["search", "x"][..],
        &["cites", "05-CT/TW"],
        &["show", "05-CT/TW"],
    ] {
        kehoach()
            .args(args)
            .arg("--index")
            .arg(&missing)
            .assert()
            .code(2)
            .stderr(contains("nowhere").and(contains("no index here")));
    }
}

#[test]
fn bad_arguments_are_named() {
    let dir = tempfile::tempdir().unwrap();
    kehoach()
        .args(["search", "x", "--from", "21/5/2021", "--index"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(contains("--from").and(contains("YYYY-MM-DD")));
    kehoach()
        .args(["search", "x", "--cites", "nonsense", "--index"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(contains("not a document number"));
}

fn small_index(dir: &Path) -> Vec<kehoach::corpus::GeneratedPlan> {
    let plans = generate(&CorpusConfig {
        plans: 12,
        seed: 3,
        ..Default::default()
    });
    write_corpus(&dir.join("corpus"), &plans).unwrap();
    kehoach()
        .current_dir(dir)
        .args(["ingest", "corpus"])
        .assert()
        .success()
        .stdout(contains("imported").and(contains("12")));
    plans
}

#[test]
fn an_index_of_another_layout_is_refused_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    small_index(dir.path());
    let layout = dir.path().join("kehoach-index/kehoach-layout");
    assert!(layout.is_file(), "a new index records its layout");
    std::fs::write(&layout, "999\n").unwrap();
    for args in [
        &["search", "x"][..],
        &["cites", "05-CT/TW"],
        &["ingest", "corpus"],
    ] {
        kehoach()
            .current_dir(dir.path())
            .args(args)
            .assert()
            .code(2)
            .stderr(
                contains("kehoach-index")
                    .and(contains("layout 999"))
                    .and(contains("import again")),
            );
    }
    std::fs::remove_file(&layout).unwrap();
    kehoach()
        .current_dir(dir.path())
        .args(["search", "x"])
        .assert()
        .code(2)
        .stderr(contains("older kehoach"));
}

#[test]
fn default_index_and_env_variable_are_used() {
    let dir = tempfile::tempdir().unwrap();
    small_index(dir.path());
    assert!(dir.path().join("kehoach-index/meta.json").is_file());
    kehoach()
        .current_dir(dir.path())
        .args(["search", "tu tuong"])
        .assert()
        .success()
        .stdout(contains("hit(s)"));
    let elsewhere = tempfile::tempdir().unwrap();
    kehoach()
        .current_dir(elsewhere.path())
        .env("KEHOACH_INDEX", dir.path().join("kehoach-index"))
        .args(["cites", "05-CT/TW"])
        .assert()
        .success();
}

#[test]
fn show_finds_plans_by_number_and_by_path() {
    let dir = tempfile::tempdir().unwrap();
    let plans = small_index(dir.path());
    let plan = &plans[5];
    let out = kehoach()
        .current_dir(dir.path())
        .args(["show", "--json", &plan.truth.number])
        .output()
        .unwrap();
    assert!(out.status.success());
    let records: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let want = format!("corpus/{}", plan.rel_path);
    assert!(
        records.iter().any(|r| r["source"]["path"] == want.as_str()),
        "{want} among {records:#?}"
    );
    for r in &records {
        assert_eq!(r["number"], plan.truth.number.as_str());
    }

    let out = kehoach()
        .current_dir(dir.path())
        .args(["show", &want])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&plan.truth.number) && text.contains(&want),
        "{text}"
    );

    kehoach()
        .current_dir(dir.path())
        .args(["show", "999-KH/XYZ"])
        .assert()
        .code(1)
        .stderr(contains("no plan"));
}

#[test]
fn cites_table_groups_by_unit_with_totals() {
    let dir = tempfile::tempdir().unwrap();
    small_index(dir.path());
    kehoach()
        .current_dir(dir.path())
        .args(["cites", "5-CT/TW"])
        .assert()
        .success()
        .stdout(contains("total:").and(contains("mentions")));
}
