//! One node of the tree to the text of a plan and its truth.

use chrono::{Datelike, Duration, NaiveDate};

use super::names::{Directive, BLOCS, DIRECTIVES, EXTRA_CITES, FAMILY, GIVEN, MIDDLE, PROVINCES};
use super::tree::{directive_date, units_of, Node, Tree};
use super::{CorpusConfig, GeneratedPlan, Level, PlanTruth, TruthDeadline, TruthSigner};
use crate::index::fold_diacritics;
use crate::rng::Rng;

/// Names of a node's issuer in the forms a plan uses.
struct Issuer {
    /// Body in sentences ("Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh").
    body: String,
    /// Organisation ("Đảng ủy Khối các cơ quan tỉnh").
    unit: String,
    /// Left header column, top to bottom.
    header: Vec<String>,
    /// What "T/M" names in the signature.
    on_behalf_of: &'static str,
}

fn issuer_of(node: &Node) -> Issuer {
    let province = PROVINCES[node.province];
    let province_up = province.to_uppercase();
    match node.level {
        Level::Province => Issuer {
            body: "Ban Thường vụ Tỉnh ủy".into(),
            unit: format!("Tỉnh ủy {province}"),
            header: vec![format!("TỈNH ỦY {province_up}")],
            on_behalf_of: "BAN THƯỜNG VỤ",
        },
        Level::Bloc => {
            let (name, line) = BLOCS[node.bloc];
            Issuer {
                body: format!("Ban Thường vụ Đảng ủy Khối {name}"),
                unit: format!("Đảng ủy Khối {name}"),
                header: vec![format!("ĐẢNG BỘ TỈNH {province_up}"), line.into()],
                on_behalf_of: "BAN THƯỜNG VỤ",
            }
        }
        Level::Unit => {
            let unit = units_of(node.bloc)[node.unit];
            Issuer {
                body: format!("Đảng ủy {unit}"),
                unit: format!("Đảng ủy {unit}"),
                header: vec![
                    BLOCS[node.bloc].1.into(),
                    format!("ĐẢNG ỦY {}", unit.to_uppercase()),
                ],
                on_behalf_of: "ĐẢNG ỦY",
            }
        }
    }
}

fn slash_date(d: NaiveDate, rng: &mut Rng) -> String {
    if rng.chance(0.5) {
        format!("{}/{}/{}", d.day(), d.month(), d.year())
    } else {
        format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
    }
}

/// A damaged spelling of a canonical number, as extraction produces them.
pub fn damage(number: &str, rng: &mut Rng) -> String {
    let Some((num, rest)) = number.split_once('-') else {
        return number.to_string();
    };
    let variants = [0, 1, 2, 3, 4];
    match rng.pick(&variants) {
        0 if num.starts_with('0') && num.len() > 1 => format!("{}-{rest}", &num[1..]),
        0 | 1 => format!("{num}- {rest}"),
        2 => format!("{num} - {rest}"),
        3 => match rest.split_once('/') {
            Some((kind, issuer)) if !issuer.contains('/') => format!("{num}/{kind}-{issuer}"),
            _ => format!("{num}/{rest}"),
        },
        _ => format!("{num}-\n{rest}"),
    }
}

/// Collects what the text cites and how numbers are spelled.
struct Cites {
    cited: Vec<String>,
    damaged: Vec<String>,
    rate: f64,
}

impl Cites {
    fn note(&mut self, number: &str) {
        if !self.cited.iter().any(|c| c == number) {
            self.cited.push(number.to_string());
        }
    }

    /// Spell `number` for the text (damaged with probability `rate`), noting it.
    fn mention(&mut self, number: &str, rng: &mut Rng) -> String {
        self.note(number);
        if rng.chance(self.rate) {
            let spelled = damage(number, rng);
            if spelled != number {
                self.damaged.push(spelled.clone());
            }
            spelled
        } else {
            number.to_string()
        }
    }
}

const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];

fn month_end(year: i32, month: u32) -> NaiveDate {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).expect("valid month") - Duration::days(1)
}

