import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, type FieldError } from '../../errors.ts';
import { type SiteImage, currentSite, removeSiteImage, setAccent, siteImages, uploadSiteImage } from '../../services/site-shape/appearance.ts';
import { blockChoices, saveHomeBlocks } from '../../services/site-shape/home-blocks.ts';
import type { Direction } from '../../services/site-shape/ordering.ts';
import { appearancePage, presentAppearance } from '../../views/admin/site-shape/appearance.ts';
import { homeBlocksPage } from '../../views/admin/site-shape/home.ts';
import { parse } from '../schemas.ts';
import { siteOf } from '../site-context.ts';
import { adminContext, formList, formText } from './context.ts';
import { isValidation, sendHtml } from '../replies.ts';
import { authOf } from './guard.ts';
import { readUpload } from './media-routes.ts';
import type { MediaStorage } from '../../services/storage/media-storage.ts';

const HOME = '/quan-tri/cai-dat/trang-chu';
const LOOK = '/quan-tri/cai-dat/giao-dien';
const IMAGE_PATHS: Record<string, SiteImage> = { 'bieu-trung': 'logo', 'anh-dau-trang': 'banner' };
const ImageParams = z.object({ anh: z.enum(['bieu-trung', 'anh-dau-trang']) });
const COLUMN_NAMES = { main: 'Cột chính', side: 'Cột bên' };

/** The site row as it is now: the request's may be a few seconds old. */
const freshSite = (request: FastifyRequest) => currentSite(request.server.db, siteOf(request));

async function renderHome(request: FastifyRequest, reply: FastifyReply, errors: FieldError[] = []) {
  const blocks = blockChoices(await freshSite(request)).map((b) => ({
    key: b.key,
    name: b.name,
    hint: b.hint,
    column: COLUMN_NAMES[b.column],
    shown: b.shown,
  }));
  return sendHtml(reply, homeBlocksPage(adminContext(request), { blocks, errors }), errors);
}

async function renderLook(request: FastifyRequest, reply: FastifyReply, errors: FieldError[] = [], accent?: string) {
  const site = await freshSite(request);
  const view = presentAppearance(site, await siteImages(request.server.db, site), errors, accent);
  return sendHtml(reply, appearancePage(adminContext(request), view), errors);
}

/** The home page's blocks and the site's look (accent, logo, banner), under Cài đặt (settings.manage). */
export function adminSiteLookRoutes(app: FastifyInstance, storage: MediaStorage): void {
  app.get(HOME, { config: { access: 'settings.manage' } }, (request, reply) => renderHome(request, reply));

  app.post(HOME, { config: { access: 'settings.manage' } }, async (request, reply) => {
    const { actor } = authOf(request);
    const [key = '', direction = ''] = formText(request, 'move').split(':');
    const move = direction === 'up' || direction === 'down' ? { key, direction: direction as Direction } : undefined;
    try {
      await saveHomeBlocks(app.db, await freshSite(request), { order: formList(request, 'order'), shown: formList(request, 'shown'), move }, actor);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return renderHome(request, reply, error.fields);
    }
    app.sites.clear();
    // A move keeps the person on the list they are arranging; saving says so.
    return reply.redirect(move ? HOME : `${HOME}?ok=luu`, 303);
  });

  app.get(LOOK, { config: { access: 'settings.manage' } }, (request, reply) => renderLook(request, reply));

  app.post(`${LOOK}/mau`, { config: { access: 'settings.manage' } }, async (request, reply) => {
    const { actor } = authOf(request);
    try {
      await setAccent(app.db, await freshSite(request), formText(request, 'accent'), actor);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return renderLook(request, reply, error.fields);
    }
    app.sites.clear();
    return reply.redirect(`${LOOK}?ok=giao-dien`, 303);
  });

  app.post(`${LOOK}/:anh`, { config: { access: 'settings.manage' } }, async (request, reply) => {
    const which = IMAGE_PATHS[parse(ImageParams, request.params).anh]!;
    const { actor } = authOf(request);
    try {
      if (!request.isMultipart()) throw new AppError('validation_failed', undefined, [{ field: which, message: 'hãy gửi ảnh bằng biểu mẫu tải lên' }]);
      const { file, bytes } = await readUpload(request);
      if (!file) throw new AppError('validation_failed', undefined, [{ field: which, message: 'chưa chọn tệp ảnh' }]);
      if (file.file.truncated) throw new AppError('payload_too_large', undefined, [{ field: which, message: 'tệp quá lớn' }]);
      await uploadSiteImage(app.db, storage, await freshSite(request), which, { bytes, originalName: file.filename }, actor);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      return renderLook(
        request,
        reply,
        (error.fields.length ? error.fields : [{ field: which, message: error.message }]).map((f) => ({ ...f, field: which })),
      );
    }
    app.sites.clear();
    return reply.redirect(`${LOOK}?ok=giao-dien`, 303);
  });

  app.post(`${LOOK}/:anh/xoa`, { config: { access: 'settings.manage' } }, async (request, reply) => {
    const which = IMAGE_PATHS[parse(ImageParams, request.params).anh]!;
    await removeSiteImage(app.db, await freshSite(request), which, authOf(request).actor);
    app.sites.clear();
    return reply.redirect(`${LOOK}?ok=giao-dien`, 303);
  });
}
