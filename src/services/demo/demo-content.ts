/**
 * Demo content for a new installation: the eight posts listed under
 * "Thông tin khác" on the sample ward page, with their real titles and
 * dates. Their bodies are invented and say so.
 */

export const DEMO_SITE = {
  name: 'Phường 1',
  unitType: 'phuong' as const,
  province: 'Đồng Tháp',
  hosts: ['localhost', '127.0.0.1'],
  address: 'Số 1 đường Hùng Vương, Phường 1, tỉnh Đồng Tháp (địa chỉ mẫu)',
  phone: '0277 3861 001',
  email: 'phuong1@dongthap.gov.vn',
  responsiblePerson: 'Nguyễn Văn An (tên mẫu)',
  responsibleTitle: 'Chủ tịch Ủy ban nhân dân phường',
};

/** The demo's province portal over the demo ward: another host on the same server (browsers send *.localhost to this machine). */
export const DEMO_PROVINCE_SITE = {
  name: 'Tỉnh Đồng Tháp',
  unitType: 'tinh' as const,
  province: 'Đồng Tháp',
  hosts: ['tinh.localhost'],
  address: 'Số 12 đường 30 Tháng 4, phường Cao Lãnh, tỉnh Đồng Tháp (địa chỉ mẫu)',
  phone: '0277 3851 000',
  email: 'ubnd@dongthap.gov.vn',
  responsiblePerson: 'Trần Văn Bình (tên mẫu)',
  responsibleTitle: 'Chủ tịch Ủy ban nhân dân tỉnh',
};

/** Demo accounts, one per role, all with the same password (printed at first start, in the README). */
export const DEMO_PASSWORD = 'xaphuong-demo';
export const DEMO_USERS = [
  { email: 'phongvien@phuong1.demo', displayName: 'Trần Thị Phóng Viên', role: 'contributor' as const },
  { email: 'bientap@phuong1.demo', displayName: 'Lê Văn Biên Tập', role: 'editor' as const },
  { email: 'lanhdao@phuong1.demo', displayName: 'Nguyễn Văn An', role: 'approver' as const },
  { email: 'quantri@phuong1.demo', displayName: 'Phạm Quản Trị', role: 'site_admin' as const },
  { email: 'tinh@dongthap.demo', displayName: 'Trung tâm CNTT tỉnh', role: null, platformAdmin: true },
];

export const DEMO_EXTRA_CATEGORY = { name: 'Việc làm ngoài nước', slug: 'viec-lam-ngoai-nuoc', kind: 'other' as const };

const DEMO_NOTE = '<p><em>Đây là nội dung mẫu để giới thiệu cổng thông tin; tiêu đề và ngày đăng lấy từ trang của phường, phần nội dung do hệ thống tạo ra.</em></p>';

export interface DemoPost {
  title: string;
  /** dd/mm/yyyy and the hour, in Vietnam time, so same-day posts keep the sample's order. */
  date: [day: number, month: number, year: number, hour: number];
  categorySlug: string;
  summary: string;
  body: string;
  image?: { scene: 'lanterns' | 'meeting'; alt: string; caption: string; placement: 'featured' | 'body' };
  featured?: boolean;
}

