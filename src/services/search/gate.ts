/**
 * At most `limit` tasks at once; the rest wait their turn, first come first
 * served. A search holds its candidate lists between its queries, so 64
 * searches interleaved at their awaits held 64 sets of them at once: a
 * gate keeps that to a few, and the waiting ones cost nothing but a promise.
 */
export class Gate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`Gate: limit must be a positive integer, got ${limit}`);
  }

  /** How many tasks wait for a turn now. */
  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    try {
      return await task();
    } finally {
      // The turn passes straight to the next in line, so `running` never dips and lets a newcomer jump the queue.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
