import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type RunningNginx, startNginx } from '../../test/support/nginx.ts';
import { freePort, serveEnv, startPortal, stopPortal, waitForWorkers } from '../../test/support/portal-process.ts';
import { intEnv, sleep, waitForIdleMachine } from '../machine.ts';
import { get, repoRoot, treeCpuMs } from './procs.ts';
import { ACCEPT_ENCODING, ensureWrk, runWrk, writeScript } from './wrk.ts';

/**
 * The reverse-proxy target of issue 26: an article page through the shipped
 * nginx configuration (deploy/nginx, two nodes behind it, the page in nginx's
 * cache) against the same nginx sending the same bytes as a static file,
 * measured in the same run with wrk on 127.0.0.1, rounds alternating.
 * Target: the proxied page at ≥ 80 % of the static file's requests/s.
 *
 *   node --import tsx bench/http/nginx.ts
 */

const SECONDS = intEnv('BENCH_NGINX_DURATION', 8);
const ROUNDS = intEnv('BENCH_NGINX_ROUNDS', 3);
const CONNECTIONS = intEnv('BENCH_HTTP_CONNECTIONS', 64);
const THREADS = intEnv('BENCH_HTTP_THREADS', 2);
const WAIT_MINUTES = intEnv('BENCH_NGINX_WAIT_MINUTES', 10, 0);
const TARGET = 0.8;

const log = (line: string) => console.log(line);

/** What is measured: the page through the shipped configuration, and the same bytes as a static file, sent as Debian's nginx.conf does (sendfile on) and copied (sendfile off). */
type Case = 'proxied' | 'static' | 'staticCopied';
const CASE_NAMES: Record<Case, string> = { proxied: 'qua nginx', static: 'tệp tĩnh ', staticCopied: 'tệp tĩnh, sendfile off' };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** nginx's own headers, and the page's validators, for which a static file has its own. */
const OWN_HEADERS = new Set(['server', 'date', 'content-type', 'content-length', 'connection', 'etag', 'last-modified', 'x-cache-status']);

/**
 * A server block sending the file at the article's own address, with the
 * page's Content-Type and every other header line the cached page has, so
 * that the request and the answer are the same bytes (but for Date, ETag
 * and Last-Modified, which nginx writes its own way).
 */
function staticServer(dir: string, port: number, article: string, rawHeaders: string[], extra = ''): string {
  const lines: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (!OWN_HEADERS.has(rawHeaders[i]!.toLowerCase())) lines.push(`add_header ${rawHeaders[i]} '${rawHeaders[i + 1]!.replace(/'/g, "\\'")}';`);
  }
  return `server {
        listen 127.0.0.1:${port};
        root ${dir}/static;
        open_file_cache max=100 inactive=60s;
        # The address has no extension: default_type gives the page's own Content-Type.
        location = ${article} { ${extra} default_type "text/html; charset=utf-8"; ${lines.join(' ')} }
    }`;
}

