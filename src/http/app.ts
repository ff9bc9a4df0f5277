import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../config/config.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { adminAccountRoutes } from './admin/account-routes.ts';
import { adminArticleRoutes } from './admin/article-routes.ts';
import { adminWorkRoutes, registerWorkCounts } from './admin/work-routes.ts';
import { adminAuditRoutes } from './admin/audit-routes.ts';
import { registerAdminGuard } from './admin/guard.ts';
import { adminInvitationRoutes } from './admin/invitation-routes.ts';
import { MAX_UPLOAD_BYTES, adminMediaRoutes } from './admin/media-routes.ts';
import { adminMergeRoutes } from './admin/merge-routes.ts';
import { adminRedirectRoutes } from './admin/redirect-routes.ts';
import { adminRevisionRoutes } from './admin/revision-routes.ts';
import { sessionRoutes } from './admin/session-routes.ts';
import { adminFeaturedRoutes } from './admin/featured-routes.ts';
import { adminSettingsRoutes } from './admin/settings-routes.ts';
import { adminSearchAbbreviationRoutes } from './admin/search-abbreviation-routes.ts';
import { adminConformanceRoutes } from './admin/conformance-routes.ts';
import { adminProvinceNoticeRoutes } from './admin/province-notice-routes.ts';
import { adminSiteLookRoutes } from './admin/site-look-routes.ts';
import { adminSiteShapeRoutes } from './admin/site-shape-routes.ts';
import { adminUserRoutes } from './admin/user-routes.ts';
import { apiArticleRoutes } from './api/articles.ts';
import { healthRoutes } from './api/health.ts';
import type { MediaStorage } from '../services/storage/media-storage.ts';
import { openMediaStorage } from '../services/storage/open-storage.ts';
import { ASSETS_DIR, AssetBundle } from './assets.ts';
import { registerCompression } from './cache/compression.ts';
import { earlyServer } from './cache/early-server.ts';
import { registerPageCache } from './cache/plugin.ts';
import { registerErrorHandling } from './error-handler.ts';
import { registerRequestMetrics } from '../metrics/request-metrics.ts';
import { registerOldLinks } from './old-links.ts';
import { articleRoutes } from './public/articles.ts';
import { provinceNoticeRoutes } from './public/province-notices.ts';
import { categoryRoutes } from './public/categories.ts';
import { registerModules } from './modules/index.ts';
import { feedRoutes } from './public/feeds.ts';
import { homeRoutes } from './public/home.ts';
import { mediaRoutes } from './public/media.ts';
import { previewRoutes } from './public/previews.ts';
import { searchRoutes } from './public/search.ts';
import { provinceRoutes } from './public/province.ts';
import { PORTAL_SECURITY_HEADERS, applySecurityHeaders, proxyAddsSecurityHeaders } from './security-headers.ts';
import { compileProxyTrust } from './proxy-trust.ts';
import { registerInputCleaning } from './schemas.ts';
import { SiteContextLoader } from './site-context.ts';
import { registerViewCounting } from './view-counting.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>;
    sites: SiteContextLoader;
  }
}

/** What the web app is built from. */
export interface AppOptions {
  db: Kysely<Database>;
  /** trustProxy: the configured proxies; false (tests) trusts none. */
  config: Pick<Config, 'mediaDir' | 'logLevel'> &
    Partial<Pick<Config, 'cacheBytes' | 'dataDir' | 'database' | 'mediaStorage'>> & { trustProxy: Config['trustProxy'] | false };
  /** The media storage; by default the one the configuration names (the folder mediaDir when it names none). */
  media?: MediaStorage;
  /** Page-cache hits answered by the server's listener, before Fastify (default); false: through Fastify's hooks. */
  earlyCacheHits?: boolean;
  /** Records the request and page-cache metrics (XAPHUONG_METRICS_PORT set). */
  metrics?: boolean;
}

/** Paths served before, and without, a site: health checks and static assets. */
const SITELESS = /^\/(healthz|readyz|assets\/)/;

