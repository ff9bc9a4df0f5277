import type { Kysely } from 'kysely';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database, SiteRow } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { MergeRepository } from '../../repositories/merge-repository.ts';
import { SiteRepository } from '../../repositories/site-repository.ts';
import { htmlToPlainText } from '../../text/sanitize.ts';
import { foldVietnamese, slugify } from '../../text/vietnamese.ts';
import { paths } from '../../paths.ts';
import { type AuditWho, recordAudit } from '../audit-service.ts';
import { variantsOf } from '../media-service.ts';
import { takeOverProvinceNotices } from './merge-province-notices.ts';
import { pageTags, pagesChanged } from '../pages/page-changes.ts';
import { rebuildSearchIndex } from '../search/rebuild.ts';
import { type MediaStorage, siteKey } from '../storage/media-storage.ts';

type Row = Record<string, unknown>;

/** What a merge moved, per former unit, for the report. */
export interface MergeReport {
  units: Array<{
    name: string;
    hosts: string[];
    articles: number;
    duplicates: number;
    documents: number;
    questions: number;
    media: number;
    users: number;
    categories: Record<string, string>;
    redirects: number;
    /** Province notices the ward took over (absent from reports of merges before it did). */
    provinceNotices?: number;
  }>;
  notMoved: string[];
}

/** Who merges: the platform admin (web) or the operator (CLI). */
export type MergeWho = AuditWho;

/** A notice that every former commune posted (a province notice): same title and text. */
const noticeKey = (title: string, body: string) => `${foldVietnamese(title).trim()}|${foldVietnamese(htmlToPlainText(body)).slice(0, 2000)}`;

/** A slug not yet used by an article of the site. */
function freeSlug(taken: Set<string>, slug: string): string {
  if (!taken.has(slug)) return slug;
  for (let n = 2; ; n++) if (!taken.has(`${slug}-${n}`)) return `${slug}-${n}`;
}

/** Copies a media row's files (original and variants) into the ward's folder; the former copies go at confirmation. */
async function copyMediaFiles(storage: MediaStorage, media: Row, from: number, to: number): Promise<void> {
  const keys = [String(media.storage_key), ...variantsOf(media as { variants: string }).map((v) => v.key)];
  for (const key of keys) await storage.copy(siteKey(from, key), siteKey(to, key));
}

