import path from 'node:path';
import type { Kysely } from 'kysely';
import { nowIso } from '../../db/database.ts';
import type { Database, MediaRow } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { ImportRepository } from '../../repositories/import-repository.ts';
import { MediaRepository } from '../../repositories/media-repository.ts';
import { storeUpload } from '../media-service.ts';
import type { ImportReport } from './import-report.ts';
import type { LoadedFile } from './media-source.ts';
import type { MediaStorage } from '../storage/media-storage.ts';

/** What an imported file should say about itself. */
export interface MediaMeta {
  alt?: string;
  caption?: string;
  title?: string;
  /** What the file is shown in, for an alt text when the source has none. */
  context?: string;
}

/** The key an old file's address is remembered by: host and path, case and scheme aside. */
export function mediaSourceKey(url: string): string {
  try {
    const u = new URL(url);
    return `media:${u.host.toLowerCase()}${decodeURIComponent(u.pathname)}`;
  } catch {
    return `media:${url}`;
  }
}

/**
 * Brings an old site's files into the media library once: a file met again
 * (in another post, or on a re-run) is the row made the first time.
 */
export class MediaImporter {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly storage: MediaStorage,
    private readonly siteId: number,
    private readonly source: { load(url: string): Promise<LoadedFile>; candidates(url: string): string[] },
    private readonly report: ImportReport,
  ) {}

  /** What an import made from a source key before, if anything. */
  known(sourceKey: string) {
    return new ImportRepository(this.db, this.siteId).findItem(sourceKey);
  }

  /** The media row for an old address, imported now if it is new; null (with a warning) when the file cannot be had. */
  async byUrl(url: string, meta: MediaMeta = {}): Promise<MediaRow | null> {
    const imports = new ImportRepository(this.db, this.siteId);
    // A resized copy ("photo-300x200.jpg") and its original are one file here.
    for (const candidate of this.source.candidates(url)) {
      const known = await imports.findItem(mediaSourceKey(candidate));
      if (!known) continue;
      const [row] = await new MediaRepository(this.db, this.siteId).findByIds([known.item_id]);
      if (row && !row.deleted_at) {
        this.report.mediaReused++;
        return row;
      }
    }
    const file = await this.source.load(url);
    if ('error' in file) {
      this.report.warn(`Tệp ${url}: ${file.error}`);
      return null;
    }
    const key = mediaSourceKey(file.url);
    const name = file.name || path.basename(new URL(url).pathname);
    const alt =
      meta.alt?.trim() || meta.title?.trim() || meta.caption?.trim() || (meta.context ? `Ảnh trong bài “${meta.context}”` : name.replace(/\.[^.]+$/, ''));
    try {
      const row = await storeUpload(this.db, this.storage, this.siteId, {
        bytes: file.bytes,
        originalName: name,
        alt,
        caption: meta.caption ?? '',
        title: meta.title ?? '',
      });
      await imports.saveItem(key, 'media', row.id, '', nowIso());
      this.report.mediaImported++;
      return row;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      this.report.warn(`Tệp ${url}: ${error.fields[0]?.message ?? error.message}`);
      return null;
    }
  }
}
