import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
};

interface Asset {
  body: Buffer;
  type: string;
}

/** Strips comments and spacing from our own CSS (no strings or URLs in it need them). */
export function minifyCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{}:;,>])\s*/g, '$1')
    .replace(/;}/g, '}')
    .trim();
}

/**
 * A file's bytes as served: the minified copy `npm install` made of a
 * hand-written script (X.min.js, see scripts/minify-scripts.mjs) while it is
 * at least as new as the script, our CSS minified here, anything else as it is.
 */
function servedBody(dir: string, name: string): Buffer {
  const file = path.join(dir, name);
  const ext = path.extname(name);
  if (ext === '.css') return Buffer.from(minifyCss(fs.readFileSync(file, 'utf8')));
  if (ext === '.js') {
    const minified = path.join(dir, `${path.basename(name, ext)}.min.js`);
    if (fs.existsSync(minified) && fs.statSync(minified).mtimeMs >= fs.statSync(file).mtimeMs) return fs.readFileSync(minified);
  }
  return fs.readFileSync(file);
}

/**
 * The portal's own static files, read once at start-up and served under a
 * content-hashed name (site.3f2a9c1b.css) so browsers may cache them forever.
 */
export class AssetBundle {
  private readonly byPublicName = new Map<string, Asset>();
  private readonly urls = new Map<string, string>();

  constructor(dir: string) {
    for (const name of fs.readdirSync(dir)) {
      const ext = path.extname(name);
      const type = TYPES[ext];
      // A .min.js is served under its script's name, never its own.
      if (!type || name.endsWith('.min.js')) continue;
      const body = servedBody(dir, name);
      const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
      const publicName = `${path.basename(name, ext)}.${hash}${ext}`;
      this.byPublicName.set(publicName, { body, type });
      this.urls.set(name, `/assets/${publicName}`);
    }
  }

  /** The fingerprinted URL of an asset file, by its plain name. */
  url(name: string): string {
    const url = this.urls.get(name);
    if (!url) throw new Error(`Không có tệp tĩnh ${name}`);
    return url;
  }

  /** Whether an asset file exists (the editor bundle is built at install time). */
  has(name: string): boolean {
    return this.urls.has(name);
  }

  /**
   * Writes every asset under its fingerprinted name into `dir`, with a gzip
   * copy of each text file beside it, for a reverse proxy to send from disk;
   * names already there are kept.
   */
  writeTo(dir: string): void {
    fs.mkdirSync(dir, { recursive: true });
    for (const [name, asset] of this.byPublicName) {
      const file = path.join(dir, name);
      if (fs.existsSync(file)) continue;
      if (asset.type.startsWith('text/') || asset.type === 'image/svg+xml') writeAtomically(`${file}.gz`, gzipSync(asset.body, { level: 9 }));
      writeAtomically(file, asset.body);
    }
  }

  /** The asset served under a fingerprinted name, if any. */
  get(publicName: string): Asset | undefined {
    return this.byPublicName.get(publicName);
  }
}

/** Written aside then renamed, so a proxy never sends half a file while several nodes start at once. */
function writeAtomically(file: string, body: Buffer): void {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, body);
  fs.renameSync(temp, file);
}

/** Where the portal's static files live in the source tree. */
export const ASSETS_DIR = path.resolve(import.meta.dirname, '../../public/assets');
