import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { accentKey, canonicalTones, foldVietnamese, hasDiacritics, slugify, toVietnameseUpperCase, truncateTitle } from '../../src/text/vietnamese.ts';

describe('foldVietnamese', () => {
  it('folds tones and đ to plain lower-case letters', () => {
    assert.equal(foldVietnamese('Đường làng Nhà tình thương'), 'duong lang nha tinh thuong');
    assert.equal(foldVietnamese('ĐẢNG ỦY'), 'dang uy');
  });

  it('keeps every character one character, so offsets map back to the original', () => {
    const original = 'Hội nghị tổng kết công tác dân vận của Đảng';
    const folded = foldVietnamese(original);
    assert.equal(folded.length, original.length);
    const at = folded.indexOf('dan van');
    assert.equal(original.slice(at, at + 'dan van'.length), 'dân vận');
  });

  it('treats NFD input like NFC input', () => {
    const nfd = 'Thủy lợi hòa bình'.normalize('NFD');
    assert.equal(foldVietnamese(nfd), 'thuy loi hoa binh');
  });

  it('folds both tone placements of hoà/hòa and thuỷ/thủy to the same text', () => {
    assert.equal(foldVietnamese('hoà'), foldVietnamese('hòa'));
    assert.equal(foldVietnamese('thuỷ'), foldVietnamese('thủy'));
  });

  it('leaves digits, punctuation and non-Latin text alone', () => {
    assert.equal(foldVietnamese('COVID-19: 21.090 kg'), 'covid-19: 21.090 kg');
    assert.equal(foldVietnamese('€ 😀'), '€ 😀');
  });
});

describe('slugify', () => {
  it('derives slugs from Vietnamese titles with đ as d', () => {
    assert.equal(slugify('Hội nghị tổng kết công tác dân vận'), 'hoi-nghi-tong-ket-cong-tac-dan-van');
    assert.equal(slugify('Đường làng ngõ xóm'), 'duong-lang-ngo-xom');
  });

  it('cuts long titles at a word boundary within 80 characters', () => {
    const slug = slugify('HỘI NGHỊ TỔNG KẾT CÔNG TÁC DÂN VẬN CỦA ĐẢNG CÔNG TÁC MẶT TRẬN VÀ CÁC TỔ CHỨC CHÍNH TRỊ - XÃ HỘI PHƯỜNG 1, NĂM 2019.');
    assert.ok(slug.length <= 80);
    assert.match(slug, /^hoi-nghi-tong-ket-cong-tac-dan-van-cua-dang-[a-z0-9-]+[a-z0-9]$/);
  });

  it('gives an empty slug for a title with no letters or digits', () => {
    assert.equal(slugify('!!! ???'), '');
  });
});

describe('truncateTitle', () => {
  it('cuts titles exactly as the sample page\'s "Thông tin khác" list does', () => {
    const expected = fs
      .readFileSync(new URL('../../demo/sample-ward-page.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('- '))
      .map((line) => line.slice(2).replace(/ \(\d\d\/\d\d\/\d{4}\)$/, ''));
    const fullTitles = [
      'Tài liệu về Tuyên truyền hướng dẫn kỹ năng chằng chống nhà cửa và giải pháp quản lý vườn cây ăn trái trong mùa mưa bão',
      'ẤM ÁP CHƯƠNG TRÌNH TRUNG THU CHO TRẺ EM TRÊN ĐỊA BÀN PHƯỜNG 1',
      'BAN THƯỜNG VỤ ĐẢNG ỦY GẶP GỠ, TRAO ĐỔI VỚI CÁN BỘ VÀ NHÂN DÂN TRÊN ĐỊA BÀN PHƯỜNG 1 NĂM 2024',
      'Thông báo phân luồng giao thông trong thời gian thi công cầu Sa Đéc (cầu Nàng Hai) tại Km3+139 trên Quốc lộ 80',
      'NGÀY TÌNH NGUYỆN TUỔI TRẺ ĐẤT SEN HỒNG HOẠT ĐỘNG RA QUÂN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG HƯỞNG ỨNG NGÀY CHUYỂN ĐỔI SỐ QUỐC GIA',
      'Thông báo tuyển chọn Thực tập sinh đi làm việc có thời hạn tại Nhật Bản của Công ty Cổ phần Nhân lực Quốc tế',
      'Thông tin các đơn hàng đi làm việc ở nước ngoài có thời hạn',
      'Những nội dung cốt lõi trong Di chúc của Chủ tịch Hồ Chí Minh',
    ];
    assert.deepEqual(
      fullTitles.map((t) => truncateTitle(t)),
      expected,
    );
  });

  it('cuts a title of few but very long words near 100 characters', () => {
    const title = `${'Ủyban'.repeat(30)} ${'nhândân'.repeat(3)}`;
    const short = truncateTitle(title);
    assert.ok(short.endsWith('...'));
    assert.ok(short.length <= 103);
  });
});

describe('toVietnameseUpperCase', () => {
  it('upper-cases the unit name as the header shows it', () => {
    assert.equal(toVietnameseUpperCase('Ủy ban nhân dân phường 1'), 'ỦY BAN NHÂN DÂN PHƯỜNG 1');
  });
});

describe('canonicalTones and accentKey', () => {
  it('puts tone marks in one place so hoà/hòa, thuỷ/thủy and uỷ/ủy match', () => {
    assert.equal(canonicalTones('Hoà Bình'), 'Hòa Bình');
    assert.equal(canonicalTones('thuỷ lợi'), 'thủy lợi');
    assert.equal(canonicalTones('Uỷ ban'), 'Ủy ban');
    assert.equal(canonicalTones('khoẻ mạnh'), 'khỏe mạnh');
    assert.equal(accentKey('UỶ BAN'), accentKey('ủy ban'));
  });

  it('leaves syllables where both styles agree', () => {
    for (const word of ['quý', 'hoàn', 'thuyết', 'quỳnh', 'Thuý'.replace('uý', 'úy')]) assert.equal(canonicalTones(word), word);
    assert.equal(canonicalTones('quý khách'), 'quý khách');
  });

  it('keeps the length, so offsets still line up', () => {
    const text = 'Uỷ ban nhân dân phường Hoà Thuận';
    assert.equal(canonicalTones(text).length, text.length);
  });

  it('tells text with diacritics from text without', () => {
    assert.equal(hasDiacritics('nha tinh thuong'), false);
    assert.equal(hasDiacritics('NHA'), false);
    assert.equal(hasDiacritics('nhà'), true);
    assert.equal(hasDiacritics('dang uy đ'), true);
  });
});
