import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, type FieldError } from '../../errors.ts';
import { vietnamToday } from '../../services/calendars/weeks.ts';
import { disclosureDesk, listDisclosures } from '../../services/disclosure/disclosure-desk.ts';
import { attachDisclosureUpload, loadDisclosure, parseDisclosureForm, saveDisclosure } from '../../services/disclosure/disclosure-editor.ts';
import {
  addDisclosureItem,
  listDisclosureItems,
  moveDisclosureItem,
  renameDisclosureItem,
  setDisclosureItemHidden,
} from '../../services/disclosure/disclosure-items.ts';
import { disclosurePaths } from '../../services/disclosure/disclosure-paths.ts';
import { disclosureReview } from '../../services/disclosure/disclosure-review.ts';
import {
  type DisclosureFormValues,
  blankDisclosureValues,
  disclosureAdminListPage,
  disclosureFormPage,
  disclosureFormValues,
  disclosureValuesFromBody,
  presentAdminDisclosure,
  presentDocumentChoice,
  presentFileChoice,
} from '../../views/admin/disclosure.ts';
import { disclosureItemsPage } from '../../views/admin/disclosure-items.ts';
import { formOf, isValidation, sendHtml } from '../replies.ts';
import { parse } from '../schemas.ts';
import { adminContext } from './context.ts';
import { authOf } from './guard.ts';
import { readUpload } from './media-routes.ts';
import { registerReviewRoutes } from './review-routes.ts';
import type { MediaStorage } from '../../services/storage/media-storage.ts';

const IdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const ListQuery = z.object({
  trang: z.coerce.number().int().min(1).max(100_000).default(1),
  muc: z.union([z.literal(''), z.string().regex(/^[1-9]\d{0,9}$/)]).default(''),
  nam: z.union([z.literal(''), z.string().regex(/^\d{4}$/)]).default(''),
  'trang-thai': z.enum(['', 'draft', 'submitted', 'returned', 'published', 'unpublished']).default(''),
});
const EDIT = { config: { access: 'disclosure.edit' as const } };
const ITEMS = { config: { access: 'settings.manage' as const } };

/** Renders the form for a new or saved entry, with the given values (null: as saved) and errors. */
async function renderForm(
  request: FastifyRequest,
  reply: FastifyReply,
  id: number | null,
  values: DisclosureFormValues | null,
  errors: FieldError[] = [],
  status?: number,
) {
  const desk = await disclosureDesk(request.server.db, authOf(request).actor, id);
  const { entry } = desk;
  const item = entry ? desk.items.find((i) => i.id === entry.item_id) : undefined;
  const page = disclosureFormPage(adminContext(request), {
    id,
    values: values ?? (entry ? disclosureFormValues(entry, desk.attached, desk.linked) : blankDisclosureValues(vietnamToday(new Date()))),
    errors,
    items: desk.items,
    files: desk.files.map(presentFileChoice),
    documents: desk.documents.map(presentDocumentChoice),
    review: desk.review,
    publicUrl: entry?.status === 'published' && item ? disclosurePaths.entry(item.slug, entry) : null,
  });
  return sendHtml(reply, page, status ?? errors);
}

async function renderItems(request: FastifyRequest, reply: FastifyReply, errors: FieldError[] = [], name = '') {
  const items = await listDisclosureItems(request.server.db, authOf(request).actor.siteId);
  return sendHtml(reply, disclosureItemsPage(adminContext(request), { items, errors, name }), errors);
}

