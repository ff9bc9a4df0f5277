/**
 * Phrases of ward and commune news (the middle ranks of MAIN, see
 * vocabulary.ts), and the helper that turns a block of text into a list.
 */

/** One entry per line; blank lines and lines starting with # are left out; NFC. */
export const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim().normalize('NFC'))
    .filter((l) => l.length > 0 && !l.startsWith('#'));

/** Words and phrases of ward and commune news, from common to less common. */
export const DOMAIN = lines(`
đảng ủy
hội nghị
tổng kết
sơ kết
năm 2024
năm 2023
hội đồng nhân dân
mặt trận tổ quốc
ủy ban mặt trận tổ quốc
chủ tịch
phó chủ tịch
bí thư
phó bí thư
công an phường
ban chỉ huy quân sự
nhiệm vụ
giải pháp
đánh giá
thông báo
kiểm tra
giám sát
tiếp nhận
giải quyết
hồ sơ
thủ tục hành chính
cải cách hành chính
một cửa
dịch vụ công
trực tuyến
chuyển đổi số
công tác dân vận
dân vận khéo
khối vận
nhà tình thương
nhà đại đoàn kết
hộ nghèo
hộ cận nghèo
an sinh xã hội
chính sách
người có công
gia đình chính sách
thương binh
liệt sĩ
mẹ việt nam anh hùng
đường
đường giao thông nông thôn
bê tông hóa
nông thôn mới
đô thị văn minh
khu dân cư
phòng chống thiên tai
tìm kiếm cứu nạn
bão lũ
mưa lớn
triều cường
phòng cháy chữa cháy
an toàn giao thông
vệ sinh môi trường
rác thải
thu gom
cây xanh
tiêm chủng
vắc xin
covid-19
dịch bệnh
phòng chống dịch
trạm y tế
bảo hiểm y tế
bảo hiểm xã hội
học bổng
khuyến học
khuyến tài
học sinh nghèo vượt khó
năm học mới
khai giảng
thi tốt nghiệp
trẻ em
người cao tuổi
người khuyết tật
quà tết
tết nguyên đán
trung thu
ngày thương binh liệt sĩ
quốc khánh
kỷ niệm
thành lập
đại hội
nhiệm kỳ
bầu cử
đại biểu
tiếp xúc cử tri
đối thoại
kiến nghị
phản ánh
đơn thư
khiếu nại
tố cáo
hòa giải
hòa giải ở cơ sở
tranh chấp
đất đai
giấy chứng nhận quyền sử dụng đất
xây dựng trái phép
lấn chiếm
lòng lề đường
vỉa hè
trật tự đô thị
an ninh trật tự
tội phạm
ma túy
tệ nạn xã hội
tuần tra
dân quân tự vệ
tuyển quân
giao quân
nghĩa vụ quân sự
thanh niên nhập ngũ
diễn tập
quốc phòng
tổ tự quản
tổ an ninh
camera an ninh
chiếu sáng
điện
nước sạch
cấp nước
thoát nước
ngập úng
nạo vét
kênh mương
thủy lợi
sản xuất
nông nghiệp
chăn nuôi
trồng trọt
lúa
hoa màu
thủy sản
hợp tác xã
doanh nghiệp
hộ kinh doanh
thuế
thu ngân sách
ngân sách
dự toán
quyết toán
đầu tư công
công trình
khởi công
khánh thành
nghiệm thu
bàn giao
đưa vào sử dụng
nhà văn hóa
sân chơi
thể dục thể thao
giải bóng đá
văn nghệ
hội thi
hội diễn
ngày hội đại đoàn kết toàn dân tộc
gia đình văn hóa
khu phố văn hóa
tín ngưỡng
tôn giáo
di tích
lễ hội
du lịch
lao động
việc làm
giới thiệu việc làm
xuất khẩu lao động
dạy nghề
vay vốn
ngân hàng chính sách xã hội
quỹ vì người nghèo
quỹ
ủng hộ
mạnh thường quân
nhu yếu phẩm
gạo
tiền mặt
phần quà
trao tặng
thăm hỏi
động viên
chúc mừng
khen thưởng
giấy khen
bằng khen
thi đua
điển hình tiên tiến
gương người tốt việc tốt
học tập và làm theo tư tưởng đạo đức phong cách hồ chí minh
nghị quyết
chỉ thị
kết luận
văn bản
công văn
quyết định
tờ trình
báo cáo
biên bản
ban hành
áp dụng
hướng dẫn
đăng ký
tạm trú
thường trú
căn cước
định danh điện tử
hộ tịch
khai sinh
kết hôn
chứng thực
cấp giấy
lệ phí
thời gian
địa điểm
hội trường
trụ sở
bộ phận tiếp nhận và trả kết quả
công chức
viên chức
tuyển dụng
bồi dưỡng
tập huấn
cán bộ không chuyên trách
trưởng khu phố
trưởng ấp
tổ trưởng
chi bộ
chi hội
chi đoàn
đoàn thanh niên
hội liên hiệp phụ nữ
hội nông dân
hội cựu chiến binh
hội chữ thập đỏ
hiến máu tình nguyện
mùa hè xanh
tình nguyện
ra quân
chiến dịch
ngày chủ nhật xanh
xanh sạch đẹp
dọn dẹp
phát quang
bụi rậm
sốt xuất huyết
diệt lăng quăng
phun thuốc
tay chân miệng
an toàn thực phẩm
vệ sinh an toàn thực phẩm
chợ
buôn bán
hàng rong
giá cả
thị trường
bình ổn
`);
