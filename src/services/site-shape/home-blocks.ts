import type { Kysely } from 'kysely';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database, SiteRow } from '../../db/schema.ts';
import { validationError } from '../../errors.ts';
import { SiteRepository } from '../../repositories/site-repository.ts';
import { type AuditWho, recordAudit } from '../audit-service.ts';
import { pageTags, pagesChanged } from '../pages/page-changes.ts';
import { type Direction, moved } from './ordering.ts';

/** A block the home page can show, and the column it goes in. */
export interface HomeBlock {
  key: HomeBlockKey;
  name: string;
  column: 'main' | 'side';
  hint: string;
}

export type HomeBlockKey = 'featured' | 'news' | 'notices' | 'documents' | 'disclosure' | 'legal' | 'questions' | 'calendar' | 'links';

/** Every block, in the order a new site shows them. */
export const HOME_BLOCKS: readonly HomeBlock[] = [
  { key: 'featured', name: 'Tin nổi bật', column: 'main', hint: 'Tin được đánh dấu nổi bật; khi không có, tin tức mới nhất.' },
  { key: 'news', name: 'Tin tức mới', column: 'main', hint: 'Các tin mới nhất của chuyên mục loại “Tin tức”.' },
  { key: 'notices', name: 'Thông báo', column: 'side', hint: 'Bài mới nhất của chuyên mục loại “Thông báo”.' },
  { key: 'documents', name: 'Tài liệu', column: 'side', hint: 'Bài mới nhất của chuyên mục loại “Tài liệu”.' },
  { key: 'disclosure', name: 'Công khai', column: 'side', hint: 'Bài mới nhất của chuyên mục loại “Công khai”.' },
  { key: 'legal', name: 'Văn bản mới', column: 'side', hint: 'Văn bản mới ban hành trong cơ sở dữ liệu văn bản.' },
  { key: 'questions', name: 'Hỏi đáp', column: 'side', hint: 'Câu hỏi của người dân đã được trả lời công khai.' },
  { key: 'calendar', name: 'Lịch công tác', column: 'side', hint: 'Liên kết tới lịch công tác tuần này và lịch tiếp công dân.' },
  { key: 'links', name: 'Liên kết', column: 'side', hint: 'Các liên kết sửa ở mục “Liên kết”.' },
];

/** What the home page of a new site shows, as it did before blocks were editable. */
export const DEFAULT_BLOCKS: readonly HomeBlockKey[] = ['featured', 'news', 'notices', 'documents', 'links'];

const KEYS = new Set<string>(HOME_BLOCKS.map((b) => b.key));

/** A site's blocks in order; the default when it has chosen none. Unknown keys (a block since dropped) are skipped. */
export function homeBlocksOf(site: Pick<SiteRow, 'home_blocks'>): HomeBlockKey[] {
  const keys = site.home_blocks.split(' ').filter((key): key is HomeBlockKey => KEYS.has(key));
  return keys.length || site.home_blocks.trim() === 'none' ? [...new Set(keys)] : [...DEFAULT_BLOCKS];
}

/** Every block in the site's order, shown ones first, each with whether it is shown: what the editor lists. */
export function blockChoices(site: Pick<SiteRow, 'home_blocks'>): Array<HomeBlock & { shown: boolean }> {
  const shown = homeBlocksOf(site);
  const rest = HOME_BLOCKS.filter((b) => !shown.includes(b.key));
  return [...shown.map((key) => ({ ...HOME_BLOCKS.find((b) => b.key === key)!, shown: true })), ...rest.map((b) => ({ ...b, shown: false }))];
}

/** Stores an order and choice of blocks, audited; the home page changes at once. */
async function writeBlocks(db: Kysely<Database>, site: SiteRow, keys: HomeBlockKey[], who: AuditWho, summary: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    await new SiteRepository(trx).update(site.id, { home_blocks: keys.length ? keys.join(' ') : 'none', updated_at: nowIso() });
    await pagesChanged(trx, [pageTags.home(site.id)]);
    await recordAudit(trx, who, { action: 'home.blocks_updated', targetType: 'site', targetId: site.id, summary });
  });
}

const names = (keys: HomeBlockKey[]) => keys.map((key) => HOME_BLOCKS.find((b) => b.key === key)!.name).join(', ') || 'không khối nào';

/**
 * Saves which blocks the home page shows, in the order listed (`order`: every
 * key, shown or not), and, when `move` names one, moves it a place first.
 */
export async function saveHomeBlocks(
  db: Kysely<Database>,
  site: SiteRow,
  input: { order: string[]; shown: string[]; move?: { key: string; direction: Direction } | undefined },
  who: AuditWho,
): Promise<void> {
  const unknown = [...input.order, ...input.shown].filter((key) => !KEYS.has(key));
  if (unknown.length) throw validationError([{ field: 'blocks', message: `không có khối “${unknown[0]}”` }]);
  // Blocks the form did not list keep the site's order after the listed ones.
  let order = [...new Set([...input.order, ...blockChoices(site).map((b) => b.key)])] as HomeBlockKey[];
  if (input.move) {
    if (!KEYS.has(input.move.key)) throw validationError([{ field: 'blocks', message: `không có khối “${input.move.key}”` }]);
    order = moved(order, order.indexOf(input.move.key as HomeBlockKey), input.move.direction);
  }
  const shown = order.filter((key) => input.shown.includes(key));
  await writeBlocks(db, site, shown, who, names(shown));
}
