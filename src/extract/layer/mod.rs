//! A text-layer reader for the fonts plan PDFs use.
//!
//! pdf-extract spends most of a page rebuilding every font from scratch
//! (it clears its font table per page, re-parses ToUnicode maps, decompresses
//! embedded font programs and rebuilds encoding tables from glyph names),
//! about 1.9 ms a page against 0.3 ms for loading and decoding the page.
//! This reader interprets the page's text operators itself, keeps fonts per
//! document, and lays characters out with pdf-extract's own rules (same
//! thresholds for line breaks and spaces), so its text is the same.
//! Anything it does not understand — a font it cannot decode with
//! certainty, a form it cannot follow — makes it return [`Unsupported`],
//! and the page goes to pdf-extract.

use std::collections::HashMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

mod cmap;
mod font;

use font::{deref, get, number, Font};

/// Why this reader handed a page to pdf-extract.
#[derive(Debug, Clone, PartialEq)]
pub struct Unsupported(pub String);

/// Fonts already loaded, by object, for the pages of one document.
#[derive(Default)]
pub struct FontCache {
    fonts: HashMap<ObjectId, std::rc::Rc<Font>>,
}

/// Forms inside forms deeper than this are not followed.
const MAX_FORM_DEPTH: usize = 8;

/// The text of one page, laid out as pdf-extract's plain-text output does.
pub fn page_text(
    doc: &Document,
    page_id: ObjectId,
    cache: &mut FontCache,
) -> Result<String, Unsupported> {
    let page = doc
        .get_dictionary(page_id)
        .map_err(|e| Unsupported(format!("page object: {e}")))?;
    let empty = Dictionary::new();
    let resources = inherited(doc, page, b"Resources")
        .and_then(|o| o.as_dict().ok())
        .unwrap_or(&empty);
    let media_box = inherited(doc, page, b"MediaBox")
        .and_then(|o| o.as_array().ok())
        .and_then(|a| {
            a.iter()
                .map(|o| number(deref(doc, o)))
                .collect::<Option<Vec<f64>>>()
        })
        .filter(|v| v.len() == 4)
        .ok_or_else(|| Unsupported("page without a readable /MediaBox".into()))?;
    let content = doc
        .get_page_content(page_id)
        .map_err(|e| Unsupported(format!("page content: {e}")))?;
    let mut reader = Reader {
        doc,
        cache,
        layout: Layout::new(media_box[3] - media_box[1]),
        out: String::new(),
    };
    reader.run(&content, resources, 0)?;
    Ok(reader.out)
}

/// A row-major 2D affine matrix [a b c d e f], as PDF writes them; points
/// are row vectors, so `x.then(y)` applies `x` first.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Matrix([f64; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    fn translation(x: f64, y: f64) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }

    fn then(&self, o: &Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [oa, ob, oc, od, oe, of] = o.0;
        Matrix([
            a * oa + b * oc,
            a * ob + b * od,
            c * oa + d * oc,
            c * ob + d * od,
            e * oa + f * oc + oe,
            e * ob + f * od + of,
        ])
    }
}

#[derive(Clone)]
struct TextState {
    /// The font set by `Tf`, or why it cannot be read here: an unreadable
    /// font only matters once text is shown with it (writers often select
    /// a standard font they never use).
    font: Option<Result<std::rc::Rc<Font>, Unsupported>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    h_scale: f64,
    leading: f64,
    rise: f64,
}

#[derive(Clone)]
struct Graphics {
    ctm: Matrix,
    ts: TextState,
}

/// Where characters go: pdf-extract's `PlainTextOutput` rules, so the text
/// (line breaks and spaces) comes out the same.
struct Layout {
    flip: Matrix,
    last_end: f64,
    last_y: f64,
    first_char: bool,
}

impl Layout {
    fn new(height: f64) -> Layout {
        Layout {
            flip: Matrix([1.0, 0.0, 0.0, -1.0, 0.0, height]),
            last_end: 100_000.0,
            last_y: 0.0,
            first_char: false,
        }
    }

