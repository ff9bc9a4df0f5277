import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pairedRatios } from '../../bench/http/report.ts';

describe('bench:http, cases measured in turns with the baseline', () => {
  it('are compared round by round, so a drift between rounds does not pair a fast baseline with a slow case', () => {
    // A real run: the machine sped up for the baseline's second round only.
    const baseline = { rounds: [28_631, 33_319, 27_274] };
    const hit = { rounds: [22_061, 19_930, 19_543] };
    const pairs = pairedRatios(hit, baseline)!;
    assert.deepEqual(pairs.map((r) => Math.round(r * 1000) / 10), [77.1, 59.8, 71.7]);
    // Their median, 71,7 %, is the case's ratio; the ratio of the two medians (19.930 / 28.631) said 69,6 %.
  });

  it('leaves the baseline itself, cases measured once, and rounds that do not pair up to the plain ratio', () => {
    const baseline = { rounds: [30_000, 31_000, 32_000] };
    assert.equal(pairedRatios(baseline, baseline), null);
    assert.equal(pairedRatios({}, baseline), null);
    assert.equal(pairedRatios({ rounds: [1, 2] }, baseline), null);
  });
});
