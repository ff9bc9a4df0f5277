import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FieldError } from '../../errors.ts';
import { addCategory, categoriesWithCounts, categoryDetail, moveCategory, updateCategory } from '../../services/category-service.ts';
import { addMenuItem, menuForEditing, moveMenuItem, removeMenuItem, updateMenuItem } from '../../services/site-shape/menu.ts';
import type { Direction } from '../../services/site-shape/ordering.ts';
import { formatNumber } from '../../text/format.ts';
import { type CategoryFormValues, categoriesPage, categoryEditPage, presentCategoryItem } from '../../views/admin/site-shape/categories.ts';
import { type MenuFormState, menuPage, presentMenu } from '../../views/admin/site-shape/menu.ts';
import { parse } from '../schemas.ts';
import { adminContext, formText } from './context.ts';
import { isValidation, sendHtml } from '../replies.ts';
import { authOf } from './guard.ts';

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const MoveParams = IdParams.extend({ huong: z.enum(['len', 'xuong']) });
const DIRECTIONS: Record<'len' | 'xuong', Direction> = { len: 'up', xuong: 'down' };
const CATEGORIES = '/quan-tri/cai-dat/chuyen-muc';
const MENU = '/quan-tri/cai-dat/danh-muc';

const blankCategory: CategoryFormValues = { name: '', slug: '', kind: 'news', hidden: false, in_menu: true };

function categoryForm(request: FastifyRequest): CategoryFormValues {
  const value = (name: string) => formText(request, name);
  return { name: value('name'), slug: value('slug'), kind: value('kind'), hidden: value('hidden') === '1', in_menu: value('in_menu') === '1' };
}

async function renderCategories(request: FastifyRequest, reply: FastifyReply, values = blankCategory, errors: FieldError[] = []) {
  const items = (await categoriesWithCounts(request.server.db, authOf(request).actor.siteId)).map(presentCategoryItem);
  return sendHtml(reply, categoriesPage(adminContext(request), { items, values, errors }), errors);
}

async function renderCategory(request: FastifyRequest, reply: FastifyReply, id: number, values: CategoryFormValues | null, errors: FieldError[] = []) {
  const { category, oldSlugs, articles } = await categoryDetail(request.server.db, authOf(request).actor.siteId, id);
  const saved = { name: category.name, slug: category.slug, kind: category.kind, hidden: category.hidden === 1, in_menu: false };
  const page = categoryEditPage(adminContext(request), {
    id,
    name: category.name,
    values: values ?? saved,
    errors,
    oldSlugs,
    articles: formatNumber(articles),
  });
  return sendHtml(reply, page, errors);
}

async function renderMenu(
  request: FastifyRequest,
  reply: FastifyReply,
  form: MenuFormState = { kind: null, values: {}, errors: [] },
  editing: Parameters<typeof menuPage>[1]['editing'] = null,
) {
  const data = await menuForEditing(request.server.db, authOf(request).actor.siteId);
  return sendHtml(reply, menuPage(adminContext(request), presentMenu(data, form, editing)), [...form.errors, ...(editing?.errors ?? [])]);
}

/** The site admin's categories (category.manage) and main menu (settings.manage), under Cài đặt. */
export function adminSiteShapeRoutes(app: FastifyInstance): void {
  app.get(CATEGORIES, { config: { access: 'category.manage' } }, (request, reply) => renderCategories(request, reply));

  app.post(CATEGORIES, { config: { access: 'category.manage' } }, async (request, reply) => {
    const { actor } = authOf(request);
    const values = categoryForm(request);
    try {
      await addCategory(
        app.db,
        actor.siteId,
        { name: values.name, slug: values.slug || undefined, kind: values.kind as 'news', inMenu: values.in_menu },
        actor,
      );
    } catch (error) {
      if (!isValidation(error)) throw error;
      return renderCategories(request, reply, values, error.fields);
    }
    app.sites.clear();
    return reply.redirect(`${CATEGORIES}?ok=chuyen-muc`, 303);
  });

  app.get(`${CATEGORIES}/:id`, { config: { access: 'category.manage' } }, (request, reply) =>
    renderCategory(request, reply, parse(IdParams, request.params).id, null),
  );

  app.post(`${CATEGORIES}/:id`, { config: { access: 'category.manage' } }, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    const { actor } = authOf(request);
    const values = categoryForm(request);
    try {
      await updateCategory(app.db, actor.siteId, id, { name: values.name, slug: values.slug, kind: values.kind as 'news', hidden: values.hidden }, actor);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return renderCategory(request, reply, id, values, error.fields);
    }
    app.sites.clear();
    return reply.redirect(`${CATEGORIES}?ok=chuyen-muc`, 303);
  });

  app.post(`${CATEGORIES}/:id/:huong`, { config: { access: 'category.manage' } }, async (request, reply) => {
    const { id, huong } = parse(MoveParams, request.params);
    const { actor } = authOf(request);
    await moveCategory(app.db, actor.siteId, id, DIRECTIONS[huong], actor);
    app.sites.clear();
    return reply.redirect(CATEGORIES, 303);
  });

  app.get(MENU, { config: { access: 'settings.manage' } }, (request, reply) => renderMenu(request, reply));

  app.post(MENU, { config: { access: 'settings.manage' } }, async (request, reply) => {
    const { actor } = authOf(request);
    const kind = formText(request, 'kind');
    const values = {
      category_id: formText(request, 'category_id'),
      page: formText(request, 'page'),
      label: formText(request, 'label'),
      target: formText(request, 'target'),
    };
    try {
      await addMenuItem(
        app.db,
        actor.siteId,
        { kind, category_id: values.category_id, label: values.label, target: kind === 'page' ? values.page : values.target },
        actor,
      );
    } catch (error) {
      if (!isValidation(error)) throw error;
      const formKind = kind === 'category' || kind === 'page' || kind === 'link' ? kind : 'link';
      // The page form names its select "page": the service's "target".
      const errors = error.fields.map((f) => (formKind === 'page' && f.field === 'target' ? { ...f, field: 'page' } : f));
      return renderMenu(request, reply, { kind: formKind, values, errors });
    }
    app.sites.clear();
    return reply.redirect(`${MENU}?ok=danh-muc`, 303);
  });

  app.post(`${MENU}/:id`, { config: { access: 'settings.manage' } }, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    const { actor } = authOf(request);
    const values = { label: formText(request, 'label'), target: formText(request, 'target') };
    try {
      await updateMenuItem(app.db, actor.siteId, id, values, actor);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return renderMenu(request, reply, undefined, { id, values, errors: error.fields.map((f) => ({ ...f, field: `muc-${id}-${f.field}` })) });
    }
    app.sites.clear();
    return reply.redirect(`${MENU}?ok=danh-muc`, 303);
  });

  app.post(`${MENU}/:id/xoa`, { config: { access: 'settings.manage' } }, async (request, reply) => {
    const { actor } = authOf(request);
    await removeMenuItem(app.db, actor.siteId, parse(IdParams, request.params).id, actor);
    app.sites.clear();
    return reply.redirect(`${MENU}?ok=danh-muc`, 303);
  });

  app.post(`${MENU}/:id/:huong`, { config: { access: 'settings.manage' } }, async (request, reply) => {
    const { id, huong } = parse(MoveParams, request.params);
    const { actor } = authOf(request);
    await moveMenuItem(app.db, actor.siteId, id, DIRECTIONS[huong], actor);
    app.sites.clear();
    return reply.redirect(MENU, 303);
  });
}
