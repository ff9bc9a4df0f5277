import type { Kysely } from 'kysely';
import { z } from 'zod';
import { inTransaction, nowIso } from '../db/database.ts';
import type { CategoryKind, Database, SiteRow, UnitType } from '../db/schema.ts';
import { AppError, validationError } from '../errors.ts';
import { CategoryRepository } from '../repositories/category-repository.ts';
import { ProvinceRepository } from '../repositories/province-repository.ts';
import { SiteRepository } from '../repositories/site-repository.ts';
import { toNfc } from '../text/vietnamese.ts';
import { type AuditWho, recordAudit } from './audit-service.ts';
import { pageTags, pagesChanged } from './pages/page-changes.ts';
import { createOutlinePages } from './organisation/organisation-service.ts';
import { writeDefaultMenu } from './site-shape/menu.ts';
import { PROVINCE_PAGES } from './site-shape/menu-pages.ts';
import { seedDisclosureItems } from './disclosure/disclosure-items.ts';
import { parseInput } from './validation.ts';
import { deliverProvinceNoticesTo } from './province-notices/notice-editor.ts';

/** The categories every new site starts with. */
export const DEFAULT_CATEGORIES: ReadonlyArray<{ slug: string; name: string; kind: CategoryKind }> = [
  { slug: 'tin-tuc', name: 'Tin tức', kind: 'news' },
  { slug: 'thong-bao', name: 'Thông báo', kind: 'notice' },
  { slug: 'tai-lieu', name: 'Tài liệu', kind: 'document' },
];

const UNIT_NAMES: Record<UnitType, string> = { xa: 'xã', phuong: 'phường', dac_khu: 'đặc khu', tinh: 'tỉnh' };

const HostSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/, 'tên miền không hợp lệ');

const text = (max: number) => z.string().trim().max(max, `tối đa ${max} ký tự`).transform(toNfc);

export const CreateSiteSchema = z.object({
  name: text(120).pipe(z.string().min(1, 'không được để trống')),
  unitType: z.enum(['xa', 'phuong', 'dac_khu', 'tinh'], { message: 'phải là xa, phuong, dac_khu hoặc tinh' }),
  province: text(120).pipe(z.string().min(1, 'không được để trống')),
  hosts: z.array(HostSchema).min(1, 'cần ít nhất một tên miền'),
  address: text(300).default(''),
  phone: text(60).default(''),
  email: z.union([z.literal(''), z.string().trim().email('thư điện tử không hợp lệ')]).default(''),
  responsiblePerson: text(120).default(''),
  responsibleTitle: text(120).default(''),
});
export type CreateSiteInput = z.input<typeof CreateSiteSchema>;

const required = (max: number) => text(max).pipe(z.string().min(1, 'không được để trống'));

/** The platform's form: the footer's contacts are required, so that no site starts without them. */
const CreateSiteWithContactsSchema = CreateSiteSchema.extend({
  address: required(300),
  phone: required(60).pipe(z.string().regex(/^[\d\s+().-]*$/, 'chỉ gồm chữ số, dấu cách và + ( ) . -')),
  email: z.string().trim().min(1, 'không được để trống').pipe(z.string().email('thư điện tử không hợp lệ, ví dụ phuong2@dongthap.gov.vn')),
  responsiblePerson: required(120),
});

/** "Phường 1" → "Ủy ban nhân dân phường 1": the unit's full authority name. */
export function authorityName(site: Pick<SiteRow, 'name'>): string {
  return `Ủy ban nhân dân ${site.name.charAt(0).toLocaleLowerCase('vi-VN')}${site.name.slice(1)}`;
}

/** The unit's kind in words: xã, phường, đặc khu or tỉnh. */
export function unitTypeName(unitType: UnitType): string {
  return UNIT_NAMES[unitType];
}

/**
 * Creates a site with its host names, default categories and menu, and its
 * Giới thiệu pages as drafts holding their outlines, in one transaction: a
 * host already taken by another site fails the whole thing.
 * `requireContacts` makes the footer's contacts required (the platform's form).
 */
