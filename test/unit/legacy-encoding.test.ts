import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  LegacyTextError,
  decodeVietnameseBytes,
  repairVietnamese,
  tcvn3BytesToUnicode,
  tcvn3StringToUnicode,
  vniBytesToUnicode,
  vniStringToUnicode,
} from '../../src/text/legacy-encoding.ts';

/** The TCVN3 (ABC) code of every lower-case letter and of the seven upper-case ones, as the standard's table gives them. */
const TCVN3_TABLE: Record<string, number> = {
  à: 0xb5, ả: 0xb6, ã: 0xb7, á: 0xb8, ạ: 0xb9,
  ă: 0xa8, ằ: 0xbb, ẳ: 0xbc, ẵ: 0xbd, ắ: 0xbe, ặ: 0xc6,
  â: 0xa9, ầ: 0xc7, ẩ: 0xc8, ẫ: 0xc9, ấ: 0xca, ậ: 0xcb,
  đ: 0xae,
  è: 0xcc, ẻ: 0xce, ẽ: 0xcf, é: 0xd0, ẹ: 0xd1,
  ê: 0xaa, ề: 0xd2, ể: 0xd3, ễ: 0xd4, ế: 0xd5, ệ: 0xd6,
  ì: 0xd7, ỉ: 0xd8, ĩ: 0xdc, í: 0xdd, ị: 0xde,
  ò: 0xdf, ỏ: 0xe1, õ: 0xe2, ó: 0xe3, ọ: 0xe4,
  ô: 0xab, ồ: 0xe5, ổ: 0xe6, ỗ: 0xe7, ố: 0xe8, ộ: 0xe9,
  ơ: 0xac, ờ: 0xea, ở: 0xeb, ỡ: 0xec, ớ: 0xed, ợ: 0xee,
  ù: 0xef, ủ: 0xf1, ũ: 0xf2, ú: 0xf3, ụ: 0xf4,
  ư: 0xad, ừ: 0xf5, ử: 0xf6, ữ: 0xf7, ứ: 0xf8, ự: 0xf9,
  ỳ: 0xfa, ỷ: 0xfb, ỹ: 0xfc, ý: 0xfd, ỵ: 0xfe,
  Ă: 0xa1, Â: 0xa2, Ê: 0xa3, Ô: 0xa4, Ơ: 0xa5, Ư: 0xa6, Đ: 0xa7,
}; // prettier-ignore

/** VNI Windows: the letters and mark bytes (as Windows-1252 shows them) of each vowel with its tones. */
const VNI_TABLE: Record<string, string> = {
  á: 'aù', à: 'aø', ả: 'aû', ã: 'aõ', ạ: 'aï', â: 'aâ', ấ: 'aá', ầ: 'aà', ẩ: 'aå', ẫ: 'aã', ậ: 'aä',
  ă: 'aê', ắ: 'aé', ằ: 'aè', ẳ: 'aú', ẵ: 'aü', ặ: 'aë', ê: 'eâ', ế: 'eá', ề: 'eà', ể: 'eå', ễ: 'eã', ệ: 'eä',
  í: 'í', ì: 'ì', ỉ: 'æ', ĩ: 'ó', ị: 'ò', ơ: 'ô', ớ: 'ôù', ờ: 'ôø', ở: 'ôû', ỡ: 'ôõ', ợ: 'ôï',
  ư: 'ö', ứ: 'öù', ừ: 'öø', ử: 'öû', ữ: 'öõ', ự: 'öï', ý: 'yù', ỳ: 'yø', ỷ: 'yû', ỹ: 'yõ', ỵ: 'î', đ: 'ñ',
  Ấ: 'AÁ', Ợ: 'ÔÏ', Ư: 'Ö', Đ: 'Ñ', Ỵ: 'Î', Ị: 'Ò',
}; // prettier-ignore

