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
    if !ok {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{program} is required when CI=true but is not installed ({why})"
        );
        println!("SKIP: {program} is not installed ({why})");
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
