use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document, Object, Stream};

use super::*;

/// pdf-extract's text of one page, the reference this reader must match.
fn reference(doc: &Document, number: u32) -> String {
    crate::extract::worker::pdf_extract_page(doc, number).unwrap()
}

fn ours(doc: &Document, number: u32) -> Result<String, Unsupported> {
    let id = doc.get_pages()[&number];
    page_text(doc, id, &mut FontCache::default())
}

const CMAP: &str = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <00> <FF> endcodespacerange
4 beginbfchar <01> <0110> <02> <1EA3> <03> <01B0> <04> <1EDD> endbfchar
1 beginbfrange <20> <7E> <0020> endbfrange
endcmap end end";

/// A one-page PDF with a subset-style TrueType font (codes 1-4 are
/// Vietnamese letters through ToUnicode) drawing `ops`.
fn one_page(ops: Vec<Operation>, to_unicode: &str) -> Document {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let cmap_id = doc.add_object(Stream::new(dictionary! {}, to_unicode.as_bytes().to_vec()));
    let widths: Vec<Object> = (0..=126)
        .map(|c| Object::Integer(if c == 32 { 250 } else { 500 }))
        .collect();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "AAAAAA+Serif",
        "FirstChar" => 0, "LastChar" => 126, "Widths" => widths, "ToUnicode" => cmap_id,
    });
    let resources_id = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font_id } });
    let content = Content { operations: ops };
    let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode().unwrap()));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1,
            "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    doc
}

fn line(x: f64, y: f64, text: &[u8]) -> Vec<Operation> {
    vec![
        Operation::new("BT", vec![]),
        Operation::new(
            "Tm",
            vec![1.into(), 0.into(), 0.into(), 1.into(), x.into(), y.into()],
        ),
        Operation::new("Tf", vec!["F1".into(), 12.into()]),
        Operation::new("Tj", vec![Object::string_literal(text)]),
        Operation::new("ET", vec![]),
    ]
}

#[test]
fn lines_columns_and_vietnamese_letters_come_out_as_pdf_extract_gives_them() {
    let mut ops = line(72.0, 770.0, b"\x01\x02ng b\x03\x04ng");
    ops.extend(line(350.0, 770.0, b"Right column"));
    ops.extend(line(72.0, 750.0, b"Next line"));
    ops.extend(line(72.0, 700.0, b"After a gap"));
    // Two strings on one line with a gap between them, then one right after.
    ops.extend(line(72.0, 680.0, b"left"));
    ops.extend(line(150.0, 680.0, b"right"));
    ops.extend(line(174.0, 680.0, b"joined"));
    let doc = one_page(ops, CMAP);
    let got = ours(&doc, 1).unwrap();
    assert!(got.contains("Đảng bường"), "{got:?}");
    assert_eq!(got, reference(&doc, 1));
}

#[test]
fn tj_adjustments_td_and_leading_match_pdf_extract() {
    let ops = vec![
        Operation::new("BT", vec![]),
        Operation::new("Tf", vec!["F1".into(), 11.into()]),
        Operation::new("TL", vec![14.into()]),
        Operation::new("Td", vec![72.into(), 760.into()]),
        Operation::new(
            "TJ",
            vec![Object::Array(vec![
                Object::string_literal("K"),
                Object::Integer(-20),
                Object::string_literal("ế hoạch"),
                Object::Integer(-900),
                Object::string_literal("số"),
            ])],
        ),
        Operation::new("T*", vec![]),
        Operation::new("Tj", vec![Object::string_literal("second")]),
        Operation::new("TD", vec![0.into(), (-30).into()]),
        Operation::new("Tw", vec![3.into()]),
        Operation::new("Tj", vec![Object::string_literal("third line here")]),
        Operation::new("ET", vec![]),
    ];
    let doc = one_page(ops, CMAP);
    assert_eq!(ours(&doc, 1).unwrap(), reference(&doc, 1));
}

