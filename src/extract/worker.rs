//! The text layer, read in a separate process.
//!
//! pdf-extract panics on damaged files by design, and some failures inside
//! PDF libraries abort the process, which `catch_unwind` cannot stop. So the
//! parent re-runs its own binary with a hidden subcommand (as Tika's forked
//! parser does); the child loads the PDF, reads each page's text and pulls
//! out the embedded JPEG of pages that look scanned, and answers in JSON on
//! stdout. A crash, an abort or a hang in the child costs one file.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;

use lopdf::Document;
use serde::{Deserialize, Serialize};

use super::quality;

/// Environment variable naming the `kehoach` binary to run as the worker
/// (for programs that link the library but are not `kehoach` themselves).
pub const WORKER_ENV: &str = "KEHOACH_WORKER";
/// Environment variable overriding the worker's time limit, in seconds.
pub const TIMEOUT_ENV: &str = "KEHOACH_EXTRACT_TIMEOUT";
/// The hidden subcommand the worker runs under.
pub const SUBCOMMAND: &str = "__extract-worker";

const DEFAULT_TIMEOUT: Duration = Duration::from_secs(300);

/// What the worker reports about one file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct LayerReport {
    /// Pages in the document.
    pub page_count: u32,
    /// Text of each requested page, in order.
    pub pages: Vec<LayerPage>,
    /// The file was encrypted with an empty user password (and opened).
    pub decrypted: bool,
}

/// One page's text layer.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct LayerPage {
    /// 1-based page number.
    pub number: u32,
    pub text: String,
    /// Path of the page's embedded JPEG, written when the text layer looks
    /// unusable and the page holds exactly one DCT image (a scan).
    pub jpeg: Option<PathBuf>,
    /// Why the text layer could not be read, when pdf-extract failed on this page.
    pub error: Option<String>,
}

/// Read the text layer of `path` in a worker process. `pages` limits the
/// pages read; JPEGs of scanned pages go to `image_dir`.
pub fn read_text_layer(
    path: &Path,
    pages: Option<(u32, u32)>,
    image_dir: &Path,
) -> Result<LayerReport, String> {
    let Some(exe) = worker_binary() else {
        // No binary to fork: read in-process, where a panic is still caught
        // (an abort is not).
        return read_in_process(path, pages, image_dir);
    };
    let mut cmd = Command::new(exe);
    cmd.arg(SUBCOMMAND).arg(path).arg(image_dir);
    if let Some((a, b)) = pages {
        cmd.arg(format!("{a}-{b}"));
    }
    let output = run_with_timeout(cmd, timeout())?;
    if output.status_ok {
        serde_json::from_slice(&output.stdout)
            .map_err(|e| format!("worker answered with bad JSON: {e}"))
    } else if !output.stderr.trim().is_empty() {
        Err(output.stderr.trim().to_string())
    } else {
        Err(format!(
            "the PDF library crashed ({}); the file is probably damaged",
            output.status
        ))
    }
}

/// Entry point of the hidden subcommand: read `path`, print the JSON report.
/// Exit status 0 with JSON on stdout, or 3 with the cause on stderr.
pub fn serve(path: &Path, image_dir: &Path, pages: Option<(u32, u32)>) -> i32 {
    // Keep the default panic message off stderr: the parent shows our own.
    std::panic::set_hook(Box::new(|_| {}));
    match read_in_process(path, pages, image_dir) {
        Ok(report) => match serde_json::to_string(&report) {
            Ok(json) => {
                println!("{json}");
                0
            }
            Err(e) => {
                eprintln!("cannot encode the report: {e}");
                3
            }
        },
        Err(e) => {
            eprintln!("{e}");
            3
        }
    }
}

/// Load, decrypt (empty password) and read the requested pages, catching
/// panics of the PDF libraries.
pub fn read_in_process(
    path: &Path,
    pages: Option<(u32, u32)>,
    image_dir: &Path,
) -> Result<LayerReport, String> {
    let doc = std::panic::catch_unwind(|| open(path))
        .map_err(|p| format!("the PDF library panicked while loading: {}", panic_text(&p)))??;
    let mut doc = doc;
    let decrypted = decrypt_if_needed(&mut doc)?;
    let page_ids = doc.get_pages();
    let page_count = page_ids.len() as u32;
    let (first, last) = match pages {
        Some((a, b)) => (a.max(1), b.min(page_count)),
        None => (1, page_count),
    };
    let mut report = LayerReport {
        page_count,
        pages: Vec::new(),
        decrypted,
    };
    for number in first..=last {
        let mut page = LayerPage {
            number,
            ..Default::default()
        };
        // The document is only read, so a panic half-way leaves nothing inconsistent.
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| page_text(&doc, number))) {
            Ok(Ok(text)) => page.text = text,
            Ok(Err(e)) => page.error = Some(e),
            Err(p) => page.error = Some(format!("pdf-extract panicked: {}", panic_text(&p))),
        }
        if !quality::judge(&page.text).is_usable() {
            if let Some(&id) = page_ids.get(&number) {
                page.jpeg = save_page_jpeg(&doc, id, number, image_dir);
            }
        }
        report.pages.push(page);
    }
    Ok(report)
}

