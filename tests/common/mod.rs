//! Helpers shared by the end-to-end tests (each test file that needs them
//! says `mod common;`).

#![allow(dead_code)] // each test file uses only some of them

use std::path::{Path, PathBuf};

/// True when `program` runs. When it does not: a `SKIP` line and false, or,
/// under `CI=true`, a failure — CI installs every program the tests need.
pub fn require(program: &str, why: &str) -> bool {
    let ok = std::process::Command::new(program)
        .arg("--version")
        .output()
        .is_ok();
    require_that(ok, &format!("{program} is"), why)
}

/// [`require`] for a requirement other than a program on PATH: `what`
/// names it ("python3 with reportlab is").
pub fn require_that(ok: bool, what: &str, why: &str) -> bool {
    if !ok {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{what} required when CI=true but is not installed ({why})"
        );
        println!("SKIP: {what} not installed ({why})");
    }
    ok
}

/// A fixture PDF by name: broken inputs live in `fixtures/bad`, the
/// variants in `fixtures/pdf`.
pub fn fixture_pdf(name: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bad = root.join("fixtures/bad").join(name);
    if bad.exists() {
        bad
    } else {
        root.join("fixtures/pdf").join(name)
    }
}

/// The `kehoach` binary these tests run.
pub const BIN: &str = env!("CARGO_BIN_EXE_kehoach");

/// `kehoach ingest --json --index INDEX PATH`, to add to (environment,
/// more options) before running.
pub fn ingest_cmd(index: &Path, path: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(BIN);
    cmd.env_remove("KEHOACH_INDEX")
        .args(["ingest", "--json", "--index"])
        .arg(index)
        .arg(path);
    cmd
}

/// Run `kehoach ingest --json`: its exit code and its summary.
pub fn ingest_json(index: &Path, path: &Path) -> (i32, serde_json::Value) {
    summary_of(&ingest_cmd(index, path).output().unwrap())
}

/// The exit code and the JSON on standard output of a command that may
/// fail (the summary of an import with failures, say).
pub fn summary_of(out: &std::process::Output) -> (i32, serde_json::Value) {
    let summary = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().unwrap_or(-1), summary)
}

/// The JSON on standard output of a command that must succeed.
pub fn stdout_json(out: &std::process::Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The `kehoach` binary as an `assert_cmd` command.
pub fn kehoach() -> assert_cmd::Command {
    assert_cmd::Command::new(BIN)
}

/// Write `bytes` to `dir/name`; its path.
pub fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}
