import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FieldError } from '../../errors.ts';
import { FeaturedRepository } from '../../repositories/featured-repository.ts';
import { FEATURED_SHOWN, readHome } from '../../services/article-reader.ts';
import { defaultFeatureDay, markFeatured, unmarkFeatured } from '../../services/site-shape/featured.ts';
import { STATUS_NAMES } from '../../services/review/rules.ts';
import { formatDate } from '../../text/format.ts';
import { featuredPage } from '../../views/admin/site-shape/featured.ts';
import { paths } from '../../paths.ts';
import { parse } from '../schemas.ts';
import { siteOf } from '../site-context.ts';
import { adminContext, formText, isValidationError, sendAdminPage } from './context.ts';
import { authOf } from './guard.ts';

const FEATURED = '/quan-tri/tin-noi-bat';
const IdParams = z.object({ id: z.coerce.number().int().positive() });
/** How many of the latest published articles the form offers. */
const CHOICES = 60;

/** The last day a mark lasts, as the list says it. */
function endOf(until: string | null): string {
  // The mark ends at midnight after its last day: the day before, in Vietnam, is the one to name.
  return until ? `đến hết ngày ${formatDate(new Date(Date.parse(until) - 1))}` : 'đến khi bỏ đánh dấu';
}

async function render(request: FastifyRequest, reply: FastifyReply, values?: { article_id: string; until: string }, errors: FieldError[] = []) {
  const site = siteOf(request);
  const now = new Date();
  const repo = new FeaturedRepository(request.server.db, site.id);
  const [marked, latest, home] = await Promise.all([
    repo.listMarked(),
    repo.latestPublished(now.toISOString(), CHOICES),
    readHome(request.server.db, site, now, { blocks: ['featured'] }),
  ]);
  const lead = home.featured[0];
  const shownIds = new Set(home.featured.map((a) => a.id));
  const items = marked.map((a) => ({
    id: a.id,
    title: a.title,
    url: a.status === 'published' ? paths.article(a.slug) : null,
    category: a.category_name,
    published: a.published_at ? formatDate(a.published_at) : '—',
    shows: shownIds.has(a.id),
    state:
      a.status !== 'published'
        ? `không hiện: bài đang ở trạng thái “${STATUS_NAMES[a.status]}”`
        : shownIds.has(a.id)
          ? endOf(a.featured_until)
          : 'không hiện: đã có đủ tin nổi bật mới hơn',
  }));
  const page = featuredPage(adminContext(request), {
    items,
    leading: lead
      ? {
          title: lead.title,
          url: paths.article(lead.slug),
          reason: lead.is_featured ? 'tin được đánh dấu nổi bật' : 'tin tức mới nhất, vì chưa có tin nào được đánh dấu',
        }
      : null,
    choices: latest.map((a) => ({ value: String(a.id), label: `${a.title} (${formatDate(a.published_at!)})${a.is_featured ? ' – đang nổi bật' : ''}` })),
    values: values ?? { article_id: '', until: defaultFeatureDay(now) },
    shown: FEATURED_SHOWN,
    errors,
  });
  return sendAdminPage(reply, page, errors);
}

/** "Tin nổi bật": approvers and site admins mark and unmark the articles the home page leads with (article.publish). */
export function adminFeaturedRoutes(app: FastifyInstance): void {
  app.get(FEATURED, { config: { access: 'article.publish' } }, (request, reply) => render(request, reply));

  app.post(FEATURED, { config: { access: 'article.publish' } }, async (request, reply) => {
    const { actor } = authOf(request);
    const values = { article_id: formText(request, 'article_id'), until: formText(request, 'until') };
    try {
      await markFeatured(app.db, actor.siteId, values, actor);
    } catch (error) {
      if (!isValidationError(error)) throw error;
      return render(request, reply, values, error.fields);
    }
    return reply.redirect(`${FEATURED}?ok=noi-bat`, 303);
  });

  app.post(`${FEATURED}/:id/bo`, { config: { access: 'article.publish' } }, async (request, reply) => {
    await unmarkFeatured(app.db, authOf(request).actor.siteId, parse(IdParams, request.params).id, authOf(request).actor);
    return reply.redirect(`${FEATURED}?ok=bo-noi-bat`, 303);
  });
}