/// How many dated deadlines a plan can have (tuyên truyền, sơ kết, báo cáo).
const DEADLINE_SLOTS: usize = 3;

/// The days a plan's dated deadlines aim at, one per slot, and the latest day
/// any of them may fall on.
///
/// Real hierarchies keep deadlines in order: a unit must finish before the
/// bloc that reports on it. So a child's deadlines never fall after the
/// earliest of its parent's (the cap), and a clean generated archive raises no
/// "deadline after parent" finding; only planted errors do. The days come from
/// their own stream, seeded by the node, so a child can work out its parent's
/// without rendering it.
fn planned_deadlines(
    cfg: &CorpusConfig,
    tree: &Tree,
    i: usize,
) -> ([NaiveDate; DEADLINE_SLOTS], Option<NaiveDate>) {
    let node = &tree.nodes[i];
    let mut rng = Rng::scrambled(
        cfg.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (i as u64 + 1).rotate_left(17),
    );
    let cap = node.parent.map(|p| {
        planned_deadlines(cfg, tree, p)
            .0
            .into_iter()
            .min()
            .expect("slots")
    });
    let days = std::array::from_fn(|_| {
        let d = node.date + Duration::days(rng.range(20, 300));
        match cap {
            Some(cap) => d.min(cap),
            None => d,
        }
    });
    (days, cap)
}

/// A deadline phrase for day `d`: a day, month or quarter that contains it.
/// When a month or quarter would end after `cap`, the phrase names the day.
fn dated_deadline(d: NaiveDate, cap: Option<NaiveDate>, rng: &mut Rng) -> TruthDeadline {
    let q = (d.month0() / 3) as usize;
    let (text, due) = match rng.below(4) {
        1 => (
            format!("trong quý {} năm {}", ROMAN[q], d.year()),
            month_end(d.year(), q as u32 * 3 + 3),
        ),
        2 => (
            format!("trong tháng {:02}/{}", d.month(), d.year()),
            month_end(d.year(), d.month()),
        ),
        3 => (
            format!("Quý {}/{}", ROMAN[q], d.year()),
            month_end(d.year(), q as u32 * 3 + 3),
        ),
        _ => (format!("trước ngày {}", slash_date(d, rng)), d),
    };
    let (text, due) = match cap {
        Some(cap) if due > cap => (format!("trước ngày {}", slash_date(d, rng)), d),
        _ => (text, due),
    };
    TruthDeadline {
        text,
        due: Some(due.format("%Y-%m-%d").to_string()),
        recurring: false,
        frequency: None,
    }
}

fn recurring_deadline(rng: &mut Rng) -> TruthDeadline {
    let (text, freq) = *rng.pick(&[
        ("hằng năm", "yearly"),
        ("hằng quý", "quarterly"),
        ("hằng tháng", "monthly"),
        ("hàng năm", "yearly"),
    ]);
    TruthDeadline {
        text: text.into(),
        due: None,
        recurring: true,
        frequency: Some(freq.into()),
    }
}

/// Hard-wrap a paragraph at about `width` characters, at spaces.
fn wrap(par: &str, width: usize) -> String {
    let mut out = String::with_capacity(par.len() + 16);
    let mut col = 0;
    for word in par.split(' ') {
        let len = word.chars().count();
        if col > 0 && col + 1 + len > width {
            out.push('\n');
            col = 0;
        } else if col > 0 {
            out.push(' ');
            col += 1;
        }
        out.push_str(word);
        col += len;
    }
    out
}

