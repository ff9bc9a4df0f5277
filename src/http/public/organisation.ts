import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { pagesWithContent, readOrganisation } from '../../services/organisation/organisation-service.ts';
import { aboutTag, pageKindOf } from '../../services/organisation/page-kinds.ts';
import { organisationIndexPage, organisationPage } from '../../views/pages/organisation.ts';
import { englishContactPage, englishHomePage, englishLeadersPage } from '../../views/pages/english.ts';
import { englishAuthority, presentEnglishSections, presentOrganisationPage, presentPageLinks, presentPerson } from '../../views/organisation-presenters.ts';
import { sendHtml } from '../replies.ts';
import { parse } from '../schemas.ts';
import { siteOf } from '../site-context.ts';
import { publicPageContext } from './downtime.ts';

const KindParams = z.object({ kind: z.string().min(1).max(100) });

/** GET /gioi-thieu, /gioi-thieu/<kind> and the English pages /en, /en/leaders, /en/contact; all cached under the site's about tag. */
export function organisationPublicRoutes(app: FastifyInstance): void {
  app.get('/gioi-thieu', { config: { cache: true } }, async (request, reply) => {
    const site = siteOf(request);
    const content = await readOrganisation(app.db, site.id);
    request.cacheTags = [aboutTag(site.id)];
    const links = presentPageLinks(pagesWithContent(content).map((k) => k.slug));
    const spokesperson = content.spokesperson.map((p) => presentPerson(p, content.media));
    return sendHtml(reply, organisationIndexPage(publicPageContext(request), { links, spokesperson }));
  });

  app.get('/gioi-thieu/:kind', { config: { cache: true } }, async (request, reply) => {
    const kind = pageKindOf(parse(KindParams, request.params).kind);
    if (!kind) throw new AppError('not_found');
    const site = siteOf(request);
    const content = await readOrganisation(app.db, site.id);
    request.cacheTags = [aboutTag(site.id)];
    const links = presentPageLinks(pagesWithContent(content).map((k) => k.slug));
    return sendHtml(reply, organisationPage(publicPageContext(request), { page: presentOrganisationPage(kind, content), links }));
  });

  app.get('/en', { config: { cache: true } }, async (request, reply) => {
    const site = siteOf(request);
    const content = await readOrganisation(app.db, site.id);
    request.cacheTags = [aboutTag(site.id)];
    return sendHtml(reply, englishHomePage(publicPageContext(request), englishAuthority(site), presentEnglishSections(content)));
  });

  app.get('/en/leaders', { config: { cache: true } }, async (request, reply) => {
    const site = siteOf(request);
    const content = await readOrganisation(app.db, site.id);
    request.cacheTags = [aboutTag(site.id)];
    return sendHtml(
      reply,
      englishLeadersPage(
        publicPageContext(request),
        englishAuthority(site),
        content.leaders.map((p) => presentPerson(p, content.media, 'en')),
      ),
    );
  });

  app.get('/en/contact', { config: { cache: true } }, async (request, reply) => {
    const site = siteOf(request);
    const content = await readOrganisation(app.db, site.id);
    request.cacheTags = [aboutTag(site.id)];
    return sendHtml(
      reply,
      englishContactPage(
        publicPageContext(request),
        englishAuthority(site),
        content.focal.map((p) => presentPerson(p, content.media, 'en')),
        content.spokesperson.map((p) => presentPerson(p, content.media, 'en')),
      ),
    );
  });
}
