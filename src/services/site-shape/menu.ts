import type { Kysely } from 'kysely';
import { z } from 'zod';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { CategoryRow, Database, MenuItemRow } from '../../db/schema.ts';
import { AppError, validationError } from '../../errors.ts';
import { CategoryRepository } from '../../repositories/category-repository.ts';
import { MenuRepository } from '../../repositories/menu-repository.ts';
import { toNfc } from '../../text/vietnamese.ts';
import { type AuditWho, recordAudit } from '../audit-service.ts';
import { pageTags, pagesChanged } from '../pages/page-changes.ts';
import { parseInput } from '../validation.ts';
import { MODULE_PAGES, type ModulePage, modulePageAt } from './menu-pages.ts';
import { type Direction, moved } from './ordering.ts';

/** More items than a menu can show on one line of a desktop, or read on a phone. */
export const MAX_MENU_ITEMS = 20;

/** A menu item with what it points at, as the menu editor lists it and the public menu shows it. */
export interface MenuEntry {
  id: number;
  kind: MenuItemRow['kind'];
  /** What the menu says. */
  name: string;
  /** The label typed by the site admin; blank: the category's or page's own name. */
  label: string;
  category: CategoryRow | null;
  /** The module page's path, or the custom link's address. */
  target: string;
  /** Left out of the public menu: its category is hidden. */
  hidden: boolean;
}

/** Joins a site's menu items to its categories; an item whose category is gone is dropped. */
export function menuEntries(items: readonly MenuItemRow[], categories: readonly CategoryRow[]): MenuEntry[] {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const entries: MenuEntry[] = [];
  for (const item of items) {
    const category = item.category_id === null ? null : (byId.get(item.category_id) ?? null);
    if (item.kind === 'category' && !category) continue;
    const ownName = category?.name ?? modulePageAt(item.target)?.name ?? item.target;
    entries.push({
      id: item.id,
      kind: item.kind,
      name: item.label || ownName,
      label: item.label,
      category,
      target: item.target,
      hidden: category?.hidden === 1,
    });
  }
  return entries;
}

/** Writes a new site's menu: its categories in order, then the pages of its kind (a province portal's), then the module pages every site starts with. */
export async function writeDefaultMenu(trx: Kysely<Database>, siteId: number, kindPages: readonly ModulePage[] = []): Promise<void> {
  const menu = new MenuRepository(trx, siteId);
  const now = nowIso();
  let position = 0;
  for (const category of await new CategoryRepository(trx, siteId).list()) {
    await menu.insert({ position: position++, kind: 'category', category_id: category.id, created_at: now });
  }
  for (const page of [...kindPages, ...MODULE_PAGES.filter((p) => p.inDefaultMenu)]) {
    await menu.insert({ position: position++, kind: 'page', category_id: null, target: page.path, created_at: now });
  }
}

/** Rewrites the positions of a menu in the given order. */
async function writeOrder(menu: MenuRepository, order: readonly MenuItemRow[]): Promise<void> {
  for (const [position, item] of order.entries()) if (item.position !== position) await menu.update(item.id, { position });
}

/** Puts a new category in the menu, after the menu's last category (first when it has none). */
export async function addCategoryToMenu(trx: Kysely<Database>, siteId: number, categoryId: number): Promise<void> {
  const menu = new MenuRepository(trx, siteId);
  const items = await menu.list();
  if (items.length >= MAX_MENU_ITEMS) return;
  const after = items.findLastIndex((item) => item.kind === 'category') + 1;
  const id = await menu.insert({ position: items.length, kind: 'category', category_id: categoryId, created_at: nowIso() });
  const added = (await menu.findById(id))!;
  await writeOrder(menu, [...items.slice(0, after), added, ...items.slice(after)]);
}

const label = z.string().trim().max(60, 'tối đa 60 ký tự').transform(toNfc).default('');

/** A custom link's address: a path of this portal ("/van-ban?loai=…") or an http(s) address. */
const linkAddress = z
  .string()
  .trim()
  .max(500, 'tối đa 500 ký tự')
  .refine((value) => {
    // "//host" and "/\host" are other sites to a browser, which also drops tabs and line breaks from an address before reading it.
    if (/^\/(?![/\\])[^\\\u0000-\u001f\u007f]*$/.test(value)) return true;
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
    } catch {
      return false;
    }
  }, 'phải là đường dẫn trong cổng (bắt đầu bằng /) hoặc địa chỉ web bắt đầu bằng http:// hoặc https://');

export const AddMenuItemSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('category'), category_id: z.coerce.number({ message: 'chọn một chuyên mục' }).int().positive('chọn một chuyên mục'), label }),
    z.object({ kind: z.literal('page'), target: z.string().refine((path) => modulePageAt(path) !== undefined, 'chọn một trang trong danh sách'), label }),
    z.object({ kind: z.literal('link'), label: label.pipe(z.string().min(1, 'cần tên hiện trên menu')), target: linkAddress }),
  ],
  { message: 'chọn loại mục: chuyên mục, trang hoặc liên kết' },
);
export type AddMenuItemInput = z.input<typeof AddMenuItemSchema>;

