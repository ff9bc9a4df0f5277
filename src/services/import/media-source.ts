import fs from 'node:fs/promises';
import path from 'node:path';
import { FetchRefused, type PoliteFetcher } from './polite-fetch.ts';

/** Where an import's files come from: a local copy of the old site's files, and/or the old site itself. */
export interface MediaSourceOptions {
  /** A folder holding the old site's uploaded files (WordPress: a copy of wp-content/uploads). */
  mediaDir?: string | undefined;
  /** Addresses that the folder mirrors ("https://old.vn/wp-content/uploads/"). */
  mirrors?: string[];
  /** Fetches what the folder does not hold; null: never go online. */
  fetcher: PoliteFetcher | null;
  /** The folder of saved pages whose file:// addresses may be read (import-html FILE|DIR). */
  diskRoot?: string | undefined;
}

/** A file's bytes and name, or why it could not be had. */
export type LoadedFile = { bytes: Buffer; name: string; url: string } | { error: string };

/** WordPress names its smaller copies "photo-300x200.jpg": the original is worth more. */
const RESIZED = /-\d+x\d+(\.[a-z0-9]+)$/i;

/** Reads a file an old page refers to: from the local folder when it is there, else over HTTP when allowed. */
export class MediaSource {
  constructor(private readonly options: MediaSourceOptions) {}

  /** The forms of an address worth trying, the original of a resized copy first. */
  candidates(url: string): string[] {
    return RESIZED.test(url) ? [url.replace(RESIZED, '$1'), url] : [url];
  }

  /** The local file an address stands for, inside the media folder only. */
  private localPath(url: string): string | null {
    const dir = this.options.mediaDir;
    if (!dir) return null;
    const root = path.resolve(dir);
    let relative: string | null = null;
    if (url.startsWith('file://')) return null;
    for (const mirror of this.options.mirrors ?? []) {
      const bare = (u: string) => u.replace(/^https?:\/\//i, '').toLowerCase();
      if (bare(url).startsWith(bare(mirror))) relative = url.replace(/^https?:\/\//i, '').slice(bare(mirror).length);
    }
    if (relative === null) {
      // Any address under …/uploads/ maps onto the folder, whatever host it names.
      const at = url.indexOf('/uploads/');
      if (at === -1) return null;
      relative = url.slice(at + '/uploads/'.length);
    }
    const file = path.resolve(root, decodeURIComponent(relative.split(/[?#]/)[0] ?? ''));
    return file.startsWith(root + path.sep) ? file : null;
  }

  /** A file from the local disk, for pages saved from an old portal (file:// addresses), kept inside `root`. */
  static async fromDisk(url: string, root: string): Promise<LoadedFile> {
    const file = path.resolve(decodeURIComponent(new URL(url).pathname));
    if (!file.startsWith(path.resolve(root) + path.sep)) return { error: `tệp "${path.basename(file)}" nằm ngoài thư mục được nhập` };
    try {
      return { bytes: await fs.readFile(file), name: path.basename(file), url };
    } catch {
      return { error: `không có tệp "${path.basename(file)}" bên cạnh trang đã lưu` };
    }
  }

  async load(url: string): Promise<LoadedFile> {
    if (url.startsWith('file://'))
      return this.options.diskRoot ? MediaSource.fromDisk(url, this.options.diskRoot) : { error: `không đọc tệp trên đĩa "${url}"` };
    let lastError = `không có tệp cho "${url}"`;
    for (const candidate of this.candidates(url)) {
      const local = this.localPath(candidate);
      if (local) {
        try {
          return { bytes: await fs.readFile(local), name: path.basename(local), url: candidate };
        } catch {
          lastError = `không có tệp "${path.basename(local)}" trong thư mục tệp`;
        }
      }
    }
    if (!this.options.fetcher || !/^https?:/i.test(url)) return { error: lastError };
    for (const candidate of this.candidates(url)) {
      try {
        const res = await this.options.fetcher.get(candidate);
        if (res.status === 200) return { bytes: res.bytes, name: decodeURIComponent(new URL(res.url).pathname.split('/').pop() || 'tep'), url: candidate };
        lastError = `"${candidate}" trả về mã ${res.status}`;
      } catch (error) {
        if (!(error instanceof FetchRefused)) throw error;
        lastError = error.message;
      }
    }
    return { error: lastError };
  }
}
