import type { Kysely } from 'kysely';
import { z } from 'zod';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { DisclosureItemRow } from '../../db/schema/disclosure.ts';
import { AppError, validationError } from '../../errors.ts';
import { DisclosureRepository } from '../../repositories/disclosure-repository.ts';
import { slugify, toNfc } from '../../text/vietnamese.ts';
import { recordAudit } from '../audit-service.ts';
import { pageTags, pagesChanged } from '../pages/page-changes.ts';
import { type Actor, can } from '../permissions.ts';
import { type Direction, moved } from '../site-shape/ordering.ts';
import { parseInput } from '../validation.ts';
import { disclosureTag } from './disclosure-paths.ts';

/** The item relief campaigns belong to: các khoản đóng góp của Nhân dân (Luật THDC ở cơ sở 2022, Điều 11). */
export const CONTRIBUTIONS_KEY = 'contributions';

/**
 * What the Law on Grassroots Democracy 2022 (Điều 11) asks a commune to
 * disclose, as every site's built-in items; each site may rename, reorder or hide them.
 */
export const LAW_ITEMS: ReadonlyArray<{ key: string; slug: string; name: string }> = [
  { key: 'socio_economic_plan', slug: 'ke-hoach-kinh-te-xa-hoi', name: 'Kế hoạch phát triển kinh tế – xã hội' },
  { key: 'budget', slug: 'du-toan-quyet-toan-ngan-sach', name: 'Dự toán, quyết toán ngân sách' },
  { key: 'land_use', slug: 'quy-hoach-ke-hoach-su-dung-dat', name: 'Quy hoạch, kế hoạch sử dụng đất' },
  { key: 'resettlement', slug: 'boi-thuong-ho-tro-tai-dinh-cu', name: 'Bồi thường, hỗ trợ, tái định cư' },
  { key: 'investment', slug: 'du-an-dau-tu', name: 'Chương trình, dự án đầu tư' },
  { key: CONTRIBUTIONS_KEY, slug: 'dong-gop-cua-nhan-dan', name: 'Các khoản đóng góp của Nhân dân, quỹ' },
  { key: 'fees', slug: 'phi-le-phi', name: 'Phí, lệ phí và nghĩa vụ tài chính' },
  { key: 'social_support', slug: 'chinh-sach-an-sinh-xa-hoi', name: 'Chính sách an sinh xã hội, hộ nghèo' },
  { key: 'inspection', slug: 'ket-luan-thanh-tra-kiem-tra', name: 'Kết luận thanh tra, kiểm tra' },
  { key: 'complaints', slug: 'giai-quyet-khieu-nai-to-cao', name: 'Kết quả giải quyết khiếu nại, tố cáo' },
  { key: 'procedures', slug: 'thu-tuc-hanh-chinh', name: 'Thủ tục hành chính' },
  { key: 'opinions', slug: 'tiep-thu-y-kien-nhan-dan', name: 'Kết quả tiếp thu ý kiến của Nhân dân' },
];

/** Gives a new site the law's items, inside the transaction that creates it. */
export async function seedDisclosureItems(trx: Kysely<Database>, siteId: number): Promise<void> {
  const repo = new DisclosureRepository(trx, siteId);
  const at = nowIso();
  for (const [position, item] of LAW_ITEMS.entries()) await repo.insertItem({ builtin_key: item.key, slug: item.slug, name: item.name, position, at });
}

/** A site's items in order; `visibleOnly` leaves out the hidden ones (public pages, the form's choices). */
export async function listDisclosureItems(db: Kysely<Database>, siteId: number, visibleOnly = false): Promise<DisclosureItemRow[]> {
  const items = await new DisclosureRepository(db, siteId).items();
  return visibleOnly ? items.filter((i) => i.hidden === 0) : items;
}

const ItemNameSchema = z.object({ name: z.string().trim().min(1, 'không được để trống').max(160, 'tối đa 160 ký tự').transform(toNfc) });

/** Checks the name is not another item's of the site. */
function checkNameFree(items: DisclosureItemRow[], name: string, exceptId: number | null): void {
  const same = items.find((i) => i.id !== exceptId && i.name.toLocaleLowerCase('vi') === name.toLocaleLowerCase('vi'));
  if (same) throw validationError([{ field: 'name', message: `đã có mục “${same.name}”` }]);
}

/** The change to one item, audited and the public pages marked stale, in one transaction. */
async function changeItems(
  db: Kysely<Database>,
  actor: Actor,
  summary: string,
  write: (repo: DisclosureRepository, items: DisclosureItemRow[]) => Promise<void>,
) {
  // The list is the site's shape, as its categories are: the site admin's.
  if (!can(actor, 'settings.manage')) throw new AppError('forbidden');
  await inTransaction(db, async (trx) => {
    const repo = new DisclosureRepository(trx, actor.siteId);
    await write(repo, await repo.items());
    await pagesChanged(trx, [disclosureTag(actor.siteId), pageTags.home(actor.siteId)]);
    await recordAudit(trx, actor, { action: 'disclosure_item.changed', targetType: 'disclosure_item', targetId: null, summary });
  });
}

function itemOf(items: DisclosureItemRow[], id: number): DisclosureItemRow {
  const item = items.find((i) => i.id === id);
  if (!item) throw new AppError('not_found', 'Không tìm thấy mục công khai.');
  return item;
}

/** Adds a site's own item at the end of its list; its address comes from its name and never changes. */
export async function addDisclosureItem(db: Kysely<Database>, actor: Actor, input: unknown): Promise<void> {
  const { name } = parseInput(ItemNameSchema, input);
  await changeItems(db, actor, `Thêm mục: ${name}`, async (repo, items) => {
    checkNameFree(items, name, null);
    const base = slugify(name, 70) || 'muc';
    let slug = base;
    for (let n = 2; items.some((i) => i.slug === slug); n++) slug = `${base}-${n}`;
    await repo.insertItem({ builtin_key: '', slug, name, position: items.length, at: nowIso() });
  });
}

/** Renames an item (built-in ones too); its address stays. */
export async function renameDisclosureItem(db: Kysely<Database>, actor: Actor, id: number, input: unknown): Promise<void> {
  const { name } = parseInput(ItemNameSchema, input);
  await changeItems(db, actor, `Đổi tên mục thành: ${name}`, async (repo, items) => {
    itemOf(items, id);
    checkNameFree(items, name, id);
    await repo.updateItem(id, { name, updated_at: nowIso() });
  });
}

/** Moves an item a step up or down the list. */
export async function moveDisclosureItem(db: Kysely<Database>, actor: Actor, id: number, direction: Direction): Promise<void> {
  await changeItems(db, actor, `Đổi thứ tự mục (${direction === 'up' ? 'lên' : 'xuống'})`, async (repo, items) => {
    const index = items.indexOf(itemOf(items, id));
    for (const [position, item] of moved(items, index, direction).entries()) if (item.position !== position) await repo.updateItem(item.id, { position });
  });
}

/** Hides an item from the public pages and the form, or shows it again; its entries stay. */
export async function setDisclosureItemHidden(db: Kysely<Database>, actor: Actor, id: number, hidden: boolean): Promise<void> {
  await changeItems(db, actor, `${hidden ? 'Ẩn' : 'Hiện'} mục`, async (repo, items) => {
    itemOf(items, id);
    await repo.updateItem(id, { hidden: hidden ? 1 : 0, updated_at: nowIso() });
  });
}