fn open(path: &Path) -> Result<Document, String> {
    Document::load(path).map_err(|e| match e {
        lopdf::Error::IO(io) => format!("cannot read: {io}"),
        other => format!("not a readable PDF ({other})"),
    })
}

fn decrypt_if_needed(doc: &mut Document) -> Result<bool, String> {
    if !doc.is_encrypted() {
        // lopdf opens empty-password files by itself.
        return Ok(doc.was_encrypted());
    }
    doc.decrypt("").map_err(|_| {
        "encrypted with a password; decrypt it first (for example \
         `qpdf --decrypt --password=... in.pdf out.pdf`)"
            .to_string()
    })?;
    Ok(true)
}

fn page_text(doc: &Document, number: u32) -> Result<String, String> {
    let mut text = String::new();
    {
        let mut out = pdf_extract::PlainTextOutput::new(&mut text);
        pdf_extract::output_doc_page(doc, &mut out, number).map_err(|e| e.to_string())?;
    }
    Ok(text)
}

/// A scanned page is one full-page image; when it is a JPEG, its bytes are
/// a file Tesseract reads as is, with no rendering.
fn save_page_jpeg(doc: &Document, id: lopdf::ObjectId, number: u32, dir: &Path) -> Option<PathBuf> {
    let images = doc.get_page_images(id).ok()?;
    let [image] = images.as_slice() else {
        return None;
    };
    let dct_only = image
        .filters
        .as_ref()
        .is_some_and(|f| f.len() == 1 && f[0] == "DCTDecode");
    if !dct_only || image.width < 600 {
        return None;
    }
    let path = dir.join(format!("page-{number}.jpg"));
    std::fs::write(&path, image.content).ok()?;
    Some(path)
}

fn panic_text(p: &Box<dyn std::any::Any + Send>) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown cause".into())
}

fn timeout() -> Duration {
    std::env::var(TIMEOUT_ENV)
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .filter(|s| *s > 0.0)
        .map(Duration::from_secs_f64)
        .unwrap_or(DEFAULT_TIMEOUT)
}

/// The `kehoach` binary to fork: `KEHOACH_WORKER`, else this program when it
/// is `kehoach`, else a `kehoach` beside it or one directory up (where cargo
/// puts the binary relative to test executables in `deps/`).
pub fn worker_binary() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(WORKER_ENV) {
        return Some(PathBuf::from(p));
    }
    let exe = std::env::current_exe().ok()?;
    let name = format!("kehoach{}", std::env::consts::EXE_SUFFIX);
    if exe.file_name().is_some_and(|n| n == name.as_str()) {
        return Some(exe);
    }
    let dir = exe.parent()?;
    [dir.join(&name), dir.parent()?.join(&name)]
        .into_iter()
        .find(|p| p.is_file())
}

struct Finished {
    status_ok: bool,
    status: String,
    stdout: Vec<u8>,
    stderr: String,
}

/// Run `cmd`, collecting its output, killing it after `limit`. A watchdog
/// thread waits out the limit (no polling, so a fast worker costs no idle
/// time); the answer is read here until the child closes its stdout.
fn run_with_timeout(mut cmd: Command, limit: Duration) -> Result<Finished, String> {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start the extraction worker: {e}"))?;
    let mut out = child.stdout.take().expect("stdout is piped");
    let mut err = child.stderr.take().expect("stderr is piped");
    let child = Arc::new(Mutex::new(child));
    let timed_out = Arc::new(AtomicBool::new(false));
    let (done, finished) = mpsc::channel::<()>();
    let watchdog = {
        let child = Arc::clone(&child);
        let timed_out = Arc::clone(&timed_out);
        std::thread::spawn(move || {
            if let Err(mpsc::RecvTimeoutError::Timeout) = finished.recv_timeout(limit) {
                timed_out.store(true, Ordering::SeqCst);
                if let Ok(mut c) = child.lock() {
                    let _ = c.kill();
                }
            }
        })
    };
    let err_thread = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let mut stdout = Vec::new();
    let _ = out.read_to_end(&mut stdout);
    let stderr = err_thread.join().unwrap_or_default();
    let _ = done.send(());
    let _ = watchdog.join();
    let status = child
        .lock()
        .map_err(|_| "the extraction worker's handle was poisoned".to_string())?
        .wait()
        .map_err(|e| format!("cannot wait for the extraction worker: {e}"))?;
    if timed_out.load(Ordering::SeqCst) {
        return Err(format!(
            "text extraction took longer than {} s and was stopped (set {TIMEOUT_ENV} to allow more)",
            limit.as_secs_f64()
        ));
    }
    Ok(Finished {
        status_ok: status.success(),
        status: status.to_string(),
        stdout,
        stderr,
    })
}
