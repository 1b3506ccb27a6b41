//! PDF to text: the text layer (read in a worker process), a per-page check
//! with fallback to `pdftotext -layout`, OCR of scanned pages with the
//! `tesseract` program, and [`reflow`] of raw text into clean lines.

use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use crate::error::{Error, Result};

pub mod layer;
mod quality;
mod reflow;
pub mod tools;
pub mod worker;

pub use quality::{judge, Verdict};
pub use reflow::reflow;

/// When to OCR a page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OcrMode {
    /// Only pages whose text layer is missing or unusable.
    #[default]
    Auto,
    /// Every page, ignoring the text layer.
    Always,
    /// Never; pages without text stay empty (with a warning).
    Never,
}

/// How to extract.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExtractOptions {
    pub ocr: OcrMode,
    /// First and last page, 1-based and inclusive; `None` for all.
    pub pages: Option<(u32, u32)>,
}

/// Where a page's text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageSource {
    /// The text layer, through [`layer`] (or pdf-extract for pages it hands over).
    TextLayer,
    /// The text layer, through `pdftotext -layout` after pdf-extract failed.
    Pdftotext,
    /// Tesseract OCR of the page image.
    Ocr,
    /// Nothing usable (see the warnings).
    None,
}

/// One page's text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page {
    /// 1-based page number.
    pub number: u32,
    pub text: String,
    pub source: PageSource,
}

/// The text of a PDF, page by page.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Extracted {
    /// Pages in the document (not only those extracted).
    pub page_count: u32,
    /// The extracted pages, in order.
    pub pages: Vec<Page>,
    /// Numbers of the pages whose text came from OCR.
    pub ocr_pages: Vec<u32>,
    /// Pages that fell back, could not be read, and the like.
    pub warnings: Vec<String>,
}

impl Extracted {
    /// All pages' text, pages separated by a form feed line (as pdftotext
    /// does), so that [`reflow`] can tell page tops and bottoms.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (i, p) in self.pages.iter().enumerate() {
            if i > 0 {
                out.push_str("\n\u{c}\n");
            }
            out.push_str(p.text.trim_end());
        }
        out.push('\n');
        out
    }
}

/// Extract the text of the PDF at `path`.
///
/// Errors name the file: unreadable, not a PDF, damaged (including a crash
/// of the PDF library), encrypted with a password, no pages, or no page with
/// any text. Pages that could not be read while others could come back
/// empty with a warning.
pub fn extract_pdf(path: &Path, opts: &ExtractOptions) -> Result<Extracted> {
    let pdf_err = |cause: String| Error::Pdf {
        path: path.to_path_buf(),
        cause,
    };
    check_header(path)?;
    if let Some((a, b)) = opts.pages {
        if a == 0 || b < a {
            return Err(Error::BadInput {
                path: path.to_path_buf(),
                cause: format!("bad page range {a}-{b}: pages count from 1, first ≤ last"),
            });
        }
    }
    let tmp = tempfile::Builder::new()
        .prefix("kehoach-extract-")
        .tempdir()
        .map_err(|source| Error::Io {
            path: std::env::temp_dir(),
            source,
        })?;
    let layer = worker::read_text_layer(path, opts.pages, tmp.path()).map_err(pdf_err)?;
    if layer.page_count == 0 {
        return Err(pdf_err("the document has no pages".into()));
    }
    if layer.pages.is_empty() {
        return Err(pdf_err(format!(
            "the page range is outside the document ({} pages)",
            layer.page_count
        )));
    }
    let mut out = Extracted {
        page_count: layer.page_count,
        ..Default::default()
    };
    if layer.decrypted {
        out.warnings
            .push("encrypted with an empty password; opened".into());
    }

    // Text layer first; pages that need OCR are collected and done in parallel.
    let mut need_ocr = Vec::new();
    for lp in &layer.pages {
        let verdict = match &lp.error {
            Some(e) => {
                out.warnings
                    .push(format!("page {}: pdf-extract failed: {e}", lp.number));
                Verdict::TooFewLetters(0)
            }
            None => judge(&lp.text),
        };
        let mut page = Page {
            number: lp.number,
            text: String::new(),
            source: PageSource::None,
        };
        if opts.ocr == OcrMode::Always {
            need_ocr.push((out.pages.len(), lp.jpeg.clone()));
        } else if verdict.is_usable() {
            page.text = quality::unmapped_glyphs_to_spaces(&lp.text);
            page.source = PageSource::TextLayer;
        } else if let Some(text) = poppler_fallback(path, lp.number, &verdict, &mut out.warnings) {
            page.text = text;
            page.source = PageSource::Pdftotext;
        } else if opts.ocr == OcrMode::Auto {
            need_ocr.push((out.pages.len(), lp.jpeg.clone()));
        } else {
            page.text = lp.text.clone();
            out.warnings.push(format!(
                "page {}: {}; OCR is off (--ocr never)",
                lp.number,
                verdict.reason()
            ));
        }
        out.pages.push(page);
    }

    if !need_ocr.is_empty() {
        ocr_pages(path, tmp.path(), &need_ocr, &mut out);
    }
    if out.pages.iter().all(|p| p.text.trim().is_empty()) {
        let why = out.warnings.join("; ");
        if !need_ocr.is_empty() && tools::tesseract_ready().is_err() {
            return Err(Error::NeedsOcr {
                path: path.to_path_buf(),
                cause: format!("no page has a text layer: {why}"),
            });
        }
        return Err(pdf_err(format!("no page has any text: {why}")));
    }
    Ok(out)
}

