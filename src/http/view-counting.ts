import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { failureLogger } from '../db/failures.ts';
import type { Database } from '../db/schema.ts';
import { ViewCounter } from '../services/pages/view-counter.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Article views counted in memory, written every few seconds. */
    views: ViewCounter;
  }
}

/**
 * Article views, counted apart from how a page is sent: the article route
 * counts a rendered page, the page cache reports its hits (app.ts wires it),
 * and the counts are written in batches on a timer and when the app closes.
 */
export function registerViewCounting(app: FastifyInstance, db: Kysely<Database>, flushMs = 5000): ViewCounter {
  const views = new ViewCounter();
  app.decorate('views', views);
  const logFailure = failureLogger(app.log);
  const flush = setInterval(() => void views.flush(db).catch((error) => logFailure('không ghi được lượt xem', error)), flushMs);
  flush.unref();
  app.addHook('onClose', async () => {
    clearInterval(flush);
    await views.flush(db).catch(() => undefined);
  });
  return views;
}