/** Builds the portal's web app: public site, public API, health check and the newsroom (/quan-tri). */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const server = earlyServer();
  const proxies = options.config.trustProxy;
  const trust = proxies && proxies.length ? compileProxyTrust(proxies) : false;
  const app = Fastify({
    serverFactory: server.serverFactory,
    logger: options.config.logLevel === 'silent' ? false : { level: options.config.logLevel },
    trustProxy: trust,
    genReqId: () => randomUUID(),
    routerOptions: { ignoreTrailingSlash: true },
    bodyLimit: 1024 * 1024,
  });
  app.decorate('db', options.db);
  app.decorate('sites', new SiteContextLoader(options.db));
  app.decorate('assets', new AssetBundle(ASSETS_DIR));
  app.decorateRequest('siteContext', null);

  // Helmet's headers, worked out once (security-headers.ts), unless the trusted proxy adds them itself.
  app.addHook('onRequest', (request, reply, done) => {
    if (!proxyAddsSecurityHeaders(request.raw, trust)) applySecurityHeaders(reply.raw, PORTAL_SECURITY_HEADERS);
    done();
  });
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 4 * 1024 * 1024 });
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
  registerErrorHandling(app);
  registerInputCleaning(app);
  registerAdminGuard(app);
  registerWorkCounts(app);

  app.addHook('onRequest', async (request) => {
    if (SITELESS.test(request.url)) return;
    request.siteContext = await app.sites.load(request.headers.host);
    if (!request.siteContext) throw new AppError('site_not_found');
  });
  registerOldLinks(app);

  // After site resolution: the cache needs the site, and serves hits before any route runs.
  const views = registerViewCounting(app, options.db);
  const cacheAnswered = options.metrics ? registerRequestMetrics(app) : null;
  const pageCache = registerPageCache(app, options.db, {
    maxBytes: options.config.cacheBytes ?? 64 * 1024 * 1024,
    trust,
    // A hit on an article's page is a view of it, as its rendering is.
    onHit: (siteId, page, answer) => {
      if (page.articleId !== null) views.add(siteId, page.articleId);
      if (answer) cacheAnswered?.(answer.method, answer.status, answer.seconds);
    },
  });
  if (options.earlyCacheHits !== false) server.install(pageCache.earlyResponder);
  // After the page cache, which compresses its own pages: everything else it does not keep.
  registerCompression(app);

  app.get('/assets/:file', async (request, reply) => {
    const asset = app.assets.get((request.params as { file: string }).file);
    if (!asset) throw new AppError('not_found');
    return reply.header('Cache-Control', 'public, max-age=31536000, immutable').type(asset.type).send(asset.body);
  });

  const { mediaDir, dataDir, database } = options.config;
  const storage = options.media ?? openMediaStorage(options.config.mediaStorage ?? { kind: 'local', dir: mediaDir });
  if (!options.media) app.addHook('onClose', () => storage.close());
  healthRoutes(app, { mediaDir, dataDir: dataDir ?? mediaDir, sqliteFile: database?.kind === 'sqlite' ? database.file : null }, storage);
  homeRoutes(app);
  categoryRoutes(app);
  articleRoutes(app);
  provinceNoticeRoutes(app, storage, trust);
  previewRoutes(app);
  searchRoutes(app);
  provinceRoutes(app);
  feedRoutes(app);
  mediaRoutes(app, storage, trust);
  apiArticleRoutes(app);
  sessionRoutes(app);
  adminArticleRoutes(app);
  adminWorkRoutes(app);
  adminRevisionRoutes(app);
  adminMediaRoutes(app, storage);
  adminUserRoutes(app);
  adminInvitationRoutes(app);
  adminAccountRoutes(app);
  adminAuditRoutes(app);
  adminSettingsRoutes(app);
  adminSearchAbbreviationRoutes(app);
  adminConformanceRoutes(app);
  adminProvinceNoticeRoutes(app, storage);
  adminSiteShapeRoutes(app);
  adminSiteLookRoutes(app, storage);
  adminFeaturedRoutes(app);
  adminRedirectRoutes(app);
  adminMergeRoutes(app, storage);
  registerModules(app, { media: storage });
  return app;
}
