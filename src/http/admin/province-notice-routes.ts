import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, type FieldError } from '../../errors.ts';
import type { ProvinceNoticeRow } from '../../db/schema/province-notices.ts';
import {
  type ProvinceNoticeInput,
  findProvinceNotice,
  publishProvinceNotice,
  setProvinceNoticeWithdrawn,
  updateProvinceNotice,
} from '../../services/province-notices/notice-editor.ts';
import {
  provinceNoticeFiles,
  provinceNoticeFormData,
  provinceNoticeList,
  provinceNoticeOfSite,
  provinceNoticesOfSite,
} from '../../services/province-notices/notice-reader.ts';
import type { NoticeUpload } from '../../services/province-notices/notice-files.ts';
import type { MediaStorage } from '../../services/storage/media-storage.ts';
import { presentNoticeFiles } from '../../views/province-notice-presenters.ts';
import { readPostedForm } from '../multipart-form.ts';
import { MAX_UPLOAD_BYTES } from './media-routes.ts';
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

/** Files one save may add, and their size together: the media library's limit for one file, which the shipped nginx's body limit also fits. */
const FILE_LIMITS = { perPost: 5, megabytes: MAX_UPLOAD_BYTES / 1024 / 1024 };

/** The form as posted (multipart with its files, or urlencoded): a ticked list repeats its name. */
async function formOf(request: FastifyRequest): Promise<{ form: NoticeFormValues; uploads: NoticeUpload[]; fileError: AppError | null }> {
  const posted = await readPostedForm(request, { maxFiles: FILE_LIMITS.perPost, fileSize: MAX_UPLOAD_BYTES, fields: 2000, fieldSize: 400_000 });
  const one = (name: string) => posted.fields[name]?.at(-1) ?? '';
  const ids = (name: string) => (posted.fields[name] ?? []).map(Number).filter(Number.isInteger);
  const form = {
    kind: one('kind'),
    issuer: one('issuer'),
    title: one('title'),
    summary: one('summary'),
    body_html: one('body_html'),
    scope: one('scope'),
    sites: ids('sites'),
    remove_files: ids('remove_files'),
  };
  const total = posted.files.reduce((sum, f) => sum + f.bytes.length, 0);
  const tooMuch =
    total > MAX_UPLOAD_BYTES
      ? new AppError('payload_too_large', 'Tệp quá lớn.', [{ field: 'files', message: `các tệp của một lần lưu cộng lại tối đa ${FILE_LIMITS.megabytes} MB` }])
      : null;
  return { form, uploads: posted.files, fileError: posted.fileError ?? tooMuch };
}

/** A refusal the form shows beside its fields, keeping what was typed: bad input, or a file too large. */
const shownOnForm = (error: unknown): error is AppError => isValidation(error) || (error instanceof AppError && error.code === 'payload_too_large');

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
  remove_files: [],
});

async function renderForm(
  request: FastifyRequest,
  reply: FastifyReply,
  province: string,
  notice: ProvinceNoticeRow | null,
  sent?: NoticeFormValues,
  refusal?: AppError,
) {
  const errors: FieldError[] = refusal?.fields ?? [];
  const actor = authOf(request).actor;
  const { communes, siteIds, files } = await provinceNoticeFormData(request.server.db, actor, province, notice?.id);
  const blank: NoticeFormValues = {
    kind: 'notice',
    issuer: `UBND tỉnh ${province}`,
    title: '',
    summary: '',
    body_html: '',
    scope: 'all',
    sites: [],
    remove_files: [],
  };
  const values = sent ?? (notice ? storedValues(notice, siteIds) : blank);
  const stored = notice ? { id: notice.id, withdrawn: notice.status === 'withdrawn', url: paths.provinceNotice(notice.slug) } : null;
  const fileItems = notice ? presentNoticeFiles(notice.slug, files) : [];
  const page = provinceNoticeFormPage(adminContext(request), { province, notice: stored, communes, values, errors, files: fileItems, fileLimits: FILE_LIMITS });
  return sendHtml(reply, page, refusal?.status ?? 200);
}

/** The platform admin's screens of province notices (/quan-tri/he-thong/thong-bao-tinh). */
function platformRoutes(app: FastifyInstance, storage: MediaStorage): void {
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
    const { form, uploads, fileError } = await formOf(request);
    try {
      if (fileError) throw fileError;
      await publishProvinceNotice(app.db, authOf(request).actor, province, asInput(form), { storage, uploads });
    } catch (error) {
      if (!shownOnForm(error)) throw error;
      return renderForm(request, reply, province, null, form, error);
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
    const { form, uploads, fileError } = await formOf(request);
    try {
      if (fileError) throw fileError;
      await updateProvinceNotice(app.db, actor, notice.id, asInput(form), { storage, uploads });
    } catch (error) {
      if (!shownOnForm(error)) throw error;
      return renderForm(request, reply, notice.province, notice, form, error);
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
    const files = presentNoticeFiles(notice.slug, await provinceNoticeFiles(app.db, notice.id));
    const view = { item: presentNoticeItem(notice, null), summary: notice.summary, bodyHtml: notice.body_html, url: paths.provinceNotice(notice.slug), files };
    return sendHtml(reply, siteProvinceNoticePage(adminContext(request), view));
  });
}

/** Province notices: the platform admin publishes, edits and withdraws them; a commune's newsroom reads them. */
export function adminProvinceNoticeRoutes(app: FastifyInstance, storage: MediaStorage): void {
  platformRoutes(app, storage);
  newsroomRoutes(app);
}
