import { spawn } from 'node:child_process';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';

/** Where pg_dump and pg_restore are looked for: PG_BIN_DIR if set (e.g. /usr/lib/postgresql/16/bin), else the PATH. */
function toolPath(tool: 'pg_dump' | 'pg_restore'): string {
  return process.env.PG_BIN_DIR ? `${process.env.PG_BIN_DIR.replace(/\/$/, '')}/${tool}` : tool;
}

/** Runs a PostgreSQL client tool; its stderr becomes the error's words. */
function run(tool: 'pg_dump' | 'pg_restore', args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(toolPath(tool), args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new AppError(
              'backup_failed',
              `Không tìm thấy chương trình ${tool} (cần cho PostgreSQL). Cách sửa: cài gói postgresql-client cùng phiên bản với máy chủ PostgreSQL (ví dụ apt-get install postgresql-client-15), hoặc đặt PG_BIN_DIR trỏ tới thư mục chứa ${tool}.`,
            )
          : error,
      ),
    );
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new AppError('backup_failed', `${tool} dừng với mã ${code}: ${err.trim().split('\n').slice(-5).join(' / ')}`)),
    );
  });
}

/** The major version a tool reports ("pg_dump (PostgreSQL) 15.18 …" → 15). */
async function toolMajor(tool: 'pg_dump' | 'pg_restore'): Promise<number> {
  const words = await run(tool, ['--version']);
  const major = /\(PostgreSQL\)\s+(\d+)/.exec(words);
  if (!major) throw new AppError('backup_failed', `Không đọc được phiên bản của ${tool}: "${words.trim()}".`);
  return Number(major[1]);
}

/** Refuses a tool older than the server: pg_dump cannot dump a newer server, and its archive would not restore there. */
async function checkTool(db: Kysely<Database>, tool: 'pg_dump' | 'pg_restore'): Promise<void> {
  const version = await toolMajor(tool);
  const { rows } = await sql<{ v: string }>`select current_setting('server_version_num') as v`.execute(db);
  const server = Math.floor(Number(rows[0]!.v) / 10000);
  if (version < server) {
    throw new AppError(
      'backup_failed',
      `${tool} là phiên bản ${version}, cũ hơn máy chủ PostgreSQL ${server}. Cách sửa: cài postgresql-client-${server} rồi đặt PG_BIN_DIR=/usr/lib/postgresql/${server}/bin.`,
    );
  }
}

/** The URL's password goes to the tool through PGPASSWORD, not its command line, where ps would show it. */
function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: parsed.toString(), env: password ? { PGPASSWORD: password } : {} };
}

/** Dumps the database to a file in pg_dump's custom format. */
export async function pgDump(db: Kysely<Database>, url: string, file: string): Promise<void> {
  await checkTool(db, 'pg_dump');
  const { dbname, env } = connection(url);
  await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${dbname}`], env);
}

/** Checks that a file is a whole pg_dump archive (its table of contents reads to the end). */
export async function pgArchiveTables(file: string): Promise<number> {
  const list = await run('pg_restore', ['--list', file]);
  return list.split('\n').filter((line) => /^\d+;.* TABLE DATA /.test(line)).length;
}

/** Restores an archive into the database, in one transaction: all of it or nothing. */
export async function pgRestore(db: Kysely<Database>, url: string, file: string): Promise<void> {
  await checkTool(db, 'pg_restore');
  const { dbname, env } = connection(url);
  await run('pg_restore', ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${dbname}`, file], env);
}
