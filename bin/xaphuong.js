#!/usr/bin/env node
// The xaphuong command: runs the CLI from the precompiled bundle of src/
// (bin/server-bundle.js: rebuilt first whenever a source changed), or from
// the TypeScript sources through the tsx loader when no bundle can be built
// or XAPHUONG_BUNDLE=0.
import v8 from 'node:v8';
import { freshBundle } from './server-bundle.js';

// A portal's requests make short-lived garbage only: a young generation that
// stays at its starting size (1 MB semi-spaces) collects it just as well,
// where V8 would otherwise grow it to 32 MB under load. And the old
// generation may grow 20 % past what the last full collection kept, where
// V8's own factor let it reach 2 to 4 times that before collecting: under
// 64 concurrent searches the process peaked at 150-195 MB, and at 125-130 MB
// with this, serving as many requests per second. Set before the heap grows;
// `node --max-semi-space-size=N` or `--heap-growing-percent=N` chooses otherwise.
if (process.argv[2] === 'serve') {
  if (!process.execArgv.some((arg) => arg.startsWith('--max-semi-space-size'))) v8.setFlagsFromString('--semi-space-growth-factor=1');
  if (!process.execArgv.some((arg) => arg.startsWith('--heap-growing-percent'))) v8.setFlagsFromString('--heap-growing-percent=20');
}

const bundle = await freshBundle();
if (bundle) {
  await import(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
