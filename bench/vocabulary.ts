/**
 * The words of the synthetic corpus: real Vietnamese words and phrases of
 * ward and commune news, listed from the most to the least common. The
 * generator draws them with a Zipf-like law by their rank in MAIN, so
 * "của", "và", "phường" are everywhere and the tail is thin; RARE words are
 * sprinkled in seldom, as names, loanwords and specialised terms are.
 */

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim().normalize('NFC'))
    .filter((l) => l.length > 0 && !l.startsWith('#'));

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

/** Words and phrases of ward and commune news, from common to less common. */
const DOMAIN = lines(`
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

/**
 * Rare words: names of places and people, loanwords, specialised terms.
 * Sprinkled in seldom, so a query for one of them matches few articles.
 */
export const RARE = lines(`
pickleball
karaoke
zalo
vneid
container
drone
biogas
composite
inox
wifi
website
email
laptop
tivi
livestream
podcast
fanpage
mã qr
camera giám sát
máy lọc nước
máy phát điện
xe cứu thương
xe rác
xe ba gác
lò đốt rác
bãi trung chuyển
trạm bơm
cống hộp
hố ga
nắp cống
tường rào
cổng chào
bia tưởng niệm
nghĩa trang liệt sĩ
đền thờ
đình làng
miếu
chùa
nhà thờ
thánh thất
tịnh xá
lễ kỳ yên
lễ vu lan
tết trung thu
rằm tháng giêng
múa lân
đờn ca tài tử
cải lương
hát bội
bài chòi
quan họ
nhã nhạc
kéo co
nhảy bao bố
đua ghe
đua thuyền
bóng chuyền
cầu lông
bóng bàn
cờ tướng
võ cổ truyền
vovinam
dưỡng sinh
yoga
thư viện
tủ sách
sách nói
máy tính bảng
điện mặt trời
đèn năng lượng mặt trời
đèn led
trạm sạc
xe điện
xe buýt
bến phà
đò ngang
cầu khỉ
cầu treo
đê bao
cống ngăn mặn
lúa ma
sầu riêng
chôm chôm
măng cụt
thanh long
bưởi da xanh
xoài cát
nhãn xuồng
khóm
dừa sáp
mía
khoai mì
bắp
đậu phộng
mè
nấm rơm
cá tra
cá lóc
tôm càng xanh
cua biển
nghêu
sò huyết
hàu
ba ba
lươn
ếch
dê
trâu
ngỗng
chim yến
ong mật
lở mồm long móng
dịch tả lợn châu phi
cúm gia cầm
bệnh dại
tiêm phòng dại
sởi
bạch hầu
ho gà
lao phổi
viêm gan
thủy đậu
quai bị
đậu mùa khỉ
sốt rét
bướu cổ
tăng huyết áp
đái tháo đường
đột quỵ
sơ cấp cứu
hồi sức tim phổi
ngân hàng máu
hiến tạng
nhà bán thuốc
phòng khám đa khoa
nha khoa
châm cứu
vật lý trị liệu
thuốc nam
dược liệu
cây thuốc
trạm cấp nước
giếng khoan
bể lọc
nước phèn
nước giếng
lu nước
bồn chứa
ống nhựa
đồng hồ nước
hóa đơn điện tử
biên lai
sổ hộ khẩu
sổ đỏ
sổ hồng
trích lục
giấy phép xây dựng
giấy phép kinh doanh
mã số thuế
chữ ký số
thẻ căn cước
hộ chiếu
lý lịch tư pháp
thừa kế
di chúc
ly hôn
nuôi con nuôi
giám hộ
cấp dưỡng
trợ cấp
trợ giúp pháp lý
luật sư
công chứng
thừa phát lại
thi hành án
cưỡng chế
hoàn trả
bồi thường
giải phóng mặt bằng
tái định cư
kiểm đếm
áp giá
ranh giới
mốc giới
bản đồ địa chính
trích đo
thửa đất
lô đất
nhà tạm
nhà xuống cấp
nhà chống lũ
nhà lưới
nhà màng
nhà kho
kho lạnh
lò sấy
máy gặt đập liên hợp
máy cày
máy bơm
kênh nội đồng
ao
đầm
bàu
giồng
cù lao
bãi bồi
rừng phòng hộ
rừng ngập mặn
đước
tràm
bần
dừa nước
lục bình
bèo
phế liệu
ve chai
túi ni lông
chai nhựa
ống hút
rác thải nhựa
phân loại rác
phân compost
hố xí
nhà tiêu hợp vệ sinh
hầm biogas
chuồng trại
khử trùng
vôi bột
cloramin
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

/** Family names and given names, for the people the news names. */
export const FAMILY_NAMES = lines(`
Nguyễn
Trần
Lê
Phạm
Huỳnh
Hoàng
Võ
Phan
Trương
Bùi
Đặng
Đỗ
Ngô
Hồ
Dương
Đinh
`);
export const GIVEN_NAMES = lines(`
Văn An
Thị Bình
Văn Cường
Thị Dung
Minh Đức
Thị Hạnh
Văn Hùng
Thị Lan
Quốc Khánh
Thị Mai
Văn Nam
Thị Nga
Hoàng Phúc
Thị Quyên
Văn Sơn
Thị Thu
Thanh Tùng
Thị Tuyết
Văn Vinh
Thị Yến
`);

/** Units and places that numbers come with. */
export const PLACES = ['khu phố', 'tổ', 'ấp', 'thôn', 'phường', 'xã', 'hẻm', 'số'];
export const MEASURES = ['kg', 'tấn', 'm', 'km', 'm2', 'm3', 'ha', 'suất', 'phần quà', 'hộ', 'người', 'căn'];
