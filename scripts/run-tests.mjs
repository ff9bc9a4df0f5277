#!/usr/bin/env node
// Runs every test (or the files/folders given) with Node's test runner, after
// setting up what they need on this machine: a throwaway PostgreSQL (unless
// TEST_DATABASE_URL names one), when browser tests are among them a
// Chromium, and when reverse-proxy tests are, nginx (scripts/test-setup/).
// Everything it starts is removed after.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { NoBrowserError, provideChromium } from './test-setup/browser.mjs';
import { NoNginxError, provideNginx } from './test-setup/nginx.mjs';
import { startTestPostgres } from './test-setup/postgres.mjs';

const root = path.resolve(import.meta.dirname, '..');
const browserTests = path.join(root, 'test', 'browser') + path.sep;
const proxyTests = path.join(root, 'test', 'proxy') + path.sep;

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
const env = { ...process.env };

if (files.some((f) => f.startsWith(browserTests))) {
  try {
    const chromium = provideChromium(root, env.XAPHUONG_TEST_BROWSER || 'auto', env.CHROMIUM_PATH);
    env.CHROMIUM_PATH = chromium.path;
    console.log(`Trình duyệt cho kiểm thử: ${chromium.source}.`);
  } catch (error) {
    if (!(error instanceof NoBrowserError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

if (files.some((f) => f.startsWith(proxyTests))) {
  try {
    const nginx = provideNginx(env.NGINX_PATH);
    env.NGINX_PATH = nginx.path;
    console.log(`nginx cho kiểm thử: ${nginx.source}.`);
  } catch (error) {
    if (!(error instanceof NoNginxError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

let stopPostgres = () => {};
if (!env.TEST_DATABASE_URL) {
  const pg = await startTestPostgres(env.XAPHUONG_TEST_POSTGRES || 'auto').catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
  env.TEST_DATABASE_URL = pg.url;
  stopPostgres = pg.stop;
  console.log(`PostgreSQL cho kiểm thử: ${pg.source}.`);
}

const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files], {
  stdio: 'inherit',
  env,
  cwd: root,
});
// Ctrl-C reaches the tests too; a signal to this process alone is passed on, so the server is still stopped.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
const code = await new Promise((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
stopPostgres();
process.exit(code);
