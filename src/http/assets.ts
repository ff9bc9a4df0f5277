import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

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
      if (!type) continue;
      const raw = fs.readFileSync(path.join(dir, name));
      const body = ext === '.css' ? Buffer.from(minifyCss(raw.toString('utf8'))) : raw;
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

  /** The asset served under a fingerprinted name, if any. */
  get(publicName: string): Asset | undefined {
    return this.byPublicName.get(publicName);
  }
}

/** Where the portal's static files live in the source tree. */
export const ASSETS_DIR = path.resolve(import.meta.dirname, '../../public/assets');
