import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { MemorySampler } from '../../bench/http/procs.ts';
import { medianRatio, pairedRatios, twoProcessRatios } from '../../bench/http/report.ts';

describe('bench:http, cases measured in turns with the baseline', () => {
  it('are compared round by round, so a drift between rounds does not pair a fast baseline with a slow case', () => {
    // A real run: the machine sped up for the baseline's second round only.
    const baseline = { rounds: [28_631, 33_319, 27_274] };
    const hit = { rounds: [22_061, 19_930, 19_543] };
    const pairs = pairedRatios(hit, baseline)!;
    assert.deepEqual(
      pairs.map((r) => Math.round(r * 1000) / 10),
      [77.1, 59.8, 71.7],
    );
    // Their median, 71,7 %, is the case's ratio; the ratio of the two medians (19.930 / 28.631) said 69,6 %.
  });

  it("pairs a case measured in a phase of its own with the baseline's rounds of that phase", () => {
    const baseline = { rounds: [30_000, 31_000, 32_000] };
    // The misses come minutes after the hit: the baseline is measured again, in turns with them.
    const miss = { rounds: [1_500, 2_000, 1_900], baselineRounds: [20_000, 25_000, 19_000] };
    assert.deepEqual(
      pairedRatios(miss, baseline)!.map((r) => Math.round(r * 1000) / 10),
      [7.5, 8, 10],
    );
    assert.equal(pairedRatios({ rounds: [1, 2, 3], baselineRounds: [1, 2] }, baseline), null);
  });

  it('compares two workers with the bare server on two processes, round by round, as well as with the one-process baseline', () => {
    const baseline = { rounds: [30_000, 31_000, 32_000] };
    // Both bare servers were measured in the same rounds as the two-worker miss.
    const miss2w = { rounds: [3_000, 3_300, 2_800], baselineRounds: [24_000, 25_000, 20_000], twoProcessBaselineRounds: [30_000, 30_000, 25_000] };
    assert.deepEqual(
      pairedRatios(miss2w, baseline)!.map((r) => Math.round(r * 1000) / 10),
      [12.5, 13.2, 14],
    );
    assert.deepEqual(
      twoProcessRatios(miss2w)!.map((r) => Math.round(r * 1000) / 10),
      [10, 11, 11.2],
    );
    assert.equal(Math.round(medianRatio(twoProcessRatios(miss2w)!) * 1000) / 10, 11);
    // One-process cases have no two-process reading.
    const oneProcessMiss = { rounds: [1, 2, 3], baselineRounds: [4, 5, 6] };
    assert.equal(twoProcessRatios(oneProcessMiss), null);
    assert.equal(twoProcessRatios({ rounds: [1, 2, 3], twoProcessBaselineRounds: [4, 5] }), null);
  });

  it('leaves the baseline itself, cases measured once, and rounds that do not pair up to the plain ratio', () => {
    const baseline = { rounds: [30_000, 31_000, 32_000] };
    assert.equal(pairedRatios(baseline, baseline), null);
    assert.equal(pairedRatios({}, baseline), null);
    assert.equal(pairedRatios({ rounds: [1, 2] }, baseline), null);
  });
});

describe('bench:http, memory of a process tree', () => {
  it('sums PSS as well as RSS over a primary and its children: pages they share count once in PSS', async () => {
    // Two real node processes under this one: they share the node binary's pages.
    const children = [0, 1].map(() => spawn(process.execPath, ['-e', 'setTimeout(() => {}, 5000)'], { stdio: 'ignore' }));
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const report = new MemorySampler(process.pid, 60_000).stop();
      assert.ok(report.peakTreePssMb > 0, 'PSS was read');
      assert.ok(report.peakTreePssMb < report.peakTreeMb, `PSS ${report.peakTreePssMb} MB is below the RSS sum ${report.peakTreeMb} MB`);
      assert.ok(report.peakTreeMb > report.peakProcessMb, 'the RSS sum spans the children');
    } finally {
      for (const child of children) child.kill();
    }
  });
});