/** The newsroom's Công khai pages: list with filters, create, edit, upload, review actions, history, and the site's list of items. */
export function adminDisclosureRoutes(app: FastifyInstance, storage: MediaStorage): void {
  registerReviewRoutes(app, {
    kind: disclosureReview,
    base: '/quan-tri/cong-khai/:id',
    key: (request) => String(parse(IdParams, request.params).id),
    done: (key, notice) => `${disclosurePaths.adminEntry(key)}?ok=${notice}`,
    refused: (request, reply, key, errors, status) => renderForm(request, reply, Number(key), null, errors, status),
    history: {
      title: async (request, key) => (await loadDisclosure(app.db, authOf(request).actor, Number(key))).title,
      back: (key) => disclosurePaths.adminEntry(key),
      backLabel: 'Quay lại nội dung công khai',
    },
  });

  app.get('/quan-tri/cong-khai', EDIT, async (request, reply) => {
    const q = parse(ListQuery, request.query);
    const filter = { itemId: q.muc ? Number(q.muc) : undefined, year: q.nam ? Number(q.nam) : undefined, status: q['trang-thai'] || undefined };
    const list = await listDisclosures(app.db, authOf(request).actor, filter, q.trang);
    const view = {
      items: list.items.map((e) => presentAdminDisclosure(e, list.choices)),
      pagination: list.pagination,
      filter: { muc: q.muc, nam: q.nam, 'trang-thai': q['trang-thai'] },
      choices: list.choices,
      years: list.years,
      waiting: list.waiting,
    };
    return sendHtml(reply, disclosureAdminListPage(adminContext(request), view));
  });

  app.get('/quan-tri/cong-khai/moi', EDIT, (request, reply) => renderForm(request, reply, null, null));

  app.post('/quan-tri/cong-khai', EDIT, async (request, reply) => {
    try {
      const { id } = await saveDisclosure(app.db, authOf(request).actor, null, parseDisclosureForm(request.body));
      return reply.redirect(`${disclosurePaths.adminEntry(id)}?ok=luu`, 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return renderForm(request, reply, null, disclosureValuesFromBody(formOf(request.body)), error.fields);
    }
  });

  app.get('/quan-tri/cong-khai/danh-muc', ITEMS, (request, reply) => renderItems(request, reply));

  app.post('/quan-tri/cong-khai/danh-muc', ITEMS, async (request, reply) => {
    try {
      await addDisclosureItem(app.db, authOf(request).actor, formOf(request.body));
      return reply.redirect(`${disclosurePaths.adminItems()}?ok=luu`, 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return renderItems(request, reply, error.fields, String(formOf(request.body).name ?? ''));
    }
  });

  app.post('/quan-tri/cong-khai/danh-muc/:id/:action', ITEMS, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    const { action } = parse(z.object({ action: z.enum(['ten', 'len', 'xuong', 'an', 'hien']) }), request.params);
    const actor = authOf(request).actor;
    try {
      if (action === 'ten') await renameDisclosureItem(app.db, actor, id, formOf(request.body));
      else if (action === 'an' || action === 'hien') await setDisclosureItemHidden(app.db, actor, id, action === 'an');
      else await moveDisclosureItem(app.db, actor, id, action === 'len' ? 'up' : 'down');
      return reply.redirect(`${disclosurePaths.adminItems()}?ok=luu`, 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return renderItems(request, reply, error.fields);
    }
  });

  app.get('/quan-tri/cong-khai/:id', EDIT, (request, reply) => renderForm(request, reply, parse(IdParams, request.params).id, null));

  app.post('/quan-tri/cong-khai/:id', EDIT, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    try {
      await saveDisclosure(app.db, authOf(request).actor, id, parseDisclosureForm(request.body));
      return reply.redirect(`${disclosurePaths.adminEntry(id)}?ok=luu`, 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return renderForm(request, reply, id, disclosureValuesFromBody(formOf(request.body)), error.fields);
    }
  });

  app.post('/quan-tri/cong-khai/:id/tep', { config: { access: 'media.upload' } }, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    try {
      if (!request.isMultipart()) throw new AppError('validation_failed', 'Hãy gửi tệp bằng biểu mẫu tải lên.', [{ field: 'file', message: 'chưa chọn tệp' }]);
      const { file, bytes, fields, extraFile } = await readUpload(request);
      if (!file || extraFile) throw new AppError('validation_failed', 'Chọn một tệp.', [{ field: 'file', message: 'chọn một tệp để tải lên' }]);
      if (file.file.truncated) throw new AppError('payload_too_large', 'Tệp quá lớn.', [{ field: 'file', message: 'tệp quá lớn' }]);
      await attachDisclosureUpload(app.db, storage, authOf(request).actor, id, { bytes, originalName: file.filename, title: fields.file_title ?? '' });
      return reply.redirect(`${disclosurePaths.adminEntry(id)}?ok=tai-len`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || error.fields.length === 0) throw error;
      return renderForm(request, reply, id, null, error.fields, error.status);
    }
  });
}
