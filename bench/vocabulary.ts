/**
 * The words of the synthetic corpus: real Vietnamese words and phrases of
 * ward and commune news, listed from the most to the least common. The
 * generator draws them with a Zipf-like law by their rank in MAIN, so
 * "của", "và", "phường" are everywhere and the tail is thin; RARE words (vocabulary-rare.ts) are
 * sprinkled in seldom, as names, loanwords and specialised terms are.
 */

import { DOMAIN, lines } from './vocabulary-domain.ts';

/** Function words and the most frequent words, most common first. */
const COMMON = lines(`
của
và
các
được
trong
có
cho
với
là
người
năm
ngày
theo
đã
này
những
tại
phường
về
đến
một
nhân dân
công tác
không
để
cùng
xã
trên
địa phương
đồng thời
từ
cán bộ
khi
đó
nhiều
như
thực hiện
sẽ
cũng
ra
vào
bà con
việc
còn
hộ
đảm bảo
nhằm
qua
triển khai
hơn
ủy ban nhân dân
khu phố
tổ chức
hoạt động
gia đình
đơn vị
đồng chí
kế hoạch
thành phố
tỉnh
đề nghị
tham gia
tình hình
kết quả
nâng cao
đạt
tuyên truyền
hỗ trợ
chương trình
quy định
đối với
trên địa bàn
phong trào
sau
trước
lãnh đạo
chỉ đạo
xây dựng
hiệu quả
ban
tổng
số
người dân
các ngành
đoàn thể
thôn
ấp
tổ dân phố
huyện
quận
cơ sở
vận động
đảng viên
hội viên
đoàn viên
phát triển
kinh tế
xã hội
văn hóa
an ninh
trật tự
giao thông
môi trường
chính quyền
mặt trận
thanh niên
phụ nữ
cựu chiến binh
nông dân
học sinh
trường
giáo dục
y tế
sức khỏe
`);

/** Everyday words that are less frequent in ward news. */
const GENERAL = lines(`
sáng
chiều
tối
tháng
quý
đợt
lần
buổi
tuần
hằng năm
thường xuyên
kịp thời
nghiêm túc
chặt chẽ
đúng quy định
công khai
minh bạch
dân chủ
đoàn kết
thống nhất
trách nhiệm
ý thức
chấp hành
pháp luật
phổ biến
giáo dục pháp luật
tuyên dương
ghi nhận
biểu dương
đóng góp
tích cực
nỗ lực
khó khăn
vướng mắc
tồn tại
hạn chế
nguyên nhân
khắc phục
bài học kinh nghiệm
phương hướng
mục tiêu
chỉ tiêu
vượt
hoàn thành
tỷ lệ
phần trăm
tăng
giảm
so với cùng kỳ
cùng kỳ
dự kiến
đến nay
hiện nay
trong thời gian tới
tiếp tục
tăng cường
đẩy mạnh
phối hợp
chủ động
thành viên
ban chỉ đạo
ban điều hành
tổ công tác
đoàn công tác
đoàn kiểm tra
làm việc
khảo sát
thực tế
ghi nhận ý kiến
lắng nghe
trả lời
trao đổi
thảo luận
thông qua
biểu quyết
nhất trí
phát biểu
khai mạc
bế mạc
chủ trì
dự
tham dự
đại diện
lãnh đạo thành phố
lãnh đạo quận
thường trực
ban thường vụ
ủy viên
văn phòng
địa chính
tư pháp
văn hóa xã hội
tài chính
kế toán
thống kê
xây dựng đô thị
quản lý
hạ tầng
nâng cấp
sửa chữa
mở rộng
lát gạch
trải nhựa
cống
hẻm
ngõ
xóm
bờ kè
cầu
bến
sông
kênh
rạch
đê
ruộng
vườn
cây ăn trái
cà phê
hồ tiêu
cao su
điều
rau
hoa
heo
bò
gà
vịt
tôm
cá
muối
nhà ở
căn hộ
chung cư
nhà trọ
công nhân
người lao động
tiểu thương
thanh thiếu niên
thiếu nhi
mầm non
tiểu học
trung học cơ sở
giáo viên
bác sĩ
y sĩ
điều dưỡng
khám bệnh
cấp thuốc
miễn phí
tư vấn
sàng lọc
dinh dưỡng
suy dinh dưỡng
kế hoạch hóa gia đình
dân số
bình đẳng giới
bạo lực gia đình
phòng chống đuối nước
bơi an toàn
an toàn lao động
cháy nổ
bình chữa cháy
lối thoát hiểm
mưa đá
giông lốc
sạt lở
hạn hán
xâm nhập mặn
nắng nóng
sơ tán
di dời
khắc phục hậu quả
thiệt hại
tốc mái
ngã đổ
cứu trợ
lương thực
nước uống
áo phao
xuồng
đèn
biển báo
đèn tín hiệu
mũ bảo hiểm
nồng độ cồn
xe máy
ô tô
xe đạp
`);

/** Ward and commune news ranks: common words first, then domain phrases, then everyday words. */
export const MAIN: string[] = [...COMMON, ...DOMAIN, ...GENERAL];

/** Opening words of titles, by kind of post. */
export const TITLE_OPENERS: Record<'tin-tuc' | 'thong-bao' | 'tai-lieu', string[]> = {
  'tin-tuc': lines(`
Hội nghị tổng kết
Hội nghị sơ kết
Khánh thành
Khởi công
Bàn giao
Trao tặng
Ra quân
Tổ chức
Phát động
Tuyên dương
Đoàn công tác
Lễ kỷ niệm
Ngày hội
Đại hội
Tiếp xúc cử tri
Kiểm tra
Diễn tập
Hỗ trợ
Trao học bổng
Thăm hỏi
  `),
  'thong-bao': lines(`
Thông báo
Thông báo về việc
Thông báo lịch
Thông báo kết quả
Thông báo tuyển dụng
Thông báo thu hồi
Thông báo mời họp
Thông báo tạm ngưng
Kế hoạch
Lịch tiếp công dân
  `),
  'tai-lieu': lines(`
Tài liệu
Tài liệu tuyên truyền
Hướng dẫn
Quy chế
Đề cương
Biểu mẫu
Quyết định
Nghị quyết
Báo cáo
Văn bản
  `),
};

/** Units and places that numbers come with. */
export const PLACES = ['khu phố', 'tổ', 'ấp', 'thôn', 'phường', 'xã', 'hẻm', 'số'];
export const MEASURES = ['kg', 'tấn', 'm', 'km', 'm2', 'm3', 'ha', 'suất', 'phần quà', 'hộ', 'người', 'căn'];
