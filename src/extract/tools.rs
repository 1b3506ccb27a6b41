//! The outside programs extraction can use: `pdftotext` and `pdftoppm`
//! (poppler) and `tesseract`. Called as programs, so the crate builds
//! without C libraries; each is optional and its absence is reported.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// What to install when Tesseract is missing.
pub const INSTALL_TESSERACT: &str =
    "install Tesseract with Vietnamese (Debian/Ubuntu: apt install tesseract-ocr tesseract-ocr-vie)";

/// True when `program --version` runs.
fn runs(program: &str) -> bool {
    Command::new(program)
        .arg("-v")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// Is poppler's `pdftotext` installed?
pub fn has_pdftotext() -> bool {
    static HAS: OnceLock<bool> = OnceLock::new();
    *HAS.get_or_init(|| runs("pdftotext"))
}

/// Is poppler's `pdftoppm` installed?
pub fn has_pdftoppm() -> bool {
    static HAS: OnceLock<bool> = OnceLock::new();
    *HAS.get_or_init(|| runs("pdftoppm"))
}

/// `Ok(())` when `tesseract` runs and knows Vietnamese, else what is missing.
pub fn tesseract_ready() -> Result<(), String> {
    static READY: OnceLock<Result<(), String>> = OnceLock::new();
    READY
        .get_or_init(|| {
            let out = Command::new("tesseract")
                .arg("--list-langs")
                .stderr(Stdio::null())
                .output()
                .map_err(|_| {
                    format!("the tesseract program is not installed; {INSTALL_TESSERACT}")
                })?;
            let langs = String::from_utf8_lossy(&out.stdout);
            if langs.lines().any(|l| l.trim() == "vie") {
                Ok(())
            } else {
                Err(format!(
                    "Tesseract has no Vietnamese data (vie); {INSTALL_TESSERACT}"
                ))
            }
        })
        .clone()
}

/// One page through `pdftotext -layout`.
pub fn pdftotext_page(pdf: &Path, page: u32) -> Result<String, String> {
    let n = page.to_string();
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8", "-f", &n, "-l", &n])
        .arg(pdf)
        .arg("-")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run pdftotext: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "pdftotext failed on page {page}: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout)
        .trim_end_matches('\u{c}')
        .to_string())
}

/// Render one page to a grey PNG at 300 dpi with `pdftoppm`.
pub fn render_page(pdf: &Path, page: u32, dir: &Path) -> Result<PathBuf, String> {
    if !has_pdftoppm() {
        return Err(
            "the page has no embedded JPEG and pdftoppm is not installed to render it \
                    (Debian/Ubuntu: apt install poppler-utils)"
                .into(),
        );
    }
    let n = page.to_string();
    let stem = dir.join(format!("render-{page}"));
    let out = Command::new("pdftoppm")
        .args([
            "-r",
            "300",
            "-gray",
            "-png",
            "-singlefile",
            "-f",
            &n,
            "-l",
            &n,
        ])
        .arg(pdf)
        .arg(&stem)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run pdftoppm: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "pdftoppm failed on page {page}: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(stem.with_extension("png"))
}

/// OCR one image with `tesseract IMAGE stdout -l vie`, one thread per
/// process (Tesseract's own threading is slower when pages run in parallel).
pub fn tesseract(image: &Path) -> Result<String, String> {
    tesseract_ready()?;
    let out = Command::new("tesseract")
        .arg(image)
        // Keep wide gaps: they are where the header's two columns meet.
        .args([
            "stdout",
            "-l",
            "vie",
            "--psm",
            &psm(),
            "-c",
            "preserve_interword_spaces=1",
        ])
        .env("OMP_THREAD_LIMIT", "1")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run tesseract: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "tesseract failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Tesseract's page segmentation mode: 4 (one column of text of varying
/// sizes) by default, which kept line order on the fixture scans where the
/// automatic mode 3 sometimes read a line's last word as a separate block;
/// `KEHOACH_PSM` overrides it for experiments.
fn psm() -> String {
    std::env::var("KEHOACH_PSM").unwrap_or_else(|_| "4".into())
}
