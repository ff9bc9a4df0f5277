#!/usr/bin/env node
// Runs every test (or the files/folders given) with Node's test runner.
// Unless TEST_DATABASE_URL points at a PostgreSQL server already, it starts a
// throwaway one from Debian's postgresql package for the run and removes it after.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

function findTests(target) {
  const full = path.resolve(root, target);
  if (fs.statSync(full).isFile()) return [full];
  return fs
    .readdirSync(full, { recursive: true })
    .filter((f) => String(f).endsWith('.test.ts'))
    .map((f) => path.join(full, String(f)))
    .sort();
}

function findPostgresBin() {
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base) ? fs.readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    const bin = path.join(base, v, 'bin');
    if (fs.existsSync(path.join(bin, 'initdb'))) return bin;
  }
  throw new Error('Không tìm thấy PostgreSQL (initdb). Cài bằng: apt-get install -y postgresql, hoặc đặt TEST_DATABASE_URL.');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts a private PostgreSQL in a temp folder; returns its URL and a stop function. */
async function startPostgres() {
  const bin = findPostgresBin();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-pg-'));
  const asRoot = process.getuid?.() === 0;
  // PostgreSQL refuses to run as root; run it as the postgres user Debian's package creates.
  const run = (cmd, args) => execFileSync(asRoot ? 'runuser' : cmd, asRoot ? ['-u', 'postgres', '--', cmd, ...args] : args, { stdio: 'pipe' });
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  const port = await freePort();
  const data = path.join(dir, 'data');
  run(path.join(bin, 'initdb'), ['-D', data, '-U', 'xaphuong', '--auth=trust', '-E', 'UTF8', '--no-locale']);
  // Durability is not needed for a throwaway test database; speed is.
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  run(path.join(bin, 'pg_ctl'), ['-D', data, '-o', opts, '-l', path.join(dir, 'log'), '-w', 'start']);
  const stop = () => {
    try {
      run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
    } catch {}
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { url: `postgres://xaphuong@127.0.0.1:${port}/postgres`, stop };
}

const targets = process.argv.slice(2);
const files = (targets.length ? targets : ['test']).flatMap(findTests);
let stopPostgres = () => {};
const env = { ...process.env };
if (!env.TEST_DATABASE_URL) {
  const pg = await startPostgres();
  env.TEST_DATABASE_URL = pg.url;
  stopPostgres = pg.stop;
}
const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files], {
  stdio: 'inherit',
  env,
  cwd: root,
});
const code = await new Promise((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
stopPostgres();
process.exit(code);