pub fn render(cfg: &CorpusConfig, tree: &Tree, i: usize) -> GeneratedPlan {
    let node = &tree.nodes[i];
    let mut rng = Rng::scrambled(cfg.seed.wrapping_mul(0x2545_F491_4F6C_DD1D) ^ (i as u64 + 1));
    let dir: &Directive = &DIRECTIVES[node.directive];
    let me = issuer_of(node);
    let province = PROVINCES[node.province];
    let mut cites = Cites {
        cited: Vec::new(),
        damaged: Vec::new(),
        rate: cfg.damage_rate,
    };
    let wrapped = rng.chance(cfg.wrap_rate);
    let mut out: Vec<String> = Vec::new();

    // Header block: two columns on one line, or the columns one after the other.
    let number_as_written = cites_number_in_header(&node.number, &mut rng, cfg.damage_rate);
    if number_as_written != node.number {
        cites.damaged.push(number_as_written.clone());
    }
    let place_date = format!(
        "{province}, ngày {} tháng {} năm {}",
        node.date.day(),
        node.date.month(),
        node.date.year()
    );
    if rng.chance(0.5) {
        let first = &me.header[0];
        out.push(format!("{first:<48}ĐẢNG CỘNG SẢN VIỆT NAM"));
        for line in &me.header[1..] {
            out.push(line.clone());
        }
        out.push("*".into());
        out.push(format!("Số {:<44}{place_date}", number_as_written));
    } else {
        out.extend(me.header.iter().cloned());
        out.push("*".into());
        out.push(format!("Số {number_as_written}"));
        out.push("ĐẢNG CỘNG SẢN VIỆT NAM".into());
        out.push(place_date);
    }
    out.push(String::new());
    out.push("KẾ HOẠCH".into());

    // Subject line names the directive (and what it continues).
    let dir_date = directive_date(node.directive);
    let mut dir_num = cites.mention(dir.number, &mut rng);
    if dir_num.contains('\n') {
        // The subject line is joined; a line break inside it would not survive.
        cites.damaged.pop();
        dir_num = dir_num.replace('\n', "");
        if dir_num != dir.number {
            cites.damaged.push(dir_num.clone());
        }
    }
    if let Some(also) = dir.also {
        // Named inside the fixed subject wording, spelled canonically.
        cites.note(also);
    }
    let title = format!(
        "thực hiện {} số {}, ngày {} của {} {}",
        dir.kind,
        dir_num,
        slash_date(dir_date, &mut rng),
        dir.issuer,
        dir.subject
    );
    out.push(wrap(&title, 72));
    out.push("-----".into());
    out.push(String::new());

    // Opening sentence: names the parent (plan, or directive for the top).
    let (parent_number, parent_date, parent_issuer, parent_path, parent_as_written);
    let opening_verb = *rng.pick(&["Thực hiện", "Thực hiện", "Căn cứ"]);
    let action = *rng.pick(&[
        "ban hành Kế hoạch thực hiện như sau:",
        "xây dựng Kế hoạch thực hiện, với những nội dung như sau:",
        "ban hành Kế hoạch triển khai thực hiện trong toàn Đảng bộ như sau:",
    ]);
    let opening = match node.parent {
        None => {
            let spelled = cites.mention(dir.number, &mut rng);
            parent_number = Some(dir.number.to_string());
            parent_date = Some(dir.date.to_string());
            parent_issuer = Some(dir.issuer.to_string());
            parent_path = None;
            parent_as_written = Some(spelled.clone());
            format!(
                "{opening_verb} {} số {spelled}, ngày {} của {} {}; {} {action}",
                dir.kind,
                slash_date(dir_date, &mut rng),
                dir.issuer,
                dir.subject,
                me.body
            )
        }
        Some(p) => {
            let parent = &tree.nodes[p];
            let pi = issuer_of(parent);
            let spelled = cites.mention(&parent.number, &mut rng);
            parent_number = Some(parent.number.clone());
            parent_date = Some(parent.date.format("%Y-%m-%d").to_string());
            parent_issuer = Some(pi.body.clone());
            parent_path = Some(rel_path(tree, p));
            parent_as_written = Some(spelled.clone());
            let dir_spelled = cites.mention(dir.number, &mut rng);
            format!(
                "{opening_verb} Kế hoạch số {spelled}, ngày {} của {} về thực hiện {} số {dir_spelled} của {}; {} {action}",
                slash_date(parent.date, &mut rng),
                pi.body,
                dir.kind,
                dir.issuer,
                me.body
            )
        }
    };
    // Header and subject lines keep their layout; paragraphs from here on
    // may be hard-wrapped.
    let body_start = out.len();
    out.push(opening.clone());

    // Body.
    let mut deadlines = Vec::new();
    let (deadline_days, deadline_cap) = planned_deadlines(cfg, tree, i);
    let short = dir.short;
    let scope = match node.level {
        Level::Province => "toàn Đảng bộ tỉnh",
        Level::Bloc => "Đảng bộ Khối",
        Level::Unit => "Đảng bộ cơ quan",
    };
    out.push(
        rng.pick(&["I. MỤC ĐÍCH, YÊU CẦU", "I- MỤC ĐÍCH, YÊU CẦU"])
            .to_string(),
    );
    let d2 = cites.mention(dir.number, &mut rng);
    let aims = [
        format!("1. Quán triệt sâu sắc nội dung {} số {d2} của {} đến cán bộ, đảng viên, công chức, viên chức và người lao động; tạo chuyển biến rõ nét về nhận thức và hành động trong {scope}.", dir.kind, dir.issuer),
        "2. Việc triển khai phải gắn với nhiệm vụ chính trị của từng cơ quan, đơn vị, bảo đảm thiết thực, hiệu quả, tránh hình thức; phát huy vai trò nêu gương của người đứng đầu cấp ủy.".to_string(),
        format!("3. Xác định cụ thể nội dung, lộ trình và trách nhiệm của từng tổ chức đảng, đoàn thể trong thực hiện {short}; gắn kết quả thực hiện với đánh giá, xếp loại tổ chức đảng và đảng viên cuối năm, góp phần thực hiện thắng lợi nghị quyết đại hội đảng bộ các cấp nhiệm kỳ 2020 - 2025."),
    ];
    let n_aims = 2 + rng.below(2);
    out.extend(aims[..n_aims].iter().cloned());

    out.push(
        rng.pick(&[
            "II. NỘI DUNG THỰC HIỆN",
            "II. NỘI DUNG VÀ GIẢI PHÁP THỰC HIỆN",
        ])
        .to_string(),
    );
    out.push("1. Công tác tuyên truyền, quán triệt".into());
    let dl = dated_deadline(deadline_days[0], deadline_cap, &mut rng);
    out.push(format!("- Tổ chức học tập, quán triệt {short} và Kế hoạch này cho cán bộ, đảng viên, hoàn thành {}.", dl.text));
    deadlines.push(dl);
    if rng.chance(0.5) {
        let (num, kind, issuer, subject) = *rng.pick(EXTRA_CITES);
        let spelled = cites.mention(num, &mut rng);
        out.push(format!("- Gắn việc thực hiện Kế hoạch với {kind} số {spelled} của {issuer} {subject}, nâng cao ý thức tự giác của mỗi cán bộ, đảng viên."));
    }
    out.push("2. Xây dựng và thực hiện chuyên đề".into());
    let rec = recurring_deadline(&mut rng);
    out.push(format!("- Các chi bộ trực thuộc xây dựng kế hoạch thực hiện chuyên đề {}, lựa chọn nội dung đột phá phù hợp với đặc điểm của cơ quan, đơn vị.", rec.text));
    deadlines.push(rec);
    if rng.chance(0.6) {
        let dl = dated_deadline(deadline_days[1], deadline_cap, &mut rng);
        out.push(format!("- Tổ chức sơ kết việc thực hiện {short} {}; biểu dương, khen thưởng tập thể, cá nhân tiêu biểu.", dl.text));
        deadlines.push(dl);
    }
    out.push("3. Tăng cường kiểm tra, giám sát".into());
    out.push("- Đưa nội dung thực hiện Kế hoạch vào chương trình kiểm tra, giám sát của cấp ủy; kịp thời chấn chỉnh những hạn chế, khuyết điểm.".into());

    out.push(
        rng.pick(&["III. TỔ CHỨC THỰC HIỆN", "III- TỔ CHỨC THỰC HIỆN"])
            .to_string(),
    );
    let dl = dated_deadline(deadline_days[2], deadline_cap, &mut rng);
    out.push(format!("1. Các chi bộ, đoàn thể trực thuộc căn cứ Kế hoạch này xây dựng kế hoạch cụ thể, gửi về {} {}.", me.unit, dl.text));
    deadlines.push(dl);
    out.push(format!("2. Văn phòng {} theo dõi, đôn đốc, định kỳ tổng hợp kết quả, báo cáo cấp ủy cấp trên theo quy định.", me.unit));
    let d3 = cites.mention(dir.number, &mut rng);
    out.push(format!("Trên đây là Kế hoạch thực hiện {} số {d3} của {}, đề nghị các đơn vị nghiêm túc triển khai thực hiện./.", dir.kind, dir.issuer));
    out.push(String::new());

    // Recipients.
    out.push("Nơi nhận:".into());
    match node.parent {
        Some(p) => out.push(format!("- {} (b/c);", issuer_of(&tree.nodes[p]).body)),
        None => out.push("- Văn phòng Trung ương Đảng (b/c);".into()),
    }
    out.push("- Các chi bộ, đảng bộ trực thuộc;".into());
    out.push("- Lưu Văn phòng.".into());
    out.push(String::new());

    // Signature.
    let name = format!(
        "{} {} {}",
        rng.pick(FAMILY),
        rng.pick(MIDDLE),
        rng.pick(GIVEN)
    );
    let signer = if rng.chance(0.7) {
        let position = *rng.pick(&["BÍ THƯ", "PHÓ BÍ THƯ"]);
        out.push(format!("T/M {}", me.on_behalf_of));
        out.push(position.into());
        TruthSigner {
            name: name.clone(),
            position: position.into(),
            mode: "T/M".into(),
            on_behalf_of: me.on_behalf_of.into(),
        }
    } else {
        out.push("K/T BÍ THƯ".into());
        out.push("PHÓ BÍ THƯ".into());
        TruthSigner {
            name: name.clone(),
            position: "PHÓ BÍ THƯ".into(),
            mode: "K/T".into(),
            on_behalf_of: "BÍ THƯ".into(),
        }
    };
    out.push(String::new());
    out.push(name);

    let body: Vec<String> = if wrapped {
        out.iter()
            .enumerate()
            .map(|(i, p)| {
                if i >= body_start {
                    wrap(p, 80)
                } else {
                    p.clone()
                }
            })
            .collect()
    } else {
        out
    };
    let mut text = body.join("\n");
    text.push('\n');

    let mut header = me.header.clone();
    header.retain(|l| l != "*");
    let truth = PlanTruth {
        rel_path: rel_path(tree, i),
        number: node.number.clone(),
        number_as_written,
        date: node.date.format("%Y-%m-%d").to_string(),
        place: province.into(),
        issuer: me.body,
        unit: me.unit,
        province: province.into(),
        level: node.level,
        header,
        title: title.replace('\n', " "),
        parent_number,
        parent_date,
        parent_issuer,
        parent_path,
        roots: std::iter::once(dir.number)
            .chain(dir.also)
            .map(String::from)
            .collect(),
        cited: cites.cited,
        opening,
        parent_as_written,
        damaged: cites.damaged,
        deadlines,
        signer,
        wrapped,
    };
    GeneratedPlan {
        rel_path: truth.rel_path.clone(),
        text,
        truth,
    }
}

/// The header's own number: damaged less often than mentions, never broken
/// across lines (it sits on one header line).
fn cites_number_in_header(number: &str, rng: &mut Rng, rate: f64) -> String {
    if rng.chance(rate / 2.0) {
        damage(number, rng).replace('\n', "")
    } else {
        number.to_string()
    }
}

fn slug(s: &str) -> String {
    let folded = fold_diacritics(s).to_lowercase();
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// `province/issuer/NNNNN-number.txt`: unique by the node index.
pub fn rel_path(tree: &Tree, i: usize) -> String {
    let node = &tree.nodes[i];
    format!(
        "{}/{}/{:06}-{}.txt",
        slug(PROVINCES[node.province]),
        slug(&issuer_of(node).unit),
        i,
        slug(&node.number)
    )
}
