import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUILT_IN_ABBREVIATIONS, toMatchable } from '../../src/services/search/abbreviations.ts';
import { amountForms, readAmount } from '../../src/services/search/amounts.ts';
import { expandQuery } from '../../src/services/search/expand.ts';
import { parseQuery } from '../../src/services/search/query.ts';
import { decodeTelex, decodeTyping, decodeVni } from '../../src/services/search/typing.ts';

const LIST = toMatchable(BUILT_IN_ABBREVIATIONS);
const partsOf = (q: string) =>
  expandQuery(parseQuery(`${q} `), LIST).parts.map((p) => ({ kind: p.kind, alternatives: p.alternatives.map((g) => g.terms.map((t) => t.folded).join(' ')) }));

describe('what a query means', () => {
  it('decodes Telex keys left in a word, tone and marks in their place', () => {
    assert.equal(decodeTelex('nhaf'), 'nhà');
    assert.equal(decodeTelex('thuongw'), 'thương');
    assert.equal(decodeTelex('nguoiwf'), 'người');
    assert.equal(decodeTelex('ddaf'), 'đà');
    assert.equal(decodeTelex('hoaf'), 'hòa');
    assert.equal(decodeTelex('quys'), 'quý');
    assert.equal(decodeTelex('nguyeenj'), 'nguyện');
    assert.equal(decodeTelex('hien'), null, 'a word with no key stays as it is');
  });

  it('decodes VNI digits, wherever they were typed', () => {
    assert.equal(decodeVni('nha2'), 'nhà');
    assert.equal(decodeVni('thu7o7ng'), 'thương');
    assert.equal(decodeVni('thuo7ng'), 'thương');
    assert.equal(decodeVni('d9a2'), 'đà');
    assert.equal(decodeVni('nha'), null);
    assert.equal(decodeTyping('tinh2'), 'tình');
  });

  it('reads amounts written with dots, commas and units', () => {
    assert.equal(readAmount('438', 'trieu'), 438_000_000);
    assert.equal(readAmount('1,5', 'ty'), 1_500_000_000);
    assert.equal(readAmount('1.500.000.000đ', undefined), 1_500_000_000);
    assert.equal(readAmount('21.090', undefined), null, 'a count is no amount');
    assert.equal(readAmount('2020', undefined), null, 'nor is a year');
    assert.deepEqual(amountForms(1_500_000_000), [
      ['1', '500', '000', '000'],
      ['1', '5', 'ty'],
      ['1', 'ty', '500', 'trieu'],
      ['1', '5', 'ti'],
      ['1', 'ti', '500', 'trieu'],
    ]);
  });

  it('reads abbreviations both ways, document numbers, amounts and dates as parts with alternatives', () => {
    assert.deepEqual(partsOf('UBND'), [{ kind: 'abbreviation', alternatives: ['uy ban nhan dan'] }]);
    assert.deepEqual(partsOf('mặt trận tổ quốc'), [{ kind: 'abbreviation', alternatives: ['mttq'] }]);
    assert.deepEqual(partsOf('qđ 125'), [{ kind: 'number', alternatives: ['125 qd'] }]);
    assert.deepEqual(partsOf('NĐ 42/2022'), [{ kind: 'number', alternatives: ['42 2022 nd'] }]);
    assert.deepEqual(partsOf('125/QĐ-UBND'), [{ kind: 'number', alternatives: [] }], 'typed as documents write it, it is its own alternative');
    assert.deepEqual(partsOf('438 triệu'), [{ kind: 'amount', alternatives: ['438 000 000'] }]);
    assert.equal(partsOf('13-1-2020')[0]!.kind, 'date');
    assert.ok(partsOf('13-1-2020')[0]!.alternatives.includes('13 thang 01 nam 2020'));
    assert.ok(partsOf('tháng 1 năm 2020')[0]!.alternatives.includes('1 2020'));
    assert.deepEqual(
      partsOf('"ủy ban nhân dân"').map((p) => p.kind),
      ['words'],
      'a quoted phrase is taken as typed',
    );
    assert.deepEqual(
      partsOf('125 người').map((p) => p.kind),
      ['words', 'words'],
    );
  });
});
