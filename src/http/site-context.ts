import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { CategoryRow, Database, MediaRow, SiteRow } from '../db/schema.ts';
import { CategoryRepository } from '../repositories/category-repository.ts';
import { MediaRepository } from '../repositories/media-repository.ts';
import { MenuRepository } from '../repositories/menu-repository.ts';
import { pageTags } from '../services/pages/page-changes.ts';
import { type MenuEntry, menuEntries } from '../services/site-shape/menu.ts';
import { SiteResolver } from '../services/site-service.ts';
import type { PageContext } from '../views/layout.ts';
import { presentSite } from '../views/presenters.ts';
import { presentLook, presentMenu } from '../views/site-shape-presenters.ts';
import type { AssetBundle } from './assets.ts';

/** The site a request is for, and what every page of it shows: menu, categories, logo and banner. */
export interface SiteContext {
  site: SiteRow;
  categories: CategoryRow[];
  menu: MenuEntry[];
  /** The site's logo and banner rows, when set. */
  images: { logo: MediaRow | null; banner: MediaRow | null };
}

declare module 'fastify' {
  interface FastifyRequest {
    siteContext: SiteContext | null;
  }
  interface FastifyInstance {
    assets: AssetBundle;
  }
}

interface Furniture {
  categories: CategoryRow[];
  menu: MenuEntry[];
  images: SiteContext['images'];
  /** The site row's image ids these images were read for. */
  imageIds: string;
  until: number;
}

/** Finds the site, its menu and images for a Host header, cached briefly like the site itself. */
export class SiteContextLoader {
  private readonly resolver: SiteResolver;
  private readonly furniture = new Map<number, Furniture>();

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
    const imageIds = `${site.logo_media_id}/${site.banner_media_id}`;
    let kept = this.furniture.get(site.id);
    if (!kept || kept.until <= now || kept.imageIds !== imageIds) {
      kept = { ...(await this.read(site)), imageIds, until: now + this.ttlMs };
      this.furniture.set(site.id, kept);
    }
    return { site, categories: kept.categories, menu: kept.menu, images: kept.images };
  }

  private async read(site: SiteRow): Promise<Pick<Furniture, 'categories' | 'menu' | 'images'>> {
    const ids = [site.logo_media_id, site.banner_media_id].filter((id): id is number => id !== null);
    const [categories, items, media] = await Promise.all([
      new CategoryRepository(this.db, site.id).list(),
      new MenuRepository(this.db, site.id).list(),
      new MediaRepository(this.db, site.id).findByIds(ids),
    ]);
    const image = (id: number | null) => media.find((m) => m.id === id && m.kind === 'image') ?? null;
    return { categories, menu: menuEntries(items, categories), images: { logo: image(site.logo_media_id), banner: image(site.banner_media_id) } };
  }

  /** Forgets cached sites and menus after they change. */
  clear(): void {
    this.resolver.clear();
    this.furniture.clear();
  }

  /** Forgets what page events say changed: a site's every page (`all`) means its row, menu, categories or images. */
  forget(tags: readonly string[]): void {
    if (!tags.some((tag) => tag.endsWith(':all'))) return;
    const stale = new Set(tags);
    for (const siteId of [...this.furniture.keys()]) if (stale.has(pageTags.all(siteId))) this.furniture.delete(siteId);
    // Site rows are kept by host name: forget them all, as rare as such changes are.
    this.resolver.clear();
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
    nav: presentMenu(ctx.menu),
    look: presentLook(ctx.site, ctx.images),
    assets: {
      css: assets.url('site.css'),
      js: assets.url('site.js'),
      icon: assets.url('emblem.svg'),
      modulesCss: assets.url('modules.css'),
      lookCss: assets.url('look.css'),
    },
    origin: `${request.protocol}://${request.host}`,
    path: request.url.split('?')[0] ?? '/',
    notices: request.downtimeNotices ?? [],
  };
}
