import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { describe, it } from 'node:test';
import { HOT_AFTER_HITS, PageCache, preparePage } from '../../src/http/cache/page-cache.ts';

const page = (key: string, size: number, tags: string[]) => preparePage(key, `<p>${'x'.repeat(size)}${key}</p>`, 'text/html; charset=utf-8', tags, null);

describe('PageCache', () => {
  it('stores each page precompressed, and the compressed bodies decode to the page', () => {
    const p = preparePage('k', '<h1>Thông báo khẩn về bão số 3</h1>'.repeat(50), 'text/html', [], null);
    assert.equal(zlib.gunzipSync(p.gzip!).toString(), p.identity.toString());
    assert.equal(zlib.brotliDecompressSync(p.br!).toString(), p.identity.toString());
    assert.ok(p.br!.length < p.identity.length / 5);
    assert.match(p.etag, /^"[\w-]{27}"$/);
  });

  it('compresses an encoding first asked for later, once, and counts its bytes in the budget', () => {
    const cache = new PageCache(1_000_000);
    const p = preparePage('k', '<p>Lịch tiếp công dân tuần 48</p>'.repeat(40), 'text/html', [], null, undefined, ['br']);
    assert.equal(p.gzip, null);
    cache.set(p);
    const before = cache.usedBytes;
    const gzip = cache.variant(p, 'gzip');
    assert.equal(zlib.gunzipSync(gzip.body).toString(), p.identity.toString());
    assert.deepEqual(gzip.headers.slice(-4), ['content-encoding', 'gzip', 'content-length', String(gzip.body.length)]);
    assert.equal(cache.usedBytes, before + gzip.body.length);
    assert.equal(cache.variant(p, 'gzip'), gzip, 'made once');
    assert.equal(cache.variant(p, 'identity').body, p.identity);
    assert.equal(cache.usedBytes, before + gzip.body.length);
  });

  it('holds no more memory than it counts: each body owns exactly its bytes, not a view into a larger chunk', () => {
    // 3 KB of HTML, compressed to a few hundred bytes: zlib hands back a view into 16 KB.
    const p = preparePage('k', `<p>${'Văn bản số 12/UBND. '.repeat(150)}</p>`, 'text/html', [], null);
    for (const body of [p.identity, p.br!, p.gzip!]) {
      assert.equal(body.buffer.byteLength, body.length);
      assert.equal(body.byteOffset, 0);
    }
  });

  it('compresses a page again at the best level once it is hot, and counts the bytes that frees', async () => {
    const cache = new PageCache(1_000_000);
    const html = Array.from(
      { length: 60 },
      (_, i) => `<li><a href="/bai-viet/tin-${i}">Thông báo số ${i} của Ủy ban nhân dân phường về lịch tiếp công dân</a></li>`,
    ).join('');
    const p = preparePage('k', html, 'text/html', [], null, undefined, ['br', 'gzip']);
    cache.set(p);
    const quick = { br: p.br!.length, gzip: p.gzip!.length, used: cache.usedBytes };
    for (let i = 1; i < HOT_AFTER_HITS; i++) cache.served(p);
    await cache.settled();
    assert.equal(p.br!.length, quick.br, 'not hot yet: left as it is');
    cache.served(p);
    cache.served(p); // a hit while the work is under way does not start it twice
    await cache.settled();
    assert.ok(p.br!.length < quick.br, `br ${quick.br} → ${p.br!.length}`);
    assert.ok(p.gzip!.length <= quick.gzip, `gzip ${quick.gzip} → ${p.gzip!.length}`);
    assert.equal(zlib.brotliDecompressSync(p.wire.br!.body).toString(), html);
    assert.equal(zlib.gunzipSync(p.wire.gzip!.body).toString(), html);
    assert.equal(p.wire.br!.headers.at(-1), String(p.br!.length), 'Content-Length follows the new body');
    assert.equal(cache.usedBytes, quick.used - (quick.br - p.br!.length) - (quick.gzip - p.gzip!.length));
    assert.deepEqual(p.best, { br: true, gzip: true, underway: false });
  });

  it('recompresses pages that turn hot together one at a time, and skips one dropped before its turn', async () => {
    const cache = new PageCache(10_000_000);
    const pages = Array.from({ length: 6 }, (_, i) =>
      preparePage(`k${i}`, `<p>Thông báo số ${i}: lịch tiếp công dân của phường</p>`.repeat(80), 'text/html', [`t${i}`], null, undefined, ['br', 'gzip']),
    );
    for (const p of pages) cache.set(p);
    const quick = pages.map((p) => p.br!.length);
    for (const p of pages) for (let i = 0; i < HOT_AFTER_HITS; i++) cache.served(p);
    assert.deepEqual(cache.recompressions, { running: 1, waiting: 5 });
    cache.invalidate(['t4']);
    await cache.settled();
    assert.deepEqual(cache.recompressions, { running: 0, waiting: 0 });
    for (const [i, p] of pages.entries()) {
      if (i === 4) {
        assert.deepEqual(p.best, { br: false, gzip: false, underway: false }, 'dropped before its turn: skipped');
        assert.equal(p.br!.length, quick[4]);
      } else {
        assert.deepEqual(p.best, { br: true, gzip: true, underway: false }, `page ${i}`);
        assert.ok(p.br!.length < quick[i]!, `page ${i}: br ${quick[i]} → ${p.br!.length}`);
      }
    }
  });

  it('a page dropped while it is being recompressed leaves the budget as it was', async () => {
    const cache = new PageCache(1_000_000);
    const p = preparePage('k', '<p>Lịch cắt điện khu phố 3</p>'.repeat(80), 'text/html', ['t'], null, undefined, ['br']);
    cache.set(p);
    for (let i = 0; i < HOT_AFTER_HITS; i++) cache.served(p);
    cache.invalidate(['t']);
    await cache.settled();
    assert.equal(cache.usedBytes, 0);
    assert.equal(cache.size, 0);
  });

  it('keeps within its memory budget by dropping the least recently used pages', () => {
    const cache = new PageCache(60_000);
    for (let i = 0; i < 30; i++) {
      cache.set(page(`p${i}`, 4000, []));
      cache.get('p0'); // p0 stays in use
    }
    assert.ok(cache.usedBytes <= 60_000, `${cache.usedBytes}`);
    assert.ok(cache.get('p0'), 'the page in use stays');
    assert.equal(cache.get('p1'), undefined, 'an old unused page went');
    assert.ok(cache.get('p29'), 'the newest page stays');
  });

  it('drops exactly the pages that carry a changed tag', () => {
    const cache = new PageCache(1_000_000);
    cache.set(page('home', 10, ['s1:home']));
    cache.set(page('a1', 10, ['s1:a1', 's1:others']));
    cache.set(page('a2', 10, ['s1:a2', 's1:others']));
    cache.set(page('other-site', 10, ['s2:home']));
    assert.equal(cache.invalidate(['s1:a1', 's1:home']), 2);
    assert.deepEqual(
      ['home', 'a1', 'a2', 'other-site'].map((k) => Boolean(cache.get(k))),
      [false, false, true, true],
    );
  });

  it('does nothing when its budget is zero', () => {
    const cache = new PageCache(0);
    cache.set(page('a', 10, []));
    assert.equal(cache.size, 0);
  });
});
