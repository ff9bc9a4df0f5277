import type { FastifyReply } from 'fastify';
import { AppError, type FieldError } from '../errors.ts';

/** Sends a newsroom page: with field errors it says 400, otherwise the status given (200). */
export function sendHtml(reply: FastifyReply, page: string, status: number | FieldError[] = 200) {
  const code = typeof status === 'number' ? status : status.length ? 400 : 200;
  return reply.code(code).type('text/html; charset=utf-8').send(page);
}

/** Whether an error is bad input, which the form shows beside its fields. */
export function isValidation(error: unknown): error is AppError {
  return error instanceof AppError && error.code === 'validation_failed';
}

/** Whether an error is a refusal a page shows where the person is looking: bad input, a role that may not, a state that does not allow it. */
export function isRefusal(error: unknown): error is AppError {
  return isFormError(error) || (error instanceof AppError && (error.code === 'forbidden' || error.code === 'invalid_transition'));
}

/** An error the form shows beside its fields, keeping what was typed: bad input, or someone else's save in between. */
export function isFormError(error: unknown): error is AppError {
  return isValidation(error) || (error instanceof AppError && error.code === 'edit_conflict');
}

/** A refusal as field errors: its own, or its message under `action` (the workflow's buttons). */
export function refusalFields(error: AppError): FieldError[] {
  return error.fields.length ? error.fields : [{ field: 'action', message: error.message }];
}

/** The posted form as plain fields, for services that parse it themselves. */
export function formOf(body: unknown): Record<string, unknown> {
  return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
}

/** A posted form's string fields only (a ticked list, or a file, is left out). */
export function formStrings(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(formOf(body))) if (typeof v === 'string') values[k] = v;
  return values;
}
