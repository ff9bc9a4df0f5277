import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Range, bestPassageStart, highlight, snippet } from '../../src/services/search/highlight.ts';
import { parseQuery } from '../../src/services/search/query.ts';

/** The passage's start by its definition: every window scored from scratch. */
function bruteForceStart(words: string[], ranges: Range[], length: number): number {
  const total = new Map<string, number>();
  for (const w of words) total.set(w, (total.get(w) ?? 0) + 1);
  let bestStart = 0;
  let bestScore = -1;
  for (const [start] of ranges) {
    const windowStart = Math.max(0, start - 40);
    const inside = ranges.map((r, i) => i).filter((i) => ranges[i]![0] >= windowStart && ranges[i]![0] < windowStart + length);
    const present = new Set(inside.map((i) => words[i]));
    let score = inside.length;
    for (const [w, n] of total) if (present.has(w)) score += 100 / n;
    if (score > bestScore) [bestScore, bestStart] = [score, windowStart];
  }
  return bestStart;
}

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('search snippet', () => {
  it('shows the passage with the most different words of the query, rare ones first', () => {
    const filler = 'họp dân bàn việc chung của ấp '.repeat(12);
    const text = `Phường 1 ${filler}phường 1 ${filler}phường 1 ${filler}xây nhà tình thương cho hộ nghèo phường 1 ${filler}`;
    const html = snippet(text, parseQuery('nhà tình thương phường 1').groups);
    assert.match(html, /<mark>nhà<\/mark> <mark>tình<\/mark> <mark>thương<\/mark>/);
    assert.match(html, /^… /, "the passage is not the text's start");
    assert.match(html, / …$/, 'nor its end');
    assert.ok(html.length < text.length);
  });

  it('cuts at spaces, so no word is broken', () => {
    const words = Array.from({ length: 200 }, (_, i) => (i === 120 ? 'đê' : `từ${i}`));
    const html = snippet(words.join(' '), parseQuery('đê').groups, 60);
    const inner = html
      .replace(/^… /, '')
      .replace(/ …$/, '')
      .replace(/<\/?mark>/g, '');
    for (const word of inner.split(' ')) assert.ok(words.includes(word), `${word} is a whole word`);
    assert.match(html, /<mark>đê<\/mark>/);
  });

  it('marks a quoted phrase as one, and its words only where they stand together', () => {
    const phrase = parseQuery('"ủy ban"').groups;
    assert.equal(highlight('Thành ủy viên, Ủy ban nhân dân, ban chỉ đạo', phrase), 'Thành ủy viên, <mark>Ủy ban</mark> nhân dân, ban chỉ đạo');
    assert.equal(highlight('Ủy ban', parseQuery('ủy ban').groups), '<mark>Ủy</mark> <mark>ban</mark>', 'unquoted words are marked each where it is');
    assert.equal(highlight('ỦY. Ban', phrase), '<mark>ỦY. Ban</mark>', 'punctuation between, as the index ignores it');
    assert.equal(highlight('ủyban', phrase), 'ủyban', 'not inside one word');
    assert.equal(highlight('Phòng chống Covid-19 ở xã', parseQuery('covid-19').groups), 'Phòng chống <mark>Covid-19</mark> ở xã');
    assert.equal(highlight('Giá 800đ một ký', parseQuery('"800 đ"').groups), 'Giá <mark>800đ</mark> một ký', 'a number and a letter need nothing between');
    const filler = 'họp dân bàn việc chung của ấp '.repeat(12);
    const passage = snippet(`Thành ủy viên ${filler}ban chỉ đạo ${filler}Ủy ban nhân dân phường ${filler}`, phrase);
    assert.match(passage, /<mark>Ủy ban<\/mark> nhân dân/);
    assert.equal(passage.match(/<mark>/g)?.length, 1, 'ủy and ban alone are not marked');
  });

  it('a text without matches gives its start', () => {
    assert.equal(snippet('Ủy ban nhân dân xã', parseQuery('bão').groups), 'Ủy ban nhân dân xã');
  });

  it('finds the same passage as scoring every window from scratch, over 500 random texts', () => {
    const next = random(20261127);
    const vocabulary = ['bão', 'lũ', 'đê', 'xã', 'ấp', 'nhà', 'họp'];
    for (let round = 0; round < 500; round++) {
      const count = Math.floor(next() * 60);
      const ranges: Range[] = [];
      const words: string[] = [];
      let at = Math.floor(next() * 30);
      for (let i = 0; i < count; i++) {
        const word = vocabulary[Math.floor(next() * vocabulary.length)]!;
        ranges.push([at, at + word.length]);
        words.push(word);
        at += word.length + 1 + Math.floor(next() * (next() < 0.2 ? 400 : 40));
      }
      const length = [30, 60, 240][round % 3]!;
      assert.equal(bestPassageStart(words, ranges, length), bruteForceStart(words, ranges, length), `round ${round}, length ${length}`);
    }
  });
});
