import type { Kysely } from 'kysely';
import type { Database, SiteRow, UserRow } from '../../db/schema.ts';
import type { Actor } from '../permissions.ts';
import { parseAccountForm, parseCampaignForm, saveAccount, saveCampaign, setCampaignStatus } from '../relief/campaigns.ts';
import { confirmReceipts, parseReceiptForm, recordReceipt } from '../relief/receipts.ts';
import { confirmSpending, parseSpendingForm, recordSpending } from '../relief/spending.ts';

/**
 * The demo campaign: the sample page's year of mobilisation (2019), kept as
 * records, so its figures are computed, never typed: 10 charity houses built
 * and 3 repaired worth 438.000.000đ, 21.090 kg of rice received, and a total
 * mobilised that is, by construction, the sum of its parts. Names and
 * amounts are invented and the campaign says so.
 */

const DONORS: Array<[string, string, string]> = [
  ['Công ty TNHH Thương mại Sa Đéc (tên mẫu)', '120.000.000', '15/01/2019'],
  ['Doanh nghiệp tư nhân Hoa Kiểng Tân Quy Đông (tên mẫu)', '80.000.000', '02/02/2019'],
  ['Hội Doanh nhân trẻ phường 1 (tên mẫu)', '60.000.000', '18/03/2019'],
  ['Ngân hàng Chính sách xã hội, phòng giao dịch (tên mẫu)', '50.000.000', '10/04/2019'],
  ['Chùa Phước Hưng (tên mẫu)', '45.000.000', '22/05/2019'],
  ['Nguyễn Văn Hùng (tên mẫu)', '30.000.000', '12/06/2019'],
  ['Trần Thị Mai (tên mẫu)', '25.000.000', '08/07/2019'],
  ['Lê Hoàng Phúc (tên mẫu)', '20.000.000', '19/08/2019'],
  ['Cán bộ, công chức phường 1', '18.500.000', '17/10/2019'],
  ['Phạm Thị Lan (tên mẫu)', '10.000.000', '25/10/2019'],
  ['Võ Minh Tâm (tên mẫu)', '5.000.000', '05/11/2019'],
  ['Hội Liên hiệp Phụ nữ phường 1', '16.500.000', '18/11/2019'],
];
const TRANSFERS: Array<[string, string, string, string]> = [
  ['NGUYEN VAN AN', '200.000', '17/10/2019', 'NGUYEN VAN AN UNG HO NGAY VI NGUOI NGHEO'],
  ['TRAN THI BICH', '500.000', '17/10/2019', 'TRAN THI BICH CHUYEN TIEN UNG HO NGUOI NGHEO P1'],
  ['LE VAN CUONG', '1.000.000', '18/10/2019', 'LE VAN CUONG UNG HO QUY VI NGUOI NGHEO'],
  ['HUYNH THI DUNG', '300.000', '20/10/2019', 'HUYNH THI DUNG UNG HO'],
];
/** Rice received, kg, all valued at 15.000đ a kg: 21.090 kg in all. */
const RICE: Array<[string, string, string]> = [
  ['Chùa Phước Hưng (tên mẫu)', '5.000', '22/05/2019'],
  ['Công ty TNHH Xay xát Bình Thành (tên mẫu)', '8.000', '14/08/2019'],
  ['Mạnh thường quân ẩn danh', '3.090', '01/10/2019'],
  ['Hội Chữ thập đỏ phường 1', '5.000', '20/12/2019'],
];

/** A demo account acting on the demo site in one role. */
export const actorOf = (user: UserRow, site: SiteRow, role: Actor['role']): Actor => ({
  userId: user.id,
  email: user.email,
  displayName: user.display_name,
  role,
  isPlatformAdmin: false,
  siteId: site.id,
  ip: '',
});

