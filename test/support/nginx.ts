import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type TestDatabase, openEmptyDatabase } from './databases.ts';
import { type PortalProcess, freePort, request, serveEnv, startPortal, stopPortal, waitForWorkers } from './portal-process.ts';

/** The shipped configuration (deploy/nginx), included as the operator's site file includes it. */
export const SHIPPED_NGINX = path.resolve(import.meta.dirname, '../../deploy/nginx');

/** A running nginx in front of the portal's nodes, in a temp folder of its own. */
export interface RunningNginx {
  port: number;
  /** The master process, whose child is the one worker. */
  pid: number;
  dir: string;
  errorLog(): string;
  stop(): Promise<void>;
}

/** Where the server block that includes the shipped locations differs from the shipped site file: loopback, no TLS. */
export interface NginxOptions {
  /** The nodes' ports on 127.0.0.1. */
  upstreams: number[];
  /** The nodes' XAPHUONG_DATA, for assets and media. */
  dataDir: string;
  /** Server blocks added beside the portal's (the benchmark's static file). */
  extraServers?: string;
}

/**
 * The main configuration: nginx's own files (pid, error log, temp folders,
 * cache) in `dir`, the shipped http-level file and locations, an upstream of
 * the given nodes and a server on 127.0.0.1:PORT. As root, its workers stay
 * root too, so they read the tests' private temp folders.
 */
export function nginxConfig(dir: string, port: number, options: NginxOptions): string {
  const mime = fs.existsSync('/etc/nginx/mime.types') ? 'include /etc/nginx/mime.types;' : 'types { text/html html; text/css css; text/javascript js; }';
  return `${process.getuid?.() === 0 ? 'user root root;' : ''}
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
    ${mime}
    default_type application/octet-stream;
    # As Debian's /etc/nginx/nginx.conf has them.
    sendfile on;
    tcp_nopush on;
    access_log off;
    client_body_temp_path ${dir}/body;
    proxy_temp_path ${dir}/proxy;
    fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;
    include xaphuong/xaphuong-http.conf;
    upstream xaphuong {
        ${options.upstreams.map((p) => `server 127.0.0.1:${p} max_fails=3 fail_timeout=10s;`).join('\n        ')}
        keepalive 32;
    }
    proxy_cache_path ${dir}/cache levels=1:2 keys_zone=xaphuong:10m max_size=200m inactive=1h use_temp_path=off;
    server {
        listen 127.0.0.1:${port};
        server_name _;
        set $xaphuong_data ${options.dataDir};
        include xaphuong/xaphuong-locations.conf;
    }
    ${options.extraServers ?? ''}
}
`;
}

/** Starts nginx (NGINX_PATH, else Debian's) on a free loopback port and waits until it answers. */
export async function startNginx(options: NginxOptions): Promise<RunningNginx> {
  const bin = process.env.NGINX_PATH || '/usr/sbin/nginx';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-nginx-'));
  // Relative includes resolve from the main file's folder, as /etc/nginx/xaphuong does on a server.
  fs.symlinkSync(SHIPPED_NGINX, path.join(dir, 'xaphuong'));
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(conf, nginxConfig(dir, port, options));
  const child: ChildProcess = spawn(bin, ['-p', dir, '-c', conf, '-e', path.join(dir, 'error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const errorLog = () => stderr + (fs.existsSync(path.join(dir, 'error.log')) ? fs.readFileSync(path.join(dir, 'error.log'), 'utf8') : '');
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) {
      const log = errorLog();
      await stop();
      assert.fail(`nginx stopped at once:\n${log}`);
    }
    try {
      await request(port, '/healthz', { timeoutMs: 2_000 });
      break;
    } catch {
      if (Date.now() > deadline) {
        const log = errorLog();
        await stop();
        assert.fail(`nginx did not answer on 127.0.0.1:${port}:\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { port, pid: child.pid!, dir, errorLog, stop };
}

/** Two `xaphuong serve` nodes on one PostgreSQL database and one data folder, with nginx in front. */
export interface ProxiedNodes {
  ports: [number, number];
  nodes: [PortalProcess, PortalProcess];
  nginx: RunningNginx;
  dataDir: string;
  database: TestDatabase;
  close(): Promise<void>;
}

/**
 * Starts node A (which migrates and seeds the demo), then node B, both
 * trusting only 127.0.0.1 as their proxy, then nginx with the shipped
 * configuration in front of them.
 */
export async function startProxiedNodes(): Promise<ProxiedNodes> {
  const database = await openEmptyDatabase('postgres');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-nodes-'));
  const ports: [number, number] = [await freePort(), await freePort()];
  const env = (demo: string) => ({ DATABASE_URL: database.url!, XAPHUONG_DEMO: demo, TRUST_PROXY: '127.0.0.1' });
  const a = startPortal(['serve'], serveEnv(ports[0], dataDir, 1, env('1')));
  const started: PortalProcess[] = [a];
  const close = async () => {
    await Promise.all(started.map((node) => stopPortal(node)));
    await nginx?.stop();
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  let nginx: RunningNginx | undefined;
  try {
    await waitForWorkers(ports[0], a);
    const b = startPortal(['serve'], serveEnv(ports[1], dataDir, 1, env('0')));
    started.push(b);
    await waitForWorkers(ports[1], b);
    nginx = await startNginx({ upstreams: ports, dataDir });
    return { ports, nodes: [a, b], nginx, dataDir, database, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Checks the shipped site file as an operator installs it (`nginx -t`), with
 * only what is machine-specific replaced: the certificate (a self-signed one
 * made here), the cache folder, and the main file around it. Returns nginx's
 * exit code and what it printed.
 */
export function testShippedSiteFile(): { code: number | null; output: string } {
  const bin = process.env.NGINX_PATH || '/usr/sbin/nginx';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-nginx-t-'));
  try {
    fs.cpSync(SHIPPED_NGINX, path.join(dir, 'xaphuong'), { recursive: true });
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=dongthap.gov.vn', '-keyout', `${dir}/key.pem`, '-out', `${dir}/cert.pem`],
      {
        stdio: 'ignore',
      },
    );
    const site = path.join(dir, 'xaphuong', 'xaphuong.conf');
    let text = fs.readFileSync(site, 'utf8');
    for (const [from, to] of [
      ['/etc/letsencrypt/live/dongthap.gov.vn/fullchain.pem', `${dir}/cert.pem`],
      ['/etc/letsencrypt/live/dongthap.gov.vn/privkey.pem', `${dir}/key.pem`],
      ['/var/cache/nginx/xaphuong', `${dir}/cache`],
    ]) {
      assert.ok(text.includes(from!), `the site file names ${from}`);
      text = text.replace(from!, to!);
    }
    fs.writeFileSync(site, text);
    const conf = path.join(dir, 'nginx.conf');
    fs.writeFileSync(
      conf,
      `pid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\nhttp {\n    proxy_temp_path ${dir}/proxy;\n    client_body_temp_path ${dir}/body;\n    include xaphuong/xaphuong.conf;\n}\n`,
    );
    const run = spawnSync(bin, ['-t', '-p', dir, '-c', conf, '-e', `${dir}/error.log`], { encoding: 'utf8' });
    return { code: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
