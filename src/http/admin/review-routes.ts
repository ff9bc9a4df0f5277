import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import type { FieldError } from '../../errors.ts';
import { transition } from '../../services/review/engine.ts';
import { itemHistory } from '../../services/review/history.ts';
import type { ReviewKind } from '../../services/review/kind.ts';
import type { Actor } from '../../services/permissions.ts';
import { type ReviewAction, type ReviewStatus, permissionFor } from '../../services/review/rules.ts';
import { presentRevisions } from '../../views/admin/presenters.ts';
import { ACTION_PATHS } from '../../views/admin/review-panel.ts';
import { revisionsPage } from '../../views/admin/revisions.ts';
import { parse } from '../schemas.ts';
import { adminContext } from './context.ts';
import { authOf } from './guard.ts';
import { formOf, isRefusal, refusalFields, sendHtml } from '../replies.ts';

/** The notice (?ok=) each action leads to; a publish that waits for its time says so. */
export function noticeOf(action: ReviewAction, status: ReviewStatus): string {
  if (action === 'publish' || action === 'force_publish') return status === 'scheduled' ? 'hen-gio' : 'xuat-ban';
  return { submit: 'gui-duyet', return: 'tra-lai', unpublish: 'go-bai', archive: 'luu-tru', trash: 'thung-rac', restore: 'khoi-phuc' }[action];
}

/** Which two revisions a history page compares. */
export const CompareQuery = z.object({ a: z.coerce.number().int().positive().optional(), b: z.coerce.number().int().positive().optional() });

const ActionBody = z.object({
  comment: z.string().max(10_000).optional(),
  reason: z.string().max(10_000).optional(),
});

/** How one kind's review actions are reached over HTTP. */
export interface ReviewRouteSpec {
  kind: ReviewKind;
  /** The item's URL pattern: '/quan-tri/van-ban/:id'. */
  base: string;
  /** The item's key from the request's params; throws not_found for one that cannot be. */
  key(request: FastifyRequest): string;
  /** Where a done action goes, with its notice. */
  done(key: string, notice: string, action: ReviewAction): string;
  /** Shows the item's page again with a refusal beside the buttons, in the refusal's status. */
  refused(request: FastifyRequest, reply: FastifyReply, key: string, errors: FieldError[], status: number): Promise<unknown>;
  /** One path that takes the action from the form's `action` field, instead of one path per action. */
  dispatch?: string;
  /** Path names that differ from ACTION_PATHS. */
  paths?: Partial<Record<ReviewAction, string>>;
  /** The part of the posted form an action saves first, when the kind can (kind.save); undefined to save nothing. */
  saves?(form: Record<string, unknown>): unknown;
  /**
   * The module's save of its content form, which the workflow buttons also
   * submit: run first, in the action's transaction, when the form holds
   * content (a form the person may not change posts none); a refusal of either undoes both.
   */
  saveFirst?: {
    holdsContent(form: Record<string, unknown>): boolean;
    save(db: Kysely<Database>, actor: Actor, key: string, form: Record<string, unknown>): Promise<unknown>;
  };
  /** The revision history page at `${base}/phien-ban`, for kinds that keep snapshots: its title and the way back. */
  history?: { title(request: FastifyRequest, key: string): Promise<string> | string; back(key: string): string; backLabel: string };
}

/**
 * Registers the review actions of a kind: each POST parses the item's key
 * and the form, runs the one engine's transition, and goes back to the item
 * with a notice, or shows its page again with the refusal. Each route
 * declares the permission its action needs; the engine checks the rest.
 */
export function registerReviewRoutes(
  app: FastifyInstance,
  spec: ReviewRouteSpec,
): { act(request: FastifyRequest, reply: FastifyReply, action: ReviewAction): Promise<unknown> } {
  const { kind } = spec;
  const run = async (request: FastifyRequest, reply: FastifyReply, action: ReviewAction) => {
    const key = spec.key(request);
    const form = formOf(request.body);
    const { comment, reason } = parse(ActionBody, form);
    try {
      const { actor } = authOf(request);
      const first = spec.saveFirst?.holdsContent(form) ? spec.saveFirst : undefined;
      const saveFirst = first && ((trx: Kysely<Database>) => first.save(trx, actor, key, form));
      const status = await transition(app.db, actor, kind, key, action, { comment, reason, options: form, save: spec.saves?.(form), saveFirst });
      return reply.redirect(spec.done(key, noticeOf(action, status), action), 303);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      return spec.refused(request, reply, key, refusalFields(error), error.status);
    }
  };
  if (spec.history) registerHistory(app, spec, spec.history);
  if (spec.dispatch) {
    const Dispatch = z.object({ action: z.enum(kind.actions as [ReviewAction, ...ReviewAction[]]) });
    const access = kind.permissions.editOwn ?? kind.permissions.edit;
    app.post(`${spec.base}/${spec.dispatch}`, { config: { access } }, (request, reply) => run(request, reply, parse(Dispatch, formOf(request.body)).action));
  } else {
    for (const action of kind.actions) {
      const path = spec.paths?.[action] ?? ACTION_PATHS[action];
      app.post(`${spec.base}/${path}`, { config: { access: permissionFor(kind, action) } }, (request, reply) => run(request, reply, action));
    }
  }
  return { act: run };
}

/** The history page of a snapshot kind's item: every save, and a word diff of any two. */
function registerHistory(app: FastifyInstance, spec: ReviewRouteSpec, page: NonNullable<ReviewRouteSpec['history']>): void {
  const { kind } = spec;
  app.get(`${spec.base}/phien-ban`, { config: { access: kind.permissions.viewAll ?? kind.permissions.edit } }, async (request, reply) => {
    const key = spec.key(request);
    const history = await itemHistory(app.db, authOf(request).actor, kind, key, parse(CompareQuery, request.query));
    const view = {
      articleId: 0,
      title: await page.title(request, key),
      ...presentRevisions(history),
      canRestore: false,
      paths: { base: request.url.split('?')[0]!, back: page.back(key), backLabel: page.backLabel },
    };
    return sendHtml(reply, revisionsPage(adminContext(request), view));
  });
}
