import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { describe, it } from 'node:test';
import { ASSETS_DIR, AssetBundle } from '../../src/http/assets.ts';

const served = (bundle: AssetBundle, name: string) => bundle.get(bundle.url(name).replace('/assets/', ''))!.body;

describe('static assets', () => {
  const bundle = new AssetBundle(ASSETS_DIR);

  it('serves our own scripts minified, still valid JavaScript, under a name that changes with them', () => {
    for (const name of ['site.js', 'admin.js']) {
      const source = fs.readFileSync(path.join(ASSETS_DIR, name));
      const body = served(bundle, name);
      assert.ok(body.length < source.length * 0.8, `${name}: ${source.length} → ${body.length} bytes`);
      assert.doesNotThrow(() => new vm.Script(body.toString('utf8'), { filename: name }));
      assert.match(bundle.url(name), new RegExp(`^/assets/${name.replace('.js', '')}\\.[0-9a-f]{10}\\.js$`));
    }
  });

  it('serves the editor bundle as its build wrote it, and CSS without comments', () => {
    if (bundle.has('editor.js')) assert.deepEqual(served(bundle, 'editor.js'), fs.readFileSync(path.join(ASSETS_DIR, 'editor.js')));
    const css = served(bundle, 'site.css').toString('utf8');
    assert.doesNotMatch(css, /\/\*/);
    assert.ok(css.length < fs.statSync(path.join(ASSETS_DIR, 'site.css')).size);
  });
});
