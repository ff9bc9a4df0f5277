import type { CommuneRow, FeedCursor, ProvinceFeedRow } from '../repositories/province-repository.ts';
import type { DirectoryEntry } from '../services/province/province-directory.ts';
import { formatDate } from '../text/format.ts';
import { paths } from '../paths.ts';

/** Public paths of a province portal's own pages. */
export const provincePaths = {
  feed: () => '/tin-xa-phuong',
  directory: () => '/xa-phuong',
};

/** A commune as the province's pages name and link it. */
export interface CommuneView {
  id: number;
  name: string;
  /** The commune's home page on its own host; null for a commune without a host. */
  url: string | null;
}

/**
 * Where the province's links to its communes go: each commune's primary host,
 * by the scheme and port the resident came by (every site is served by the
 * same nodes).
 */
export interface CommuneLinks {
  protocol: string;
  /** ":3000" when the request named a port, else empty. */
  port: string;
}

/** The links of a request to a province portal, from its scheme and Host header. */
export function communeLinks(protocol: string, host: string): CommuneLinks {
  const port = /:(\d+)$/.exec(host)?.[0] ?? '';
  return { protocol, port };
}

const originOf = (commune: Pick<CommuneRow, 'primary_host'>, links: CommuneLinks) =>
  commune.primary_host ? `${links.protocol}://${commune.primary_host}${links.port}` : null;

/** A commune's name and home link. */
export function presentCommune(commune: CommuneRow, links: CommuneLinks): CommuneView {
  const origin = originOf(commune, links);
  return { id: commune.id, name: commune.name, url: origin ? `${origin}/` : null };
}

/** A path of a commune's site as an address on its own host (the path alone without a host). */
export function communeUrl(commune: CommuneRow | null, path: string, links: CommuneLinks): string {
  return `${(commune && originOf(commune, links)) ?? ''}${path}`;
}

/** An article of a commune, labelled with the commune, linking to its page on the commune's own host. */
export interface FeedItemView {
  title: string;
  url: string;
  date: string;
  isoDate: string;
  summary: string;
  kindName: string;
  commune: CommuneView;
  isDemo: boolean;
}

/** Rows of a province list: each names its commune and links to the commune's own page of it. */
export function presentFeed(rows: ProvinceFeedRow[], communes: CommuneRow[], links: CommuneLinks): FeedItemView[] {
  const byId = new Map(communes.map((c) => [c.id, c]));
  return rows.flatMap((row) => {
    const commune = byId.get(row.site_id);
    if (!commune) return [];
    const published = row.published_at ?? row.created_at;
    return [
      {
        title: row.title,
        url: communeUrl(commune, paths.article(row.slug), links),
        date: formatDate(published),
        isoDate: published,
        summary: row.summary,
        kindName: row.category_name,
        commune: presentCommune(commune, links),
        isDemo: row.is_demo === 1,
      },
    ];
  });
}

/** A cursor as the feed's address carries it ("sau"): the date and the id of the last item shown. */
export const cursorParam = (cursor: FeedCursor): string => `${cursor.publishedAt}_${cursor.id}`;

/** A leader as the directory lists them. */
export interface LeaderView {
  name: string;
  title: string;
  phone: string;
  email: string;
}

/** A commune's card in the directory. */
export interface DirectoryView {
  commune: CommuneView;
  host: string | null;
  address: string;
  phone: string;
  email: string;
  responsible: string;
  leaders: LeaderView[];
}

/** The directory's cards. */
export function presentDirectory(entries: DirectoryEntry[], links: CommuneLinks): DirectoryView[] {
  return entries.map(({ commune, leaders }) => ({
    commune: presentCommune(commune, links),
    host: commune.primary_host,
    address: commune.address,
    phone: commune.phone,
    email: commune.email,
    responsible: [commune.responsible_person, commune.responsible_title].filter(Boolean).join(', '),
    leaders: leaders.map((p) => ({ name: p.name, title: p.job_title, phone: p.phone, email: p.email })),
  }));
}
