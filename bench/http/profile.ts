import fs from 'node:fs';
import path from 'node:path';

/**
 * Reads a V8 .cpuprofile (node --cpu-prof) and says where the busy time
 * went: the functions with the most self time, the same grouped by area
 * (SQLite, compression, templates, Fastify…), and the inclusive time of the
 * portal's own steps of a page (reading, rendering, compressing).
 */

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  file: string;
  /** The samples kept (µs of the benchmark's process.hrtime, and when the profiled process started); null: the whole profile. */
  window: { fromUs: number; toUs: number; startedUs: number } | null;
  /** Sampled time in ms, idle excluded. */
  busyMs: number;
  idleMs: number;
  top: Array<{ function: string; where: string; selfMs: number; selfPct: number }>;
  areas: Array<{ area: string; selfMs: number; selfPct: number }>;
  /** Inclusive time of named steps (recursion counted once). */
  steps: Array<{ function: string; totalMs: number; totalPct: number }>;
}

const IDLE = new Set(['(idle)', '(root)']);

function shortUrl(url: string): string {
  if (!url) return '';
  const clean = url.replace(/^file:\/\//, '');
  const nm = clean.lastIndexOf('node_modules/');
  if (nm >= 0) return clean.slice(nm + 'node_modules/'.length);
  const src = clean.indexOf('/src/');
  if (src >= 0) return clean.slice(src + 1);
  const bench = clean.indexOf('/bench/');
  if (bench >= 0) return clean.slice(bench + 1);
  return clean;
}

/** The area a frame belongs to, for the grouped view. */
function areaOf(frame: CallFrame): string {
  const url = frame.url;
  const name = frame.functionName;
  if (name === '(garbage collector)') return 'GC';
  if (name === '(program)') return 'V8/native (program)';
  if (/zlib|brotli/i.test(url) || /^(zlibBufferSync|brotliCompressSync|gzipSync|processChunkSync|writeSync)$/.test(name)) return 'compression (zlib/brotli)';
  if (/node:crypto|internal\/crypto/.test(url) || name === 'digest' || name === 'update') return 'hashing (crypto)';
  // better-sqlite3 runs SQLite inside the JS call that steps the statement: the portal makes that call
  // in sqliteAll and sqliteRun (src/db/database.ts), and Kysely's driver in executeQuery for anything else.
  if (name === 'sqliteAll' || name === 'sqliteRun') return 'SQLite: running statements';
  if (url.includes('kysely/dist/esm/dialect/sqlite/sqlite-driver') && name === 'executeQuery') return 'SQLite: running statements';
  if (url.includes('better-sqlite3') && name === 'prepare') return 'SQLite: preparing statements';
  if (url.includes('better-sqlite3')) return 'SQLite (better-sqlite3, other)';
  if (url.includes('kysely')) return 'Kysely (query building)';
  if (/node_modules\/(fastify|@fastify|find-my-way|avvio|light-my-request|fast-json-stringify|pino|thread-stream|sonic-boom|helmet)/.test(url))
    return 'Fastify and plugins';
  if (url.includes('node_modules/zod')) return 'zod (validation)';
  if (url.includes('node_modules/tsx') || url.includes('node_modules/esbuild')) return 'tsx loader';
  if (url.includes('/src/views/')) return 'views (HTML templates)';
  if (url.includes('/src/text/')) return 'text (Vietnamese helpers)';
  if (url.includes('/src/repositories/')) return 'repositories';
  if (url.includes('/src/services/')) return 'services';
  if (url.includes('/src/http/')) return 'http (routes, cache)';
  if (url.includes('/src/')) return 'other src';
  if (/node:_?http|internal\/http|_http_|node:net|internal\/stream|node:stream|internal\/streams|node:events|internal\/timers/.test(url))
    return 'Node http/net/streams';
  if (url.startsWith('node:') || url.startsWith('internal')) return 'Node other';
  if (url.includes('node_modules/')) return `lib ${shortUrl(url).split('/')[0]}`;
  if (!url) return name.startsWith('(') ? name : `native ${name || '(anonymous)'}`;
  return 'other';
}

/**
 * `window` (µs of process.hrtime in the benchmark) keeps only the samples of
 * the measured load, leaving out start-up (module loading) and warm-up.
 * V8's sample clock is not always process.hrtime's, so the profile is placed
 * on the benchmark's clock by its start: `startedUs` is when the profiled
 * process was spawned (V8 starts profiling some tens of ms later, which only
 * shifts the window that much into the warm-up).
 */
export function summarizeProfile(
  file: string,
  window?: { fromUs: number; toUs: number; startedUs: number },
  stepNames: string[] = [
    'readArticle',
    'articlePage',
    'presentArticle',
    'readHome',
    'homePage',
    'search',
    'rankCandidates',
    'snippet',
    'suggestCorrection',
    'searchPage',
    'preparePage',
    'sendPage',
    'layout',
  ],
): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  // Sample times on the benchmark's clock.
  let at = window ? window.startedUs : profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    at += profile.timeDeltas[i] ?? 0;
    if (window && (at < window.fromUs || at > window.toUs)) continue;
    // The delta before sample i+1 is the time spent in sample i.
    const dt = profile.timeDeltas[i + 1] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, dt));
  }
  let busy = 0;
  let idle = 0;
  const byFunction = new Map<string, { function: string; where: string; us: number }>();
  const byArea = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    const f = node.callFrame;
    if (IDLE.has(f.functionName)) {
      idle += us;
      continue;
    }
    busy += us;
    // Code that tsx compiled has no useful line numbers (its line 1); the file says enough.
    const where = f.url ? (f.lineNumber > 0 ? `${shortUrl(f.url)}:${f.lineNumber + 1}` : shortUrl(f.url)) : '';
    const key = `${f.functionName}|${where}`;
    const entry = byFunction.get(key) ?? { function: f.functionName || '(anonymous)', where, us: 0 };
    entry.us += us;
    byFunction.set(key, entry);
    const area = areaOf(f);
    byArea.set(area, (byArea.get(area) ?? 0) + us);
  }

  // Inclusive time of named steps: walk the tree once, counting a node for a name unless an ancestor already has it.
  const inclusive = new Map<number, number>();
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  const root = profile.nodes.find((n) => !parentOf.has(n.id))!;
  const order: number[] = [];
  const stack = [root.id];
  while (stack.length) {
    const id = stack.pop()!;
    order.push(id);
    for (const c of byId.get(id)!.children ?? []) stack.push(c);
  }
  for (let k = order.length - 1; k >= 0; k--) {
    const id = order[k]!;
    let total = selfUs.get(id) ?? 0;
    for (const c of byId.get(id)!.children ?? []) total += inclusive.get(c) ?? 0;
    inclusive.set(id, total);
  }
  const stepUs = new Map(stepNames.map((s) => [s, 0]));
  const walk: Array<{ id: number; names: Set<string> }> = [{ id: root.id, names: new Set() }];
  while (walk.length) {
    const { id, names } = walk.pop()!;
    const node = byId.get(id)!;
    const name = node.callFrame.functionName;
    let here = names;
    if (stepUs.has(name) && !names.has(name) && node.callFrame.url.includes('/src/')) {
      stepUs.set(name, stepUs.get(name)! + (inclusive.get(id) ?? 0));
      here = new Set(names).add(name);
    }
    for (const c of node.children ?? []) walk.push({ id: c, names: here });
  }

  const pct = (us: number) => (busy > 0 ? (100 * us) / busy : 0);
  return {
    file: path.basename(file),
    window: window ?? null,
    busyMs: busy / 1000,
    idleMs: idle / 1000,
    top: [...byFunction.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, 20)
      .map((e) => ({ function: e.function, where: e.where, selfMs: e.us / 1000, selfPct: pct(e.us) })),
    areas: [...byArea.entries()].sort((a, b) => b[1] - a[1]).map(([area, us]) => ({ area, selfMs: us / 1000, selfPct: pct(us) })),
    steps: [...stepUs.entries()].map(([fn, us]) => ({ function: fn, totalMs: us / 1000, totalPct: pct(us) })),
  };
}

// Standalone: node --import tsx bench/http/profile.ts FILE.cpuprofile [FROM_S TO_S]
if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1])) && process.argv[2]) {
  // Optional: seconds after the profile's start to keep, e.g. 5 15.
  const [from, to] = process.argv.slice(3).map(Number);
  const s = summarizeProfile(process.argv[2], from !== undefined && to ? { fromUs: from * 1e6, toUs: to * 1e6, startedUs: 0 } : undefined);
  console.log(JSON.stringify(s, null, 2));
}
