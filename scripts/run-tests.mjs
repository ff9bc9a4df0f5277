#!/usr/bin/env node
// Runs every test (or the files/folders given) with Node's test runner.
// Unless TEST_DATABASE_URL points at a PostgreSQL server already, it starts a
// throwaway one from Debian's postgresql package for the run and removes it after.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startPostgres } from './postgres-server.mjs';

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

const targets = process.argv.slice(2);
const files = (targets.length ? targets : ['test']).flatMap(findTests);
let stopPostgres = () => {};
const env = { ...process.env };
if (!env.TEST_DATABASE_URL) {
  const pg = await startPostgres();
  env.TEST_DATABASE_URL = pg.url;
  stopPostgres = pg.remove;
}
const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files], {
  stdio: 'inherit',
  env,
  cwd: root,
});
const code = await new Promise((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
stopPostgres();
process.exit(code);
