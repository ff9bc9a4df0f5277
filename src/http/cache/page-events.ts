import type { PageEventRepository } from '../../repositories/page-event-repository.ts';

/** How long an id skipped by the poll is looked for again: longer than any transaction stays open between writing its event and committing. */
export const GAP_WAIT_MS = 5 * 60_000;
/** At most this many skipped ids are looked for at once (a sequence that jumped far is not a thousand open transactions). */
const MAX_GAPS = 1_000;

/**
 * Reads the page events every process commits, each once. Event ids come
 * from a sequence taken when the row is written, not when it commits: on
 * PostgreSQL a transaction holding id 10 may commit after another's id 11
 * was read. So an id skipped by the poll is looked for again, until it
 * shows up or GAP_WAIT_MS has passed (a rolled-back transaction never
 * fills its id). On SQLite writers take turns, so no id is ever skipped.
 */
export class PageEventFollower {
  private lastId: number | null = null;
  /** Skipped ids and when they were first missed. */
  private readonly gaps = new Map<number, number>();
  /** The read under way: reads take turns, so two never apply one batch and move lastId back. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly events: PageEventRepository) {}

  /** Starts from the newest event, if not started yet; true when it started now (what is kept may have missed events). */
  async start(): Promise<boolean> {
    if (this.lastId !== null) return false;
    this.lastId = await this.events.lastId();
    return true;
  }

  /** The tags of every event committed since the last call, each event once. */
  next(now = Date.now()): Promise<string[][]> {
    const read = this.tail.then(() => this.read(now));
    this.tail = read.catch(() => undefined);
    return read;
  }

  private async read(now: number): Promise<string[][]> {
    await this.start();
    const found: string[][] = [];
    if (this.gaps.size > 0) {
      for (const event of await this.events.byIds([...this.gaps.keys()])) {
        this.gaps.delete(event.id);
        found.push(event.tags.split(' '));
      }
      for (const [id, since] of this.gaps) if (now - since > GAP_WAIT_MS) this.gaps.delete(id);
    }
    for (;;) {
      const batch = await this.events.since(this.lastId!);
      if (batch.length === 0) return found;
      for (const event of batch) {
        for (let id = this.lastId! + 1; id < event.id && this.gaps.size < MAX_GAPS; id++) this.gaps.set(id, now);
        this.lastId = event.id;
        found.push(event.tags.split(' '));
      }
    }
  }
}
