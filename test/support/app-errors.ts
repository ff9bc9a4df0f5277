import { AppError } from '../../src/errors.ts';

/** A check for assert.rejects: the error is an AppError with this code (and, when named, an error on this field). */
export const isCode = (code: string, field?: string) => (error: unknown) =>
  error instanceof AppError && error.code === code && (field === undefined || error.fields.some((f) => f.field === field));
