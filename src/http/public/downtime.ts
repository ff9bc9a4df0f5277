import type { FastifyInstance, FastifyRequest } from 'fastify';
import { currentDowntime } from '../../services/organisation/downtime.ts';
import { pageTags } from '../../services/pages/page-changes.ts';
import { formatDateTime } from '../../text/format.ts';
import type { DowntimeBannerView } from '../../views/components/downtime-banner.ts';
import type { PageContext } from '../../views/layout.ts';
import { pageContext } from '../site-context.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Planned downtime notices of the request's site, for the banner on public pages. */
    downtimeNotices: DowntimeBannerView[] | null;
  }
  interface FastifyInstance {
    downtimeBanners: DowntimeBanners;
  }
}

/** How long a process trusts what it read; also how late a banner may appear in another process, or leave after its end. */
const REFRESH_MS = 10_000;
const NOT_PAGES = /^\/(quan-tri|api|media|assets)(\/|$)/;

/**
 * Each site's downtime banner, kept per process like the menu so a page
 * render costs no query. A timer re-reads the sites it knows; when what a
 * site shows changed (a notice added elsewhere, or one that just ended), the
 * process drops that site's cached pages itself, so no page keeps a stale
 * banner (or lacks one) for longer than REFRESH_MS.
 */
export class DowntimeBanners {
  private readonly sites = new Map<number, { banner: DowntimeBannerView[]; key: string; until: number }>();

  constructor(private readonly app: FastifyInstance) {}

  /** The banner of a site, read again when older than REFRESH_MS. */
  async get(siteId: number): Promise<DowntimeBannerView[]> {
    const hit = this.sites.get(siteId);
    return hit && hit.until > Date.now() ? hit.banner : this.refresh(siteId);
  }

  /** Forgets a site after this process changed its notices; the command's page event drops its pages. */
  forget(siteId: number): void {
    this.sites.delete(siteId);
  }

  /** Re-reads every site this process has shown. */
  async refreshAll(): Promise<void> {
    for (const siteId of [...this.sites.keys()]) await this.refresh(siteId);
  }

  private async refresh(siteId: number): Promise<DowntimeBannerView[]> {
    const rows = await currentDowntime(this.app.db, siteId);
    const key = rows.map((r) => `${r.id}@${r.updated_at}`).join(',');
    const before = this.sites.get(siteId);
    const banner = rows.map((n) => ({ from: formatDateTime(n.starts_at), to: formatDateTime(n.ends_at), message: n.message }));
    this.sites.set(siteId, { banner, key, until: Date.now() + REFRESH_MS });
    if (before && before.key !== key) this.app.pageCache.invalidate([pageTags.all(siteId)]);
    return banner;
  }
}

/** Fills request.downtimeNotices for public pages the page cache did not answer (it answers first). */
export function downtimeNoticeHook(app: FastifyInstance): void {
  const banners = new DowntimeBanners(app);
  app.decorate('downtimeBanners', banners);
  app.decorateRequest('downtimeNotices', null);
  app.addHook('preHandler', async (request) => {
    if ((request.method !== 'GET' && request.method !== 'POST') || !request.siteContext || NOT_PAGES.test(request.url)) return;
    request.downtimeNotices = await banners.get(request.siteContext.site.id);
  });
  const timer = setInterval(() => void banners.refreshAll().catch((error) => app.log.error({ err: error }, 'không đọc được thông báo tạm dừng')), REFRESH_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}

/** pageContext() with the downtime banner filled in. */
export function publicPageContext(request: FastifyRequest): PageContext {
  return { ...pageContext(request), notices: request.downtimeNotices ?? [] };
}
