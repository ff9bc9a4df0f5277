/** Rare words and people's names for the synthetic corpus (see vocabulary.ts). */

import { lines } from './vocabulary-domain.ts';

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
