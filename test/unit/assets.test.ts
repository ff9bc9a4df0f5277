import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { after, describe, it } from 'node:test';
import { ASSETS_DIR, AssetBundle } from '../../src/http/assets.ts';

const served = (bundle: AssetBundle, name: string) => bundle.get(bundle.url(name).replace('/assets/', ''))!.body.toString('utf8');

describe('static assets', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-assets-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string, mtime: Date) => {
    fs.writeFileSync(path.join(dir, name), text);
    fs.utimesSync(path.join(dir, name), mtime, mtime);
  };

  it("serves the minified copy of a script under the script's name, while the copy is not older than it", () => {
    write('site.js', '// nguồn\nwindow.a = 1 + 1;\n', new Date(2026, 0, 1));
    write('site.min.js', 'window.a=2;', new Date(2026, 0, 2));
    let bundle = new AssetBundle(dir);
    assert.equal(served(bundle, 'site.js'), 'window.a=2;');
    assert.throws(() => bundle.url('site.min.js'), /Không có tệp tĩnh/);
    // The script edited after the install: its source is served until the next minification.
    write('site.js', 'window.a = 3;\n', new Date(2026, 0, 3));
    bundle = new AssetBundle(dir);
    assert.equal(served(bundle, 'site.js'), 'window.a = 3;\n');
    // No copy at all: the source.
    fs.rmSync(path.join(dir, 'site.min.js'));
    assert.equal(served(new AssetBundle(dir), 'site.js'), 'window.a = 3;\n');
  });

  it('the installed portal serves site.js minified (npm install ran scripts/minify-scripts.mjs), and still valid JavaScript', () => {
    const bundle = new AssetBundle(ASSETS_DIR);
    const source = fs.readFileSync(path.join(ASSETS_DIR, 'site.js'), 'utf8');
    const body = served(bundle, 'site.js');
    assert.ok(body.length < source.length * 0.7, `site.js: ${source.length} → ${body.length} bytes`);
    assert.doesNotThrow(() => new vm.Script(body, { filename: 'site.js' }));
  });
});
