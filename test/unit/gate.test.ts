import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Gate } from '../../src/jobs/gate.ts';

/** A task that runs until released, recording when it starts. */
function heldTask(log: string[], name: string) {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  return {
    release,
    run: async () => {
      log.push(name);
      await done;
      return name;
    },
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Gate', () => {
  it('runs at most its limit at once, and the waiting ones in the order they came', async () => {
    const gate = new Gate(2);
    const started: string[] = [];
    const tasks = ['a', 'b', 'c', 'd'].map((n) => heldTask(started, n));
    const results = tasks.map((t) => gate.run(t.run));
    await tick();
    assert.deepEqual(started, ['a', 'b']);
    assert.equal(gate.queued, 2);
    tasks[1]!.release();
    await tick();
    assert.deepEqual(started, ['a', 'b', 'c']);
    tasks[0]!.release();
    await tick();
    assert.deepEqual(started, ['a', 'b', 'c', 'd']);
    tasks[2]!.release();
    tasks[3]!.release();
    assert.deepEqual(await Promise.all(results), ['a', 'b', 'c', 'd']);
    assert.equal(gate.queued, 0);
  });

  it('passes the turn on when a task fails, and the caller gets the error', async () => {
    const gate = new Gate(1);
    const failing = gate.run(async () => {
      throw new Error('truy vấn hỏng');
    });
    const next = gate.run(async () => 'tiếp theo');
    await assert.rejects(failing, /truy vấn hỏng/);
    assert.equal(await next, 'tiếp theo');
  });

  it('refuses a limit that is not a positive whole number', () => {
    assert.throws(() => new Gate(0), RangeError);
    assert.throws(() => new Gate(1.5), RangeError);
  });
});
