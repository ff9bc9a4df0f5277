import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { inTransaction } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { escapeHtml } from '../../views/html.ts';
import { type LegacyEncoding, LegacyTextError, decodeVietnameseBytes } from '../../text/legacy-encoding.ts';
import { slugify } from '../../text/vietnamese.ts';
import { type ImportResult, importArticle } from '../article-service.ts';
import { recordAudit } from '../audit-service.ts';
import { type ParsedTextPage, TextPageError, parseTextPage } from './text-page.ts';

/** Where imported pages go and which date to give them when the text has none. */
export interface ImportTextOptions {
  siteId: number;
  categorySlug: string;
  /** Overrides the date read from the text. */
  date?: Date | undefined;
  /** Marks the articles as demo content. */
  demo?: boolean;
}

export interface ImportedPage extends ImportResult {
  file: string;
  title: string;
  /** The legacy encoding the file's text was converted from, if any. */
  convertedFrom: LegacyEncoding | null;
}

const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** The identity of an imported page: re-importing the same page updates it. */
export function importSourceKey(page: Pick<ParsedTextPage, 'title'>): string {
  return `import-text:${slugify(page.title, 200)}`;
}

/** Renders parsed paragraphs as body HTML; every paragraph is text, escaped. */
export function paragraphsToHtml(paragraphs: string[]): string {
  return paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
}

interface ReadPage {
  page: ParsedTextPage;
  date: Date;
  convertedFrom: LegacyEncoding | null;
}

async function readPage(file: string, date: Date | undefined): Promise<ReadPage> {
  const name = path.basename(file);
  const fail = (reason: string) => new AppError('import_failed', `Không nhập được tệp "${name}": ${reason}.`);
  let bytes: Buffer;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw fail('đây không phải là tệp');
    if (stat.size > MAX_FILE_BYTES) throw fail(`tệp lớn quá ${MAX_FILE_BYTES / 1024 / 1024} MB`);
    bytes = await fs.readFile(file);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw fail('không đọc được tệp (không tồn tại hoặc không có quyền đọc)');
  }
  try {
    // Old portals' text may be TCVN3 or VNI, as bytes or already garbled: converted, or refused.
    const decoded = decodeVietnameseBytes(bytes);
    const page = parseTextPage(decoded.text);
    const when = date ?? page.writtenDate;
    if (!when) throw new TextPageError('không tìm thấy ngày trong bài (như "ngày 13 tháng 01 năm 2020"); hãy chỉ định --date dd/mm/yyyy');
    return { page, date: when, convertedFrom: decoded.encoding === 'utf-8' ? null : decoded.encoding };
  } catch (error) {
    if (error instanceof TextPageError || error instanceof LegacyTextError) throw fail(error.message);
    throw error;
  }
}

/**
 * Imports legacy text pages as published articles. Every file is read and
 * parsed first; if any fails, nothing is written. Then all are written in
 * one transaction.
 */
export async function importTextPages(db: Kysely<Database>, files: string[], options: ImportTextOptions): Promise<ImportedPage[]> {
  const parsed: Array<ReadPage & { file: string }> = [];
  const problems: string[] = [];
  for (const file of files) {
    try {
      parsed.push({ file, ...(await readPage(file, options.date)) });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length > 0) throw new AppError('import_failed', problems.join('\n'));

  return inTransaction(db, async (trx) => {
    const results: ImportedPage[] = [];
    for (const { file, page, date, convertedFrom } of parsed) {
      const result = await importArticle(trx, options.siteId, {
        title: page.title,
        bodyHtml: paragraphsToHtml(page.paragraphs),
        writer: page.writer,
        photographer: page.photographer,
        categorySlug: options.categorySlug,
        publishedAt: date,
        isDemo: options.demo ?? false,
        sourceKey: importSourceKey(page),
        revisionNote: `Nhập từ tệp ${path.basename(file)}`,
      });
      await recordAudit(
        trx,
        { system: 'nhập tệp', siteId: options.siteId },
        {
          action: 'article.imported',
          targetType: 'article',
          targetId: result.id,
          summary: `${page.title} (${path.basename(file)})`,
        },
      );
      results.push({ ...result, file, title: page.title, convertedFrom });
    }
    return results;
  });
}
