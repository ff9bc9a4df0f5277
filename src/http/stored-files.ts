import type { FastifyReply } from 'fastify';
import { AppError } from '../errors.ts';
import type { MediaStorage } from '../services/storage/media-storage.ts';

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
