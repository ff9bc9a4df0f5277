import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { MediaRow } from '../../db/schema.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { attachmentLabel } from '../../services/media-types.ts';
import { libraryItems, storeUpload, updateMediaInfo, variantsOf } from '../../services/media-service.ts';
import { formatDate, formatFileSize } from '../../text/format.ts';
import { type MediaItem, mediaLibraryPage } from '../../views/admin/media.ts';
import { paths } from '../../paths.ts';
import { parse } from '../schemas.ts';
import { adminContext } from './context.ts';
import { authOf } from './guard.ts';
import { isValidation, sendHtml } from '../replies.ts';
import type { MediaStorage } from '../../services/storage/media-storage.ts';

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

function oneFileOnly(): AppError {
  return new AppError('validation_failed', 'Mỗi lần chỉ tải lên được một tệp.', [
    { field: 'file', message: 'mỗi lần chỉ tải lên được một tệp; hãy chọn một tệp rồi tải lên, sau đó đến tệp tiếp theo' },
  ]);
}

/**
 * Reads a multipart upload: the first file, up to the size limit (the
 * caller checks `truncated`), and the text fields. A second file is drained
 * and counted, so the form can say so and keep what was typed.
 */
export async function readUpload(
  request: FastifyRequest,
): Promise<{ file: MultipartFile | null; bytes: Buffer; fields: Record<string, string>; extraFile: boolean }> {
  const fields: Record<string, string> = {};
  let file: MultipartFile | null = null;
  let bytes: Buffer = Buffer.alloc(0);
  let extraFile = false;
  try {
    for await (const part of request.parts({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 2, fields: 10, fieldSize: 4096 } })) {
      if (part.type === 'file') {
        const chunks: Buffer[] = [];
        for await (const chunk of part.file) if (!file) chunks.push(chunk as Buffer);
        if (file) extraFile = true;
        else [file, bytes] = [part, Buffer.concat(chunks)];
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT') throw oneFileOnly();
    // A file over the limit is reported once the whole request is read, so the fields after it are here and the file shows `truncated`.
    if (code !== 'FST_REQ_FILE_TOO_LARGE') throw error;
  }
  return { file, bytes, fields, extraFile };
}

async function renderLibrary(request: FastifyRequest, reply: FastifyReply, errors: FieldError[] = [], values = { alt: '', caption: '', title: '' }) {
  const { actor } = authOf(request);
  const { q } = parse(LibraryQuery, request.query);
  const rows = await libraryItems(request.server.db, actor.siteId, { search: q.trim(), limit: 120 });
  return sendHtml(reply, mediaLibraryPage(adminContext(request), { items: rows.map(presentMedia), search: q, errors, values }), errors);
}

/** The media library and uploads (from the library form and from the editor). */
export function adminMediaRoutes(app: FastifyInstance, storage: MediaStorage): void {
  app.get('/quan-tri/media', { config: { access: 'admin.access' } }, (request, reply) => renderLibrary(request, reply));

  app.post('/quan-tri/media', { config: { access: 'media.upload' } }, async (request, reply) => {
    if (!request.isMultipart()) throw new AppError('validation_failed', 'Hãy gửi tệp bằng biểu mẫu tải lên (multipart/form-data).');
    const { actor } = authOf(request);
    let upload: Awaited<ReturnType<typeof readUpload>>;
    try {
      upload = await readUpload(request);
    } catch (error) {
      if (!(error instanceof AppError) || wantsJson(request) || error.status >= 500) throw error;
      return renderLibrary(request, reply, error.fields);
    }
    const { file, bytes, fields, extraFile } = upload;
    try {
      if (!file) throw new AppError('validation_failed', 'Chưa chọn tệp.', [{ field: 'file', message: 'chưa chọn tệp' }]);
      if (extraFile) throw oneFileOnly();
      if (file.file.truncated) throw tooLarge();
      const media = await storeUpload(
        app.db,
        storage,
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
      if (!isValidation(error)) throw error;
      return renderLibrary(request, reply, error.fields);
    }
    return reply.redirect('/quan-tri/media?ok=luu', 303);
  });
}