export async function createSite(
  db: Kysely<Database>,
  input: CreateSiteInput,
  who: AuditWho = { system: 'hệ thống', siteId: null },
  options: { requireContacts?: boolean } = {},
): Promise<SiteRow> {
  const data = parseInput(options.requireContacts ? CreateSiteWithContactsSchema : CreateSiteSchema, input);
  const hosts = [...new Set(data.hosts)];
  return inTransaction(db, async (trx) => {
    const sites = new SiteRepository(trx);
    const taken = await sites.takenHosts(hosts);
    if (taken.length > 0) {
      throw validationError([{ field: 'hosts', message: `tên miền đã được dùng: ${taken.join(', ')}` }]);
    }
    const portal = await new ProvinceRepository(trx).portalOf(data.province);
    if (data.unitType === 'tinh' && portal) {
      throw validationError([{ field: 'unitType', message: `${data.province} đã có cổng tỉnh: ${portal.name}` }]);
    }
    const now = nowIso();
    const id = await sites.insert({
      name: data.name,
      unit_type: data.unitType,
      province: data.province,
      address: data.address,
      phone: data.phone,
      email: data.email,
      responsible_person: data.responsiblePerson,
      responsible_title: data.responsibleTitle,
      created_at: now,
      updated_at: now,
    });
    await sites.addHosts(id, hosts);
    const categories = new CategoryRepository(trx, id);
    for (const [position, category] of DEFAULT_CATEGORIES.entries()) {
      await categories.insert({ ...category, position, createdAt: now });
    }
    await writeDefaultMenu(trx, id, data.unitType === 'tinh' ? PROVINCE_PAGES : []);
    await seedDisclosureItems(trx, id);
    await createOutlinePages(trx, id);
    const site = await sites.findById(id);
    if (!site) throw new AppError('internal');
    await deliverProvinceNoticesTo(trx, site);
    // The province portal's lists and directory name every commune.
    if (portal) await pagesChanged(trx, [pageTags.all(portal.id)]);
    await recordAudit(trx, { ...who, siteId: id }, { action: 'site.created', targetType: 'site', targetId: id, summary: `${site.name} (${hosts.join(', ')})` });
    return site;
  });
}

/** Strips the port and lower-cases a Host header value. */
export function normalizeHost(hostHeader: string | undefined): string {
  const host = (hostHeader ?? '').trim().toLowerCase();
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  return host.replace(/:\d+$/, '').replace(/\.$/, '');
}

/**
 * Finds the site for a request's Host header. Looks are cached briefly per
 * process, since every request asks and sites change rarely.
 */
export class SiteResolver {
  private readonly cache = new Map<string, { site: SiteRow | undefined; until: number }>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly ttlMs = 10_000,
  ) {}

  async resolve(hostHeader: string | undefined): Promise<SiteRow | undefined> {
    const host = normalizeHost(hostHeader);
    const hit = this.cache.get(host);
    const now = Date.now();
    if (hit && hit.until > now) return hit.site;
    const site = await new SiteRepository(this.db).findByHost(host);
    // Bounded: unknown hosts from scanners must not grow the map forever.
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(host, { site, until: now + this.ttlMs });
    return site;
  }

  /** Forgets cached look-ups, after a site or its hosts change. */
  clear(): void {
    this.cache.clear();
  }
}

export const SiteSettingsSchema = z.object({
  address: text(300).default(''),
  phone: text(60).default(''),
  email: z.union([z.literal(''), z.string().trim().email('thư điện tử không hợp lệ, ví dụ phuong1@dongthap.gov.vn')]).default(''),
  responsible_person: text(120).default(''),
  responsible_title: text(120).default(''),
  require_totp: z
    .union([z.literal('1'), z.literal('')])
    .default('')
    .transform((v) => v === '1'),
});
export type SiteSettingsInput = z.input<typeof SiteSettingsSchema>;

/** Changes a site's footer contacts and sign-in policy, recorded in the audit log. */
export async function updateSiteSettings(db: Kysely<Database>, siteId: number, input: SiteSettingsInput, who: AuditWho): Promise<void> {
  const data = parseInput(SiteSettingsSchema, input);
  await inTransaction(db, async (trx) => {
    await new SiteRepository(trx).update(siteId, {
      address: data.address,
      phone: data.phone,
      email: data.email,
      responsible_person: data.responsible_person,
      responsible_title: data.responsible_title,
      require_totp: data.require_totp ? 1 : 0,
      updated_at: nowIso(),
    });
    // The footer of every page shows these contacts.
    await pagesChanged(trx, [pageTags.all(siteId)]);
    await recordAudit(trx, who, {
      action: 'settings.updated',
      targetType: 'site',
      targetId: siteId,
      summary: data.require_totp ? 'Bắt buộc xác thực hai bước: có' : 'Bắt buộc xác thực hai bước: không',
    });
  });
}

/** Every site of the installation with its host names, for the platform admin's page. */
export async function listSitesWithHosts(db: Kysely<Database>): Promise<Array<SiteRow & { hosts: string[] }>> {
  const repo = new SiteRepository(db);
  return Promise.all((await repo.list()).map(async (site) => ({ ...site, hosts: await repo.hostsOf(site.id) })));
}
