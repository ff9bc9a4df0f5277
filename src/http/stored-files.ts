import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { LocalStorage } from '../services/storage/local-storage.ts';
import type { MediaStorage } from '../services/storage/media-storage.ts';
import { type ProxyTrust, fromTrustedProxy } from './proxy-trust.ts';

/** Where nginx finds XAPHUONG_DATA/media (an internal location of deploy/nginx/xaphuong-locations.conf). */
const ACCEL_MEDIA_PREFIX = '/_xaphuong_media/';

/** Whether the request came through a trusted nginx that sends files the portal names (X-Accel-Redirect). */
function nginxSendsFiles(request: FastifyRequest, trust: ProxyTrust | false): boolean {
  return trust !== false && request.headers['x-sendfile-type'] === 'X-Accel-Redirect' && fromTrustedProxy(request.raw, trust);
}

/**
 * Sends a stored file the portal has checked the request may have: behind a
 * trusted nginx that reads the local media folder, nginx sends the bytes
 * from disk (byte ranges included) on X-Accel-Redirect; otherwise the
 * portal streams them (sendStored).
 */
export async function sendCheckedFile(
  request: FastifyRequest,
  reply: FastifyReply,
  files: { storage: MediaStorage; trust: ProxyTrust | false },
  key: string,
  type: string,
  headers: Record<string, string>,
): Promise<FastifyReply> {
  if (!(files.storage instanceof LocalStorage) || !nginxSendsFiles(request, files.trust)) return sendStored(reply, files.storage, key, type, headers);
  if (!(await files.storage.exists(key))) throw new AppError('media_not_found');
  return reply
    .headers({ ...headers, 'X-Accel-Redirect': `${ACCEL_MEDIA_PREFIX}${key}` })
    .type(type)
    .send('');
}

/**
 * Sends a stored file as a stream from the media storage, whichever it is:
 * the portal streams a bucket's objects rather than redirecting to them, so
 * the bucket stays private and the address, headers and nginx's cache of
 * /media are the same on every storage.
 */
export async function sendStored(
  reply: FastifyReply,
  storage: MediaStorage,
  key: string,
  type: string,
  headers: Record<string, string>,
): Promise<FastifyReply> {
  const found = await storage.open(key);
  if (!found) throw new AppError('media_not_found');
  return reply
    .headers({ ...headers, 'Content-Length': String(found.size) })
    .type(type)
    .send(found.body);
}

/** A resident's private file, to staff only: always a download, never rendered in the page's origin, never cached. */
export function sendPrivateDownload(reply: FastifyReply, storage: MediaStorage, file: { key: string; name: string; mime: string }): Promise<FastifyReply> {
  return sendStored(reply, storage, file.key, file.mime, {
    'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
  });
}
