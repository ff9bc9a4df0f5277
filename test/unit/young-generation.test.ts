import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const MODULE = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../bin/young-generation.js')).href;

/**
 * Runs a fresh Node that keeps allocating objects, a fifth of which live
 * through a few collections (as a burst of requests does), and returns
 * the largest semi-space it reached, in MB; capped or not.
 */
function peakSemiSpaceMb(capMb: number | null): number {
  const script = `
    const { capSemiSpaces, semiSpaceBytes } = await import(${JSON.stringify(MODULE)});
    ${capMb === null ? '' : `capSemiSpaces(${capMb});`}
    const ring = new Array(20000);
    let peak = 0;
    for (let round = 0; round < 200; round++) {
      for (let i = 0; i < 20000; i++) ring[(round * 20000 + i) % ring.length] = { round, i, text: 'x' + i + 'y' + round };
      await new Promise((resolve) => setImmediate(resolve));
      peak = Math.max(peak, semiSpaceBytes());
    }
    console.log(peak / 1048576);`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).trim());
}

describe('xaphuong serve: the young generation', () => {
  it('grows under load up to its cap, where V8 alone grows it past twice that', () => {
    const uncapped = peakSemiSpaceMb(null);
    const capped = peakSemiSpaceMb(4);
    // The same load makes V8 grow its semi-spaces past 8 MB on its own: the load is enough to test the cap.
    assert.ok(uncapped > 8, `không giới hạn: ${uncapped} MB`);
    // Capped at 4 MB: it grows from 1 MB to the cap, and at most one doubling past it (collections are reported asynchronously).
    assert.ok(capped >= 3.5 && capped <= 8, `giới hạn 4 MB: ${capped} MB`);
  });

  it('stays at its starting size with a cap that a doubling would pass', () => {
    assert.ok(peakSemiSpaceMb(1) < 1.1);
  });
});
