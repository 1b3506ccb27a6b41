//! Parse throughput on a generated corpus of plans (MB/s of input text).
//!
//! The corpus is built here from templates: headers, openings, body
//! paragraphs with references and deadlines, distractors and signature
//! blocks, combined with varying numbers, names and dates, so that every
//! stage of the parser does real work. `cargo bench --bench parse`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const UNITS: &[&str] = &[
    "Đảng ủy Khối các cơ quan tỉnh",
    "Ban Thường vụ Tỉnh ủy",
    "Đảng ủy Sở Công Thương",
    "Chi bộ Trường Tiểu học Hòa Bình",
];
const KINDS: &[(&str, &str)] = &[
    ("Kết luận", "KL"),
    ("Chỉ thị", "CT"),
    ("Nghị quyết", "NQ"),
    ("Kế hoạch", "KH"),
    ("Quy định", "QĐ"),
];
const ROMAN: &[&str] = &["I", "II", "III", "IV"];

/// One generated plan; `i` varies everything that varies between plans.
fn plan(i: usize) -> String {
    let (kind, code) = KINDS[i % KINDS.len()];
    let unit = UNITS[i % UNITS.len()];
    let year = 2020 + i % 6;
    let mut t = format!(
        "ĐẢNG BỘ TỈNH HÒA GIANG\n{}\n*\nSố {}-KH/ĐUK\nHòa Giang, ngày {} tháng {} năm {year}\n\nKẾ HOẠCH\n\
         thực hiện {kind} số {}-{code}/TW của Bộ Chính trị về công tác cán bộ năm {year}\n-----\n\n\
         Thực hiện {kind} số {}-{code}/TW, ngày {}/{}/{} của Bộ Chính trị và Kế hoạch số {}-KH/TU, ngày 05/3/{year} \
         của Ban Thường vụ Tỉnh ủy, {unit} ban hành Kế hoạch thực hiện như sau:\n\nI. MỤC ĐÍCH, YÊU CẦU\n",
        unit.to_uppercase(),
        i % 300 + 1,
        i % 28 + 1,
        i % 12 + 1,
        i % 90 + 1,
        i % 90 + 1,
        i % 28 + 1,
        i % 12 + 1,
        year - 1,
        i % 70 + 1,
    );
    for p in 0..12 {
        let q = ROMAN[(i + p) % 4];
        t.push_str(&format!(
            "{}. Các chi bộ, đảng bộ cơ sở tổ chức quán triệt {kind} {} và Kế hoạch này đến cán bộ, đảng viên, người lao \
             động; gắn với nhiệm vụ chính trị nhiệm kỳ 2020 - 2025 và giai đoạn 2021-2025, thường xuyên kiểm tra, \
             định kỳ hằng năm báo cáo.\n- Ban Tuyên giáo chủ trì, phối hợp Văn phòng hoàn thành trước ngày {}/{}/{year}; \
             sơ kết trong quý {q} năm {year}; báo cáo vào tháng 02 hàng năm; Quyết định số {}/QĐ-UBND ngày 12/01/{year}.\n\
             + Tài liệu theo Nghị định số {}/2019/NĐ-CP của Chính phủ, hoàn thành trong tháng {}.\n",
            p + 1,
            i % 90 + 1,
            p % 28 + 1,
            p % 12 + 1,
            1000 + p,
            10 + p,
            p % 12 + 1,
        ));
    }
    t.push_str("\nNơi nhận:\n- Ban Thường vụ Tỉnh ủy (b/c),\n- Các chi bộ trực thuộc,\n- Lưu VP.\n\nT/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n\nNguyễn Văn Bình\n");
    t
}

fn corpus() -> Vec<String> {
    (0..200).map(plan).collect()
}

fn bench_parse(c: &mut Criterion) {
    let docs = corpus();
    let bytes: usize = docs.iter().map(String::len).sum();
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("200 generated plans", |b| {
        b.iter(|| {
            for d in &docs {
                std::hint::black_box(kehoach::parse::parse(std::hint::black_box(d)));
            }
        })
    });
    // One long text: the worst case for anything that is not linear.
    let long = docs.concat();
    group.throughput(Throughput::Bytes(long.len() as u64));
    group.bench_function("one text of all 200 plans", |b| {
        b.iter(|| std::hint::black_box(kehoach::parse::parse(std::hint::black_box(&long))))
    });
    group.finish();
}

criterion_group!(benches, bench_parse);
criterion_main!(benches);
