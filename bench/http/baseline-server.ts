import fs from 'node:fs';
import http from 'node:http';
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
 *   node --import tsx bench/http/baseline-server.ts PAGE.json PORT [--compress-each]
 */

interface Variant {
  headers: Record<string, string>;
  body: string;
}

const [file, portText, mode] = process.argv.slice(2);
if (!file || !portText || (mode !== undefined && mode !== '--compress-each')) {
  console.error('Cách dùng: baseline-server.ts PAGE.json PORT [--compress-each]');
  process.exit(2);
}
const page = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<'br' | 'gzip' | 'identity', Variant>;
const prepared = Object.fromEntries(
  Object.entries(page).map(([k, v]) => [k, { headers: { ...v.headers, 'content-length': String(Buffer.from(v.body, 'base64').length) }, body: Buffer.from(v.body, 'base64') }]),
) as unknown as Record<'br' | 'gzip' | 'identity', { headers: Record<string, string>; body: Buffer }>;

const server = http.createServer((req, res) => {
  if (req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
    return;
  }
  const accepts = String(req.headers['accept-encoding'] ?? '');
  const encoding = /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : 'identity';
  const v = prepared[encoding];
  if (mode === '--compress-each' && encoding !== 'identity') {
    const body = compressOnce(prepared.identity.body, encoding);
    res.writeHead(200, { ...v.headers, etag: etagOf(prepared.identity.body), 'content-length': String(body.length) });
    res.end(body);
    return;
  }
  res.writeHead(200, v.headers);
  res.end(v.body);
});
server.keepAliveTimeout = 72_000;
server.listen(Number(portText), '127.0.0.1');
const stop = () => server.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
