// A private PostgreSQL from Debian's postgresql package, in a temp folder,
// that a test stops and starts again to see the portal through a database
// restart (the run's shared server must stay up for the other tests).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

function findPostgresBin() {
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base) ? fs.readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    const bin = path.join(base, v, 'bin');
    if (fs.existsSync(path.join(bin, 'initdb'))) return bin;
  }
  throw new Error('Không tìm thấy PostgreSQL (initdb). Cài bằng: apt-get install -y postgresql, hoặc đặt TEST_DATABASE_URL.');
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a private PostgreSQL in a temp folder, listening on 127.0.0.1 only.
 * Returns its URL, stop() and start() (the same data and port: a restart),
 * and remove() (stop and delete everything).
 */
export async function startPostgres() {
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
  const pgCtl = (...args) => run(path.join(bin, 'pg_ctl'), ['-D', data, ...args]);
  const start = () => pgCtl('-o', opts, '-l', path.join(dir, 'log'), '-w', 'start');
  start();
  return {
    url: `postgres://xaphuong@127.0.0.1:${port}/postgres`,
    /** Stops the server as an operator would (`-m fast`: open connections are closed). */
    stop: () => pgCtl('-m', 'fast', '-w', 'stop'),
    start,
    remove: () => {
      try {
        pgCtl('-m', 'immediate', 'stop');
      } catch {}
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
