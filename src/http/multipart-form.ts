import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/** A file a form sent, buffered: its bytes and the name it was chosen under. */
export interface PostedFile {
  bytes: Buffer;
  name: string;
}

/** A posted form: every value of each field (ticked lists repeat a name), its files, and why a file was refused, if one was. */
export interface PostedForm {
  fields: Record<string, string[]>;
  files: PostedFile[];
  fileError: AppError | null;
}

const tooLarge = (fileSize: number) =>
  new AppError('payload_too_large', 'Tệp quá lớn.', [{ field: 'files', message: `mỗi tệp tối đa ${fileSize / 1024 / 1024} MB` }]);

/**
 * Reads a form, urlencoded or multipart with up to `maxFiles` buffered files
 * of `fileSize` bytes each. Text fields are read even when a file is
 * refused, so the form can say why and keep what was typed.
 */
export async function readPostedForm(
  request: FastifyRequest,
  limits: { maxFiles: number; fileSize: number; fields: number; fieldSize: number },
): Promise<PostedForm> {
  const fields: Record<string, string[]> = {};
  const add = (name: string, value: unknown) => {
    if (typeof value === 'string') (fields[name] ??= []).push(value);
  };
  if (!request.isMultipart()) {
    for (const [name, value] of Object.entries((request.body ?? {}) as Record<string, unknown>)) for (const v of [value].flat()) add(name, v);
    return { fields, files: [], fileError: null };
  }
  const files: PostedFile[] = [];
  let fileError: AppError | null = null;
  try {
    const options = { limits: { fileSize: limits.fileSize, files: limits.maxFiles, fields: limits.fields, fieldSize: limits.fieldSize } };
    for await (const part of request.parts(options)) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        // A file input left empty still sends a part, with no name and no bytes.
        if (!part.filename && bytes.length === 0) continue;
        if (part.file.truncated) fileError = tooLarge(limits.fileSize);
        files.push({ bytes, name: part.filename });
      } else {
        add(part.fieldname, part.value);
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT')
      fileError = new AppError('validation_failed', 'Quá nhiều tệp.', [{ field: 'files', message: `chỉ gửi được tối đa ${limits.maxFiles} tệp` }]);
    else if (code === 'FST_REQ_FILE_TOO_LARGE') fileError = tooLarge(limits.fileSize);
    else throw error;
  }
  return { fields, files, fileError };
}