async function main(): Promise<number> {
  const wrk = ensureWrk(log);
  const quiet = await waitForIdleMachine(WAIT_MINUTES, log);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-bench-nginx-'));
  const dataDir = path.join(dir, 'data');
  fs.mkdirSync(path.join(dir, 'static'), { recursive: true });
  const ports = [await freePort(), await freePort()];
  const staticPort = await freePort();
  // The demo ward on SQLite, two nodes sharing its folder, as deploy/nginx's upstream holds several.
  const env = (port: number, demo: string) => serveEnv(port, dataDir, 1, { XAPHUONG_DEMO: demo, NODE_ENV: 'production', TRUST_PROXY: '127.0.0.1' });
  const nodes = [startPortal(['serve'], env(ports[0]!, '1'))];
  let nginx: RunningNginx | undefined;
  let staticNginx: RunningNginx | undefined;
  // Ctrl-C or a kill: every process started here is ended by its id, and the temp folder removed.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const pid of [nginx?.pid, staticNginx?.pid, ...nodes.map((n) => n.child.pid)]) {
        try {
          if (pid) process.kill(pid, 'SIGTERM');
        } catch {}
      }
      for (const folder of [dir, nginx?.dir, staticNginx?.dir]) if (folder) fs.rmSync(folder, { recursive: true, force: true });
      process.exit(130);
    });
  }
  try {
    await waitForWorkers(ports[0]!, nodes[0]!);
    nodes.push(startPortal(['serve'], env(ports[1]!, '0')));
    await waitForWorkers(ports[1]!, nodes[1]!);
    nginx = await startNginx({ upstreams: ports, dataDir });
    const home = await get(nginx.port, 'localhost', '/');
    const article = /href="(\/bai-viet\/[^"#?]+)"/.exec(home.body.toString())![1]!;
    let page = await get(nginx.port, 'localhost', article, { 'Accept-Encoding': ACCEPT_ENCODING });
    for (let tries = 0; page.headers['x-cache-status'] !== 'HIT'; tries++) {
      if (tries === 10) throw new Error(`nginx không giữ trang ${article} trong bộ đệm (X-Cache-Status: ${page.headers['x-cache-status']}).`);
      page = await get(nginx.port, 'localhost', article, { 'Accept-Encoding': ACCEPT_ENCODING });
    }
    if (page.headers['content-encoding'] !== 'br') throw new Error(`Trang qua nginx không nén br: ${page.headers['content-encoding']}`);
    fs.mkdirSync(path.dirname(path.join(dir, 'static', article)), { recursive: true });
    fs.writeFileSync(path.join(dir, 'static', article), page.body);
    // The baseline: a second nginx, same settings, sending the page's bytes and header lines from a file at the same address;
    // beside it, the same with sendfile off, as the shipped configuration sends cached pages (not the target's baseline, shown for comparison).
    const copyPort = await freePort();
    staticNginx = await startNginx({
      upstreams: ports,
      dataDir,
      extraServers: staticServer(dir, staticPort, article, page.rawHeaders) + staticServer(dir, copyPort, article, page.rawHeaders, 'sendfile off;'),
    });
    const still = await get(staticPort, 'localhost', article, { 'Accept-Encoding': ACCEPT_ENCODING });
    if (!still.body.equals(page.body)) throw new Error('Tệp tĩnh không cùng byte với trang qua nginx.');
    if (still.headers['content-type'] !== page.headers['content-type']) throw new Error(`Tệp tĩnh có Content-Type khác: ${still.headers['content-type']}`);
    const headerBytes = (raw: string[]) => raw.reduce((n, x) => n + Buffer.byteLength(x) + 2, 0);
    log(
      `Trang ${article}: ${page.body.length} byte (br) + ${headerBytes(page.rawHeaders)} byte đầu qua nginx; tệp tĩnh: cùng byte + ${headerBytes(still.rawHeaders)} byte đầu.`,
    );

    const script = path.join(dir, 'article.lua');
    writeScript(script, [{ host: 'localhost', path: article }]);
    const run = (which: Case, seconds: number) =>
      runWrk({
        bin: wrk,
        port: { proxied: nginx!.port, static: staticPort, staticCopied: copyPort }[which],
        script,
        seconds,
        connections: CONNECTIONS,
        threads: THREADS,
        logFile: path.join(dir, 'wrk.log'),
      });
    const rps: Record<Case, number[]> = { proxied: [], static: [], staticCopied: [] };
    // Requests per second of nginx's CPU: what one core of nginx serves, whatever else the machine runs meanwhile.
    const perCpuSecond: Record<Case, number[]> = { proxied: [], static: [], staticCopied: [] };
    // The machine's load average (1 min) after each measurement: what else ran meanwhile.
    const loads: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      for (const which of ['static', 'proxied', 'staticCopied'] as const) {
        const pid = (which === 'proxied' ? nginx : staticNginx).pid;
        await run(which, 2); // warm-up, not counted
        const cpu0 = treeCpuMs(pid);
        const r = await run(which, SECONDS);
        const cpuMs = treeCpuMs(pid) - cpu0;
        if (r.socketErrors || r.non2xx) throw new Error(`${which}: ${r.socketErrors} lỗi kết nối, ${r.non2xx} trả lời không 2xx`);
        rps[which].push(r.rps);
        perCpuSecond[which].push((r.requests / cpuMs) * 1000);
        loads.push(os.loadavg()[0]!);
        log(
          `  vòng ${round} ${CASE_NAMES[which]}: ${Math.round(r.rps)} yêu cầu/s, p99 ${r.p99Ms.toFixed(1)} ms, ${Math.round((r.requests / cpuMs) * 1000)} yêu cầu mỗi giây CPU của nginx, tải máy ${loads.at(-1)!.toFixed(1)}`,
        );
        await sleep(500);
      }
    }
    const ratio = median(rps.proxied) / median(rps.static);
    const cpuRatio = median(perCpuSecond.proxied) / median(perCpuSecond.static);
    const met = ratio >= TARGET;
    const copiedRatio = median(rps.proxied) / median(rps.staticCopied);
    log(
      `Trang bài viết qua cấu hình nginx: ${Math.round(median(rps.proxied))} yêu cầu/s; tệp tĩnh cùng byte: ${Math.round(median(rps.static))} yêu cầu/s; tỉ lệ ${(ratio * 100).toFixed(0)} % (mục tiêu ≥ ${TARGET * 100} %): ${met ? 'ĐẠT' : 'CHƯA ĐẠT'}. Theo CPU của nginx: ${(cpuRatio * 100).toFixed(0)} %.`,
    );
    log(
      `So với tệp tĩnh gửi không sendfile như trang trong bộ đệm (${Math.round(median(rps.staticCopied))} yêu cầu/s): ${(copiedRatio * 100).toFixed(0)} %, theo CPU của nginx ${((median(perCpuSecond.proxied) / median(perCpuSecond.staticCopied)) * 100).toFixed(0)} %.`,
    );
    const results = path.join(repoRoot, 'bench', 'results');
    fs.mkdirSync(results, { recursive: true });
    const settings = {
      seconds: SECONDS,
      rounds: ROUNDS,
      connections: CONNECTIONS,
      threads: THREADS,
      bytes: page.body.length,
      article,
      quiet,
      loadAverage: os.loadavg(),
      loadAfterEach: loads,
    };
    fs.writeFileSync(
      path.join(results, 'nginx.json'),
      JSON.stringify({ date: new Date().toISOString(), settings, rps, perCpuSecond, ratio, cpuRatio, copiedRatio, target: TARGET, met }, null, 2),
    );
    return met ? 0 : 1;
  } finally {
    await nginx?.stop();
    await staticNginx?.stop();
    await Promise.all(nodes.map((n) => stopPortal(n)));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
