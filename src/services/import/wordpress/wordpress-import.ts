import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { nowIso } from '../../../db/database.ts';
import type { Database } from '../../../db/schema.ts';
import { ImportRepository } from '../../../repositories/import-repository.ts';
import { htmlToPlainText } from '../../../text/sanitize.ts';
import { recordAudit } from '../../audit-service.ts';
import { ImportReport } from '../import-report.ts';
import { MediaImporter } from '../media-import.ts';
import { MediaSource } from '../media-source.ts';
import type { PoliteFetcher } from '../polite-fetch.ts';
import { type AttachmentInfo, type WordpressContext, importAttachment, importPost, mapAuthor, mapTerm } from './wordpress-items.ts';
import { type WxrChannel, readWxr } from './wxr-reader.ts';
import type { MediaStorage } from '../../storage/media-storage.ts';

/** Where a WordPress export goes and where its files come from. */
export interface WordpressImportOptions {
  siteId: number;
  /** The portal's media storage. */
  storage: MediaStorage;
  /** A copy of the old site's wp-content/uploads, tried before the old site itself. */
  sourceMediaDir?: string | undefined;
  /** Fetches files the folder lacks from the export's addresses; null: never go online. */
  fetcher: PoliteFetcher | null;
  onProgress?: (phase: 'check' | 'import', done: number, total: number) => void;
}

/** What an import did, and where it started when it resumed an interrupted run. */
export interface WordpressImportResult {
  report: ImportReport;
  runId: number;
  resumedFrom: number;
  total: number;
}

/** Content types that are no content of their own (menus, revisions, theme settings): counted, not imported. */
const CONTENT_TYPES = new Set(['post', 'page', 'attachment']);

/** The identity of an export file: its name, size and a hash of its first megabyte. */
function fingerprint(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(1024 * 1024);
    const read = fs.readSync(fd, head, 0, head.length, 0);
    const hash = createHash('sha256').update(head.subarray(0, read)).digest('hex').slice(0, 16);
    return `${path.basename(file)}|${fs.fstatSync(fd).size}|${hash}`;
  } finally {
    fs.closeSync(fd);
  }
}

/** The checking pass: the whole file read once, nothing written; counts items and notes each attachment's file. */
async function scan(file: string, options: WordpressImportOptions) {
  const attachments = new Map<number, AttachmentInfo>();
  let total = 0;
  let channel: WxrChannel | null = null;
  await readWxr(
    file,
    (record) => {
      if (record.type === 'channel') channel = record.channel;
      if (record.type !== 'item') return;
      total++;
      const item = record.item;
      if (item.postType === 'attachment' && item.attachmentUrl) {
        attachments.set(item.postId, {
          url: item.attachmentUrl,
          alt: item.meta._wp_attachment_image_alt ?? '',
          title: item.title,
          caption: htmlToPlainText(item.excerpt),
        });
      }
    },
    (read, size) => options.onProgress?.('check', read, size),
  );
  return { total, attachments, channel: channel as WxrChannel | null };
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/**
 * Imports a WordPress export (WXR) into a site: posts and pages as
 * articles, categories, authors as users or credits, featured images and
 * attachments as media, every old address kept as a redirect; comments are
 * counted and left out. The file is first read through once: a malformed or
 * cut-short file is refused before anything is written. Each item is then
 * saved in its own transaction and the run's position kept, so an
 * interrupted import resumes where it stopped, and a re-run updates what
 * changed instead of adding it again.
 */
export async function importWordpress(db: Kysely<Database>, file: string, options: WordpressImportOptions): Promise<WordpressImportResult> {
  const { total, attachments, channel } = await scan(file, options);
  const imports = new ImportRepository(db, options.siteId);
  const source = fingerprint(file);
  const unfinished = await imports.unfinishedRun('wordpress', source);
  const report = unfinished ? ImportReport.fromJson(unfinished.report) : new ImportReport();
  const resumedFrom = unfinished?.position ?? 0;
  const runId = unfinished?.id ?? (await imports.startRun('wordpress', source, total, nowIso()));
  await imports.updateRun(runId, { status: 'running', total }, nowIso());

  const baseUrl = channel?.baseBlogUrl || channel?.link || channel?.baseSiteUrl || 'http://wordpress.invalid/';
  const oldHosts = [...new Set([channel?.link, channel?.baseSiteUrl, channel?.baseBlogUrl].map((u) => hostOf(u ?? '')).filter(Boolean))];
  const mediaSource = new MediaSource({
    mediaDir: options.sourceMediaDir,
    mirrors: [`${channel?.baseSiteUrl ?? baseUrl}/wp-content/uploads/`],
    fetcher: options.fetcher,
  });
  const ctx: WordpressContext = {
    db,
    siteId: options.siteId,
    sourceHost: hostOf(baseUrl) || 'wordpress',
    oldHosts,
    baseUrl,
    media: new MediaImporter(db, options.storage, options.siteId, mediaSource, report),
    report,
    attachments,
    authors: new Map(),
    categories: new Map(),
  };
  const otherTypes = new Map<string, number>();
  let position = 0;
  let completed = resumedFrom;
  try {
    await readWxr(file, async (record) => {
      if (record.type === 'author') return mapAuthor(ctx, record.author);
      if (record.type === 'term') return mapTerm(ctx, record.term);
      if (record.type !== 'item') return;
      position++;
      if (position <= resumedFrom) return;
      const { item } = record;
      if (!CONTENT_TYPES.has(item.postType)) otherTypes.set(item.postType, (otherTypes.get(item.postType) ?? 0) + 1);
      else if (item.postType === 'attachment') await importAttachment(ctx, item);
      else await importPost(ctx, item);
      completed = position;
      // The position is kept every few items: a resumed run redoes at most these, and a redone item is only updated.
      if (position % 10 === 0) await imports.updateRun(runId, { position, report: report.toJson() }, nowIso());
      options.onProgress?.('import', position, total);
    });
  } catch (error) {
    await imports.updateRun(runId, { status: 'failed', position: completed, report: report.toJson() }, nowIso());
    throw error;
  }
  for (const [type, count] of otherTypes) report.warn(`Không nhập ${count} mục kiểu "${type}" (trình đơn, bản sửa, cài đặt giao diện…)`);
  const now = nowIso();
  await imports.updateRun(runId, { status: 'done', position, report: report.toJson(), finished_at: now }, now);
  await recordAudit(
    db,
    { system: 'nhập WordPress', siteId: options.siteId },
    {
      action: 'import.finished',
      targetType: 'import_run',
      targetId: runId,
      summary: `${path.basename(file)}: ${report.imported} mới, ${report.updated} cập nhật, ${report.skippedCount} bỏ qua`,
    },
  );
  return { report, runId, resumedFrom, total };
}
