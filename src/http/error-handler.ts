import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { failureLogger, storageFailure } from '../db/failures.ts';
import { AppError } from '../errors.ts';
import { adminErrorPage } from '../views/admin/layout.ts';
import { bareErrorPage, errorPage, errorTitle } from '../views/pages/error.ts';
import { adminContext } from './admin/context.ts';
import { movedLocation } from './old-links.ts';
import { pageContext } from './site-context.ts';

/** JSON for the API and for clients that ask for it; HTML pages for people. */
function wantsJson(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return true;
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

/** Turns any thrown value into an AppError; the database or data folder failing is a 503; unknown errors become `internal`. */
function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const failure = storageFailure(error);
  if (failure) return new AppError(failure.code);
  const fe = error as FastifyError;
  if (fe?.statusCode === 429) return new AppError('rate_limited');
  if (fe?.statusCode === 413) return new AppError('payload_too_large');
  if (fe?.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    // Fastify's own client errors (bad JSON, body too large…) keep their status with a Vietnamese message.
    const code = fe.statusCode === 404 ? 'not_found' : 'validation_failed';
    return new AppError(code);
  }
  return new AppError('internal');
}

function send(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  const requestId = error.status >= 500 && error.retryAfter === null ? String(request.id) : undefined;
  reply.code(error.status);
  if (error.retryAfter !== null) reply.header('Retry-After', String(error.retryAfter));
  if (wantsJson(request)) {
    return reply.send({
      error: {
        code: error.code,
        message: error.message,
        ...(error.fields.length ? { fields: error.fields } : {}),
        ...(requestId ? { request_id: requestId } : {}),
      },
    });
  }
  const view = { status: error.status, message: error.message, ...(requestId ? { requestId } : {}) };
  if (request.siteContext && request.url.startsWith('/quan-tri') && error.code !== 'site_not_found') {
    const page = adminErrorPage(adminContext(request), { title: errorTitle(error.status), message: error.message, requestId });
    return reply.type('text/html; charset=utf-8').send(page);
  }
  const ctx = request.siteContext ? pageContext(request) : null;
  return reply.type('text/html; charset=utf-8').send(ctx ? errorPage(ctx, view) : bareErrorPage(view));
}

/** The one error handler: stable codes, Vietnamese messages, stacks only in the log. */
export function registerErrorHandling(app: FastifyInstance): void {
  const logFailure = failureLogger(app.log);
  app.setErrorHandler(async (error, request, reply) => {
    const appError = toAppError(error);
    if (appError.retryAfter !== null && !(error instanceof AppError)) logFailure('yêu cầu không được phục vụ', error);
    else if (appError.status >= 500) request.log.error({ err: error }, 'lỗi không lường trước');
    // An old address (imported site, merged commune) answers 301 instead of 404.
    const moved = await movedLocation(request, appError);
    return moved ? reply.redirect(moved, 301) : send(request, reply, appError);
  });
  app.setNotFoundHandler(async (request, reply) => {
    const notFound = new AppError('not_found');
    const moved = await movedLocation(request, notFound);
    return moved ? reply.redirect(moved, 301) : send(request, reply, notFound);
  });
}
