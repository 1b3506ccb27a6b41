//! Character error rate of extracted text against a fixture's source, shared
//! by the extraction tests and the extraction benchmark (both include this
//! file with `#[path]`).

use std::path::Path;

/// The source text as the PDF lays it out: the header's left column, then
/// its right column (the motto and the place-date line).
pub fn source_text(plan: &str) -> String {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/pdf/src")
            .join(format!("{plan}.txt")),
    )
    .unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let Some(kind) = lines.iter().position(|l| l.trim() == "KẾ HOẠCH") else {
        return text;
    };
    let right = |l: &str| {
        l.starts_with("ĐẢNG CỘNG SẢN") || l.starts_with("CỘNG HÒA") || l.contains(", ngày ")
    };
    let head = &lines[..kind];
    let mut out: Vec<&str> = head.iter().copied().filter(|l| !right(l)).collect();
    out.extend(head.iter().copied().filter(|l| right(l)));
    out.extend(&lines[kind..]);
    out.join("\n")
}

fn fold(s: &str) -> Vec<char> {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .collect()
}

/// Levenshtein distance over characters divided by the reference length.
pub fn cer(reference: &str, got: &str) -> f64 {
    let (a, b) = (fold(reference), fold(got));
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let sub = prev[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] as f64 / a.len().max(1) as f64
}
