import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { MediaRow } from '../../db/schema.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { MediaRepository } from '../../repositories/media-repository.ts';
import { attachmentLabel } from '../../services/media-types.ts';
import { storeUpload, updateMediaInfo, variantsOf } from '../../services/media-service.ts';
import { formatDate, formatFileSize } from '../../text/format.ts';
import { type MediaItem, mediaLibraryPage } from '../../views/admin/media.ts';
import { paths } from '../../views/presenters.ts';
import { parse } from '../schemas.ts';
import { adminContext } from './context.ts';
import { authOf } from './guard.ts';

/** Largest upload accepted, images and attachments alike. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

const LibraryQuery = z.object({ q: z.string().max(100).default('') });
const IdParams = z.object({ id: z.coerce.number().int().positive() });

function presentMedia(m: MediaRow): MediaItem {
  const smallest = variantsOf(m)[0];
  return {
    id: m.id,
    kind: m.kind,
    url: paths.media(m.storage_key),
    thumb: m.kind === 'image' ? paths.media(smallest?.key ?? m.storage_key) : null,
    alt: m.alt,
    caption: m.caption,
    title: m.title,
    name: m.original_name,
    size: formatFileSize(m.byte_size),
    type: m.kind === 'image' ? m.mime_type.replace('image/', '').toUpperCase() : attachmentLabel(m.mime_type),
    date: formatDate(m.created_at),
  };
}

function tooLarge(): AppError {
  return new AppError('payload_too_large', `Tệp lớn quá ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`, [{ field: 'file', message: 'tệp quá lớn' }]);
}

function wantsJson(request: FastifyRequest): boolean {
  return String(request.headers.accept ?? '').includes('application/json');
}

/** Reads a multipart upload: one file, buffered within the size limit, and its text fields. */
export async function readUpload(request: FastifyRequest): Promise<{ file: MultipartFile | null; bytes: Buffer; fields: Record<string, string> }> {
  const fields: Record<string, string> = {};
  let file: MultipartFile | null = null;
  let bytes: Buffer = Buffer.alloc(0);
  for await (const part of request.parts({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, fieldSize: 4096 } })) {
    if (part.type === 'file') {
      file = part;
      try {
        bytes = await part.toBuffer();
      } catch (error) {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
        throw error;
      }
    } else if (typeof part.value === 'string') {
      fields[part.fieldname] = part.value;
    }
  }
  return { file, bytes, fields };
}

async function renderLibrary(request: FastifyRequest, reply: FastifyReply, errors: FieldError[] = [], values = { alt: '', caption: '', title: '' }) {
  const { actor } = authOf(request);
  const { q } = parse(LibraryQuery, request.query);
  const rows = await new MediaRepository(request.server.db, actor.siteId).list({ search: q.trim(), limit: 120 });
  const page = mediaLibraryPage(adminContext(request), { items: rows.map(presentMedia), search: q, errors, values });
  return reply
    .code(errors.length ? 400 : 200)
    .type('text/html; charset=utf-8')
    .send(page);
}

/** The media library and uploads (from the library form and from the editor). */
export function adminMediaRoutes(app: FastifyInstance, mediaDir: string): void {
  app.get('/quan-tri/media', { config: { access: 'admin.access' } }, (request, reply) => renderLibrary(request, reply));

  app.post('/quan-tri/media', { config: { access: 'media.upload' } }, async (request, reply) => {
    if (!request.isMultipart()) throw new AppError('validation_failed', 'Hãy gửi tệp bằng biểu mẫu tải lên (multipart/form-data).');
    const { actor } = authOf(request);
    const { file, bytes, fields } = await readUpload(request);
    try {
      if (!file) throw new AppError('validation_failed', 'Chưa chọn tệp.', [{ field: 'file', message: 'chưa chọn tệp' }]);
      if (file.file.truncated) throw tooLarge();
      const media = await storeUpload(
        app.db,
        mediaDir,
        actor.siteId,
        { bytes, originalName: file.filename, alt: fields.alt, caption: fields.caption, title: fields.title },
        actor,
      );
      if (wantsJson(request)) {
        return {
          media: {
            id: media.id,
            url: paths.media(media.storage_key),
            alt: media.alt,
            caption: media.caption,
            width: media.width,
            height: media.height,
            title: media.title,
          },
        };
      }
      return reply.redirect('/quan-tri/media?ok=tai-len', 303);
    } catch (error) {
      if (!(error instanceof AppError) || wantsJson(request) || error.status >= 500) throw error;
      const fieldErrors = error.fields.length ? error.fields : [{ field: 'file', message: error.message }];
      return renderLibrary(request, reply, fieldErrors, { alt: fields.alt ?? '', caption: fields.caption ?? '', title: fields.title ?? '' });
    }
  });

  app.post('/quan-tri/media/:id', { config: { access: 'media.manage' } }, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    const { actor } = authOf(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const value = (name: string) => (typeof body[`${name}-${id}`] === 'string' ? (body[`${name}-${id}`] as string) : undefined);
    try {
      await updateMediaInfo(app.db, actor.siteId, id, { alt: value('alt'), caption: value('caption'), title: value('title') }, actor);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error;
      return renderLibrary(request, reply, error.fields);
    }
    return reply.redirect('/quan-tri/media?ok=luu', 303);
  });
}