export const DEMO_POSTS: DemoPost[] = [
  {
    title: 'Tài liệu về Tuyên truyền hướng dẫn kỹ năng chằng chống nhà cửa và giải pháp quản lý vườn cây ăn trái trong mùa mưa bão',
    date: [19, 9, 2024, 9],
    categorySlug: 'tai-lieu',
    summary: 'Tài liệu hướng dẫn người dân chằng chống nhà cửa, bảo vệ vườn cây ăn trái trước mùa mưa bão.',
    body: `<p>Để chủ động ứng phó với mưa bão, Ủy ban nhân dân phường giới thiệu tài liệu tuyên truyền gồm các nội dung chính:</p>
<ul><li>Kiểm tra, gia cố mái nhà, cửa sổ và các vật dễ bị gió cuốn.</li><li>Chằng néo nhà bằng dây và bao cát đúng kỹ thuật.</li><li>Tỉa cành, chống đỡ cây ăn trái, khơi thông mương thoát nước trong vườn.</li></ul>
<p>Người dân cần hỗ trợ xin liên hệ Ban Chỉ huy phòng, chống thiên tai phường.</p>${DEMO_NOTE}`,
  },
  {
    title: 'ẤM ÁP CHƯƠNG TRÌNH TRUNG THU CHO TRẺ EM TRÊN ĐỊA BÀN PHƯỜNG 1',
    date: [16, 9, 2024, 19],
    categorySlug: 'tin-tuc',
    featured: true,
    summary: 'Đêm hội trăng rằm với rước đèn, phá cỗ và trao quà cho trẻ em có hoàn cảnh khó khăn trên địa bàn phường.',
    body: `<p>Tối ngày 16 tháng 9 năm 2024, tại sân Ủy ban nhân dân phường, Đoàn Thanh niên phối hợp với các đoàn thể tổ chức chương trình “Trung thu cho em”.</p>
<p>Các em thiếu nhi được tham gia rước đèn, xem múa lân, phá cỗ trăng rằm. Dịp này, chương trình trao 150 phần quà cho trẻ em có hoàn cảnh khó khăn, mỗi phần trị giá 200.000đ.</p>${DEMO_NOTE}`,
    image: { scene: 'lanterns', alt: 'Các em thiếu nhi rước đèn lồng trong đêm Trung thu', caption: 'Thiếu nhi rước đèn trong đêm hội Trung thu (ảnh minh họa).', placement: 'featured' },
  },
  {
    title: 'BAN THƯỜNG VỤ ĐẢNG ỦY GẶP GỠ, TRAO ĐỔI VỚI CÁN BỘ VÀ NHÂN DÂN TRÊN ĐỊA BÀN PHƯỜNG 1 NĂM 2024',
    date: [11, 9, 2024, 16],
    categorySlug: 'tin-tuc',
    summary: 'Ban Thường vụ Đảng ủy phường đối thoại trực tiếp, lắng nghe ý kiến của cán bộ và nhân dân.',
    body: `<p>Buổi gặp gỡ có sự tham dự của đại diện các khóm, các tổ chức chính trị - xã hội và đông đảo nhân dân.</p>
<p>Các ý kiến tập trung vào chỉnh trang đô thị, an ninh trật tự và thủ tục hành chính; các nội dung đã được lãnh đạo phường trả lời trực tiếp tại buổi gặp.</p>${DEMO_NOTE}`,
    image: { scene: 'meeting', alt: 'Quang cảnh hội trường trong buổi gặp gỡ giữa lãnh đạo và nhân dân', caption: 'Quang cảnh buổi gặp gỡ, trao đổi (ảnh minh họa).', placement: 'body' },
  },
  {
    title: 'Thông báo phân luồng giao thông trong thời gian thi công cầu Sa Đéc (cầu Nàng Hai) tại Km3+139 trên Quốc lộ 80',
    date: [11, 9, 2024, 10],
    categorySlug: 'thong-bao',
    summary: 'Phân luồng phương tiện qua khu vực thi công cầu Sa Đéc (cầu Nàng Hai).',
    body: `<p>Trong thời gian thi công, các phương tiện lưu thông theo hướng dẫn sau:</p>
<table><thead><tr><th scope="col">Loại phương tiện</th><th scope="col">Lộ trình</th></tr></thead>
<tbody><tr><td>Xe mô tô, xe gắn máy</td><td>Đi qua cầu tạm bên phải tuyến</td></tr><tr><td>Ô tô trên 16 chỗ, xe tải</td><td>Đi theo đường tránh theo biển chỉ dẫn</td></tr></tbody></table>
<p>Đề nghị người dân chấp hành hướng dẫn của lực lượng điều tiết giao thông.</p>${DEMO_NOTE}`,
  },
  {
    title: 'NGÀY TÌNH NGUYỆN TUỔI TRẺ ĐẤT SEN HỒNG HOẠT ĐỘNG RA QUÂN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG HƯỞNG ỨNG NGÀY CHUYỂN ĐỔI SỐ QUỐC GIA',
    date: [11, 9, 2024, 8],
    categorySlug: 'tin-tuc',
    summary: 'Tổ công nghệ số cộng đồng hướng dẫn người dân cài đặt VNeID và sử dụng dịch vụ công trực tuyến.',
    body: `<p>Các đoàn viên thanh niên đã hướng dẫn người dân kích hoạt tài khoản định danh điện tử, thanh toán không dùng tiền mặt và nộp hồ sơ trực tuyến.</p>${DEMO_NOTE}`,
  },
  {
    title: 'Thông báo tuyển chọn Thực tập sinh đi làm việc có thời hạn tại Nhật Bản của Công ty Cổ phần Nhân lực Quốc tế',
    date: [6, 9, 2024, 9],
    categorySlug: 'thong-bao',
    summary: 'Thông tin tuyển chọn thực tập sinh kỹ năng đi làm việc có thời hạn tại Nhật Bản.',
    body: `<p>Người lao động quan tâm liên hệ bộ phận Lao động – Thương binh và Xã hội của phường để được tư vấn về điều kiện, chi phí và hồ sơ.</p>${DEMO_NOTE}`,
  },
  {
    title: 'Thông tin các đơn hàng đi làm việc ở nước ngoài có thời hạn',
    date: [4, 9, 2024, 15],
    categorySlug: DEMO_EXTRA_CATEGORY.slug,
    summary: 'Danh sách đơn hàng đi làm việc ở nước ngoài theo hợp đồng, cập nhật tháng 9 năm 2024.',
    body: `<p>Các đơn hàng hiện có gồm: chế biến thực phẩm, xây dựng, điều dưỡng. Người lao động chỉ nên đăng ký qua doanh nghiệp được cấp phép.</p>${DEMO_NOTE}`,
  },
  {
    title: 'Những nội dung cốt lõi trong Di chúc của Chủ tịch Hồ Chí Minh',
    date: [4, 9, 2024, 9],
    categorySlug: 'tai-lieu',
    summary: 'Tài liệu tuyên truyền kỷ niệm 55 năm thực hiện Di chúc của Chủ tịch Hồ Chí Minh.',
    body: `<p>Tài liệu tóm tắt những nội dung cốt lõi trong Di chúc: về Đảng, về đoàn kết, về thế hệ trẻ, về nhân dân lao động và về sự nghiệp thống nhất đất nước.</p>${DEMO_NOTE}`,
  },
];
