/** The link addresses the article editor accepts (src/editor/url.ts), without a browser. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAllowedHref, normalizeHref } from '../../src/editor/url.ts';

describe('địa chỉ liên kết được nhận (src/editor/url.ts)', () => {
  it('nhận http(s), mailto, tel và đường dẫn tương đối; từ chối phần còn lại', () => {
    for (const ok of [
      'https://chinhphu.vn',
      'http://example.vn/a?b=1#c',
      'mailto:ubnd@example.vn',
      'tel:+842431234567',
      '/tin-tuc/bai-1',
      'bai-2.html',
      '#muc-2',
      '?trang=2',
    ]) {
      assert.equal(isAllowedHref(ok), true, ok);
    }
    for (const bad of [
      '',
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'data:text/html,x',
      '//evil.example',
      'https://',
      'vbscript:x',
      'file:///etc/passwd',
      'https://a b.vn',
      'mailto:',
    ]) {
      assert.equal(isAllowedHref(bad), false, bad);
    }
    assert.equal(normalizeHref('  www.chinhphu.vn/tin '), 'https://www.chinhphu.vn/tin');
    assert.equal(normalizeHref(' /tin-tuc '), '/tin-tuc');
  });
});
