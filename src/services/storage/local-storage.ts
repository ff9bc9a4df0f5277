import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../errors.ts';
import { checkKey, type MediaStorage } from './media-storage.ts';

/** Media in a folder on this machine: XAPHUONG_DATA/media, the default. */
export class LocalStorage implements MediaStorage {
  readonly description: string;
  constructor(readonly root: string) {
    this.description = root;
  }

  /** The file a key names. */
  fileOf(key: string): string {
    return path.join(this.root, checkKey(key));
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const file = this.fileOf(key);
    await this.writing(file, async () => {
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      await fs.promises.writeFile(file, bytes);
    });
  }

  async putFile(key: string, source: string): Promise<void> {
    const file = this.fileOf(key);
    if (path.resolve(source) === file) return;
    await this.writing(file, async () => {
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      await fs.promises.copyFile(source, file);
    });
  }

  /** A file standing where a folder must be (or the reverse) is the media folder failing, as a missing write permission is (db/failures.ts). */
  private async writing(file: string, write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (!['ENOTDIR', 'EEXIST', 'EISDIR'].includes(code)) throw error;
      throw new AppError('storage_unavailable', `Không ghi được ${file} (${code}): một tệp nằm ở chỗ của một thư mục trong ${this.root}.`);
    }
  }

  async read(key: string): Promise<Buffer | null> {
    return fs.promises.readFile(this.fileOf(key)).catch(missingAsNull);
  }

  async open(key: string): Promise<{ body: fs.ReadStream; size: number } | null> {
    const file = this.fileOf(key);
    const stat = await fs.promises.stat(file).catch(missingAsNull);
    return stat?.isFile() ? { body: fs.createReadStream(file), size: stat.size } : null;
  }

  async exists(key: string): Promise<boolean> {
    return (await fs.promises.stat(this.fileOf(key)).catch(missingAsNull))?.isFile() ?? false;
  }

  async delete(key: string): Promise<void> {
    await fs.promises.rm(this.fileOf(key), { force: true });
  }

  async deleteBelow(prefix: string): Promise<void> {
    await fs.promises.rm(this.fileOf(prefix.replace(/\/$/, '')), { recursive: true, force: true });
  }

  async copy(from: string, to: string): Promise<boolean> {
    if (!(await this.exists(from))) return false;
    await this.putFile(to, this.fileOf(from));
    return true;
  }

  async *list(prefix: string): AsyncIterable<{ key: string; size: number }> {
    const below = prefix ? this.fileOf(prefix.replace(/\/$/, '')) : this.root;
    const entries = await fs.promises.readdir(below, { recursive: true, withFileTypes: true }).catch(missingAsNull);
    for (const entry of entries ?? []) {
      if (!entry.isFile()) continue;
      const file = path.join(entry.parentPath ?? entry.path, entry.name);
      yield { key: path.relative(this.root, file).split(path.sep).join('/'), size: fs.statSync(file).size };
    }
  }

  async withLocalFile<T>(key: string, fn: (file: string) => Promise<T>): Promise<T> {
    return fn(this.fileOf(key));
  }

  async problem(): Promise<string | null> {
    const probe = path.join(this.root, `.probe-${randomBytes(6).toString('hex')}`);
    try {
      await fs.promises.mkdir(this.root, { recursive: true });
      await fs.promises.writeFile(probe, '', { flag: 'wx' });
      await fs.promises.rm(probe);
      return null;
    } catch (error) {
      return `không ghi được vào thư mục ${this.root} (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
    }
  }

  async close(): Promise<void> {}
}

function missingAsNull(error: NodeJS.ErrnoException): null {
  if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null;
  throw error;
}