/** Seeds the demo campaign through the module's own commands: an editor records, an approver confirms. */
export async function seedDemoRelief(db: Kysely<Database>, site: SiteRow, editorUser: UserRow, approverUser: UserRow): Promise<void> {
  const editor = actorOf(editorUser, site, 'editor');
  const approver = actorOf(approverUser, site, 'approver');
  const account = await saveAccount(
    db,
    editor,
    null,
    parseAccountForm({ bank_name: 'Vietcombank chi nhánh Đồng Tháp', account_number: '0011000999001', account_name: 'Ủy ban MTTQ Việt Nam phường 1 (tài khoản mẫu)' }),
  );
  const { id } = await saveCampaign(
    db,
    editor,
    null,
    parseCampaignForm({
      title: 'Ngày vì người nghèo 2019',
      purpose:
        'Vận động mạnh thường quân, cán bộ và nhân dân ủng hộ Quỹ “Vì người nghèo” để xây, sửa nhà cho hộ nghèo và hỗ trợ hộ nghèo, cận nghèo, hộ khó khăn, người khuyết tật, học sinh. (Dữ liệu mẫu: tên và số tiền do hệ thống tạo ra.)',
      starts_on: '01/01/2019',
      ends_on: '31/12/2019',
      target_amount: '600.000.000',
      account_ids: String(account.id),
    }),
  );
  const receipts: number[] = [];
  const receipt = async (fields: Record<string, string>) => receipts.push((await recordReceipt(db, editor, id, parseReceiptForm(fields))).id);
  for (const [donor, amount, day] of DONORS) await receipt({ kind: 'cash', amount, donor_name: donor, received_on: day, channel: 'cash' });
  for (const [donor, amount, day, note] of TRANSFERS) {
    await receipt({ kind: 'cash', amount, donor_name: donor, received_on: day, channel: 'transfer', account_id: String(account.id), bank_ref: `FT19${day.replaceAll('/', '')}${amount.replaceAll('.', '')}`, note });
  }
  for (const [donor, kg, day] of RICE) {
    const value = String(Number(kg.replace('.', '')) * 15_000);
    await receipt({ kind: 'goods', quantity: kg, unit: 'kg gạo', amount: value, donor_name: donor, anonymous: donor.includes('ẩn danh') ? '1' : '', received_on: day, channel: 'in_kind' });
  }
  await confirmReceipts(db, approver, id, receipts);
  const spending: number[] = [];
  const spend = async (fields: Record<string, string>) => spending.push((await recordSpending(db, editor, id, parseSpendingForm({ kind: 'cash', beneficiary_count: '1', ...fields }))).id);
  for (let i = 1; i <= 10; i++) {
    await spend({ amount: '38.000.000', category: i <= 7 ? 'ho-ngheo' : 'ho-can-ngheo', programme: 'nha-tinh-thuong', house_work: 'built', description: `Xây mới nhà tình thương khóm ${((i - 1) % 5) + 1}`, spent_on: `${String(i + 5).padStart(2, '0')}/09/2019`, handover_on: `${String(i + 5).padStart(2, '0')}/11/2019` });
  }
  for (const [amount, day] of [['20.000.000', '12/08/2019'], ['20.000.000', '19/08/2019'], ['18.000.000', '26/08/2019']] as const) {
    await spend({ amount, category: 'ho-kho-khan', programme: 'nha-tinh-thuong', house_work: 'repaired', description: 'Sửa chữa nhà tình thương', spent_on: day, handover_on: day });
  }
  await spend({ amount: '30.000.000', category: 'hoc-sinh', description: 'Trao 30 suất học bổng cho học sinh nghèo vượt khó', beneficiary_count: '30', spent_on: '05/09/2019' });
  await spend({ amount: '12.000.000', category: 'nguoi-khuyet-tat', description: 'Khám bệnh, cấp thuốc miễn phí cho người khuyết tật', beneficiary_count: '40', spent_on: '15/10/2019' });
  await spend({ kind: 'goods', quantity: '20.000', unit: 'kg gạo', amount: '', category: 'ho-ngheo', description: 'Cấp gạo cho hộ nghèo, cận nghèo dịp Tết, mỗi hộ 20 kg', beneficiary_count: '1000', spent_on: '28/12/2019' });
  await confirmSpending(db, approver, id, spending);
  await setCampaignStatus(db, approver, id, 'open');
  await setCampaignStatus(db, approver, id, 'closed');
}
