import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SAMPLE_PAGE } from '../../src/services/demo/seed-demo.ts';
import { BIN, STACK_LINE, freePort } from '../support/portal-process.ts';

describe("operators' mistakes on the command line", () => {
  let work: string;
  let env: NodeJS.ProcessEnv;
  before(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-mistakes-'));
    env = { ...process.env, XAPHUONG_DATA: path.join(work, 'data'), LOG_LEVEL: 'silent' };
    delete env.DATABASE_URL;
  });
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  const run = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
    spawnSync(process.execPath, [BIN, ...args], { env: { ...env, ...extra }, encoding: 'utf8', timeout: 120_000 });

  /** Exit status and stderr, and never a stack. */
  function refused(args: string[], status: number, extra: NodeJS.ProcessEnv = {}): string {
    const result = run(args, extra);
    assert.equal(result.status, status, result.stderr);
    assert.doesNotMatch(result.stderr, STACK_LINE);
    assert.doesNotMatch(result.stderr, /TypeError|ERR_PARSE_ARGS/);
    return result.stderr;
  }

  it('an unknown option names the close one: --sit for --site, --hots for --host', () => {
    assert.match(refused(['import-text', SAMPLE_PAGE, '--sit', 'localhost'], 2), /--site\?/);
    assert.match(refused(['reindex', '--sit', 'localhost'], 2), /--site\?/);
    assert.match(refused(['create-site', '--name', 'Xã A', '--province', 'Đồng Tháp', '--hots', 'a.test'], 2), /--host\?/);
    assert.match(refused(['serve', '--port', '3001'], 2), /"--port"/);
  });

  it('an option missing its value says which one', () => {
    assert.match(refused(['import-text', SAMPLE_PAGE, '--site'], 2), /--site/);
    assert.match(refused(['create-user', '--email'], 2), /--email/);
  });

  it('an unreachable PostgreSQL is named with the fix, for migrate and for serve', async () => {
    const url = `postgres://xaphuong@127.0.0.1:${await freePort()}/xaphuong`;
    for (const command of ['migrate', 'serve']) {
      const stderr = refused([command], 1, { DATABASE_URL: url });
      assert.match(stderr, /ECONNREFUSED/);
      assert.match(stderr, /DATABASE_URL/);
    }
  });

  it('a XAPHUONG_DATA that cannot be created, under a file, is named with the fix', () => {
    const file = path.join(work, 'mot-tep');
    fs.writeFileSync(file, 'x');
    const stderr = refused(['migrate'], 1, { XAPHUONG_DATA: path.join(file, 'data') });
    assert.match(stderr, new RegExp(path.join(file, 'data').replaceAll('/', '\\/')));
    assert.match(stderr, /XAPHUONG_DATA/);
  });
});
