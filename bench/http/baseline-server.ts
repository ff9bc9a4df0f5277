import cluster from 'node:cluster';
import fs from 'node:fs';
import http from 'node:http';
import { parseArgs } from 'node:util';
import { etagOf } from '../../src/http/cache/conditional.ts';
import { compressOnce } from '../../src/http/cache/encoding.ts';

/**
 * The baseline: a bare node:http server answering the very bytes the portal
 * sends for the storm notice (br, gzip or plain, chosen as the portal
 * chooses, with the portal's own response headers) from memory. Nothing a
 * web framework or the portal could do is cheaper than this on this machine.
 *
 * With --compress-each it is the ceiling of a cache miss instead: the same
 * server compresses the page's plain bytes for every request, with the
 * portal's own code and quick level (compressOnce), and hashes its ETag
 * (etagOf), as the portal must for any page it does not hold. No query, no
 * template, no framework: a miss cannot be faster than this.
 *
 * With --workers N it runs as N processes sharing the port through
 * node:cluster, as `xaphuong serve` does with XAPHUONG_WORKERS=N: the
 * baseline the portal's workers are compared with, process for process.
 *
 *   node --import tsx bench/http/baseline-server.ts PAGE.json PORT [--compress-each] [--workers N]
 */

interface Variant {
  headers: Record<string, string>;
  body: string;
}

function usage(): never {
  console.error('Cách dùng: baseline-server.ts PAGE.json PORT [--compress-each] [--workers N]');
  process.exit(2);
}
function parse() {
  try {
    return parseArgs({ allowPositionals: true, options: { 'compress-each': { type: 'boolean', default: false }, workers: { type: 'string', default: '1' } } });
  } catch {
    return usage();
  }
}
const { values, positionals } = parse();
const [file, portText] = positionals;
const compressEach = values['compress-each'];
const workers = Number(values.workers);
if (!file || !portText || positionals.length !== 2 || !Number.isInteger(workers) || workers < 1) usage();
if (workers > 1 && cluster.isPrimary) {
  for (let i = 0; i < workers; i++) cluster.fork();
  const stopAll = () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
    process.exit(0);
  };
  process.once('SIGTERM', stopAll);
  process.once('SIGINT', stopAll);
} else {
  serve(file, Number(portText));
}

/** One process answering the page, as the baseline or (compressEach) the miss ceiling. */
function serve(file: string, port: number): void {
  const page = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<'br' | 'gzip' | 'identity', Variant>;
  const prepared = Object.fromEntries(
    Object.entries(page).map(([k, v]) => [
      k,
      { headers: { ...v.headers, 'content-length': String(Buffer.from(v.body, 'base64').length) }, body: Buffer.from(v.body, 'base64') },
    ]),
  ) as unknown as Record<'br' | 'gzip' | 'identity', { headers: Record<string, string>; body: Buffer }>;

  const server = http.createServer((req, res) => {
    if (req.url === '/healthz') {
      // The process answering, as the portal's health check says: a start waits until every worker has.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ pid: process.pid }));
      return;
    }
    const accepts = String(req.headers['accept-encoding'] ?? '');
    const encoding = /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : 'identity';
    const v = prepared[encoding];
    if (compressEach && encoding !== 'identity') {
      const body = compressOnce(prepared.identity.body, encoding);
      res.writeHead(200, { ...v.headers, etag: etagOf(prepared.identity.body), 'content-length': String(body.length) });
      res.end(body);
      return;
    }
    res.writeHead(200, v.headers);
    res.end(v.body);
  });
  server.keepAliveTimeout = 72_000;
  server.listen(port, '127.0.0.1');
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
