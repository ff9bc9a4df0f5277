import type { Kysely } from 'kysely';
import { z } from 'zod';
import { inTransaction, nowIso } from '../db/database.ts';
import type { CategoryKind, CategoryRow, Database } from '../db/schema.ts';
import { AppError, validationError } from '../errors.ts';
import { CategoryRepository } from '../repositories/category-repository.ts';
import { slugify, toNfc } from '../text/vietnamese.ts';
import { type AuditWho, recordAudit } from './audit-service.ts';
import { pageTags, pagesChanged } from './pages/page-changes.ts';
import { type Direction, moved } from './site-shape/ordering.ts';
import { addCategoryToMenu } from './site-shape/menu.ts';
import { parseInput } from './validation.ts';

/** What each kind of category is for, in the newsroom's words; the home page lists news, notices, documents and disclosures by kind. */
export const CATEGORY_KINDS: ReadonlyArray<{ kind: CategoryKind; name: string }> = [
  { kind: 'news', name: 'Tin tức' },
  { kind: 'notice', name: 'Thông báo' },
  { kind: 'document', name: 'Tài liệu' },
  { kind: 'disclosure', name: 'Công khai' },
  { kind: 'other', name: 'Khác' },
];

/** The Vietnamese name of a category kind. */
export function categoryKindName(kind: CategoryKind): string {
  return CATEGORY_KINDS.find((k) => k.kind === kind)?.name ?? kind;
}

const KIND_VALUES = CATEGORY_KINDS.map((k) => k.kind) as [CategoryKind, ...CategoryKind[]];
const name = z.string().trim().min(1, 'không được để trống').max(120, 'tối đa 120 ký tự').transform(toNfc);
const slug = z
  .string()
  .trim()
  .max(80, 'tối đa 80 ký tự')
  .regex(/^([a-z0-9]+(-[a-z0-9]+)*)?$/, 'chỉ gồm chữ thường không dấu, số và dấu gạch ngang (ví dụ: tin-tuc)');
const kind = z.enum(KIND_VALUES, { message: 'chọn một loại trong danh sách' });

export const AddCategorySchema = z.object({
  name,
  slug: slug.optional(),
  kind: kind.default('other'),
  /** Whether the new category gets an item in the main menu. */
  inMenu: z.boolean().default(true),
});
export type AddCategoryInput = z.input<typeof AddCategorySchema>;

export const UpdateCategorySchema = z.object({ name, slug, kind, hidden: z.boolean().default(false) });
export type UpdateCategoryInput = z.input<typeof UpdateCategorySchema>;

const SYSTEM = (siteId: number): AuditWho => ({ system: 'hệ thống', siteId });

/** Fails when another category of the site has this slug or this name. */
async function checkFree(categories: CategoryRepository, data: { name: string; slug: string }, exceptId: number | null): Promise<void> {
  const all = await categories.list();
  const problems = [];
  const sameSlug = all.find((c) => c.slug === data.slug && c.id !== exceptId);
  if (sameSlug) problems.push({ field: 'slug', message: `đường dẫn “${data.slug}” đã dùng cho chuyên mục “${sameSlug.name}”` });
  const sameName = all.find((c) => c.name.toLocaleLowerCase('vi') === data.name.toLocaleLowerCase('vi') && c.id !== exceptId);
  if (sameName) problems.push({ field: 'name', message: `đã có chuyên mục “${sameName.name}”` });
  if (problems.length) throw validationError(problems);
}

/**
 * Adds a category to a site, after the existing ones, and (unless asked
 * not to) to the main menu after its other categories; the slug comes from
 * the name unless given. An old slug of another category is taken over: its
 * redirect stops. Audited; every page's menu changes.
 */
export async function addCategory(db: Kysely<Database>, siteId: number, input: AddCategoryInput, who: AuditWho = SYSTEM(siteId)): Promise<CategoryRow> {
  const data = parseInput(AddCategorySchema, input);
  const slugValue = data.slug || slugify(data.name);
  if (!slugValue) throw validationError([{ field: 'slug', message: 'không tạo được đường dẫn từ tên; hãy nhập đường dẫn' }]);
  return inTransaction(db, async (trx) => {
    const categories = new CategoryRepository(trx, siteId);
    await checkFree(categories, { name: data.name, slug: slugValue }, null);
    const existing = await categories.list();
    const id = await categories.insert({ slug: slugValue, name: data.name, kind: data.kind, position: existing.length, createdAt: nowIso() });
    await categories.dropRedirect(slugValue);
    if (data.inMenu) await addCategoryToMenu(trx, siteId, id);
    await pagesChanged(trx, [pageTags.all(siteId)]);
    await recordAudit(trx, who, { action: 'category.created', targetType: 'category', targetId: id, summary: `${data.name} (/chuyen-muc/${slugValue})` });
    const row = await categories.findById(id);
    if (!row) throw new AppError('internal');
    return row;
  });
}

