#!/usr/bin/env node
// Bundles the article editor (src/editor/main.ts, TipTap) into
// public/assets/editor.js and its styles into public/assets/editor.css:
// minified, ES2020, one IIFE with no runtime eval, served from our own origin.
// Exits non-zero on any build error. Runs on `npm install` (postinstall).
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'public/assets');
const jsOut = path.join(outDir, 'editor.js');
const cssOut = path.join(outDir, 'editor.css');

let esbuild;
try {
  esbuild = await import('esbuild');
} catch (error) {
  // `npm ci --omit=dev` installs no build tools: the admin form then falls back
  // to the plain textarea. Any other way of running this script must fail loudly.
  if (process.env.npm_lifecycle_event === 'postinstall' && process.env.npm_config_omit?.includes('dev')) {
    console.warn('build-editor: bỏ qua (không có esbuild vì cài đặt không kèm devDependencies).');
    process.exit(0);
  }
  console.error('build-editor: không nạp được esbuild:', error?.message ?? error);
  process.exit(1);
}

function size(file) {
  const body = fs.readFileSync(file);
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  return `${path.relative(root, file)} ${kib(body.length)} (gzip ${kib(gzipSync(body, { level: 9 }).length)})`;
}

try {
  fs.mkdirSync(outDir, { recursive: true });
  const common = {
    bundle: true,
    minify: true,
    legalComments: 'eof',
    charset: 'utf8',
    logLevel: 'warning',
    absWorkingDir: root,
    write: false,
  };
  const js = await esbuild.build({
    ...common,
    entryPoints: ['src/editor/main.ts'],
    outfile: jsOut,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const css = await esbuild.build({
    ...common,
    entryPoints: ['src/editor/editor.css'],
    outfile: cssOut,
    target: ['chrome90', 'firefox90', 'safari15'],
  });
  // Written by rename, so a server reading public/assets meanwhile never sees half a file.
  for (const file of [...js.outputFiles, ...css.outputFiles]) {
    const tmp = `${file.path}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, file.contents);
    fs.renameSync(tmp, file.path);
  }
  const warnings = js.warnings.length + css.warnings.length;
  // The admin pages forbid eval-like code under script-src 'self'.
  const bundle = fs.readFileSync(jsOut, 'utf8');
  if (/\beval\s*\(|new\s+Function\s*\(/.test(bundle)) {
    throw new Error('editor.js chứa eval/new Function, bị CSP chặn');
  }
  console.log(`build-editor: ${size(jsOut)}; ${size(cssOut)}${warnings ? `; ${warnings} cảnh báo` : ''}`);
} catch (error) {
  // esbuild has already printed its own formatted errors.
  console.error('build-editor: lỗi khi đóng gói trình soạn thảo:', error?.message ?? error);
  process.exit(1);
}
