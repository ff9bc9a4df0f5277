import type { Kysely } from 'kysely';
import type { Database, SiteRow } from '../../src/db/schema.ts';
import { buildArticle } from './factories.ts';

/**
 * Ward news written for the relevance suite the way Vietnamese
 * administrations write it: abbreviations mixed with long forms, document
 * numbers, amounts in digits and in words, dates in words. Each class has
 * distractors on purpose: items that hold the query's words scattered, the
 * number in another sense, or a half-typed word's longer cousin, and are
 * newer than the item meant, so recency cannot rescue a wrong ranking.
 */
export const SEARCH_CORPUS = {
  // Abbreviations.
  mttqTet: [
    'MTTQ phường trao quà Tết cho hộ nghèo',
    'Ngày 20/01/2025, Ban Thường trực Ủy ban MTTQ phường 3 trao 150 phần quà Tết cho hộ nghèo, hộ cận nghèo.',
    '2025-01-20',
  ],
  matTranHop: [
    'Hội nghị Mặt trận các khu phố năm 2025',
    'Ban công tác Mặt trận khu phố 2 họp bàn việc chăm lo Tết; quà của tổ dân phố được trao đúng hẹn, góp phần bảo vệ Tổ quốc.',
    '2025-02-10',
  ],
  matTranQuy: [
    'Ủy ban Mặt trận Tổ quốc phường vận động Quỹ Vì người nghèo',
    'Năm 2024, Quỹ Vì người nghèo của phường đã vận động được 2,5 tỷ đồng từ cán bộ, doanh nghiệp và nhân dân.',
    '2024-12-15',
  ],
  ubndPccc: [
    'UBND phường ban hành kế hoạch phòng cháy chữa cháy mùa khô',
    'Kế hoạch yêu cầu các khu phố kiểm tra công tác PCCC tại chợ, trường học và khu dân cư.',
    '2024-02-20',
  ],
  hdndKyHop: ['Kỳ họp thứ 8 Hội đồng nhân dân phường khóa XII', 'Đại biểu HĐND chất vấn về an toàn giao thông và xử lý rác thải.', '2024-07-05'],
  hoiDongThiDua: [
    'Hội đồng thi đua khen thưởng phường họp phiên cuối năm',
    'Nhân dịp cuối năm, hội đồng xét khen thưởng các tập thể; dân phố đề nghị họp kỳ sau sớm hơn.',
    '2024-12-28',
  ],
  ccb: ['Hội CCB phường tổng kết năm 2024', 'Hội Cựu chiến binh phường có 120 hội viên, 15 mô hình kinh tế giỏi.', '2024-12-10'],
  tongKetDoan: [
    'Tổng kết phong trào thi đua năm 2024 của khối thi đua',
    'Các chi đoàn, hội cựu giáo chức báo cáo kết quả; chiến sĩ thi đua được bình xét, biểu dương.',
    '2024-12-20',
  ],
  dvtn: ['ĐVTN ra quân làm sạch kênh rạch', 'Hơn 200 đoàn viên thanh niên vớt rác, phát quang bờ kênh Xáng.', '2024-03-26'],
  doanThanhTra: [
    'Đoàn thanh tra làm việc với viên chức ra quân thu thuế',
    'Đoàn kiểm tra việc thu thuế; viên chức trẻ và thanh niên tình nguyện hỗ trợ người dân.',
    '2024-04-02',
  ],
  atgtThcs: [
    'Tuyên truyền ATGT tại trường THCS Nguyễn Du',
    'Học sinh trường trung học cơ sở được hướng dẫn đội mũ bảo hiểm, chấp hành luật an toàn giao thông.',
    '2024-09-18',
  ],
  tpHoiCho: ['TP Sa Đéc tổ chức hội chợ hoa xuân', 'Hội chợ hoa xuân diễn ra tại quảng trường trung tâm TP, 300 gian hàng.', '2025-01-10'],
  hoiChoViecLam: ['Hội chợ việc làm tại phường 1', 'Hơn 40 doanh nghiệp tuyển dụng tại hội chợ; Sa Đéc có nhu cầu lao động lớn.', '2025-01-12'],
  bchDoan: ['Đại hội BCH Đoàn phường nhiệm kỳ 2022-2027', 'Đại hội bầu Ban Chấp hành gồm 15 đồng chí.', '2022-05-14'],
  htx: ['HTX nông nghiệp Tân Phú chia lãi cho xã viên', 'Hợp tác xã chia lãi 12% vốn góp sau vụ lúa đông xuân.', '2024-06-12'],

  // Typos.
  hienMau: ['Ngày hội hiến máu tình nguyện năm 2024', 'Ngày hội thu được 215 đơn vị máu từ cán bộ, sinh viên và người dân.', '2024-06-14'],
  nhaTinhThuong: ['Bàn giao nhà tình thương cho hộ nghèo khu phố 4', 'Căn nhà được xây bằng nguồn vận động của Mặt trận, bàn giao trước Tết.', '2024-11-30'],
  nhaVanHoaKp2: ['Khởi công nhà sinh hoạt cộng đồng khu phố 2', 'Tinh thần đóng góp của bà con khu phố 2 giúp công trình sớm khởi công.', '2025-03-01'],
  tiemChung: ['Tiêm chủng mở rộng cho trẻ dưới 5 tuổi', 'Trạm y tế tổ chức tiêm chủng định kỳ vào ngày 25 hằng tháng.', '2024-05-25'],
  sotXuatHuyet: ['Phòng chống sốt xuất huyết mùa mưa', 'Người dân diệt lăng quăng, phát quang bụi rậm để phòng bệnh.', '2024-08-08'],
  chuyenDoiSo: ['Tổ công nghệ số cộng đồng hướng dẫn người dân cài ứng dụng', 'Các tổ hướng dẫn cài VNeID và thanh toán không dùng tiền mặt.', '2024-08-20'],

  // Document numbers.
  qd125: [
    'Quyết định 125/QĐ-UBND về việc thành lập Ban Chỉ đạo chuyển đổi số',
    'Căn cứ Quyết định số 125/QĐ-UBND ngày 05/3/2024 của UBND phường, Ban Chỉ đạo gồm 11 thành viên.',
    '2024-03-06',
  ],
  nguoi125: [
    '125 vận động viên tham gia giải chạy vì sức khỏe',
    'Theo QĐ khen thưởng số 30/QĐ-UBND, 125 vận động viên nhận giấy chứng nhận; UBND phường trao cúp.',
    '2024-10-20',
  ],
  nd42: [
    'Triển khai Nghị định 42/2022/NĐ-CP về cung cấp thông tin trên cổng thông tin điện tử',
    'Nghị định số 42/2022/NĐ-CP ngày 24/6/2022 của Chính phủ quy định việc cung cấp thông tin trên môi trường mạng.',
    '2022-08-01',
  ],
  ho42: [
    '42 hộ dân được hỗ trợ theo Nghị định của Chính phủ năm 2022',
    'Theo NĐ-CP về chính sách hỗ trợ, năm 2022 phường chi trả cho 42 hộ; nghị định mới có hiệu lực từ năm sau.',
    '2022-12-01',
  ],
  tb15: ['Thông báo 15/TB-UBND lịch tiếp công dân tháng 3', 'Chủ tịch UBND phường tiếp công dân vào thứ Năm hằng tuần.', '2024-02-28'],
  thongBao15: ['Thông báo tuyển 15 tình nguyện viên hè', 'TB gửi các khu phố: cần 15 bạn trẻ tham gia chiến dịch.', '2024-05-15'],
  kh88: ['Kế hoạch 88/KH-UBND triển khai tháng hành động vì an toàn thực phẩm', 'Phường kiểm tra 30 cơ sở kinh doanh thực phẩm.', '2024-04-10'],
  keHoach88: ['Kế hoạch chăm lo cho 88 gia đình chính sách', 'UBND phường ban hành KH thăm hỏi gia đình chính sách.', '2024-07-20'],

  // Words standing together.
  ungHo: ['Phường ủng hộ đồng bào miền Bắc khắc phục hậu quả bão số 3', 'Cán bộ và nhân dân phường ủng hộ đồng bào miền Bắc 320 triệu đồng.', '2024-09-15'],
  huongUng: [
    'Hưởng ứng phong trào hộ gia đình văn hóa ba miền Bắc Trung Nam',
    'Các hộ hưởng ứng phong trào; ba miền Bắc, Trung, Nam cùng chung tay.',
    '2024-10-01',
  ],
  nhaVanHoa: ['Khánh thành nhà văn hóa ấp Tân Hòa', 'Nhà văn hóa là nơi sinh hoạt cộng đồng của bà con ấp Tân Hòa.', '2023-04-30'],
  nhaVanHoang: ['Nhà văn Hoàng Phủ Ngọc Tường được nhắc lại trong buổi giao lưu', 'Học sinh giao lưu, đọc tác phẩm của nhà văn.', '2024-11-20'],
  hoiNghiTongKet: ['Hội nghị tổng kết công tác năm 2024', 'Hội nghị đánh giá kết quả và đề ra phương hướng năm 2025.', '2024-12-30'],
  hoiThiNghiThuc: ['Hội thi nghi thức đội và tổng kết năm học', 'Liên đội tổ chức hội thi, sau đó tổng kết năm học và trao thưởng.', '2025-05-30'],
  veSinhMoiTruong: ['Ra quân vệ sinh môi trường khu phố 5', 'Người dân dọn dẹp rác thải, khơi thông cống rãnh.', '2024-03-10'],
  baoVeMoiTruong: ['Bảo vệ môi trường và giữ gìn vệ sinh chung ở chợ', 'Ban quản lý chợ nhắc tiểu thương giữ vệ sinh, bảo vệ môi trường.', '2024-06-05'],

  // Amounts and dates.
  amount438: ['Xây mới 10 căn nhà đại đoàn kết', 'Tổng trị giá các căn nhà là 438.000.000 đồng, do Mặt trận vận động.', '2024-01-15'],
  ho438: ['438 hộ dân nhận hỗ trợ 2 triệu đồng mỗi hộ', 'Phường chi trả hỗ trợ cho 438 hộ, mỗi hộ 2 triệu đồng.', '2024-02-15'],
  amount15ty: ['Hoàn thành đường giao thông nông thôn ấp Tân Lập', 'Tổng kinh phí 1.500.000.000đ, trong đó nhân dân đóng góp một phần ba.', '2023-11-11'],
  thuNganSach: ['Phường thu ngân sách vượt 1 tỷ đồng so với dự toán', 'Tổng thu đạt 5 tỷ đồng, tăng 15% so với cùng kỳ.', '2024-12-31'],
  dated20200113: [
    'Hội nghị tổng kết công tác dân vận năm 2019',
    'Sáng ngày 13 tháng 01 năm 2020, tại Hội trường UBND phường 1, hội nghị tổng kết công tác khối vận.',
    '2020-01-14',
  ],
  toDanPho2020: [
    'Năm 2020 có 13 tổ dân phố đạt chuẩn văn minh đô thị',
    'Tháng 12 năm 2020, khu phố 1 có 13 tổ đạt chuẩn; năm 2021 phấn đấu thêm.',
    '2020-12-30',
  ],
  nhaKhoa: ['Phòng khám nha khoa miễn phí cho học sinh', 'Các bác sĩ nha khoa khám răng cho học sinh tiểu học.', '2025-04-01'],
} as const satisfies Record<string, readonly [title: string, body: string, day: string]>;

export type CorpusKey = keyof typeof SEARCH_CORPUS;

/** The title of a corpus item, as search returns it. */
export const titleOf = (key: CorpusKey): string => SEARCH_CORPUS[key][0];

/** Publishes every item of the corpus on a site, through the same path as any published article. */
export async function buildSearchCorpus(db: Kysely<Database>, site: SiteRow): Promise<void> {
  for (const [title, body, day] of Object.values(SEARCH_CORPUS)) {
    await buildArticle(db, site, { title, bodyHtml: `<p>${body}</p>`, publishedAt: new Date(`${day}T09:00:00+07:00`) });
  }
}
