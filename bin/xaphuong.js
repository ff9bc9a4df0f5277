#!/usr/bin/env node
// The xaphuong command: runs the CLI from the precompiled bundle of src/
// (bin/server-bundle.js: rebuilt first whenever a source changed), or from
// the TypeScript sources through the tsx loader when no bundle can be built
// or XAPHUONG_BUNDLE=0.
import v8 from 'node:v8';
import { capSemiSpaces } from './young-generation.js';
import { freshBundle } from './server-bundle.js';

// A portal's requests make short-lived garbage only. V8 would grow the young
// generation to 32 MB under load: under 64 concurrent searches the process
// then peaked at 150-195 MB. Kept at its starting 1 MB semi-spaces, it was
// collected every 8 uncached pages or 90 cached ones, each collection costing
// about the same whatever the size (0,25-0,35 ms: the live objects, not the
// garbage), 9-11 % of the CPU. At 4 MB, a quarter of that, for 5-7 MB more
// at the peak (bench/http). The old generation may grow 20 % past what the last full
// collection kept, where V8's own factor let it reach 2 to 4 times that.
// `node --max-semi-space-size=N` or `--heap-growing-percent=N` chooses otherwise.
const SEMI_SPACE_MB = 4;

if (process.argv[2] === 'serve') {
  if (!process.execArgv.some((arg) => arg.startsWith('--max-semi-space-size'))) capSemiSpaces(SEMI_SPACE_MB);
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
