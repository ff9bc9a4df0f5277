import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_BLOCKS, blockChoices, homeBlocksOf } from '../../src/services/site-shape/home-blocks.ts';
import { featureEnd } from '../../src/services/site-shape/featured.ts';
import { moved } from '../../src/services/site-shape/ordering.ts';
import { bodyMediaKeys, firstBodyImageKey } from '../../src/text/body-images.ts';

const KEY_A = 'aaaaaaaaaaaaaaaaaaaaaaaa.webp';
const KEY_B = 'bbbbbbbbbbbbbbbbbbbbbbbb.jpg';
const PDF = 'cccccccccccccccccccccccc.pdf';

describe('ordering by "Lên" and "Xuống"', () => {
  it('swaps an item with its neighbour and leaves the ends where they are', () => {
    assert.deepEqual(moved(['a', 'b', 'c'], 1, 'up'), ['b', 'a', 'c']);
    assert.deepEqual(moved(['a', 'b', 'c'], 1, 'down'), ['a', 'c', 'b']);
    assert.deepEqual(moved(['a', 'b', 'c'], 0, 'up'), ['a', 'b', 'c']);
    assert.deepEqual(moved(['a', 'b', 'c'], 2, 'down'), ['a', 'b', 'c']);
    assert.deepEqual(moved(['a', 'b', 'c'], -1, 'down'), ['a', 'b', 'c']);
  });
});

describe("a body's own media", () => {
  const body = `<p>Mở đầu <a href="/media/${PDF}">báo cáo</a></p><figure><img src="/media/${KEY_A}" alt="Ảnh một"></figure><p><img src="/media/${KEY_B}" alt="Ảnh hai"><img src="/media/${KEY_A}" alt="Lặp"></p>`;

  it('lists each file once, in the order the body shows them', () => {
    assert.deepEqual(bodyMediaKeys(body), [PDF, KEY_A, KEY_B]);
  });

  it('takes the first image as the lead, never a linked attachment or an image from elsewhere', () => {
    assert.equal(firstBodyImageKey(body), KEY_A);
    assert.equal(firstBodyImageKey(`<p><a href="/media/${PDF}">tệp</a></p>`), null);
    assert.equal(firstBodyImageKey('<p><img src="https://example.com/a.jpg" alt="ngoài"></p>'), null);
  });
});

describe('home page blocks', () => {
  it('a site that chose nothing shows the blocks the home page always showed', () => {
    assert.deepEqual(homeBlocksOf({ home_blocks: '' }), [...DEFAULT_BLOCKS]);
  });

  it('keeps the chosen order, skips unknown and repeated keys, and "none" shows no block', () => {
    assert.deepEqual(homeBlocksOf({ home_blocks: 'questions cu-da-bo featured questions' }), ['questions', 'featured']);
    assert.deepEqual(homeBlocksOf({ home_blocks: 'none' }), []);
  });

  it('the editor lists the shown blocks first, in order, then the others', () => {
    const choices = blockChoices({ home_blocks: 'links news' });
    assert.deepEqual(
      choices.slice(0, 3).map((b) => [b.key, b.shown]),
      [
        ['links', true],
        ['news', true],
        ['featured', false],
      ],
    );
    assert.equal(choices.length, 9);
  });
});

describe('the end of a "Tin nổi bật" mark', () => {
  const now = new Date('2026-09-20T03:00:00Z');

  it('lasts through the whole last day in Vietnam: it ends at the next midnight there', () => {
    assert.equal(featureEnd('25/09/2026', now), '2026-09-25T17:00:00.000Z');
    assert.equal(featureEnd('20/09/2026', now), '2026-09-20T17:00:00.000Z');
  });

  it('blank means until unmarked; a day already over, or not dd/mm/yyyy, is refused at its field', () => {
    assert.equal(featureEnd('', now), null);
    for (const day of ['19/09/2026', '2026-09-25', '31/02/2026']) {
      assert.throws(
        () => featureEnd(day, now),
        (error: { code?: string; fields?: Array<{ field: string }> }) => error.code === 'validation_failed' && error.fields?.[0]?.field === 'until',
        day,
      );
    }
  });
});
