import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
// @ts-expect-error: a plain JavaScript module of bin/, without type declarations.
import { ROOT, buildBundle, bundlePaths, freshBundle, isFresh } from '../../bin/server-bundle.js';

/**
 * bin/server-bundle.js: xaphuong runs a precompiled bundle of src/, rebuilt
 * whenever a source it was built from changed, so it never runs stale code.
 * Exercised on a small throwaway project, then on the real CLI.
 */
describe('the precompiled bundle', () => {
  let root: string;
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  const runBundle = () => spawnSync(process.execPath, [bundlePaths(root).bundle], { encoding: 'utf8' });

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-bundle-'));
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'));
    write('data/note.txt', 'ghi chú');
    write('src/lib/words.ts', `export const word: string = 'một';\n`);
    write(
      'src/lib/files.ts',
      `import fs from 'node:fs';\nimport path from 'node:path';\nexport const note = () => fs.readFileSync(path.resolve(import.meta.dirname, '../../data/note.txt'), 'utf8');\nexport const here = () => import.meta.filename;\n`,
    );
    write(
      'src/cli/main.ts',
      [
        `import QRCode from 'qrcode';`,
        `import { hash, verify } from '@node-rs/argon2';`,
        `import { word } from '../lib/words.ts';`,
        `import { here, note } from '../lib/files.ts';`,
        `import { createRequire } from 'node:module';`,
        `const loaded = () => Object.keys(createRequire(import.meta.url).cache).filter((k) => /node_modules\\/(qrcode|@node-rs)\\//.test(k)).length;`,
        `const atStart = loaded();`,
        `const svg = await QRCode.toString('xaphuong', { type: 'svg' });`,
        `const ok = await verify(await hash('mật khẩu'), 'mật khẩu');`,
        `console.log(JSON.stringify({ word, note: note(), here: here(), atStart, svg: svg.startsWith('<svg'), ok, after: loaded() > 0 }));`,
      ].join('\n'),
    );
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('builds one file that runs as the sources would, loading heavy packages only when used', async () => {
    assert.equal(isFresh(root), false, 'nothing built yet');
    await buildBundle(root);
    assert.equal(isFresh(root), true);
    const run = runBundle();
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), {
      word: 'một',
      note: 'ghi chú',
      here: path.join(root, 'src/lib/files.ts'),
      atStart: 0,
      svg: true,
      ok: true,
      after: true,
    });
  });

  it('is stale as soon as a source changes, and rebuilt before it runs again', async () => {
    await buildBundle(root);
    // Same size, new content: caught by the content hash, not only by size.
    write('src/lib/words.ts', `export const word: string = 'hai';\n`);
    assert.equal(isFresh(root), false);
    process.env.XAPHUONG_BUNDLE = '1';
    try {
      await freshBundle(root);
    } finally {
      delete process.env.XAPHUONG_BUNDLE;
    }
    assert.equal(isFresh(root), true);
    assert.equal(JSON.parse(runBundle().stdout).word, 'hai');
    // Touched but unchanged: still fresh, no rebuild needed.
    const file = path.join(root, 'src/lib/words.ts');
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(file, later, later);
    assert.equal(isFresh(root), true);
    // A source it was built from disappears: stale.
    fs.renameSync(file, `${file}.moved`);
    assert.equal(isFresh(root), false);
    fs.renameSync(`${file}.moved`, file);
  });

  it('is not used with XAPHUONG_BUNDLE=0: the sources run', async () => {
    process.env.XAPHUONG_BUNDLE = '0';
    try {
      assert.equal(await freshBundle(root), null);
    } finally {
      delete process.env.XAPHUONG_BUNDLE;
    }
  });

  it('the real xaphuong command builds and runs from its bundle', () => {
    const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/xaphuong.js'), 'help'], {
      encoding: 'utf8',
      env: { ...process.env, XAPHUONG_BUNDLE: '1' },
    });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /Cách dùng: npx xaphuong LỆNH/);
    assert.ok(fs.existsSync(bundlePaths(ROOT).bundle));
  });
});
