//! The text layer, read in a separate process.
//!
//! pdf-extract panics on damaged files by design, and some failures inside
//! PDF libraries abort the process, which `catch_unwind` cannot stop. So the
//! parent re-runs its own binary with a hidden subcommand (as Tika's forked
//! parser does); the child loads the PDF, reads each page's text and pulls
//! out the embedded JPEG of pages that look scanned, and answers in JSON on
//! stdout. A crash, an abort or a hang in the child costs one file.

use std::cell::RefCell;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
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
///
/// Each thread keeps one long-lived worker and sends it one file at a time:
/// starting a process per file cost as much as reading a two-page plan. A
/// worker that crashes, aborts or overruns the time limit costs the file it
/// was reading; the next file starts a fresh one.
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
    let request = Request {
        path: path.to_path_buf(),
        image_dir: image_dir.to_path_buf(),
        pages,
    };
    SERVER.with(|cell| {
        let mut slot = cell.borrow_mut();
        let stale = slot
            .as_ref()
            .is_none_or(|s| s.served >= FILES_PER_WORKER || s.exe != exe);
        if stale {
            *slot = None;
            *slot = Some(Server::start(exe)?);
        }
        let server = slot.as_mut().expect("a worker was just started");
        match server.ask(&request, timeout()) {
            Ok(Answer::Ok(report)) => Ok(report),
            Ok(Answer::Err(e)) => Err(e),
            Err(e) => {
                *slot = None;
                Err(e)
            }
        }
    })
}

/// Files one worker reads before it is replaced, so that whatever a PDF
/// library keeps or leaks between files cannot grow without bound.
const FILES_PER_WORKER: u32 = 500;

/// One file to read: a line of JSON on a long-lived worker's stdin.
#[derive(Debug, Serialize, Deserialize)]
struct Request {
    path: PathBuf,
    image_dir: PathBuf,
    pages: Option<(u32, u32)>,
}

/// The worker's answer: a line of JSON on its stdout.
#[derive(Debug, Serialize, Deserialize)]
enum Answer {
    Ok(LayerReport),
    Err(String),
}

thread_local! {
    static SERVER: RefCell<Option<Server>> = const { RefCell::new(None) };
}

/// A long-lived worker process and the thread that reads its answers.
struct Server {
    exe: PathBuf,
    child: Child,
    stdin: ChildStdin,
    answers: mpsc::Receiver<String>,
    served: u32,
}

impl Server {
    fn start(exe: PathBuf) -> Result<Server, String> {
        let mut child = Command::new(&exe)
            .arg(SUBCOMMAND)
            .arg("--serve")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start the extraction worker: {e}"))?;
        let stdin = child.stdin.take().expect("stdin is piped");
        let stdout = child.stdout.take().expect("stdout is piped");
        let (tx, answers) = mpsc::channel();
        // Answers arrive on a thread of their own so that `ask` can wait
        // with a time limit; the thread ends when the worker's stdout closes.
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Ok(Server {
            exe,
            child,
            stdin,
            answers,
            served: 0,
        })
    }

    /// Send one request and wait for its answer, at most `limit`. `Err`
    /// means the worker is gone (crashed or stopped) and must be replaced.
    fn ask(&mut self, request: &Request, limit: Duration) -> Result<Answer, String> {
        let mut line = serde_json::to_string(request).map_err(|e| e.to_string())?;
        line.push('\n');
        let sent = self
            .stdin
            .write_all(line.as_bytes())
            .and_then(|()| self.stdin.flush());
        if sent.is_err() {
            return Err(self.crashed());
        }
        match self.answers.recv_timeout(limit) {
            Ok(answer) => {
                self.served += 1;
                serde_json::from_str(&answer)
                    .map_err(|e| format!("worker answered with bad JSON: {e}"))
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                let _ = self.child.kill();
                let _ = self.child.wait();
                Err(format!(
                    "text extraction took longer than {} s and was stopped (set {TIMEOUT_ENV} to allow more)",
                    limit.as_secs_f64()
                ))
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => Err(self.crashed()),
        }
    }

    fn crashed(&mut self) -> String {
        let status = match self.child.wait() {
            Ok(status) => status.to_string(),
            Err(e) => e.to_string(),
        };
        format!("the PDF library crashed ({status}); the file is probably damaged")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Run `f` on a pool of one thread. lopdf loads a document's objects with
/// rayon; inside a worker, which is already one of several processes on the
/// cores, that parallelism only spins: measured on 3,000 loads of the
/// generated plans, 0.20 ms of CPU per load on the global pool against
/// 0.11 ms on one thread, at the same wall time.
fn single_threaded<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    match rayon::ThreadPoolBuilder::new().num_threads(1).build() {
        Ok(pool) => pool.install(f),
        Err(_) => f(),
    }
}

/// The long-lived worker's loop: one request per line on stdin, one answer
/// per line on stdout, until stdin closes.
pub fn serve_requests() -> i32 {
    single_threaded(serve_requests_here)
}

fn serve_requests_here() -> i32 {
    std::panic::set_hook(Box::new(|_| {}));
    let mut stdout = std::io::stdout().lock();
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        let answer = match serde_json::from_str::<Request>(&line) {
            Ok(r) => std::panic::catch_unwind(|| read_in_process(&r.path, r.pages, &r.image_dir))
                .unwrap_or_else(|p| Err(format!("the PDF library panicked: {}", panic_text(&p)))),
            Err(e) => Err(format!("bad request: {e}")),
        };
        let answer = match answer {
            Ok(report) => Answer::Ok(report),
            Err(e) => Answer::Err(e),
        };
        let json = serde_json::to_string(&answer)
            .unwrap_or_else(|e| format!("{{\"Err\":\"cannot encode the report: {e}\"}}"));
        if writeln!(stdout, "{json}")
            .and_then(|()| stdout.flush())
            .is_err()
        {
            break;
        }
    }
    0
}

/// Entry point of the hidden subcommand: read `path`, print the JSON report.
/// Exit status 0 with JSON on stdout, or 3 with the cause on stderr.
pub fn serve(path: &Path, image_dir: &Path, pages: Option<(u32, u32)>) -> i32 {
    // Keep the default panic message off stderr: the parent shows our own.
    std::panic::set_hook(Box::new(|_| {}));
    match single_threaded(|| read_in_process(path, pages, image_dir)) {
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
    let mut fonts = super::layer::FontCache::default();
    for number in first..=last {
        let mut page = LayerPage {
            number,
            ..Default::default()
        };
        // The document is only read, so a panic half-way leaves nothing inconsistent.
        let read = || page_text(&doc, page_ids.get(&number).copied(), number, &mut fonts);
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)) {
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

/// Our own reader first (the fonts plan PDFs use, an order of magnitude
/// faster); pdf-extract for pages it hands over.
fn page_text(
    doc: &Document,
    id: Option<lopdf::ObjectId>,
    number: u32,
    fonts: &mut super::layer::FontCache,
) -> Result<String, String> {
    if let Some(Ok(text)) = id.map(|id| super::layer::page_text(doc, id, fonts)) {
        return Ok(text);
    }
    pdf_extract_page(doc, number)
}

/// One page's text through pdf-extract alone: the fallback, and the
/// reference the text-layer reader is checked and measured against.
pub fn pdf_extract_page(doc: &Document, number: u32) -> Result<String, String> {
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
