import type { Kysely } from 'kysely';
import type { Database, SiteRow } from '../../db/schema.ts';
import { displayDay, vietnamToday } from '../calendars/weeks.ts';
import { parseDisclosureForm, saveDisclosure } from '../disclosure/disclosure-editor.ts';
import { listDisclosureItems } from '../disclosure/disclosure-items.ts';
import { disclosureReview } from '../disclosure/disclosure-review.ts';
import type { Actor } from '../permissions.ts';
import { transition } from '../review/engine.ts';

/**
 * The demo ward's yearly disclosures (this year's budget estimate and
 * socio-economic plan), written by the editor and published by the approver,
 * disclosed from 2 January for the whole year. Figures are invented and say so.
 */
export async function seedDemoDisclosures(db: Kysely<Database>, site: SiteRow, editor: Actor, approver: Actor, now: Date): Promise<void> {
  const year = vietnamToday(now).slice(0, 4);
  const items = await listDisclosureItems(db, site.id);
  const entries = [
    {
      key: 'budget',
      title: `Dự toán ngân sách phường năm ${year} (số liệu mẫu)`,
      body: `<p>Dự toán thu ngân sách trên địa bàn năm ${year}: 12.500.000.000đ; dự toán chi: 11.980.000.000đ (số liệu mẫu).</p><ul><li>Chi thường xuyên: 9.430.000.000đ</li><li>Chi đầu tư phát triển: 2.550.000.000đ</li></ul>`,
    },
    {
      key: 'socio_economic_plan',
      title: `Kế hoạch phát triển kinh tế – xã hội năm ${year}`,
      body: `<p>Chỉ tiêu chủ yếu năm ${year}: giảm tỷ lệ hộ nghèo còn dưới 1%, 100% hồ sơ thủ tục hành chính được tiếp nhận trực tuyến (nội dung mẫu).</p>`,
    },
  ];
  for (const entry of entries) {
    const item = items.find((i) => i.builtin_key === entry.key)!;
    const form = { item_id: String(item.id), title: entry.title, period: `Năm ${year}`, year, body_html: entry.body, starts_on: displayDay(`${year}-01-02`), ends_on: '' };
    const { id } = await saveDisclosure(db, editor, null, parseDisclosureForm(form));
    await transition(db, editor, disclosureReview, id, 'submit');
    await transition(db, approver, disclosureReview, id, 'publish');
  }
}
