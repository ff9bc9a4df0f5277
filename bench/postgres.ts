import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A throwaway PostgreSQL server for the benchmark, as scripts/run-tests.mjs
 * starts one for the tests: Debian's initdb and pg_ctl in a temp folder,
 * listening on 127.0.0.1 only, on a free port, with fsync off. stop() is
 * synchronous and idempotent, so it can run from an exit or signal handler.
 */
export interface PostgresServer {
  url: string;
  version: string;
  dir: string;
  stop(): void;
}

function findPostgresBin(): string {
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base) ? fs.readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    const bin = path.join(base, v, 'bin');
    if (fs.existsSync(path.join(bin, 'initdb'))) return bin;
  }
  throw new Error('Không tìm thấy PostgreSQL (initdb). Cài bằng: apt-get install -y postgresql.');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts a private PostgreSQL in a temp folder. */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = findPostgresBin();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-bench-pg-'));
  const asRoot = process.getuid?.() === 0;
  // PostgreSQL refuses to run as root; run it as the postgres user Debian's package creates.
  const run = (cmd: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : cmd, asRoot ? ['-u', 'postgres', '--', cmd, ...args] : args, { stdio: 'pipe' }).toString();
  const data = path.join(dir, 'data');
  let started = false;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (started) {
      try {
        run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
      } catch {
        // Already gone.
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
    const port = await freePort();
    run(path.join(bin, 'initdb'), ['-D', data, '-U', 'xaphuong', '--auth=trust', '-E', 'UTF8', '--no-locale']);
    // Durability is not needed for a throwaway benchmark database; the query
    // settings (shared_buffers, work_mem…) stay at their defaults.
    const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    started = true;
    run(path.join(bin, 'pg_ctl'), ['-D', data, '-o', opts, '-l', path.join(dir, 'log'), '-w', 'start']);
    const version = run(path.join(bin, 'postgres'), ['--version']).trim();
    return { url: `postgres://xaphuong@127.0.0.1:${port}/postgres`, version, dir, stop };
  } catch (error) {
    stop();
    throw error;
  }
}
