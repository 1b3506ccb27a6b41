//! Property tests: the parser takes any string — random bytes of text or
//! shuffled fragments of plans — without panicking, and every record it
//! returns keeps its offsets inside the text and validates against the schema.

use std::path::Path;
use std::sync::LazyLock;

use kehoach::model::{PlanRecord, Span};
use proptest::prelude::*;
use serde_json::Value;

#[path = "../src/testing.rs"]
mod testing;

static VALIDATOR: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/plan.schema.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
});

/// Pieces of plans, damaged ones included, to be combined at random.
const FRAGMENTS: &[&str] = &[
    "KẾ HOẠCH",
    "HƯỚNG DẪN\n",
    "ĐẢNG BỘ TỈNH NAM SƠN",
    "* Nam Sơn, ngày 31 tháng 2 năm 2024",
    "Số 07-KH/TU",
    "Số: /KH-UBND",
    "-----",
    "Thực hiện Kết luận số 12-",
    "\nKL/TW, ngày 99/13/2021 của Bộ Chính trị",
    "Căn cứ Nghị định số 45/2019/NĐ-CP",
    " Kết luận 12 ",
    "Chỉ thị 05",
    "trước ngày 31/2/2023",
    "trong tháng 13/2022",
    "quý V/2023",
    "quý IV của năm trước đó",
    "tháng 02 hàng năm",
    "hằng năm",
    "nhiệm kỳ 2020 - 2025",
    "I. MỤC ĐÍCH",
    "1.1. Nội dung",
    "a) ",
    "Nơi nhận:",
    "- Lưu VP.",
    "T/M BAN THƯỜNG VỤ",
    "K/T",
    "PHÓ BÍ THƯ",
    "Lƣơng Văn Mừng",
    "⁽¹⁾",
    "**",
    "\n",
    "\n\n",
    "   ",
    "ngày",
    "/",
    "-",
    "ƣ",
    "\u{0301}",
    "🙂",
    "\r\n",
];

fn check(record: &PlanRecord) -> Result<(), TestCaseError> {
    let n = record.text.chars().count();
    let inside = |s: &Span| s.start <= s.end && s.end <= n;
    for r in &record.references {
        prop_assert!(
            r.spans.iter().all(inside),
            "reference {} spans {:?} beyond {n}",
            r.number,
            r.spans
        );
        prop_assert_eq!(r.spans.len(), r.mentions as usize);
    }
    for d in &record.deadlines {
        prop_assert!(inside(&d.span), "deadline span {:?} beyond {n}", d.span);
    }
    for h in &record.outline {
        prop_assert!(h.offset <= n);
    }
    let json = serde_json::to_value(record).unwrap();
    let errors: Vec<String> = VALIDATOR
        .iter_errors(&json)
        .map(|e| e.to_string())
        .collect();
    prop_assert!(errors.is_empty(), "schema errors: {errors:?}");
    Ok(())
}

proptest! {
    #![proptest_config(testing::proptest_config(400))]

    #[test]
    fn any_string_parses(text in "\\PC*") {
        check(&kehoach::parse::parse(&text))?;
    }

    #[test]
    fn any_mix_of_plan_fragments_parses(parts in proptest::collection::vec(proptest::sample::select(FRAGMENTS), 0..60)) {
        let text: String = parts.concat();
        check(&kehoach::parse::parse(&text))?;
        // The whole pipeline too, as `kehoach parse` runs it.
        check(&kehoach::pipeline::text_to_record(&text, Default::default()))?;
    }
}
