import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HOT_AFTER_HITS } from '../../src/http/cache/page-cache.ts';
import { Deadline } from '../load.ts';
import { intEnv, sleep, waitForIdleMachine } from '../machine.ts';
import { type Breakdown, measureBreakdown } from './breakdown.ts';
import { type DataSet, buildDataSet } from './dataset.ts';
import { type LighthouseScore, runLighthouse } from './lighthouse.ts';
import { type MemoryReport, get, killAll, repoRoot } from './procs.ts';
import { type BenchSettings, type CaseDef, type CaseResult, type ProfileRun, fmt, report } from './report.ts';
import { CaseRunner } from './case-runner.ts';
import { type Portal, startBare, startPortal, stopPortal } from './servers.ts';
import { ACCEPT_ENCODING, ensureWrk, wrkVersion } from './wrk.ts';

/**
 * The HTTP benchmark ("Fast on a 2-core box"): the portal as deployed
 * (`xaphuong serve`, SQLite in a data folder) under wrk, against a bare
 * node:http server sending the same bytes. See bench/http/README.md.
 *
 *   node --import tsx bench/http/run.ts
 */

// ------------------------------------------------------------- settings

const SETTINGS: BenchSettings = {
  sites: intEnv('BENCH_HTTP_SITES', 100),
  articlesPerSite: intEnv('BENCH_HTTP_ARTICLES', 1000),
  seconds: intEnv('BENCH_HTTP_DURATION', 10),
  warmupSeconds: intEnv('BENCH_HTTP_WARMUP', 3, 0),
  connections: intEnv('BENCH_HTTP_CONNECTIONS', 64),
  threads: intEnv('BENCH_HTTP_THREADS', 2),
  seed: intEnv('BENCH_HTTP_SEED', 20251, 0),
  maxMinutes: intEnv('BENCH_HTTP_MAX_MINUTES', 60),
  waitMinutes: intEnv('BENCH_HTTP_WAIT_MINUTES', 20, 0),
  retries: intEnv('BENCH_HTTP_RETRIES', 2, 0),
  rounds: intEnv('BENCH_HTTP_ROUNDS', 5),
  lighthouse: process.env.BENCH_LIGHTHOUSE !== '0',
  profile: process.env.BENCH_HTTP_PROFILE !== '0',
  dataDir: process.env.BENCH_HTTP_DATA ?? '',
};
const CACHE_MB = 64;
const RESULTS_DIR = path.join(repoRoot, 'bench', 'results');

// ------------------------------------------------------------- housekeeping

const log = (line: string) => console.log(line);
const startedAt = Date.now();
/** Elapsed time comes from the monotonic clock: this machine's wall clock is stepped now and then. */
const startedMono = performance.now();
const deadline = new Deadline(startedAt + SETTINGS.maxMinutes * 60_000);
let tempDir = '';

function cleanup(): void {
  killAll();
  if (tempDir && !SETTINGS.dataDir) {
    try {
      fs.rmSync(tempDir, { recursive: true, force: true });
    } catch {}
    tempDir = '';
  }
}
process.on('exit', cleanup);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    console.error(`\nNhận ${signal}: dọn tiến trình và thư mục tạm rồi dừng.`);
    cleanup();
    process.exit(130);
  });
}
// The whole run is bounded: past BENCH_HTTP_MAX_MINUTES everything stops.
setTimeout(() => {
  console.error(`\nQuá ${SETTINGS.maxMinutes} phút (BENCH_HTTP_MAX_MINUTES): dừng benchmark.`);
  cleanup();
  process.exit(124);
}, SETTINGS.maxMinutes * 60_000).unref();

// ------------------------------------------------------------- main

