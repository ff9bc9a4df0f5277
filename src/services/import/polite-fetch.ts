import { createRequire } from 'node:module';

/** What robots-parser gives for a robots.txt. */
interface Robots {
  isAllowed(url: string, userAgent?: string): boolean | undefined;
}
// A CommonJS function whose typings declare an ES default export: required as it is.
const robotsParser = createRequire(import.meta.url)('robots-parser') as (url: string, text: string) => Robots;

/** What a fetch brought back. */
export interface FetchedResource {
  url: string;
  status: number;
  contentType: string;
  bytes: Buffer;
}

/** Why an address was not fetched, in Vietnamese. */
export class FetchRefused extends Error {}

/** How politely to fetch: one request at a time, a pause between them, robots.txt obeyed. */
export interface PoliteOptions {
  delayMs: number;
  userAgent?: string;
  timeoutMs?: number;
  maxBytes?: number;
}

/**
 * Fetches from old portals the way a guest should: one request at a time,
 * `delayMs` between the end of one and the start of the next, a site's
 * robots.txt read first and obeyed, a time limit and a size limit.
 */
export class PoliteFetcher {
  private chain: Promise<unknown> = Promise.resolve();
  private lastEnd = 0;
  private readonly robots = new Map<string, Robots | null>();
  readonly userAgent: string;

  constructor(private readonly options: PoliteOptions) {
    this.userAgent = options.userAgent ?? 'xaphuong-import/1.0 (+https://github.com/xaphuong)';
  }

  /** Fetches one address in turn; throws FetchRefused when robots.txt forbids it or it cannot be fetched. */
  get(url: string): Promise<FetchedResource> {
    const next = this.chain.then(() => this.fetchInTurn(url));
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async fetchInTurn(url: string): Promise<FetchedResource> {
    const target = new URL(url);
    if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new FetchRefused(`không tải được "${url}": chỉ nhận http và https`);
    const robots = await this.robotsOf(target);
    if (robots && robots.isAllowed(url, this.userAgent) === false)
      throw new FetchRefused(`robots.txt của ${target.host} không cho phép tải ${target.pathname}`);
    return this.request(url);
  }

  private async robotsOf(target: URL): Promise<Robots | null> {
    const origin = target.origin;
    if (!this.robots.has(origin)) {
      const robotsUrl = `${origin}/robots.txt`;
      try {
        const res = await this.request(robotsUrl);
        this.robots.set(origin, res.status === 200 ? robotsParser(robotsUrl, res.bytes.toString('utf8')) : null);
      } catch {
        this.robots.set(origin, null);
      }
    }
    return this.robots.get(origin) ?? null;
  }

  /** One request, after the pause the previous one asks for. */
  private async request(url: string): Promise<FetchedResource> {
    const wait = this.lastEnd + this.options.delayMs - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    try {
      const res = await fetch(url, {
        headers: { 'user-agent': this.userAgent },
        redirect: 'follow',
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
      const declared = Number(res.headers.get('content-length') ?? 0);
      const max = this.options.maxBytes ?? 20 * 1024 * 1024;
      if (declared > max) throw new FetchRefused(`"${url}" lớn quá ${Math.round(max / 1024 / 1024)} MB`);
      const bytes = Buffer.from(await res.arrayBuffer());
      if (bytes.length > max) throw new FetchRefused(`"${url}" lớn quá ${Math.round(max / 1024 / 1024)} MB`);
      return { url: res.url || url, status: res.status, contentType: res.headers.get('content-type') ?? '', bytes };
    } catch (error) {
      if (error instanceof FetchRefused) throw error;
      throw new FetchRefused(`không tải được "${url}" (${(error as Error).name === 'TimeoutError' ? 'quá thời gian chờ' : 'không kết nối được'})`);
    } finally {
      this.lastEnd = Date.now();
    }
  }
}