#[test]
fn codes_missing_from_tounicode_read_as_pdf_extract_reads_them() {
    // Code 2 is left out of the map: a dropped glyph.
    let cmap = CMAP.replace(
        "4 beginbfchar <01> <0110> <02> <1EA3>",
        "3 beginbfchar <01> <0110>",
    );
    let doc = one_page(line(72.0, 770.0, b"c\x02ng t\x80c"), &cmap);
    let got = ours(&doc, 1).unwrap();
    assert_eq!(got, reference(&doc, 1));
    assert_eq!(
        crate::extract::quality::unmapped_glyphs_to_spaces(&got).trim(),
        "c ng t c"
    );
}

#[test]
fn quote_operator_moves_to_the_next_line_and_shows() {
    let ops = vec![
        Operation::new("BT", vec![]),
        Operation::new("Tf", vec!["F1".into(), 12.into()]),
        Operation::new("TL", vec![14.into()]),
        Operation::new("Td", vec![72.into(), 760.into()]),
        Operation::new("Tj", vec![Object::string_literal("first")]),
        Operation::new("'", vec![Object::string_literal("second")]),
        Operation::new("ET", vec![]),
    ];
    let doc = one_page(ops, CMAP);
    assert_eq!(ours(&doc, 1).unwrap().trim(), "first\nsecond");
}

#[test]
fn unknown_fonts_and_text_without_a_font_are_handed_over() {
    let mut doc = one_page(line(72.0, 770.0, b"x"), CMAP);
    // Make the font a Type 3 font.
    for (_, o) in doc.objects.iter_mut() {
        if let Ok(d) = o.as_dict_mut() {
            if d.get(b"BaseFont").is_ok() {
                d.set("Subtype", "Type3");
            }
        }
    }
    assert!(ours(&doc, 1).is_err());
    let doc = one_page(
        vec![Operation::new("Tj", vec![Object::string_literal("x")])],
        CMAP,
    );
    assert!(ours(&doc, 1).is_err());
}

/// Every shipped fixture PDF with a text layer: where this reader takes a
/// page, its text is pdf-extract's, character for character.
#[test]
fn fixture_pdfs_read_the_same_as_pdf_extract() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pdf");
    let mut pages = 0;
    let mut taken = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "pdf") {
            continue;
        }
        let Ok(doc) = Document::load(&path) else {
            continue;
        };
        let mut cache = FontCache::default();
        for (number, id) in doc.get_pages() {
            pages += 1;
            if let Ok(text) = page_text(&doc, id, &mut cache) {
                taken += 1;
                assert_eq!(
                    text,
                    reference(&doc, number),
                    "{} page {number}",
                    path.display()
                );
            }
        }
    }
    assert!(pages >= 30, "only {pages} fixture pages");
    // Scanned pages have no fonts and are taken (as empty text) too; the
    // text-layer pages of every variant must be readable here.
    assert_eq!(taken, pages, "pages handed to pdf-extract");
}

fn any_operand() -> impl proptest::strategy::Strategy<Value = Object> {
    use proptest::prelude::*;
    prop_oneof![
        (-1e6f64..1e6).prop_map(|f| Object::Real(f as _)),
        any::<i32>().prop_map(|i| Object::Integer(i as i64)),
        proptest::collection::vec(any::<u8>(), 0..12).prop_map(Object::string_literal),
        Just(Object::Name(b"F1".to_vec())),
        Just(Object::Name(b"Nope".to_vec())),
        proptest::collection::vec(any::<i16>(), 0..4).prop_map(|v| Object::Array(
            v.into_iter().map(|i| Object::Integer(i as i64)).collect()
        )),
    ]
}

proptest::proptest! {
    #![proptest_config(crate::testing::proptest_config(300))]
    /// Any sequence of text and state operators with any operands: an
    /// answer or a hand-over, never a panic.
    #[test]
    fn arbitrary_operators_never_panic(
        ops in proptest::collection::vec(
            (
                proptest::sample::select(vec![
                    "BT", "ET", "Tf", "Tm", "Td", "TD", "T*", "Tj", "TJ", "'", "\"", "Tc", "Tw",
                    "Tz", "TL", "Ts", "cm", "q", "Q", "Do", "re", "f",
                ]),
                proptest::collection::vec(any_operand(), 0..7),
            ),
            0..40,
        )
    ) {
        let ops = ops.into_iter().map(|(op, args)| Operation::new(op, args)).collect();
        let doc = one_page(ops, CMAP);
        let _ = ours(&doc, 1);
    }
}
