import { createSite } from '../../services/site-service.ts';
import { parseOptions } from '../options.ts';
import { UsageError, openRuntime } from '../runtime.ts';

/** The footer's contacts the law asks for, with the option that gives each. */
const CONTACT_OPTIONS = [
  ['address', 'địa chỉ'],
  ['phone', 'điện thoại'],
  ['email', 'thư điện tử'],
  ['responsible', 'người chịu trách nhiệm'],
] as const;

/** `xaphuong create-site --name "Xã A" --type xa --province "Đồng Tháp" --host a.dongthap.gov.vn [...]` */
export async function createSiteCommand(args: string[]): Promise<void> {
  const { values } = parseOptions('create-site', args, {
    name: { type: 'string' },
    type: { type: 'string', default: 'xa' },
    province: { type: 'string' },
    host: { type: 'string', multiple: true },
    address: { type: 'string', default: '' },
    phone: { type: 'string', default: '' },
    email: { type: 'string', default: '' },
    responsible: { type: 'string', default: '' },
    'responsible-title': { type: 'string', default: '' },
  });
  if (!values.name || !values.province || !values.host?.length) {
    throw new UsageError('Cần có --name, --province và ít nhất một --host.');
  }
  const { handle } = await openRuntime();
  try {
    const site = await createSite(
      handle.db,
      {
        name: values.name,
        unitType: values.type as 'xa',
        province: values.province,
        hosts: values.host,
        address: values.address,
        phone: values.phone,
        email: values.email,
        responsiblePerson: values.responsible,
        responsibleTitle: values['responsible-title'],
      },
      { system: 'dòng lệnh', siteId: null },
    );
    console.log(`Đã tạo cổng "${site.name}" (mã ${site.id}) cho ${values.host.join(', ')}, với các trang Giới thiệu ở dạng nháp.`);
    if (site.unit_type === 'tinh') console.log(`Cổng tỉnh tổng hợp tin, danh bạ và tìm kiếm của mọi xã, phường thuộc ${site.province}.`);
    const lacking = CONTACT_OPTIONS.filter(([option]) => !values[option].trim()).map(([option, name]) => `${name} (--${option})`);
    if (lacking.length) {
      console.warn(`Cổng chưa có ${lacking.join(', ')}: chân trang sẽ thiếu, danh mục tuân thủ ghi "Thiếu". Bổ sung tại /quan-tri/cai-dat.`);
    }
  } finally {
    await handle.close();
  }
}
