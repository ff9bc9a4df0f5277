import { html } from '../html.ts';

/** An item of a feed or sitemap, with absolute URLs. */
export interface FeedItem {
  title: string;
  url: string;
  summary: string;
  publishedAt: string;
  updatedAt: string;
  author: string;
  category: string;
}

export interface FeedView {
  title: string;
  description: string;
  siteUrl: string;
  selfUrl: string;
  updatedAt: string;
  items: FeedItem[];
}

const rfc822 = (iso: string) => new Date(iso).toUTCString();

/** RSS 2.0 (the markup escaping of `html` is valid XML escaping). */
export function rssFeed(feed: FeedView): string {
  return html`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${feed.title}</title>
<link>${feed.siteUrl}</link>
<description>${feed.description}</description>
<language>vi</language>
<lastBuildDate>${rfc822(feed.updatedAt)}</lastBuildDate>
<atom:link href="${feed.selfUrl}" rel="self" type="application/rss+xml"/>
${feed.items.map(
  (item) => html`<item>
<title>${item.title}</title>
<link>${item.url}</link>
<guid isPermaLink="true">${item.url}</guid>
<description>${item.summary}</description>
<category>${item.category}</category>
<pubDate>${rfc822(item.publishedAt)}</pubDate>
</item>
`,
)}</channel>
</rss>
`.value;
}

/** Atom 1.0. */
export function atomFeed(feed: FeedView): string {
  return html`<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">
<title>${feed.title}</title>
<subtitle>${feed.description}</subtitle>
<id>${feed.selfUrl}</id>
<link rel="self" href="${feed.selfUrl}"/>
<link rel="alternate" type="text/html" href="${feed.siteUrl}"/>
<updated>${feed.updatedAt}</updated>
${feed.items.map(
  (item) => html`<entry>
<title>${item.title}</title>
<id>${item.url}</id>
<link rel="alternate" type="text/html" href="${item.url}"/>
<published>${item.publishedAt}</published>
<updated>${item.updatedAt}</updated>
<author><name>${item.author}</name></author>
<category term="${item.category}"/>
<summary>${item.summary}</summary>
</entry>
`,
)}</feed>
`.value;
}

/** The XML sitemap: every public page with its last change. */
export function xmlSitemap(entries: Array<{ url: string; lastmod: string }>): string {
  return html`<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${entries.map(
  (e) => html`<url><loc>${e.url}</loc><lastmod>${e.lastmod}</lastmod></url>
`,
)}</urlset>
`.value;
}
