import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { utf8Bytes } from '../../src/http/cache/encoding.ts';

describe('utf8Bytes: a page as UTF-8', () => {
  const samples = {
    empty: '',
    vietnamese: 'Ủy ban nhân dân phường Đông Hòa thông báo lịch tiếp công dân 19/09/2024. '.repeat(200),
    'four-byte characters': '📢 Thông báo khẩn 🌀 bão số 3 '.repeat(100),
    'a lone surrogate': `trước\ud800sau`,
    'longer than the buffer kept for it': 'Đường giao thông nông thôn. '.repeat(4000),
  };

  for (const [name, text] of Object.entries(samples)) {
    it(`gives the bytes Buffer.from gives: ${name}`, () => {
      assert.ok(utf8Bytes(text).equals(Buffer.from(text)));
    });
  }

  it('hands back bytes of its own: a later call leaves an earlier result as it was', () => {
    const first = utf8Bytes(samples.vietnamese);
    const copy = Buffer.from(first);
    utf8Bytes('x'.repeat(30_000));
    assert.ok(first.equals(copy));
  });
});