/** Adds an item at the end of the main menu: a category, a module page or a custom link. Audited; every page's menu changes. */
export async function addMenuItem(db: Kysely<Database>, siteId: number, input: AddMenuItemInput | Record<string, string>, who: AuditWho): Promise<void> {
  const data = parseInput(AddMenuItemSchema, input);
  await inTransaction(db, async (trx) => {
    const menu = new MenuRepository(trx, siteId);
    const items = await menu.list();
    if (items.length >= MAX_MENU_ITEMS) throw validationError([{ field: 'kind', message: `menu đã đủ ${MAX_MENU_ITEMS} mục; hãy bỏ bớt trước khi thêm` }]);
    let categoryId: number | null = null;
    let name = data.label;
    if (data.kind === 'category') {
      const category = await new CategoryRepository(trx, siteId).findById(data.category_id);
      if (!category) throw validationError([{ field: 'category_id', message: 'chọn một chuyên mục' }]);
      if (items.some((item) => item.category_id === category.id))
        throw validationError([{ field: 'category_id', message: `chuyên mục “${category.name}” đã có trên menu` }]);
      categoryId = category.id;
      name ||= category.name;
    } else if (data.kind === 'page') {
      if (items.some((item) => item.kind === 'page' && item.target === data.target)) {
        throw validationError([{ field: 'target', message: `trang “${modulePageAt(data.target)!.name}” đã có trên menu` }]);
      }
      name ||= modulePageAt(data.target)!.name;
    }
    const target = data.kind === 'category' ? '' : data.target;
    const id = await menu.insert({ position: items.length, kind: data.kind, category_id: categoryId, target, label: data.label, created_at: nowIso() });
    await pagesChanged(trx, [pageTags.all(siteId)]);
    await recordAudit(trx, who, { action: 'menu.item_added', targetType: 'menu_item', targetId: id, summary: name });
  });
}

export const UpdateMenuItemSchema = z.object({ label, target: z.string().default('') });

/** Changes what an item says, and a custom link's address. Audited. */
export async function updateMenuItem(
  db: Kysely<Database>,
  siteId: number,
  id: number,
  input: z.input<typeof UpdateMenuItemSchema>,
  who: AuditWho,
): Promise<void> {
  const data = parseInput(UpdateMenuItemSchema, input);
  await inTransaction(db, async (trx) => {
    const menu = new MenuRepository(trx, siteId);
    const item = await menu.findById(id);
    if (!item) throw new AppError('not_found', 'Không tìm thấy mục trong danh mục chính.');
    if (item.kind === 'link') {
      const link = parseInput(AddMenuItemSchema, { kind: 'link', label: data.label, target: data.target });
      await menu.update(id, { label: link.label, target: link.kind === 'link' ? link.target : item.target });
    } else {
      await menu.update(id, { label: data.label });
    }
    await pagesChanged(trx, [pageTags.all(siteId)]);
    await recordAudit(trx, who, { action: 'menu.item_updated', targetType: 'menu_item', targetId: id, summary: data.label || item.target || 'tên mặc định' });
  });
}

/** Moves an item one place up or down the menu. Audited. */
export async function moveMenuItem(db: Kysely<Database>, siteId: number, id: number, direction: Direction, who: AuditWho): Promise<void> {
  await inTransaction(db, async (trx) => {
    const menu = new MenuRepository(trx, siteId);
    const items = await menu.list();
    const index = items.findIndex((item) => item.id === id);
    if (index === -1) throw new AppError('not_found', 'Không tìm thấy mục trong danh mục chính.');
    await writeOrder(menu, moved(items, index, direction));
    await pagesChanged(trx, [pageTags.all(siteId)]);
    await recordAudit(trx, who, { action: 'menu.item_moved', targetType: 'menu_item', targetId: id, summary: direction === 'up' ? 'lên' : 'xuống' });
  });
}

/** Takes an item off the menu (a category stays, reachable from the site maps). Audited. */
export async function removeMenuItem(db: Kysely<Database>, siteId: number, id: number, who: AuditWho): Promise<void> {
  await inTransaction(db, async (trx) => {
    const menu = new MenuRepository(trx, siteId);
    const item = await menu.findById(id);
    if (!item) throw new AppError('not_found', 'Không tìm thấy mục trong danh mục chính.');
    await menu.remove(id);
    await writeOrder(menu, await menu.list());
    await pagesChanged(trx, [pageTags.all(siteId)]);
    await recordAudit(trx, who, {
      action: 'menu.item_removed',
      targetType: 'menu_item',
      targetId: id,
      summary: item.label || item.target || `chuyên mục ${item.category_id}`,
    });
  });
}

/** The site's menu as the editor arranges it: every entry, hidden ones too, with the categories it may point to. */
export async function menuForEditing(db: Kysely<Database>, siteId: number): Promise<{ entries: MenuEntry[]; categories: CategoryRow[] }> {
  const [categories, items] = await Promise.all([new CategoryRepository(db, siteId).list(), new MenuRepository(db, siteId).list()]);
  return { entries: menuEntries(items, categories), categories };
}
