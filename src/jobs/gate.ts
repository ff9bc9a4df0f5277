/**
 * At most `limit` tasks at once; the rest wait their turn, first come first
 * served, costing nothing but a promise. For work whose memory grows with
 * how much of it runs at once: searches hold their candidate lists between
 * their queries (64 interleaved searches held 64 sets), and a page
 * compressed again on the thread pool holds a compressor's buffers.
 */
export class Gate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`Gate: limit must be a positive integer, got ${limit}`);
  }

  /** How many tasks run now. */
  get active(): number {
    return this.running;
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
