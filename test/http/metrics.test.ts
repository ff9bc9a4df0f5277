import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import client from 'prom-client';
import { buildApp } from '../../src/http/app.ts';
import { openTestApp } from '../support/app.ts';
import { DIALECTS, type TestDatabase, openEmptyDatabase } from '../support/databases.ts';
import { buildSite } from '../support/factories.ts';
import { type PortalProcess, STACK_LINE, freePort, request, serveEnv, startPortal, stopPortal, waitForWorkers } from '../support/portal-process.ts';

/** The value of one sample in Prometheus text, or 0 when it is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = (match[2] ?? '').split(',');
    if (wanted.every((w) => have.includes(w))) return Number(match[3]);
  }
  return 0;
}

/** A portal with its metrics on a port of their own. */
async function startWithMetrics(dialect: string, workers: number) {
  const port = await freePort();
  const metricsPort = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-metrics-'));
  const pg: TestDatabase | undefined = dialect === 'postgres' ? await openEmptyDatabase('postgres') : undefined;
  const env = serveEnv(port, dataDir, workers, { XAPHUONG_DEMO: '1', XAPHUONG_METRICS_PORT: String(metricsPort), ...(pg ? { DATABASE_URL: pg.url } : {}) });
  const portal: PortalProcess = startPortal(['serve'], env);
  await waitForWorkers(port, portal, workers);
  const scrape = async () => {
    const res = await request(metricsPort, '/metrics');
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    return res.body;
  };
  return {
    port,
    metricsPort,
    scrape,
    stop: async () => {
      await stopPortal(portal);
      await pg?.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

for (const dialect of DIALECTS) {
  describe(`Prometheus metrics of one node [${dialect}]`, () => {
    let portal: Awaited<ReturnType<typeof startWithMetrics>>;
    before(async () => {
      portal = await startWithMetrics(dialect, 1);
    });
    after(() => portal.stop());

    it('counts requests by route and status, with their durations, and page-cache hits and misses', async () => {
      const before = await portal.scrape();
      for (let i = 0; i < 4; i++) assert.equal((await request(portal.port, '/')).status, 200);
      assert.equal((await request(portal.port, '/bai-viet/khong-co-bai-nay')).status, 404);
      const now = await portal.scrape();
      const delta = (name: string, labels: Record<string, string> = {}) => sample(now, name, labels) - sample(before, name, labels);
      // The first home page is rendered (a miss); the next three are answered from the cache before Fastify.
      assert.equal(delta('xaphuong_http_requests_total', { route: '/', status: '200' }), 1);
      assert.equal(delta('xaphuong_http_requests_total', { route: '(bộ nhớ đệm)', status: '200' }), 3);
      assert.equal(delta('xaphuong_http_requests_total', { route: '/bai-viet/:slug', status: '404' }), 1);
      assert.equal(delta('xaphuong_http_request_duration_seconds_count', { route: '/' }), 1);
      assert.ok(delta('xaphuong_page_cache_lookups_total', { result: 'hit' }) >= 3);
      assert.ok(delta('xaphuong_page_cache_lookups_total', { result: 'miss' }) >= 1);
      assert.ok(sample(now, 'xaphuong_page_cache_bytes') > 0);
      assert.ok(sample(now, 'xaphuong_process_resident_memory_bytes') > 0);
    });

    it('counts job runs and failures, and reads the queues’ depth from the database', async () => {
      const text = await portal.scrape();
      assert.ok(sample(text, 'xaphuong_job_runs_total', { job: 'xuất bản theo lịch' }) >= 1);
      assert.equal(sample(text, 'xaphuong_job_failures_total', { job: 'xuất bản theo lịch' }), 0);
      assert.match(text, /^xaphuong_queue_depth\{queue="mail"\} \d+$/m);
      assert.match(text, /^xaphuong_queue_depth\{queue="scheduled_due"\} 0$/m);
    });

    it('is served on its own port only: the public port has no /metrics, the metrics port nothing else', async () => {
      assert.equal((await request(portal.port, '/metrics')).status, 404);
      assert.equal((await request(portal.metricsPort, '/')).status, 404);
    });
  });
}

describe('Prometheus metrics in cluster mode: the primary sums its workers [sqlite]', () => {
  let portal: Awaited<ReturnType<typeof startWithMetrics>>;
  before(async () => {
    portal = await startWithMetrics('sqlite', 2);
  });
  after(() => portal.stop());

  it('every request to either worker is counted once, and the jobs once, by the primary', async () => {
    const before = await portal.scrape();
    const pids = new Set<number>();
    for (let i = 0; i < 20; i++) pids.add(JSON.parse((await request(portal.port, '/healthz')).body).pid);
    assert.equal(pids.size, 2, 'both workers answered');
    const now = await portal.scrape();
    assert.equal(
      sample(now, 'xaphuong_http_requests_total', { route: '/healthz', status: '200' }) -
        sample(before, 'xaphuong_http_requests_total', { route: '/healthz', status: '200' }),
      20,
    );
    assert.ok(sample(now, 'xaphuong_job_runs_total', { job: 'xuất bản theo lịch' }) >= 1);
    assert.equal(now.match(/^# TYPE xaphuong_job_runs_total /gm)?.length, 1, 'one family, from the primary');
    assert.equal(now.match(/^# TYPE xaphuong_http_requests_total /gm)?.length, 1, 'one family, summed over the workers');
  });
});

describe('Prometheus metrics of a page answered from the cache through Fastify [sqlite]', () => {
  it('a hit that Fastify routes is counted once, under its route', async () => {
    const h = await openTestApp('sqlite');
    await buildSite(h.t.db, { hosts: ['dem-so.test'] });
    const app = await buildApp({ db: h.t.db, config: { mediaDir: h.mediaDir, trustProxy: false, logLevel: 'silent' }, earlyCacheHits: false, metrics: true });
    try {
      await app.applyPageEvents();
      const count = async () => sample(await client.register.metrics(), 'xaphuong_http_requests_total', { route: '/', status: '200' });
      const before = await count();
      for (let i = 0; i < 3; i++) assert.equal((await app.inject({ url: '/', headers: { host: 'dem-so.test' } })).statusCode, 200);
      assert.equal(app.pageCache.hits, 2, 'two of the three were hits');
      assert.equal((await count()) - before, 3);
    } finally {
      await app.close();
      await h.close();
    }
  });
});

describe('a metrics port that is taken [sqlite]', () => {
  it('stops the portal with one message naming XAPHUONG_METRICS_PORT, no stack', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-metrics-'));
    try {
      const metricsPort = (taken.address() as net.AddressInfo).port;
      const portal = startPortal(['serve'], serveEnv(await freePort(), dataDir, 1, { XAPHUONG_DEMO: '0', XAPHUONG_METRICS_PORT: String(metricsPort) }));
      assert.equal(await portal.exited, 1);
      assert.match(portal.stderr(), /XAPHUONG_METRICS_PORT/);
      assert.doesNotMatch(portal.stderr(), STACK_LINE);
    } finally {
      taken.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
