import fs from 'node:fs';

/**
 * Lighthouse (12.x: the last line that runs on Node 20) with Debian's
 * Chromium, mobile preset (Lighthouse's default: a mid-range phone on slow
 * 4G, simulated), performance and accessibility only. Chromium resolves the
 * benchmark's host names to 127.0.0.1 with --host-resolver-rules, so the
 * portal picks the site by its real Host header and nothing leaves the
 * machine. Nothing is downloaded.
 *
 *   BENCH_LIGHTHOUSE=0 skips it; standalone:
 *   node --import tsx bench/http/lighthouse.ts http://site1.bench.xaphuong.test:3000/ …
 */

export const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface LighthouseScore {
  name: string;
  url: string;
  finalUrl: string;
  /** 0–100. */
  performance: number | null;
  accessibility: number | null;
  metrics: Record<string, number | null>;
  /** Audits that lost points, for a score below 100. */
  failing: Array<{ category: string; id: string; title: string; score: number | null; displayValue?: string }>;
  error?: string;
}

const METRICS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index', 'interactive'];

async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: quá ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Scores each page with a fresh Chromium (cold cache, as a first visit). `hostsTo127` are mapped to 127.0.0.1. */
export async function runLighthouse(
  pages: Array<{ name: string; url: string }>,
  options: { hostsTo127: string[]; timeoutMs?: number; log?: (line: string) => void },
): Promise<LighthouseScore[]> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Không có Chromium tại ${CHROMIUM}: apt-get install -y chromium`);
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const rules = options.hostsTo127.map((h) => `MAP ${h} 127.0.0.1`).join(',');
  const results: LighthouseScore[] = [];
  for (const page of pages) {
    options.log?.(`  Lighthouse: ${page.name} ${page.url}`);
    const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: [...FLAGS, `--host-resolver-rules=${rules}`], logLevel: 'silent' });
    try {
      const run = await withTimeout(
        lighthouse(page.url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] }),
        options.timeoutMs ?? 120_000,
        `Lighthouse ${page.name}`,
      );
      const lhr = run?.lhr;
      if (!lhr) throw new Error('Lighthouse không trả kết quả');
      const score = (id: string) => {
        const s = lhr.categories[id]?.score;
        return s === null || s === undefined ? null : Math.round(s * 100);
      };
      const failing: LighthouseScore['failing'] = [];
      for (const id of ['performance', 'accessibility']) {
        for (const ref of lhr.categories[id]?.auditRefs ?? []) {
          const audit = lhr.audits[ref.id];
          if (!audit || ref.weight === 0 || audit.score === null || audit.score >= 0.9) continue;
          failing.push({
            category: id,
            id: ref.id,
            title: audit.title,
            score: audit.score,
            ...(audit.displayValue ? { displayValue: audit.displayValue } : {}),
          });
        }
      }
      results.push({
        name: page.name,
        url: page.url,
        finalUrl: lhr.finalDisplayedUrl,
        performance: score('performance'),
        accessibility: score('accessibility'),
        metrics: Object.fromEntries(METRICS.map((m) => [m, lhr.audits[m]?.numericValue ?? null])),
        failing,
        ...(lhr.runtimeError ? { error: `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` } : {}),
      });
    } catch (error) {
      results.push({
        name: page.name,
        url: page.url,
        finalUrl: '',
        performance: null,
        accessibility: null,
        metrics: {},
        failing: [],
        error: (error as Error).message,
      });
    } finally {
      try {
        chrome.kill();
      } catch {}
    }
  }
  return results;
}

// Standalone use against a running portal.
if (process.argv[1]?.endsWith('lighthouse.ts') && process.argv.length > 2) {
  const urls = process.argv.slice(2);
  const scores = await runLighthouse(
    urls.map((url, i) => ({ name: `trang ${i + 1}`, url })),
    { hostsTo127: [...new Set(urls.map((u) => new URL(u).hostname))], log: console.log },
  );
  console.log(JSON.stringify(scores, null, 2));
}