async function main(): Promise<void> {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const wrkBin = ensureWrk(log);
  const cpuModel = /model name\s*:\s*(.+)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model ?? '';
  log(`Benchmark HTTP — ${os.availableParallelism()} lõi (${cpuModel}), Node ${process.version}, ${wrkVersion(wrkBin)}`);
  log(
    `wrk: ${SETTINGS.connections} kết nối, ${SETTINGS.threads} luồng, ${SETTINGS.seconds} s đo sau ${SETTINGS.warmupSeconds} s khởi động; Accept-Encoding: ${ACCEPT_ENCODING}`,
  );

  // 1. The data set, in a fresh folder (or a kept one, BENCH_HTTP_DATA).
  let data: DataSet;
  const want = { sites: SETTINGS.sites, articlesPerSite: SETTINGS.articlesPerSite, seed: SETTINGS.seed };
  if (SETTINGS.dataDir) {
    tempDir = path.resolve(SETTINGS.dataDir);
    fs.mkdirSync(tempDir, { recursive: true });
  } else {
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-bench-http-'));
  }
  const saved = path.join(tempDir, 'dataset.json');
  const reuse = SETTINGS.dataDir && fs.existsSync(saved) ? (JSON.parse(fs.readFileSync(saved, 'utf8')) as DataSet & { want: typeof want }) : null;
  if (reuse && JSON.stringify(reuse.want) === JSON.stringify(want) && fs.existsSync(reuse.file)) {
    data = reuse;
    log(`Dùng lại bộ dữ liệu ở ${tempDir} (${data.sites} cổng × ${data.articlesPerSite} bài).`);
  } else {
    for (const f of ['xaphuong.sqlite', 'xaphuong.sqlite-wal', 'xaphuong.sqlite-shm']) fs.rmSync(path.join(tempDir, f), { force: true });
    log(
      `Tạo bộ dữ liệu: ${SETTINGS.sites} cổng × ${SETTINGS.articlesPerSite} bài = ${(SETTINGS.sites * SETTINGS.articlesPerSite).toLocaleString('en-US')} bài, SQLite tại ${tempDir}`,
    );
    data = await buildDataSet(tempDir, { ...want, deadline, log });
    fs.writeFileSync(saved, JSON.stringify({ ...data, want }));
  }
  const t = data.timings;
  log(`  ${fmt(t.totalSeconds, 1)} s (bài viết ${fmt(t.articlesSeconds, 1)} s, chỉ mục ${fmt(t.indexSeconds, 1)} s), tệp ${fmt(t.fileBytes / 1048576, 0)} MB`);

  const runner = new CaseRunner({ settings: SETTINGS, wrkBin, tempDir, resultsDir: RESULTS_DIR, deadline, log });
  const quiet = await waitForIdleMachine(SETTINGS.waitMinutes, log);
  const cases: CaseResult[] = [];
  const memory: Record<string, MemoryReport> = {};
  const stormTargets = [data.storm];

  // 2. Cache on, one process: the storm notice (hit), home pages, search.
  log('\nCổng: bộ nhớ đệm bật (XAPHUONG_CACHE_MB=64), 1 tiến trình');
  let portal = await startPortal(data, { name: 'cache-on', cacheMb: CACHE_MB, workers: 1 });
  const variants: Record<string, { headers: Record<string, string>; body: string }> = {};
  // Hot first: a page served often is compressed again at the best level (HOT_AFTER_HITS), and those are the bytes a storm gets.
  for (let i = 0; i <= HOT_AFTER_HITS; i++)
    for (const ae of [ACCEPT_ENCODING, 'gzip']) await get(portal.port, data.storm.host, data.storm.path, { 'Accept-Encoding': ae });
  await sleep(500);
  for (const [name, ae] of [
    ['br', ACCEPT_ENCODING],
    ['gzip', 'gzip'],
    ['identity', 'identity'],
  ] as const) {
    const res = await get(portal.port, data.storm.host, data.storm.path, { 'Accept-Encoding': ae });
    if (res.status !== 200) throw new Error(`Trang bão trả ${res.status}`);
    const headers: Record<string, string> = {};
    for (let i = 0; i < res.rawHeaders.length; i += 2) {
      const k = res.rawHeaders[i]!.toLowerCase();
      if (!['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length'].includes(k)) headers[k] = res.rawHeaders[i + 1]!;
    }
    variants[name] = { headers, body: res.body.toString('base64') };
  }
  const brBytes = Buffer.from(variants.br!.body, 'base64').length;
  log(
    `  trang bão: ${variants.br!.headers['content-encoding']} ${brBytes} B, gzip ${Buffer.from(variants.gzip!.body, 'base64').length} B, gốc ${Buffer.from(variants.identity!.body, 'base64').length} B`,
  );

  // 3. The baseline: the same bytes from a bare node:http server, measured
  // in turns with the cache hit, and kept running to be measured in turns
  // with each miss case later, so that every target's ratio compares like minutes.
  log('\nĐường cơ sở (node:http trần gửi đúng các byte của trang bão từ bộ nhớ), đo xen kẽ với trang trong bộ đệm');
  const pageFile = path.join(tempDir, 'storm-page.json');
  fs.writeFileSync(pageFile, JSON.stringify(variants));
  const base = await startBare(pageFile, 'baseline', {}, data.storm.host);
  const baselineRun = {
    c: { id: 'baseline', title: 'ĐƯỜNG CƠ SỞ: node:http trần, cùng byte', targets: stormTargets },
    port: base.port,
    pid: base.pid,
    server: 'node:http',
  };
  /** A portal case measured in turns with the baseline, in rounds of its own: its ratio pairs each round with the baseline's. */
  const inTurnsWithBaseline = async (c: CaseDef, on: Portal, server: string): Promise<CaseResult> => {
    const [own, measured] = await runner.alternate([baselineRun, { c, port: on.port, pid: on.pid, server }], SETTINGS.rounds);
    return { ...measured!, baselineRounds: own!.rounds! };
  };
  const [baseline, hit] = await runner.alternate(
    [
      baselineRun,
      {
        c: { id: 'article-hit', title: 'Bài viết, có trong bộ đệm (trang bão)', targets: stormTargets },
        port: portal.port,
        pid: portal.pid,
        server: '1 tiến trình, đệm bật',
      },
    ],
    SETTINGS.rounds,
  );
  cases.push(baseline!, hit!);
  cases.push(
    await runner.run(
      { id: 'home-cached', title: 'Trang chủ, đệm bật (xoay 100 cổng)', targets: data.homeTargets },
      portal.port,
      portal.pid,
      '1 tiến trình, đệm bật',
    ),
  );
  cases.push(
    await runner.run(
      { id: 'search', title: 'Tìm kiếm /tim-kiem (xoay câu hỏi, cổng)', targets: data.searchTargets },
      portal.port,
      portal.pid,
      '1 tiến trình, đệm bật',
    ),
  );
  memory['cache-on'] = await stopPortal(portal);

  // 4. The same bare server compressing the page for each request: the ceiling of a miss.
  log('\nTrần của một lần trượt: cùng máy chủ trần, nén trang (mức nhanh của cổng) và băm ETag cho mỗi yêu cầu');
  const ceiling = await startBare(pageFile, 'miss-ceiling', { compressEach: true }, data.storm.host);
  try {
    cases.push(
      await runner.run(
        { id: 'miss-ceiling', title: 'TRẦN TRƯỢT: node:http trần, nén + ETag mỗi lần', targets: stormTargets },
        ceiling.port,
        ceiling.pid,
        'node:http',
      ),
    );
  } finally {
    memory['miss-ceiling'] = await ceiling.stop();
  }

  // 5. Cache off, one process: article misses, home pages, listings.
  log('\nCổng: bộ nhớ đệm tắt (XAPHUONG_CACHE_MB=0), 1 tiến trình');
  portal = await startPortal(data, { name: 'cache-off', cacheMb: 0, workers: 1 });
  cases.push(
    await inTurnsWithBaseline(
      { id: 'article-miss', title: 'Bài viết, không đệm (xoay bài, cổng)', targets: data.articleTargets },
      portal,
      '1 tiến trình, đệm tắt',
    ),
  );
  cases.push(
    await runner.run(
      { id: 'home-uncached', title: 'Trang chủ, đệm tắt (xoay 100 cổng)', targets: data.homeTargets },
      portal.port,
      portal.pid,
      '1 tiến trình, đệm tắt',
    ),
  );
  cases.push(
    await runner.run(
      { id: 'listing', title: 'Chuyên mục ?trang=N, đệm tắt (xoay)', targets: data.listingTargets },
      portal.port,
      portal.pid,
      '1 tiến trình, đệm tắt',
    ),
  );
  memory['cache-off'] = await stopPortal(portal);

  // 6. Two workers (XAPHUONG_WORKERS=2, the production default on 2 cores):
  // the storm notice from the cache and the misses, in turns with the
  // baseline and with the same bare server on two processes (node:cluster,
  // as `serve` runs workers), so that two workers are also compared with
  // two bare processes, in the same minutes.
  log('\nCổng: XAPHUONG_WORKERS=2, bộ nhớ đệm bật và tắt, đo xen kẽ với đường cơ sở 1 và 2 tiến trình');
  const base2 = await startBare(pageFile, 'baseline-2p', { workers: 2 }, data.storm.host);
  const on2 = await startPortal(data, { name: 'cache-on-2w', cacheMb: CACHE_MB, workers: 2 });
  const off2 = await startPortal(data, { name: 'cache-off-2w', cacheMb: 0, workers: 2 });
  const [own, own2p, hit2, miss2] = await runner.alternate(
    [
      baselineRun,
      {
        c: { id: 'baseline-2p', title: 'ĐƯỜNG CƠ SỞ 2 tiến trình (node:cluster)', targets: stormTargets },
        port: base2.port,
        pid: base2.pid,
        server: 'node:http ×2',
      },
      {
        c: { id: 'article-hit-2w', title: 'Bài viết, có trong bộ đệm, 2 tiến trình', targets: stormTargets },
        port: on2.port,
        pid: on2.pid,
        server: '2 tiến trình, đệm bật',
      },
      {
        c: { id: 'article-miss-2w', title: 'Bài viết, không đệm, 2 tiến trình', targets: data.articleTargets },
        port: off2.port,
        pid: off2.pid,
        server: '2 tiến trình, đệm tắt',
      },
    ],
    SETTINGS.rounds,
  );
  const inPhase = { baselineRounds: own!.rounds!, twoProcessBaselineRounds: own2p!.rounds! };
  cases.push({ ...own2p!, baselineRounds: own!.rounds! }, { ...hit2!, ...inPhase }, { ...miss2!, ...inPhase });
  memory['cache-on-2w'] = await stopPortal(on2);
  memory['cache-off-2w'] = await stopPortal(off2);
  memory['baseline-2p'] = await base2.stop();
  memory.baseline = await base.stop();

  // 7. CPU profiles of the portal (their own runs: the profiler slows it): under the cache-miss load, and under the storm.
  const profiles: Record<string, ProfileRun> = {};
  if (SETTINGS.profile) {
    log('\nHồ sơ CPU (node --cpu-prof), chỉ lấy mẫu trong 10 s đo');
    for (const p of [
      { id: 'cache-miss', cacheMb: 0, c: { id: 'article-miss-profiled', title: 'Bài viết, không đệm, có --cpu-prof', targets: data.articleTargets } },
      { id: 'cache-hit', cacheMb: CACHE_MB, c: { id: 'article-hit-profiled', title: 'Bài viết, trong bộ đệm, có --cpu-prof', targets: stormTargets } },
      { id: 'home-uncached', cacheMb: 0, c: { id: 'home-uncached-profiled', title: 'Trang chủ, không đệm, có --cpu-prof', targets: data.homeTargets } },
      { id: 'search', cacheMb: CACHE_MB, c: { id: 'search-profiled', title: 'Tìm kiếm, có --cpu-prof', targets: data.searchTargets } },
    ]) {
      const run = await runner.profile(data, p.id, p.cacheMb, p.c);
      if (run) profiles[p.id] = run;
    }
  }

  // 8. Where an uncached article page's CPU goes, measured in-process.
  log('\nChi phí CPU của một lần dựng trang bài viết (trong tiến trình, không socket)');
  let breakdown: Breakdown | null = null;
  try {
    breakdown = await measureBreakdown(tempDir, data.articleTargets, Math.min(6000, SETTINGS.seconds * 600));
  } catch (error) {
    log(`  ! không đo được: ${(error as Error).message}`);
  }

  // 9. Lighthouse, on a cache-on portal.
  let lighthouse: LighthouseScore[] | null = null;
  if (SETTINGS.lighthouse) {
    deadline.check('chạy Lighthouse');
    log('\nLighthouse (mobile, hiệu năng + trợ năng)');
    portal = await startPortal(data, { name: 'lighthouse', cacheMb: CACHE_MB, workers: 1 });
    try {
      const origin = `http://${data.storm.host}:${portal.port}`;
      lighthouse = await runLighthouse(
        [
          { name: 'trang chủ', url: `${origin}/` },
          { name: 'bài viết (trang bão)', url: `${origin}${data.storm.path}` },
          { name: 'tìm kiếm', url: `${origin}/tim-kiem?q=${encodeURIComponent('bão số 3')}` },
        ],
        { hostsTo127: [data.storm.host], log },
      );
    } catch (error) {
      log(`  ! Lighthouse không chạy được: ${(error as Error).message}`);
    } finally {
      memory.lighthouse = await stopPortal(portal);
    }
  }

  const out = report({
    cases,
    memory,
    breakdown,
    profiles,
    lighthouse,
    data,
    settings: SETTINGS,
    cacheMb: CACHE_MB,
    quiet,
    contendedRuns: runner.contendedRuns,
    cpuModel,
    wrkBin,
    startedMono,
  });
  const outFile = path.join(RESULTS_DIR, 'http.json');
  fs.writeFileSync(outFile, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`\nĐã ghi ${path.relative(repoRoot, outFile)} (${fmt(out.seconds / 60, 1)} phút).`);
}

try {
  await main();
  cleanup();
  process.exit(0);
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  cleanup();
  process.exit(1);
}