    /// Before the first character of a shown string, decide on a line break
    /// or a space from where the last string ended.
    fn place(&mut self, trm: &Matrix, width: f64, size: f64, out: &mut String) {
        let pos = trm.then(&self.flip).0;
        let (vx, vy) = (
            size * trm.0[0] + size * trm.0[2],
            size * trm.0[1] + size * trm.0[3],
        );
        let scaled = (vx * vy).sqrt();
        let (x, y) = (pos[4], pos[5]);
        if self.first_char {
            if (y - self.last_y).abs() > scaled * 1.5 {
                out.push('\n');
            }
            if x < self.last_end && (y - self.last_y).abs() > scaled * 0.5 {
                out.push('\n');
            }
            if x > self.last_end + scaled * 0.1 {
                out.push(' ');
            }
        }
        self.first_char = false;
        self.last_y = y;
        self.last_end = x + width * scaled;
    }
}

struct Reader<'a, 'c> {
    doc: &'a Document,
    cache: &'c mut FontCache,
    layout: Layout,
    out: String,
}

impl<'a> Reader<'a, '_> {
    fn run(
        &mut self,
        content: &[u8],
        resources: &'a Dictionary,
        depth: usize,
    ) -> Result<(), Unsupported> {
        let content =
            Content::decode(content).map_err(|e| Unsupported(format!("content stream: {e}")))?;
        let mut gs = Graphics {
            ctm: Matrix::IDENTITY,
            ts: TextState {
                font: None,
                size: f64::NAN,
                char_spacing: 0.0,
                word_spacing: 0.0,
                h_scale: 1.0,
                leading: 0.0,
                rise: 0.0,
            },
        };
        let mut stack: Vec<Graphics> = Vec::new();
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        // Page-local font names: the same name can be another font on another page.
        let mut by_name: HashMap<Vec<u8>, Result<std::rc::Rc<Font>, Unsupported>> = HashMap::new();
        for op in &content.operations {
            let args = &op.operands;
            let num = |i: usize| -> Result<f64, Unsupported> {
                args.get(i).and_then(number).ok_or_else(|| {
                    Unsupported(format!("operator {} without number operands", op.operator))
                })
            };
            match op.operator.as_str() {
                "BT" | "ET" => {
                    tlm = Matrix::IDENTITY;
                    tm = tlm;
                }
                "cm" => {
                    let m = Matrix([num(0)?, num(1)?, num(2)?, num(3)?, num(4)?, num(5)?]);
                    gs.ctm = m.then(&gs.ctm);
                }
                "q" => stack.push(gs.clone()),
                "Q" => {
                    if let Some(saved) = stack.pop() {
                        gs = saved;
                    }
                }
                "Tc" => gs.ts.char_spacing = num(0)?,
                "Tw" => gs.ts.word_spacing = num(0)?,
                "Tz" => gs.ts.h_scale = num(0)? / 100.0,
                "TL" => gs.ts.leading = num(0)?,
                "Ts" => gs.ts.rise = num(0)?,
                "Tf" => {
                    let name = args
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .ok_or_else(|| Unsupported("Tf without a font name".into()))?;
                    let font = match by_name.get(name) {
                        Some(f) => f.clone(),
                        None => {
                            let f = self.font(resources, name);
                            by_name.insert(name.to_vec(), f.clone());
                            f
                        }
                    };
                    gs.ts.font = Some(font);
                    gs.ts.size = num(1)?;
                }
                "Tm" => {
                    tlm = Matrix([num(0)?, num(1)?, num(2)?, num(3)?, num(4)?, num(5)?]);
                    tm = tlm;
                }
                "Td" | "TD" => {
                    let (tx, ty) = (num(0)?, num(1)?);
                    if op.operator == "TD" {
                        gs.ts.leading = -ty;
                    }
                    tlm = Matrix::translation(tx, ty).then(&tlm);
                    tm = tlm;
                }
                "T*" => {
                    tlm = Matrix::translation(0.0, -gs.ts.leading).then(&tlm);
                    tm = tlm;
                }
                "Tj" => match args.first() {
                    Some(Object::String(s, _)) => self.show(&mut gs, &mut tm, s)?,
                    _ => return Err(Unsupported("Tj without a string".into())),
                },
                "TJ" => {
                    if let Some(Object::Array(items)) = args.first() {
                        for item in items {
                            match item {
                                Object::String(s, _) => self.show(&mut gs, &mut tm, s)?,
                                other => {
                                    if let Some(adjust) = number(other) {
                                        let tx = gs.ts.h_scale * (-adjust / 1000.0 * gs.ts.size);
                                        tm = Matrix::translation(tx, 0.0).then(&tm);
                                    }
                                }
                            }
                        }
                    }
                }
                // Next line, then show (pdf-extract skips these; PDF 32000-1, 9.4.3).
                "'" | "\"" => {
                    let string = if op.operator == "'" {
                        args.first()
                    } else {
                        gs.ts.word_spacing = num(0)?;
                        gs.ts.char_spacing = num(1)?;
                        args.get(2)
                    };
                    tlm = Matrix::translation(0.0, -gs.ts.leading).then(&tlm);
                    tm = tlm;
                    match string {
                        Some(Object::String(s, _)) => self.show(&mut gs, &mut tm, s)?,
                        _ => return Err(Unsupported(format!("{} without a string", op.operator))),
                    }
                }
                "Do" => {
                    let name = args
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .unwrap_or_default();
                    self.form(resources, name, depth)?;
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Show a string: every code advances the text matrix; characters go
    /// out with the layout decided at the string's first character.
    fn show(
        &mut self,
        gs: &mut Graphics,
        tm: &mut Matrix,
        bytes: &[u8],
    ) -> Result<(), Unsupported> {
        let ts = &gs.ts;
        let font = ts
            .font
            .clone()
            .unwrap_or_else(|| Err(Unsupported("text shown before a font was set".into())))?;
        self.layout.first_char = true;
        let tsm = Matrix([ts.h_scale, 0.0, 0.0, 1.0, 0.0, ts.rise]);
        for code in font.codes(bytes) {
            let trm = tsm.then(&tm.then(&gs.ctm));
            let w0 = font.width(code.code) / 1000.0;
            let mut spacing = ts.char_spacing;
            if code.is_single_byte_space {
                spacing += ts.word_spacing;
            }
            self.layout.place(&trm, w0, ts.size, &mut self.out);
            font.push_text(code.code, &mut self.out);
            let tx = ts.h_scale * (w0 * ts.size + spacing);
            *tm = Matrix::translation(tx, 0.0).then(tm);
        }
        Ok(())
    }

    fn font(
        &mut self,
        resources: &'a Dictionary,
        name: &[u8],
    ) -> Result<std::rc::Rc<Font>, Unsupported> {
        let fonts = get(self.doc, resources, b"Font")
            .and_then(|o| o.as_dict().ok())
            .ok_or_else(|| Unsupported("no /Font resources".into()))?;
        let entry = fonts.get(name).map_err(|_| {
            Unsupported(format!(
                "font /{} not in resources",
                String::from_utf8_lossy(name)
            ))
        })?;
        let id = entry.as_reference().ok();
        if let Some(f) = id.and_then(|id| self.cache.fonts.get(&id)) {
            return Ok(f.clone());
        }
        let dict = deref(self.doc, entry)
            .as_dict()
            .map_err(|_| Unsupported("font is not a dictionary".into()))?;
        let font = std::rc::Rc::new(Font::load(self.doc, dict)?);
        if let Some(id) = id {
            self.cache.fonts.insert(id, font.clone());
        }
        Ok(font)
    }

    /// `Do`: images carry no text; forms are read with their own resources
    /// (as pdf-extract does: same state, no form matrix).
    fn form(
        &mut self,
        resources: &'a Dictionary,
        name: &[u8],
        depth: usize,
    ) -> Result<(), Unsupported> {
        let xobject = get(self.doc, resources, b"XObject")
            .and_then(|o| o.as_dict().ok())
            .and_then(|x| get(self.doc, x, name))
            .and_then(|o| o.as_stream().ok())
            .ok_or_else(|| Unsupported("Do of a missing XObject".into()))?;
        let subtype = get(self.doc, &xobject.dict, b"Subtype").and_then(|o| o.as_name().ok());
        if subtype != Some(b"Form".as_slice()) {
            return Ok(());
        }
        if depth >= MAX_FORM_DEPTH {
            return Err(Unsupported("forms nested too deep".into()));
        }
        let inner = get(self.doc, &xobject.dict, b"Resources")
            .and_then(|o| o.as_dict().ok())
            .unwrap_or(resources);
        let data = xobject
            .decompressed_content()
            .unwrap_or_else(|_| xobject.content.clone());
        self.run(&data, inner, depth + 1)
    }
}

/// A page attribute, looked up the page tree as PDF inheritance says.
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..32 {
        if let Some(o) = get(doc, node, key) {
            return Some(o);
        }
        node = get(doc, node, b"Parent")?.as_dict().ok()?;
    }
    None
}

#[cfg(test)]
mod tests;