/// A PDF starts with "%PDF-" (some writers put junk before it; readers
/// allow up to 1 KiB).
fn check_header(path: &Path) -> Result<()> {
    use std::io::Read;
    let mut head = Vec::with_capacity(1024);
    std::fs::File::open(path)
        .and_then(|f| f.take(1024).read_to_end(&mut head))
        .map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
    if head.windows(5).any(|w| w == b"%PDF-") {
        Ok(())
    } else {
        Err(Error::BadInput {
            path: path.to_path_buf(),
            cause: "not a PDF (no %PDF- header in the first 1 KiB)".into(),
        })
    }
}

/// Try `pdftotext -layout` on a page whose pdf-extract text was unusable.
fn poppler_fallback(
    path: &Path,
    number: u32,
    verdict: &Verdict,
    warnings: &mut Vec<String>,
) -> Option<String> {
    if !tools::has_pdftotext() {
        return None;
    }
    match tools::pdftotext_page(path, number) {
        Ok(text) if judge(&text).is_usable() => {
            warnings.push(format!(
                "page {number}: pdf-extract gave {}; used pdftotext",
                verdict.reason()
            ));
            Some(text)
        }
        Ok(_) => None,
        Err(e) => {
            warnings.push(format!("page {number}: {e}"));
            None
        }
    }
}

/// OCR the listed pages (index into `out.pages`, embedded JPEG if any) in
/// parallel, one Tesseract per core.
fn ocr_pages(
    path: &Path,
    tmp: &Path,
    todo: &[(usize, Option<std::path::PathBuf>)],
    out: &mut Extracted,
) {
    if let Err(why) = tools::tesseract_ready() {
        let numbers: Vec<String> = todo
            .iter()
            .map(|(i, _)| out.pages[*i].number.to_string())
            .collect();
        out.warnings
            .push(format!("page(s) {} need OCR: {why}", numbers.join(", ")));
        return;
    }
    let results: Vec<(usize, Result<String, String>)> = todo
        .par_iter()
        .map(|(i, jpeg)| {
            let number = out.pages[*i].number;
            let image = match jpeg {
                Some(j) => Ok(j.clone()),
                None => tools::render_page(path, number, tmp),
            };
            (*i, image.and_then(|img| tools::tesseract(&img)))
        })
        .collect();
    for (i, r) in results {
        let page = &mut out.pages[i];
        match r {
            Ok(text) => {
                if !judge(&text).is_usable() {
                    out.warnings.push(format!(
                        "page {}: OCR found no text (a picture or a blank page?)",
                        page.number
                    ));
                }
                page.text = text;
                page.source = PageSource::Ocr;
                out.ocr_pages.push(page.number);
            }
            Err(e) => out
                .warnings
                .push(format!("page {}: OCR failed: {e}", page.number)),
        }
    }
    out.ocr_pages.sort_unstable();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_join_with_form_feeds() {
        let e = Extracted {
            page_count: 2,
            pages: vec![
                Page {
                    number: 1,
                    text: "một\n\n".into(),
                    source: PageSource::TextLayer,
                },
                Page {
                    number: 2,
                    text: "hai".into(),
                    source: PageSource::Ocr,
                },
            ],
            ..Default::default()
        };
        assert_eq!(e.text(), "một\n\u{c}\nhai\n");
    }

    #[test]
    fn a_file_without_pdf_header_is_a_named_error() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("ghi-chu.pdf");
        std::fs::write(&p, "Kế hoạch, không phải PDF").unwrap();
        let e = extract_pdf(&p, &ExtractOptions::default())
            .unwrap_err()
            .to_string();
        assert!(e.contains("ghi-chu.pdf") && e.contains("not a PDF"), "{e}");
    }

    #[test]
    fn a_missing_file_is_a_named_io_error() {
        let e = extract_pdf(Path::new("khong-co.pdf"), &ExtractOptions::default())
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("khong-co.pdf: cannot read"), "{e}");
    }
}