/** Bytes of a text in TCVN3, letter by letter from the table above; quotes and dashes as Windows writes them. */
function tcvn3Bytes(text: string): Buffer {
  const windows: Record<string, number> = { '“': 0x93, '”': 0x94, '–': 0x96 };
  return Buffer.from([...text.normalize('NFC')].map((ch) => TCVN3_TABLE[ch] ?? windows[ch] ?? ch.charCodeAt(0)));
}

const SENTENCE = 'Hội nghị tổng kết công tác dân vận năm 2019 của Đảng ủy phường – “Người dân” được ưu tiên';

describe('legacy Vietnamese encodings', () => {
  it('TCVN3 bytes become every letter of the standard table', () => {
    for (const [letter, byte] of Object.entries(TCVN3_TABLE)) assert.equal(tcvn3BytesToUnicode(Buffer.from([byte])), letter, `0x${byte.toString(16)}`);
  });

  it('VNI sequences become every letter of the VNI table', () => {
    for (const [letter, vni] of Object.entries(VNI_TABLE)) assert.equal(vniStringToUnicode(vni), letter, vni);
  });

  it('text garbled by reading .VnTime as Latin-1 is converted back, as in "Héi nghÞ tæng kÕt"', () => {
    assert.equal(tcvn3StringToUnicode('Héi nghÞ tæng kÕt'), 'Hội nghị tổng kết');
    const garbled = tcvn3Bytes(SENTENCE).toString('latin1');
    assert.deepEqual(repairVietnamese(garbled), { text: SENTENCE, encoding: 'tcvn3' });
  });

  it('text garbled from VNI is recognised as VNI, not TCVN3', () => {
    const repaired = repairVietnamese('Hoäi nghò toång keát coâng taùc daân vaän cuûa Ñaûng uûy phöôøng. NGÖÔØI VIEÄT');
    assert.equal(repaired.encoding, 'vni');
    assert.equal(repaired.text, 'Hội nghị tổng kết công tác dân vận của Đảng ủy phường. NGƯỜI VIỆT');
  });

  it('proper Unicode stays as it is, a foreign name included, and comes out NFC', () => {
    const nfd = `${SENTENCE}, ông Müller`.normalize('NFD');
    assert.deepEqual(repairVietnamese(nfd), { text: nfd.normalize('NFC'), encoding: null });
  });

  it('garbled text that reads as neither is refused, never passed on', () => {
    assert.throws(
      () => repairVietnamese('Ãþ¿ ÷×Ñ ßÞ ñÆ ØÙ Ð¥Ë'),
      (error) => error instanceof LegacyTextError,
    );
  });

  it('file bytes are read as UTF-8, TCVN3 or VNI, whichever they are', () => {
    assert.deepEqual(decodeVietnameseBytes(Buffer.from(SENTENCE, 'utf8')), { text: SENTENCE, encoding: 'utf-8' });
    assert.deepEqual(decodeVietnameseBytes(tcvn3Bytes(SENTENCE)), { text: SENTENCE, encoding: 'tcvn3' });
    const vni = Buffer.from('Hoäi nghò toång keát coâng taùc daân vaän', 'latin1');
    assert.equal(vniBytesToUnicode(vni), 'Hội nghị tổng kết công tác dân vận');
    assert.deepEqual(decodeVietnameseBytes(vni), { text: 'Hội nghị tổng kết công tác dân vận', encoding: 'vni' });
    assert.deepEqual(decodeVietnameseBytes(Buffer.from('Ủy ban nhân dân phường 1'.normalize('NFD'), 'utf8')).encoding, 'utf-8');
  });

  it('bytes that are no Vietnamese at all are refused', () => {
    assert.throws(
      () => decodeVietnameseBytes(Buffer.from([0xff, 0xfe, 0x00, 0x91, 0xd8, 0xa7, 0x81, 0xff, 0xee, 0x20, 0xc3, 0x28, 0xbf, 0xbf, 0xd7])),
      (error) => error instanceof LegacyTextError,
    );
  });
});
