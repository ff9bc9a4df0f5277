import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, type FieldError } from '../../errors.ts';
import { COMMENT_FORM, MAX_COMMENT_FILES, submitComment } from '../../services/consultations/consultation-comments.ts';
import { closedMessage, consultationPaths } from '../../services/consultations/consultation-phase.ts';
import { readConsultation, readConsultationList } from '../../services/consultations/consultation-reader.ts';
import { HONEYPOT_FIELD, checkFormToken, checkHoneypot, issueFormToken } from '../../services/questions/form-guard.ts';
import { formatDate, formatNumber } from '../../text/format.ts';
import {
  presentConsultationCard,
  presentConsultationSections,
  presentDocumentLink,
  presentFileLink,
  presentPublicComment,
} from '../../views/consultation-presenters.ts';
import { type CommentFormValues, consultationDetailPage, consultationListPage } from '../../views/pages/consultations.ts';
import { FEED_SIZE } from '../../services/feed-reader.ts';
import { rssFeed } from '../../views/pages/feeds.ts';
import { parse } from '../schemas.ts';
import { pageContext, siteOf } from '../site-context.ts';
import { readPublicForm } from './questions.ts';
import type { MediaStorage } from '../../services/storage/media-storage.ts';

const RefParams = z.object({ ref: z.string().regex(/^[1-9]\d{0,9}(-[a-z0-9-]*)?$/, 'địa chỉ dự thảo không hợp lệ') });
const PageQuery = z.object({
  trang: z.coerce.number({ message: 'phải là số' }).int('phải là số nguyên').min(1, 'nhỏ nhất là 1').max(100_000, 'quá lớn').default(1),
  'da-gui': z.string().optional(),
});
const EMPTY: CommentFormValues = { name: '', phone: '', email: '', content: '', show_name: false };

const valuesOf = (f: Record<string, string>): CommentFormValues => ({
  name: f.name ?? '',
  phone: f.phone ?? '',
  email: f.email ?? '',
  content: f.content ?? '',
  show_name: f.show_name === '1' || f.show_name === 'on',
});

/**
 * Public Lấy ý kiến dự thảo pages: the list, each consultation with its form
 * while open, and the form's post. None is cached: what they show turns with
 * the day (open, days left) and the form carries a fresh token.
 */
export function publicConsultationRoutes(app: FastifyInstance, storage: MediaStorage | undefined): void {
  const renderPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    form: { values: CommentFormValues; errors: FieldError[]; sent?: boolean },
    status = 200,
  ) => {
    const site = siteOf(request);
    const { trang } = parse(PageQuery, request.query);
    const found = await readConsultation(app.db, site.id, id, trang);
    const c = found.consultation;
    // One address per consultation: an old or shortened slug moves to the current one.
    if (request.method === 'GET' && request.url.split('?')[0] !== consultationPaths.detail(c)) return reply.redirect(consultationPaths.detail(c), 301);
    const open = found.phase === 'open';
    const page = consultationDetailPage(pageContext(request), {
      card: presentConsultationCard(c, found.received),
      bodyHtml: c.body_html,
      document: found.document && presentDocumentLink(found.document),
      file: found.file && presentFileLink(found.file),
      comments: found.comments.map(presentPublicComment),
      pagination: found.pagination,
      tally: `Đã nhận ${formatNumber(found.received)} góp ý, công khai ${formatNumber(found.pagination.total)}.`,
      closedNote: closedMessage(c, found.phase),
      form: open
        ? {
            action: consultationPaths.comment(c),
            ...form,
            sent: form.sent ?? false,
            token: await issueFormToken(app.db, site.id, Date.now(), COMMENT_FORM),
            acceptsFiles: storage !== undefined,
          }
        : null,
      summary:
        found.phase === 'summarised'
          ? { html: c.summary_html, file: found.summaryFile && presentFileLink(found.summaryFile), date: formatDate(c.summary_published_at!) }
          : null,
    });
    return reply.code(status).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(page);
  };

  app.get('/lay-y-kien', async (request, reply) => {
    const listing = await readConsultationList(app.db, siteOf(request).id);
    return reply
      .header('Cache-Control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(consultationListPage(pageContext(request), { sections: presentConsultationSections(listing) }));
  });

  app.get('/lay-y-kien/rss.xml', async (request, reply) => {
    const site = siteOf(request);
    const listing = await readConsultationList(app.db, site.id);
    const base = `${request.protocol}://${request.host}`;
    const all = [...listing.open, ...listing.upcoming, ...listing.closed, ...listing.summarised].sort((a, b) =>
      (b.published_at ?? '').localeCompare(a.published_at ?? ''),
    );
    const feed = rssFeed({
      title: `Lấy ý kiến dự thảo – ${pageContext(request).site.authority}`,
      description: `Dự thảo văn bản, chính sách của ${pageContext(request).site.authority} lấy ý kiến người dân.`,
      siteUrl: `${base}${consultationPaths.index()}`,
      selfUrl: `${base}${consultationPaths.rss()}`,
      updatedAt: all.reduce((max, c) => (c.updated_at > max ? c.updated_at : max), new Date(0).toISOString()),
      items: all.slice(0, FEED_SIZE).map((c) => {
        const card = presentConsultationCard(c, c.comment_count);
        return {
          title: c.title,
          url: `${base}${card.url}`,
          summary: `${card.phaseName}. ${card.period}.${card.left ? ` ${card.left}.` : ''}`,
          publishedAt: c.published_at ?? c.updated_at,
          updatedAt: c.updated_at,
          author: pageContext(request).site.authority,
          category: 'Lấy ý kiến dự thảo',
        };
      }),
    });
    return reply.header('Cache-Control', 'public, max-age=600').type('application/rss+xml; charset=utf-8').send(feed);
  });

  app.get('/lay-y-kien/:ref', async (request, reply) => {
    const id = Number.parseInt(parse(RefParams, request.params).ref, 10);
    return renderPage(request, reply, id, { values: EMPTY, errors: [], sent: parse(PageQuery, request.query)['da-gui'] === '1' });
  });

  app.post('/lay-y-kien/:ref/gop-y', async (request, reply) => {
    const site = siteOf(request);
    const id = Number.parseInt(parse(RefParams, request.params).ref, 10);
    const { fields, files, fileError } = await readPublicForm(request, MAX_COMMENT_FILES);
    const values = valuesOf(fields);
    try {
      checkHoneypot(fields[HONEYPOT_FIELD]);
      await checkFormToken(app.db, site.id, fields.form_token ?? '', Date.now(), COMMENT_FORM);
      if (fileError) throw fileError;
      await submitComment(app.db, site.id, id, fields, { ip: request.ip, files, media: storage });
      const found = await readConsultation(app.db, site.id, id);
      return reply.redirect(`${consultationPaths.detail(found.consultation)}?da-gui=1#gop-y`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || error.code === 'not_found') throw error;
      const errors = error.fields.length ? error.fields : [{ field: 'form_token', message: error.message }];
      return renderPage(request, reply, id, { values, errors }, error.status);
    }
  });
}
