import type { Kysely } from 'kysely';
import { z } from 'zod';
import { nowIso } from '../db/database.ts';
import type { CategoryRow, Database } from '../db/schema.ts';
import { AppError, validationError } from '../errors.ts';
import { CategoryRepository } from '../repositories/category-repository.ts';
import { slugify, toNfc } from '../text/vietnamese.ts';
import { pageTags, pagesChanged } from './pages/page-changes.ts';
import { parseInput } from './validation.ts';

export const AddCategorySchema = z.object({
  name: z.string().trim().min(1, 'không được để trống').max(120, 'tối đa 120 ký tự').transform(toNfc),
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'chỉ gồm chữ thường không dấu, số và dấu gạch ngang')
    .optional(),
  kind: z.enum(['news', 'notice', 'document', 'other']).default('other'),
});
export type AddCategoryInput = z.input<typeof AddCategorySchema>;

/** Adds a category to a site, after the existing ones; the slug comes from the name unless given. */
export async function addCategory(db: Kysely<Database>, siteId: number, input: AddCategoryInput): Promise<CategoryRow> {
  const data = parseInput(AddCategorySchema, input);
  const slug = data.slug ?? slugify(data.name);
  const categories = new CategoryRepository(db, siteId);
  if (await categories.findBySlug(slug)) throw validationError([{ field: 'slug', message: `chuyên mục "${slug}" đã có` }]);
  const existing = await categories.list();
  await categories.insert({ slug, name: data.name, kind: data.kind, position: existing.length, createdAt: nowIso() });
  // Every page's menu lists the categories.
  await pagesChanged(db, [pageTags.all(siteId)]);
  const row = await categories.findBySlug(slug);
  if (!row) throw new AppError('internal');
  return row;
}

/** A site's categories in menu order: the search form's choices. */
export function listCategories(db: Kysely<Database>, siteId: number): Promise<CategoryRow[]> {
  return new CategoryRepository(db, siteId).list();
}
