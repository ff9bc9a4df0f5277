import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_RESTART_DELAY_MS, restartDelay } from '../../src/cli/cluster-primary.ts';

describe('restarting a worker that keeps dying', () => {
  it('is at once the first time, then waits twice as long each time, up to the cap', () => {
    assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7, 20].map(restartDelay), [0, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, MAX_RESTART_DELAY_MS]);
  });
});