/** What changed, in words, for the audit log. */
function changeSummary(before: CategoryRow, after: { name: string; slug: string; kind: CategoryKind; hidden: boolean }): string {
  const parts: string[] = [];
  if (before.name !== after.name) parts.push(`tên “${before.name}” → “${after.name}”`);
  if (before.slug !== after.slug) parts.push(`đường dẫn ${before.slug} → ${after.slug}`);
  if (before.kind !== after.kind) parts.push(`loại ${categoryKindName(before.kind)} → ${categoryKindName(after.kind)}`);
  if ((before.hidden === 1) !== after.hidden) parts.push(after.hidden ? 'ẩn' : 'hiện lại');
  return `${after.name}: ${parts.join('; ') || 'không đổi'}`;
}

/**
 * Renames a category, changes its slug, kind or visibility. A changed slug
 * keeps the old one as a redirect (its listing and feeds answer 301), and
 * frees the new one from any redirect. Audited; every page's menu changes.
 */
export async function updateCategory(db: Kysely<Database>, siteId: number, id: number, input: UpdateCategoryInput, who: AuditWho): Promise<CategoryRow> {
  const data = parseInput(UpdateCategorySchema, input);
  const slugValue = data.slug || slugify(data.name);
  if (!slugValue) throw validationError([{ field: 'slug', message: 'không tạo được đường dẫn từ tên; hãy nhập đường dẫn' }]);
  return inTransaction(db, async (trx) => {
    const categories = new CategoryRepository(trx, siteId);
    const before = await categories.findById(id);
    if (!before) throw new AppError('category_not_found');
    await checkFree(categories, { name: data.name, slug: slugValue }, id);
    await categories.update(id, { name: data.name, slug: slugValue, kind: data.kind, hidden: data.hidden ? 1 : 0 });
    if (before.slug !== slugValue) {
      await categories.dropRedirect(slugValue);
      await categories.addRedirect(before.slug, id, nowIso());
    }
    // Every page's menu, and the listing and feeds at the old address, which now redirect.
    await pagesChanged(trx, [pageTags.all(siteId)]);
    await recordAudit(trx, who, {
      action: 'category.updated',
      targetType: 'category',
      targetId: id,
      summary: changeSummary(before, { ...data, slug: slugValue }),
    });
    return (await categories.findById(id))!;
  });
}

/** Moves a category one place up or down the site's order (newsroom lists, site maps, search filter). Audited. */
export async function moveCategory(db: Kysely<Database>, siteId: number, id: number, direction: Direction, who: AuditWho): Promise<void> {
  await inTransaction(db, async (trx) => {
    const categories = new CategoryRepository(trx, siteId);
    const all = await categories.list();
    const index = all.findIndex((c) => c.id === id);
    if (index === -1) throw new AppError('category_not_found');
    const order = moved(all, index, direction);
    for (const [position, category] of order.entries()) if (category.position !== position) await categories.update(category.id, { position });
    await pagesChanged(trx, [pageTags.all(siteId)]);
    await recordAudit(trx, who, {
      action: 'category.moved',
      targetType: 'category',
      targetId: id,
      summary: `${all[index]!.name}: ${direction === 'up' ? 'lên' : 'xuống'} (${order.map((c) => c.name).join(', ')})`,
    });
  });
}

/** A site's categories in menu order: the search form's choices. */
export function listCategories(db: Kysely<Database>, siteId: number): Promise<CategoryRow[]> {
  return new CategoryRepository(db, siteId).list();
}

/** The site's categories in menu order, each with how many articles it holds. */
export async function categoriesWithCounts(db: Kysely<Database>, siteId: number): Promise<Array<{ category: CategoryRow; articles: number }>> {
  const repo = new CategoryRepository(db, siteId);
  const rows = await repo.list();
  const counts = await Promise.all(rows.map((c) => repo.articleCount(c.id)));
  return rows.map((category, i) => ({ category, articles: counts[i]! }));
}

/** One category of the site for its edit page, with its old addresses and article count; category_not_found otherwise. */
export async function categoryDetail(
  db: Kysely<Database>,
  siteId: number,
  id: number,
): Promise<{ category: CategoryRow; oldSlugs: string[]; articles: number }> {
  const repo = new CategoryRepository(db, siteId);
  const category = await repo.findById(id);
  if (!category) throw new AppError('category_not_found');
  return { category, oldSlugs: await repo.redirectsTo(id), articles: await repo.articleCount(id) };
}
