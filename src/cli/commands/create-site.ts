import { createSite } from '../../services/site-service.ts';
import { parseOptions } from '../options.ts';
import { UsageError, openRuntime } from '../runtime.ts';

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
    console.log(`Đã tạo cổng "${site.name}" (mã ${site.id}) cho ${values.host.join(', ')}.`);
  } finally {
    await handle.close();
  }
}
