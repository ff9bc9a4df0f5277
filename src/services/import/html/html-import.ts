import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { AppError } from '../../../errors.ts';
import { htmlToPlainText } from '../../../text/sanitize.ts';
import { LegacyTextError } from '../../../text/legacy-encoding.ts';
import { recordAudit } from '../../audit-service.ts';
import { adoptBodyMedia } from '../body-media.ts';
import { saveImportedArticle } from '../imported-article.ts';
import { ImportReport } from '../import-report.ts';
import { MediaImporter } from '../media-import.ts';
import { MediaSource } from '../media-source.ts';
import { FetchRefused, type PoliteFetcher } from '../polite-fetch.ts';
import { type PortalPage, PortalPageError, decodePortalBytes, extractPortalPage } from './portal-page.ts';
import type { MediaStorage } from '../../storage/media-storage.ts';

/** One page to import: a saved file (with the folder it may take files from) or an address to fetch. */
export type HtmlSource = { file: string; root: string } | { url: string };

export interface HtmlImportOptions {
  siteId: number;
  storage: MediaStorage;
  /** Fetches --urls pages and the files they refer to; null: offline. */
  fetcher: PoliteFetcher | null;
  categorySlug: string;
  /** Only say what would be taken from each page; write nothing. */
  dryRun: boolean;
  onProgress?: (done: number, total: number) => void;
}

/** What a dry run shows for one page. */
export type HtmlPreview = { source: string; page: PortalPage } | { source: string; error: string };

export interface HtmlImportResult {
  report: ImportReport;
  previews: HtmlPreview[];
}

const sourceName = (s: HtmlSource) => ('url' in s ? s.url : s.file);

async function readSource(source: HtmlSource, fetcher: PoliteFetcher | null): Promise<{ bytes: Buffer; contentType: string; url: string }> {
  if ('file' in source) return { bytes: await fs.readFile(source.file), contentType: '', url: pathToFileURL(path.resolve(source.file)).toString() };
  if (!fetcher) throw new FetchRefused('không được tải trang khi nhập ngoại tuyến');
  const res = await fetcher.get(source.url);
  if (res.status !== 200) throw new FetchRefused(`"${source.url}" trả về mã ${res.status}`);
  return { bytes: res.bytes, contentType: res.contentType, url: res.url };
}

/** Why a page was skipped, when it is the page's fault rather than the program's. */
function skipReason(error: unknown): string | null {
  if (error instanceof PortalPageError || error instanceof LegacyTextError || error instanceof FetchRefused) return error.message;
  if (error instanceof AppError && error.code === 'validation_failed') return error.fields.map((f) => f.message).join('; ') || error.message;
  return null;
}

async function importOne(
  db: Kysely<Database>,
  source: HtmlSource,
  options: HtmlImportOptions,
  media: MediaImporter,
  report: ImportReport,
): Promise<PortalPage> {
  const { bytes, contentType, url } = await readSource(source, options.fetcher);
  const decoded = decodePortalBytes(bytes, contentType);
  const page = extractPortalPage(decoded.text, decoded.encoding);
  if (options.dryRun) return page;
  if (page.encoding !== 'utf-8') report.convertedFromLegacy++;
  const oldUrl = page.oldUrl ?? ('url' in source ? url : null);
  const sourceKey = `html:${oldUrl ?? path.basename(sourceName(source))}`;
  const version = createHash('sha256').update(`${page.title}\n${page.bodyHtml}`).digest('hex').slice(0, 32);
  if ((await media.known(sourceKey))?.source_version === version) {
    report.unchanged++;
    return page;
  }
  if (!page.date) report.warn(`Trang “${page.title.slice(0, 80)}”: không thấy ngày đăng, lấy ngày nhập`);
  const body = await adoptBodyMedia(page.bodyHtml, {
    baseUrl: 'file' in source ? url : (oldUrl ?? url),
    oldHosts: oldUrl ? [new URL(oldUrl).hostname] : [],
    media,
    report,
    title: page.title,
  });
  const result = await saveImportedArticle(db, options.siteId, {
    article: {
      title: page.title,
      bodyHtml: body.html,
      summary: htmlToPlainText(body.html).slice(0, 300),
      writer: page.credits?.writer ?? '',
      photographer: page.credits?.photographer ?? '',
      categorySlug: options.categorySlug,
      publishedAt: (page.date ?? new Date()).toISOString(),
      featuredMediaId: body.firstImage?.id ?? null,
      sourceKey,
      revisionNote: 'Nhập từ trang của cổng cũ',
    },
    status: 'published',
    authorId: null,
    sourceVersion: version,
    oldUrls: oldUrl ? [{ url: oldUrl }] : [],
    redirectSource: 'html',
  });
  if (result.created) report.imported++;
  else report.updated++;
  report.redirects += result.redirects;
  return page;
}

/**
 * Imports pages saved from, or fetched from, an old portal: each page's
 * title, date, body, credits, images and attached files, one transaction a
 * page; a page that cannot be read is skipped with its reason and nothing
 * of it is written. A dry run writes nothing and says what each page gives.
 */
export async function importHtmlPages(db: Kysely<Database>, sources: HtmlSource[], options: HtmlImportOptions): Promise<HtmlImportResult> {
  const report = new ImportReport();
  const roots = [...new Set(sources.flatMap((s) => ('root' in s ? [s.root] : [])))];
  const media = new MediaImporter(
    db,
    options.storage,
    options.siteId,
    new MediaSource({ fetcher: options.fetcher, diskRoot: roots.length === 1 ? roots[0] : undefined }),
    report,
  );
  const previews: HtmlPreview[] = [];
  for (const [index, source] of sources.entries()) {
    try {
      const page = await importOne(db, source, options, media, report);
      if (options.dryRun) previews.push({ source: sourceName(source), page });
    } catch (error) {
      const reason = skipReason(error);
      if (reason === null) throw error;
      if (options.dryRun) previews.push({ source: sourceName(source), error: reason });
      else report.skip(sourceName(source), reason);
    }
    options.onProgress?.(index + 1, sources.length);
  }
  if (!options.dryRun) {
    const summary = `${sources.length} trang: ${report.imported} mới, ${report.updated} cập nhật, ${report.skippedCount} bỏ qua`;
    await recordAudit(
      db,
      { system: 'nhập trang cổng cũ', siteId: options.siteId },
      { action: 'import.finished', targetType: 'site', targetId: options.siteId, summary },
    );
  }
  return { report, previews };
}
