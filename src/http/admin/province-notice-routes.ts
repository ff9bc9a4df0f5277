import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FieldError } from '../../errors.ts';
import type { ProvinceNoticeRow } from '../../db/schema/province-notices.ts';
import {
  type ProvinceNoticeInput,
  findProvinceNotice,
  publishProvinceNotice,
  setProvinceNoticeWithdrawn,
  updateProvinceNotice,
} from '../../services/province-notices/notice-editor.ts';
import { provinceNoticeFormData, provinceNoticeList, provinceNoticeOfSite, provinceNoticesOfSite } from '../../services/province-notices/notice-reader.ts';
import { toNfc } from '../../text/vietnamese.ts';
import {
  type NoticeFormValues,
  provinceNoticeFormPage,
  provinceNoticeListPage,
  siteProvinceNoticePage,
  siteProvinceNoticesPage,
} from '../../views/admin/province-notices.ts';
import { presentNoticeItem } from '../../views/admin/province-notice-presenters.ts';
import { paths } from '../../paths.ts';
import { isValidation, sendHtml } from '../replies.ts';
import { parse } from '../schemas.ts';
import { siteOf } from '../site-context.ts';
import { adminContext } from './context.ts';
import { authOf } from './guard.ts';

const ProvinceQuery = z.object({ tinh: z.string().trim().max(120).transform(toNfc).optional() });
const IdParams = z.object({ id: z.coerce.number().int().positive() });
const BASE = '/quan-tri/he-thong/thong-bao-tinh';

/** The province asked for in ?tinh=, else the current site's. */
const provinceOf = (request: FastifyRequest) => parse(ProvinceQuery, request.query).tinh || siteOf(request).province;

/** The form as posted: one checked site arrives as a string, several as an array. */
function formOf(request: FastifyRequest): NoticeFormValues {
  const b = (request.body ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const sites = ([] as unknown[])
    .concat(b.sites ?? [])
    .map(Number)
    .filter(Number.isInteger);
  return { kind: str(b.kind), issuer: str(b.issuer), title: str(b.title), summary: str(b.summary), body_html: str(b.body_html), scope: str(b.scope), sites };
}

/** The form as the service takes it: every value is checked there, with Vietnamese field errors. */
const asInput = (form: NoticeFormValues) => form as unknown as ProvinceNoticeInput;

const storedValues = (n: ProvinceNoticeRow, siteIds: number[]): NoticeFormValues => ({
  kind: n.kind,
  issuer: n.issuer,
  title: n.title,
  summary: n.summary,
  body_html: n.body_html,
  scope: n.to_all ? 'all' : 'chosen',
  sites: siteIds,
});

async function renderForm(
  request: FastifyRequest,
  reply: FastifyReply,
  province: string,
  notice: ProvinceNoticeRow | null,
  sent?: NoticeFormValues,
  errors: FieldError[] = [],
) {
  const actor = authOf(request).actor;
  const { communes, siteIds } = await provinceNoticeFormData(request.server.db, actor, province, notice?.id);
  const blank: NoticeFormValues = { kind: 'notice', issuer: `UBND tỉnh ${province}`, title: '', summary: '', body_html: '', scope: 'all', sites: [] };
  const values = sent ?? (notice ? storedValues(notice, siteIds) : blank);
  const stored = notice ? { id: notice.id, withdrawn: notice.status === 'withdrawn', url: paths.provinceNotice(notice.slug) } : null;
  return sendHtml(reply, provinceNoticeFormPage(adminContext(request), { province, notice: stored, communes, values, errors }), errors);
}

/** The platform admin's screens of province notices (/quan-tri/he-thong/thong-bao-tinh). */
function platformRoutes(app: FastifyInstance): void {
  const access = { access: 'platform.manage' } as const;
  app.get(BASE, { config: access }, async (request, reply) => {
    const province = provinceOf(request);
    const { provinces, notices } = await provinceNoticeList(app.db, authOf(request).actor, province);
    const items = notices.map((n) => presentNoticeItem(n, n.site_count));
    return sendHtml(
      reply,
      provinceNoticeListPage(adminContext(request), { province, provinces: provinces.includes(province) ? provinces : [province, ...provinces], items }),
    );
  });

  app.get(`${BASE}/moi`, { config: access }, (request, reply) => renderForm(request, reply, provinceOf(request), null));

  app.post(BASE, { config: access }, async (request, reply) => {
    const province = provinceOf(request);
    const form = formOf(request);
    try {
      await publishProvinceNotice(app.db, authOf(request).actor, province, asInput(form));
    } catch (error) {
      if (!isValidation(error)) throw error;
      return renderForm(request, reply, province, null, form, error.fields);
    }
    return reply.redirect(`${BASE}?tinh=${encodeURIComponent(province)}&ok=thong-bao-tinh`, 303);
  });

  app.get(`${BASE}/:id`, { config: access }, async (request, reply) => {
    const notice = await findProvinceNotice(app.db, authOf(request).actor, parse(IdParams, request.params).id);
    return renderForm(request, reply, notice.province, notice);
  });

  app.post(`${BASE}/:id`, { config: access }, async (request, reply) => {
    const actor = authOf(request).actor;
    const notice = await findProvinceNotice(app.db, actor, parse(IdParams, request.params).id);
    const form = formOf(request);
    try {
      await updateProvinceNotice(app.db, actor, notice.id, asInput(form));
    } catch (error) {
      if (!isValidation(error)) throw error;
      return renderForm(request, reply, notice.province, notice, form, error.fields);
    }
    return reply.redirect(`${BASE}?tinh=${encodeURIComponent(notice.province)}&ok=thong-bao-tinh`, 303);
  });

  for (const [action, withdrawn] of [
    ['go', true],
    ['dang-lai', false],
  ] as const) {
    app.post(`${BASE}/:id/${action}`, { config: access }, async (request, reply) => {
      const actor = authOf(request).actor;
      const notice = await findProvinceNotice(app.db, actor, parse(IdParams, request.params).id);
      await setProvinceNoticeWithdrawn(app.db, actor, notice.id, withdrawn);
      return reply.redirect(`${BASE}?tinh=${encodeURIComponent(notice.province)}&ok=${withdrawn ? 'go-thong-bao-tinh' : 'thong-bao-tinh'}`, 303);
    });
  }
}

/** A commune newsroom's read-only view of the province's notices on its site (/quan-tri/thong-bao-cua-tinh). */
function newsroomRoutes(app: FastifyInstance): void {
  app.get('/quan-tri/thong-bao-cua-tinh', { config: { access: 'admin.access' } }, async (request, reply) => {
    const notices = await provinceNoticesOfSite(app.db, siteOf(request).id);
    return sendHtml(
      reply,
      siteProvinceNoticesPage(
        adminContext(request),
        notices.map((n) => presentNoticeItem(n, null)),
      ),
    );
  });

  app.get('/quan-tri/thong-bao-cua-tinh/:id', { config: { access: 'admin.access' } }, async (request, reply) => {
    const notice = await provinceNoticeOfSite(app.db, siteOf(request).id, parse(IdParams, request.params).id);
    const view = { item: presentNoticeItem(notice, null), summary: notice.summary, bodyHtml: notice.body_html, url: paths.provinceNotice(notice.slug) };
    return sendHtml(reply, siteProvinceNoticePage(adminContext(request), view));
  });
}

/** Province notices: the platform admin publishes, edits and withdraws them; a commune's newsroom reads them. */
export function adminProvinceNoticeRoutes(app: FastifyInstance): void {
  platformRoutes(app);
  newsroomRoutes(app);
}
