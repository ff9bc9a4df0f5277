import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_SCOPED_SITE_ID, indexTexts, scopedWords, siteScope } from '../../src/services/search/index-text.ts';

describe('index text', () => {
  it('names each site with four letters, fixed width, so no scope is a prefix of another', () => {
    assert.equal(siteScope(0), 'aaaa');
    assert.equal(siteScope(1), 'aaab');
    assert.equal(siteScope(26), 'aaba');
    assert.equal(siteScope(MAX_SCOPED_SITE_ID), 'zzzz');
    const scopes = new Set(Array.from({ length: 2000 }, (_, i) => siteScope(i)));
    assert.equal(scopes.size, 2000);
    for (const s of scopes) assert.match(s, /^[a-z]{4}$/);
  });

  it('refuses site ids it cannot name', () => {
    assert.throws(() => siteScope(MAX_SCOPED_SITE_ID + 1), RangeError);
    assert.throws(() => siteScope(-1), RangeError);
    assert.throws(() => siteScope(1.5), RangeError);
  });

  it('puts the scope before every word, letters and digits alike', () => {
    assert.equal(scopedWords('aaab', 'nha tinh 2020'), 'aaabnha aaabtinh aaab2020');
    assert.equal(scopedWords('aaab', ''), '');
  });

  it('indexes title and body folded and accented, scoped', () => {
    assert.deepEqual(indexTexts(2, 'Đường Nguyễn Huệ', 'Thuỷ lợi 21.090 kg'), {
      foldedTitle: 'aaacduong aaacnguyen aaachue',
      foldedBody: 'aaacthuy aaacloi aaac21 aaac090 aaackg',
      accentedTitle: 'aaacđường aaacnguyễn aaachuệ',
      accentedBody: 'aaacthủy aaaclợi aaac21 aaac090 aaackg',
    });
  });
});
