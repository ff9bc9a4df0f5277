import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stripControlCharacters, stripControlCharactersDeep } from '../../src/text/control-characters.ts';

describe('control characters in text input', () => {
  it('are removed, NUL first of all, while tabs, line breaks and Vietnamese stay', () => {
    assert.equal(stripControlCharacters('a\u0000b'), 'ab');
    assert.equal(stripControlCharacters('Hỏi\u0007 đáp\u007f\u0085'), 'Hỏi đáp');
    assert.equal(stripControlCharacters('dòng 1\r\ndòng 2\tcột'), 'dòng 1\r\ndòng 2\tcột');
    assert.equal(stripControlCharacters('\u0000\u0000'), '');
  });

  it('are removed from every string of a form, a query or JSON, leaving bytes and dates alone', () => {
    const bytes = Buffer.from([0, 1, 2]);
    const when = new Date(0);
    const input = { q: 'a\u0000b', list: ['x\u0001', 'y'], nested: { email: 'a@b.vn\u0000' }, bytes, when, n: 3 };
    assert.deepEqual(stripControlCharactersDeep(input), { q: 'ab', list: ['x', 'y'], nested: { email: 'a@b.vn' }, bytes, when, n: 3 });
    assert.equal(input.q, 'a\u0000b', 'the input is not changed in place');
    // Fastify's query parser makes objects whose prototype has no prototype.
    function Dictionary() {}
    Dictionary.prototype = Object.create(null);
    const query = Object.assign(new (Dictionary as unknown as new () => Record<string, string>)(), { q: 'x\u0000y' });
    assert.deepEqual({ ...stripControlCharactersDeep(query) }, { q: 'xy' });
    const clean = { a: 'b', c: ['d'] };
    assert.equal(stripControlCharactersDeep(clean), clean, 'nothing to strip: the same object');
  });
});
