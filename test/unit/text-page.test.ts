import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { TextPageError, parseCredits, parseTextPage } from '../../src/services/import/text-page.ts';
import { formatDate } from '../../src/text/format.ts';

const SAMPLE = fs.readFileSync(new URL('../../demo/sample-ward-page.txt', import.meta.url), 'utf8');
const sampleLines = SAMPLE.split('\n');

describe('parseTextPage on the sample ward page', () => {
  const page = parseTextPage(SAMPLE);

  it('takes the first line as the title', () => {
    assert.equal(page.title, sampleLines[0]);
    assert.match(page.title, /^HỘI NGHỊ TỔNG KẾT CÔNG TÁC DÂN VẬN/);
  });

  it('keeps each of the five report paragraphs, word for word', () => {
    assert.deepEqual(page.paragraphs, sampleLines.slice(1, 6));
    assert.match(page.paragraphs[3]!, /438\.000\.000đ.*21\.090 kg gạo.*1\.151\.800đ\.$/);
  });

  it('moves the credits line into writer and photographer, out of the body', () => {
    assert.equal(page.writer, 'Việt Thắng');
    assert.equal(page.photographer, 'Thanh An');
    assert.ok(page.paragraphs.every((p) => !p.startsWith('Tin:')));
  });

  it('reads the event date written in words', () => {
    assert.equal(formatDate(page.writtenDate!), '13/01/2020');
  });

  it('recognises "Thông tin khác" and everything after it as the old site\'s chrome', () => {
    assert.ok(page.paragraphs.every((p) => !p.includes('Thông tin khác') && !p.startsWith('- ')));
    assert.equal(page.legacyLinks.length, 8);
    assert.deepEqual(page.legacyLinks[0], {
      title: 'Tài liệu về Tuyên truyền hướng dẫn kỹ năng chằng chống nhà cửa và giải pháp quản lý vườn cây...',
      date: '19/09/2024',
    });
  });
});

describe('parseTextPage on other inputs', () => {
  it('accepts Windows line ends, a BOM and NFD text', () => {
    const page = parseTextPage('\uFEFFTIÊU ĐỀ\r\n\r\nĐoạn một ngày 02 tháng 9 năm 2024.\r\nBài và ảnh: Minh Thư\r\n'.normalize('NFD'));
    assert.equal(page.title, 'TIÊU ĐỀ'.normalize('NFC'));
    assert.deepEqual(page.paragraphs, ['Đoạn một ngày 02 tháng 9 năm 2024.'.normalize('NFC')]);
    assert.equal(page.writer, 'Minh Thư');
    assert.equal(page.photographer, 'Minh Thư');
  });

  it('refuses an empty file, a binary file, a page without body and a title that is a paragraph', () => {
    const reasons = ['', '   \n\n', 'PNG\u0000\u0001binary', 'CHỈ CÓ TIÊU ĐỀ\nTin: A', `${'dài '.repeat(120)}\nĐoạn`, 'Mã lỗi \uFFFD\nĐoạn'].map((text) => {
      try {
        parseTextPage(text);
        return 'không lỗi';
      } catch (error) {
        assert.ok(error instanceof TextPageError);
        return error.message;
      }
    });
    assert.deepEqual(reasons, [
      'tệp trống',
      'tệp trống',
      'tệp không phải văn bản (có byte 0, có thể là tệp nhị phân)',
      'không có đoạn nội dung nào sau tiêu đề',
      'dòng đầu dài 479 ký tự, không giống một tiêu đề (tối đa 300)',
      'tệp không phải UTF-8 hợp lệ (có ký tự lỗi mã hóa)',
    ]);
  });
});

describe('parseCredits', () => {
  it('reads the usual ways portals credit writer and photographer', () => {
    assert.deepEqual(parseCredits('Tin: Việt Thắng, Ảnh: Thanh An.'), { writer: 'Việt Thắng', photographer: 'Thanh An' });
    assert.deepEqual(parseCredits('Tin: Hồng Nhung'), { writer: 'Hồng Nhung', photographer: '' });
    assert.deepEqual(parseCredits('Ảnh: Thanh An'), { writer: '', photographer: 'Thanh An' });
    assert.deepEqual(parseCredits('Tin, ảnh: Bảo Trân.'), { writer: 'Bảo Trân', photographer: 'Bảo Trân' });
  });

  it('does not take an ordinary sentence for credits', () => {
    assert.equal(parseCredits('Tin vui: phường đạt chuẩn văn minh đô thị, người dân phấn khởi.'), null);
    assert.equal(parseCredits('Ủy ban nhân dân phường thông báo: lịch tiếp công dân.'), null);
  });
});