/** Moves one former site's content into the ward; returns its part of the report. */
async function mergeOne(
  trx: Kysely<Database>,
  storage: MediaStorage,
  who: MergeWho,
  mergeId: number,
  into: SiteRow,
  from: SiteRow,
): Promise<MergeReport['units'][number]> {
  const log = new MergeRepository(trx);
  const now = nowIso();
  const hosts = await new SiteRepository(trx).hostsOf(from.id);
  const unit = {
    name: from.name,
    hosts,
    articles: 0,
    duplicates: 0,
    documents: 0,
    questions: 0,
    media: 0,
    users: 0,
    categories: {} as Record<string, string>,
    redirects: 0,
    provinceNotices: 0,
  };
  const unitSlug = slugify(from.name) || `don-vi-${from.id}`;
  await log.insert(
    mergeId,
    'former_units',
    { site_id: into.id, slug: unitSlug },
    { site_id: into.id, name: from.name, slug: unitSlug, merge_id: mergeId, created_at: now },
  );
  const formerUnit = (await log.rows('former_units', { site_id: into.id, slug: unitSlug }))[0]!;
  const label = async (itemType: string, itemId: number) =>
    trx
      .insertInto('former_unit_items')
      .values({ site_id: into.id, unit_id: Number(formerUnit.id), item_type: itemType, item_id: itemId })
      .execute();

  // Categories: the ward's own by slug or name, else the former one moves over.
  const categoryMap = new Map<number, number>();
  const wardCategories = await log.rows('categories', { site_id: into.id });
  for (const category of await log.rows('categories', { site_id: from.id })) {
    const same = wardCategories.find((c) => c.slug === category.slug || foldVietnamese(String(c.name)) === foldVietnamese(String(category.name)));
    if (same) categoryMap.set(Number(category.id), Number(same.id));
    else {
      const slug = freeSlug(new Set(wardCategories.map((c) => String(c.slug))), String(category.slug));
      await log.update(
        mergeId,
        'categories',
        { id: category.id },
        { site_id: into.id, slug, position: wardCategories.length },
        { site_id: from.id, slug: category.slug, position: category.position },
      );
      wardCategories.push({ ...category, slug, site_id: into.id });
      categoryMap.set(Number(category.id), Number(category.id));
    }
    const target = wardCategories.find((c) => Number(c.id) === categoryMap.get(Number(category.id)))!;
    unit.categories[String(category.slug)] = String(target.slug);
  }

  const oldLinks: Array<{ old: string; target: string; type: string; id: number }> = [];
  for (const [slug, target] of Object.entries(unit.categories))
    oldLinks.push({ old: paths.category(slug), target: paths.category(target), type: 'category', id: 0 });

  // Articles: a notice the ward already has (the same province notice) stays behind, its address pointing at the ward's.
  const wardArticles = await log.rows('articles', { site_id: into.id });
  const taken = new Set(wardArticles.map((a) => String(a.slug)));
  const notices = new Map(wardArticles.filter((a) => !a.deleted_at).map((a) => [noticeKey(String(a.title), String(a.body_html)), a]));
  const kinds = new Map((await log.rows('categories', { site_id: into.id })).map((c) => [Number(c.id), c.kind]));
  for (const article of await log.rows('articles', { site_id: from.id })) {
    const categoryId = categoryMap.get(Number(article.category_id))!;
    const twin = kinds.get(categoryId) === 'notice' ? notices.get(noticeKey(String(article.title), String(article.body_html))) : undefined;
    if (twin && !article.deleted_at) {
      unit.duplicates++;
      oldLinks.push({ old: paths.article(String(article.slug)), target: paths.article(String(twin.slug)), type: 'article', id: Number(twin.id) });
      continue;
    }
    const slug = freeSlug(taken, String(article.slug));
    taken.add(slug);
    await log.update(
      mergeId,
      'articles',
      { id: article.id },
      { site_id: into.id, category_id: categoryId, slug },
      { site_id: from.id, category_id: article.category_id, slug: article.slug },
    );
    for (const revision of await log.rows('article_revisions', { article_id: article.id })) {
      await log.update(
        mergeId,
        'article_revisions',
        { id: revision.id },
        { site_id: into.id, category_id: categoryMap.get(Number(revision.category_id)) ?? categoryId },
        { site_id: from.id, category_id: revision.category_id },
      );
    }
    if (kinds.get(categoryId) === 'notice') notices.set(noticeKey(String(article.title), String(article.body_html)), { ...article, slug });
    await label('article', Number(article.id));
    oldLinks.push({ old: paths.article(String(article.slug)), target: paths.article(slug), type: 'article', id: Number(article.id) });
    unit.articles++;
  }

  for (const media of await log.rows('media', { site_id: from.id })) {
    await copyMediaFiles(storage, media, from.id, into.id);
    await log.update(mergeId, 'media', { id: media.id }, { site_id: into.id }, { site_id: from.id });
    await label('media', Number(media.id));
    unit.media++;
  }

  // Documents: one with the same number and year as the ward's is the same document, left behind.
  const wardDocs = new Set((await log.rows('documents', { site_id: into.id })).map((d) => `${d.number_key}|${d.issue_year}`));
  for (const doc of await log.rows('documents', { site_id: from.id })) {
    if (wardDocs.has(`${doc.number_key}|${doc.issue_year}`)) {
      unit.duplicates++;
      continue;
    }
    await log.update(mergeId, 'documents', { id: doc.id }, { site_id: into.id }, { site_id: from.id });
    for (const table of ['item_reviews', 'item_revisions'] as const) {
      for (const row of await log.rows(table, { site_id: from.id, item_type: 'document', item_key: String(doc.id) })) {
        await log.update(mergeId, table, { id: row.id }, { site_id: into.id }, { site_id: from.id });
      }
    }
    await label('document', Number(doc.id));
    unit.documents++;
  }

  for (const question of await log.rows('questions', { site_id: from.id })) {
    await log.update(mergeId, 'questions', { id: question.id }, { site_id: into.id }, { site_id: from.id });
    await label('question', Number(question.id));
    unit.questions++;
  }
  for (const table of ['audit_log', 'import_items'] as const) {
    for (const row of await log.rows(table, { site_id: from.id })) {
      const key = table === 'audit_log' ? { id: row.id } : { site_id: from.id, source_key: row.source_key };
      await log.update(mergeId, table, key, { site_id: into.id }, { site_id: from.id });
    }
  }

  const province = await takeOverProvinceNotices(trx, who, mergeId, into, from);
  unit.provinceNotices = province.moved;
  for (const link of province.oldLinks) oldLinks.push({ old: link.old, target: link.target, type: 'province_notice', id: link.noticeId });

  // People keep their role, on the ward's site too, unless they have one there.
  const wardMembers = new Set((await log.rows('memberships', { site_id: into.id })).map((m) => Number(m.user_id)));
  for (const member of await log.rows('memberships', { site_id: from.id })) {
    if (wardMembers.has(Number(member.user_id))) continue;
    await log.insert(
      mergeId,
      'memberships',
      { user_id: member.user_id, site_id: into.id },
      { user_id: member.user_id, site_id: into.id, role: member.role, created_at: now },
    );
    unit.users++;
  }

  // The former hosts answer into the ward: each old path to its new address, anything else to the home page.
  for (const row of await log.rows('redirects', { site_id: from.id })) {
    for (const [i, host] of hosts.entries()) {
      if (i === 0) await log.update(mergeId, 'redirects', { id: row.id }, { site_id: into.id, old_host: host }, { site_id: from.id, old_host: row.old_host });
      else await insertRedirect(log, mergeId, into.id, host, String(row.old_path), row.target_path as string | null, now);
    }
  }
  for (const host of hosts) {
    const row = (await log.rows('site_hosts', { host }))[0]!;
    await log.remove(mergeId, 'site_hosts', { host }, row);
    await log.insert(mergeId, 'site_former_hosts', { host }, { host, site_id: into.id, unit_name: from.name, merge_id: mergeId, created_at: now });
    for (const link of oldLinks) {
      await insertRedirect(log, mergeId, into.id, host, link.old, link.target, now, link.type === 'category' ? null : link.type, link.id || null);
      unit.redirects++;
    }
  }
  return unit;
}

