//! Word pools for generated plans. Names of people are invented combinations;
//! provinces and the central directives are public facts of the domain.

/// A directive from the centre that province plans implement.
pub struct Directive {
    pub number: &'static str,
    /// "YYYY-MM-DD"
    pub date: &'static str,
    pub kind: &'static str,
    pub issuer: &'static str,
    pub subject: &'static str,
    /// A further directive the subject line itself names.
    pub also: Option<&'static str>,
    /// Short form used after a full mention ("Kết luận 01").
    pub short: &'static str,
}

pub const DIRECTIVES: &[Directive] = &[
    Directive {
        number: "05-CT/TW",
        date: "2016-05-15",
        kind: "Chỉ thị",
        issuer: "Bộ Chính trị",
        subject: "về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        also: None,
        short: "Chỉ thị 05",
    },
    Directive {
        number: "01-KL/TW",
        date: "2021-05-18",
        kind: "Kết luận",
        issuer: "Bộ Chính trị",
        subject: "về tiếp tục thực hiện Chỉ thị số 05-CT/TW về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        also: Some("05-CT/TW"),
        short: "Kết luận 01",
    },
    Directive {
        number: "35-NQ/TW",
        date: "2018-10-22",
        kind: "Nghị quyết",
        issuer: "Bộ Chính trị",
        subject: "về tăng cường bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch trong tình hình mới",
        also: None,
        short: "Nghị quyết 35",
    },
    Directive {
        number: "14-KL/TW",
        date: "2021-09-22",
        kind: "Kết luận",
        issuer: "Bộ Chính trị",
        subject: "về chủ trương khuyến khích và bảo vệ cán bộ năng động, sáng tạo vì lợi ích chung",
        also: None,
        short: "Kết luận 14",
    },
    Directive {
        number: "21-CT/TW",
        date: "2022-03-09",
        kind: "Chỉ thị",
        issuer: "Ban Bí thư",
        subject: "về tăng cường công tác phòng, chống tham nhũng, tiêu cực ở cơ sở",
        also: None,
        short: "Chỉ thị 21",
    },
];

/// Documents a plan may cite in its body besides its parents.
pub const EXTRA_CITES: &[(&str, &str, &str, &str)] = &[
    (
        "08-QĐi/TW",
        "Quy định",
        "Ban Chấp hành Trung ương",
        "về trách nhiệm nêu gương của cán bộ, đảng viên",
    ),
    (
        "37-HD/BTGTW",
        "Hướng dẫn",
        "Ban Tuyên giáo Trung ương",
        "về tổ chức học tập chuyên đề hằng năm",
    ),
    (
        "124-CV/VP.ĐUK",
        "Công văn",
        "Văn phòng Đảng ủy Khối",
        "về việc báo cáo kết quả thực hiện",
    ),
];

pub const PROVINCES: &[&str] = &[
    "Nam Định",
    "Lai Châu",
    "Bến Tre",
    "Quảng Trị",
    "Yên Bái",
    "Phú Yên",
    "Tây Ninh",
    "Hà Giang",
    "Kon Tum",
    "Sóc Trăng",
    "Ninh Thuận",
    "Bắc Kạn",
    "Hòa Bình",
    "Đắk Nông",
    "Hậu Giang",
    "Thái Bình",
    "Quảng Ngãi",
    "Điện Biên",
    "Bạc Liêu",
    "Lạng Sơn",
    "Bình Phước",
    "Hưng Yên",
    "Thừa Thiên Huế",
    "Cao Bằng",
    "Đồng Tháp",
    "Gia Lai",
    "Hà Tĩnh",
    "Long An",
    "Phú Thọ",
    "Sơn La",
    "Tuyên Quang",
    "Vĩnh Long",
];

/// Blocs of a province: (name after "Đảng ủy Khối", header line).
pub const BLOCS: &[(&str, &str)] = &[
    ("các cơ quan tỉnh", "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH"),
    ("doanh nghiệp tỉnh", "ĐẢNG ỦY KHỐI DOANH NGHIỆP TỈNH"),
];

/// Grassroots units under the first bloc (agencies).
pub const AGENCY_UNITS: &[&str] = &[
    "Sở Nội vụ",
    "Sở Tài chính",
    "Sở Tư pháp",
    "Sở Xây dựng",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Công Thương",
    "Sở Giao thông vận tải",
    "Sở Kế hoạch và Đầu tư",
    "Sở Thông tin và Truyền thông",
    "Sở Khoa học và Công nghệ",
    "Sở Tài nguyên và Môi trường",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Văn phòng Ủy ban nhân dân tỉnh",
    "Thanh tra tỉnh",
    "Ban Dân tộc tỉnh",
    "Đài Phát thanh và Truyền hình tỉnh",
];

/// Grassroots units under the second bloc (enterprises).
pub const ENTERPRISE_UNITS: &[&str] = &[
    "Công ty Điện lực",
    "Công ty Cổ phần Cấp thoát nước",
    "Công ty Xổ số kiến thiết",
    "Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh tỉnh",
    "Công ty Cổ phần Môi trường đô thị",
    "Bưu điện tỉnh",
    "Công ty Cổ phần Dược phẩm",
    "Công ty TNHH Một thành viên Khai thác công trình thủy lợi",
    "Ngân hàng Thương mại Cổ phần Công thương chi nhánh tỉnh",
    "Viễn thông tỉnh",
];

pub const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Lưu", "Thạch", "Trịnh",
];
pub const MIDDLE: &[&str] = &[
    "Văn", "Thị", "Minh", "Hữu", "Thanh", "Quốc", "Ngọc", "Đức", "Thu", "Kim",
];
pub const GIVEN: &[&str] = &[
    "Tâm", "Hùng", "Lan", "Sơn", "Hòa", "Thủy", "Khoa", "Phúc", "Duyên", "Tuấn", "Hạnh", "Dũng",
    "Nga", "Thành", "Bình", "Quyên", "Trí", "Hiền", "Lộc", "Toàn",
];
