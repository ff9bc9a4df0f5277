/**
 * Sends one image to the portal's upload endpoint and reads its JSON answer.
 */

/** The media record the server returns for an uploaded image. */
export interface UploadedMedia {
  id: number;
  url: string;
  alt: string;
  caption: string;
  width: number | null;
  height: number | null;
}

/** A failed upload: a message for the dialog and per-field messages when given. */
export interface UploadFailure {
  message: string;
  fields: Array<{ field: string; message: string }>;
}

export type UploadResult = { ok: true; media: UploadedMedia } | ({ ok: false } & UploadFailure);

/** The image types the portal accepts, as the file input's `accept` list. */
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];

/** Reads `{ error: { message, fields } }` from a response body, whatever shape it has. */
export function readError(body: unknown, status: number): UploadFailure {
  const error = (body as { error?: { message?: unknown; fields?: unknown } } | null)?.error;
  const message = typeof error?.message === 'string' && error.message ? error.message : `Máy chủ trả lời lỗi ${status}.`;
  const fields = Array.isArray(error?.fields)
    ? error.fields
        .filter((f): f is { field: string; message: string } => typeof f?.field === 'string' && typeof f?.message === 'string')
        .map((f) => ({ field: f.field, message: f.message }))
    : [];
  return { message, fields };
}

/** Parses a response's JSON body, or returns null when it has none. */
export async function jsonOrNull(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/**
 * POSTs multipart/form-data (file, alt, caption) with the CSRF header and
 * resolves to the uploaded media or a displayable failure. Never rejects.
 */
export async function uploadImage(url: string, csrfToken: string, file: File, alt: string, caption: string): Promise<UploadResult> {
  const body = new FormData();
  body.append('file', file, file.name);
  body.append('alt', alt);
  body.append('caption', caption);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: { 'x-csrf-token': csrfToken, accept: 'application/json' },
    });
  } catch {
    return { ok: false, message: 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.', fields: [] };
  }
  const json = await jsonOrNull(response);
  const media = (json as { media?: Partial<UploadedMedia> } | null)?.media;
  if (!response.ok || !media || typeof media.url !== 'string') {
    return { ok: false, ...readError(json, response.status) };
  }
  return {
    ok: true,
    media: {
      id: Number(media.id),
      url: media.url,
      alt: typeof media.alt === 'string' ? media.alt : alt,
      caption: typeof media.caption === 'string' ? media.caption : caption,
      width: typeof media.width === 'number' && media.width > 0 ? media.width : null,
      height: typeof media.height === 'number' && media.height > 0 ? media.height : null,
    },
  };
}