async function insertRedirect(
  log: MergeRepository,
  mergeId: number,
  siteId: number,
  host: string,
  oldPath: string,
  target: string | null,
  now: string,
  itemType: string | null = null,
  itemId: number | null = null,
) {
  const existing = await log.rows('redirects', { site_id: siteId, old_host: host, old_path: oldPath });
  if (existing.length) return;
  await log.insert(
    mergeId,
    'redirects',
    { site_id: siteId, old_host: host, old_path: oldPath },
    {
      site_id: siteId,
      old_host: host,
      old_path: oldPath,
      target_path: target,
      source: 'merge',
      item_type: itemType,
      item_id: itemId,
      note: '',
      created_by: null,
      created_at: now,
      updated_at: now,
    },
  );
}

/** Finds the sites of a merge by host, checking that they make sense together. */
export async function sitesForMerge(db: Kysely<Database>, intoHost: string, fromHosts: string[]): Promise<{ into: SiteRow; from: SiteRow[] }> {
  const sites = new SiteRepository(db);
  const find = async (host: string) => {
    const site = await sites.findByHost(host.trim().toLowerCase());
    if (!site) throw new AppError('site_not_found', `Không có cổng nào với tên miền "${host}".`);
    return site;
  };
  const into = await find(intoHost);
  const from = await Promise.all(fromHosts.map(find));
  if (from.length === 0) throw new AppError('validation_failed', 'Cần ít nhất một cổng của đơn vị cũ để gộp.');
  if (from.some((s) => s.id === into.id)) throw new AppError('validation_failed', 'Không thể gộp một cổng vào chính nó.');
  if (new Set(from.map((s) => s.id)).size !== from.length) throw new AppError('validation_failed', 'Một cổng được kể hai lần.');
  return { into, from };
}

/**
 * Merges former communes' sites into their ward's site, in one transaction:
 * articles, documents, questions, media, people's roles, categories, the
 * province notices shown on them and old addresses move over, each item labelled with its former unit; a notice
 * or document the ward already has stays behind, its address pointing to
 * the ward's. The former hosts answer 301 into the ward. Every change is
 * logged, so the merge can be undone until it is confirmed.
 */
export async function mergeSites(
  db: Kysely<Database>,
  storage: MediaStorage,
  intoHost: string,
  fromHosts: string[],
  who: MergeWho,
): Promise<{ mergeId: number; report: MergeReport }> {
  const { into, from } = await sitesForMerge(db, intoHost, fromHosts);
  const result = await inTransaction(db, async (trx) => {
    const log = new MergeRepository(trx);
    const fromSites = await Promise.all(from.map(async (s) => ({ id: s.id, name: s.name, hosts: await new SiteRepository(trx).hostsOf(s.id) })));
    const mergeId = await log.create({
      site_id: into.id,
      from_sites: JSON.stringify(fromSites),
      created_by: 'userId' in who ? who.userId : null,
      created_at: nowIso(),
    });
    const report: MergeReport = {
      units: [],
      notMoved: ['lịch công tác, lịch tiếp công dân, trang giới thiệu, đánh giá và thống kê truy cập của đơn vị cũ (xóa khi xác nhận gộp)'],
    };
    for (const site of from) report.units.push(await mergeOne(trx, storage, who, mergeId, into, site));
    await log.finish(mergeId, { status: 'pending', report: JSON.stringify(report) });
    for (const site of [into, ...from]) await rebuildSearchIndex(trx, site.id);
    await pagesChanged(
      trx,
      [into, ...from].map((s) => pageTags.all(s.id)),
    );
    await recordAudit(
      trx,
      { ...who, siteId: into.id },
      { action: 'site.merged', targetType: 'site_merge', targetId: mergeId, summary: `${from.map((s) => s.name).join(', ')} → ${into.name}` },
    );
    return { mergeId, report };
  });
  return result;
}
