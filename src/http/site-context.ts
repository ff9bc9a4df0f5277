import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { CategoryRow, Database, SiteRow } from '../db/schema.ts';
import { CategoryRepository } from '../repositories/category-repository.ts';
import { SiteResolver } from '../services/site-service.ts';
import type { PageContext } from '../views/layout.ts';
import { presentSite } from '../views/presenters.ts';
import { paths } from '../paths.ts';
import type { AssetBundle } from './assets.ts';

/** The site a request is for, and what every page of it shows. */
export interface SiteContext {
  site: SiteRow;
  categories: CategoryRow[];
}

declare module 'fastify' {
  interface FastifyRequest {
    siteContext: SiteContext | null;
  }
  interface FastifyInstance {
    assets: AssetBundle;
  }
}

/** Finds the site and its menu for a Host header, cached briefly like the site itself. */
export class SiteContextLoader {
  private readonly resolver: SiteResolver;
  private readonly menus = new Map<number, { categories: CategoryRow[]; until: number }>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly ttlMs = 10_000,
  ) {
    this.resolver = new SiteResolver(db, ttlMs);
  }

  async load(host: string | undefined): Promise<SiteContext | null> {
    const site = await this.resolver.resolve(host);
    if (!site) return null;
    const now = Date.now();
    let menu = this.menus.get(site.id);
    if (!menu || menu.until <= now) {
      menu = { categories: await new CategoryRepository(this.db, site.id).list(), until: now + this.ttlMs };
      this.menus.set(site.id, menu);
    }
    return { site, categories: menu.categories };
  }

  /** Forgets cached sites and menus after they change. */
  clear(): void {
    this.resolver.clear();
    this.menus.clear();
  }
}

/** The site of a request that passed site resolution. */
export function siteOf(request: FastifyRequest): SiteRow {
  if (!request.siteContext) throw new Error('Yêu cầu chưa được gắn với cổng nào');
  return request.siteContext.site;
}

/** What the layout needs from the request. */
export function pageContext(request: FastifyRequest): PageContext {
  const ctx = request.siteContext;
  if (!ctx) throw new Error('Yêu cầu chưa được gắn với cổng nào');
  const assets = request.server.assets;
  return {
    site: presentSite(ctx.site),
    nav: ctx.categories.map((c) => ({ name: c.name, url: paths.category(c.slug) })),
    assets: { css: assets.url('site.css'), js: assets.url('site.js'), icon: assets.url('emblem.svg'), modulesCss: assets.url('modules.css') },
    origin: `${request.protocol}://${request.host}`,
    path: request.url.split('?')[0] ?? '/',
    notices: request.downtimeNotices ?? [],
  };
}
