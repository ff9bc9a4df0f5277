/**
 * Builds WordPress exports (WXR) for the import tests, as WordPress's
 * wp-admin/includes/export.php writes them: CDATA for every text, the
 * wp/content/excerpt/dc namespaces of the chosen version.
 */
import fs from 'node:fs';
import sharp from 'sharp';

export interface WxrPost {
  id: number;
  title: string;
  content: string;
  type?: 'post' | 'page' | 'attachment' | 'nav_menu_item';
  status?: string;
  slug?: string;
  date?: string;
  modified?: string;
  creator?: string;
  excerpt?: string;
  categories?: Array<{ slug: string; name: string }>;
  tags?: Array<{ slug: string; name: string }>;
  attachmentUrl?: string;
  meta?: Record<string, string>;
  comments?: number;
  sticky?: boolean;
}

export interface WxrSite {
  version?: '1.1' | '1.2';
  base: string;
  title?: string;
  authors?: Array<{ login: string; email: string; name: string }>;
  categories?: Array<{ slug: string; name: string }>;
  tags?: Array<{ slug: string; name: string }>;
}

const cdata = (text: string) => `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

/** The channel's head, up to its first item. */
export function wxrHead(site: WxrSite): string {
  const v = site.version ?? '1.2';
  return `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/${v}/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/${v}/">
<channel>
  <title>${site.title ?? 'Phường cũ'}</title>
  <link>${site.base}</link>
  <description></description>
  <language>vi</language>
  <wp:wxr_version>${v}</wp:wxr_version>
  <wp:base_site_url>${site.base}</wp:base_site_url>
  <wp:base_blog_url>${site.base}</wp:base_blog_url>
${(site.authors ?? []).map((a, i) => `  <wp:author><wp:author_id>${i + 1}</wp:author_id><wp:author_login>${cdata(a.login)}</wp:author_login><wp:author_email>${cdata(a.email)}</wp:author_email><wp:author_display_name>${cdata(a.name)}</wp:author_display_name><wp:author_first_name>${cdata('')}</wp:author_first_name><wp:author_last_name>${cdata('')}</wp:author_last_name></wp:author>`).join('\n')}
${(site.categories ?? []).map((c, i) => `  <wp:category><wp:term_id>${i + 2}</wp:term_id><wp:category_nicename>${cdata(c.slug)}</wp:category_nicename><wp:category_parent>${cdata('')}</wp:category_parent><wp:cat_name>${cdata(c.name)}</wp:cat_name></wp:category>`).join('\n')}
${(site.tags ?? []).map((t, i) => `  <wp:tag><wp:term_id>${i + 50}</wp:term_id><wp:tag_slug>${cdata(t.slug)}</wp:tag_slug><wp:tag_name>${cdata(t.name)}</wp:tag_name></wp:tag>`).join('\n')}
`;
}

/** One <item>. */
export function wxrItem(site: WxrSite, post: WxrPost): string {
  const type = post.type ?? 'post';
  const date = post.date ?? '2020-01-13 03:00:00';
  const slug = post.slug ?? `bai-${post.id}`;
  const link = type === 'attachment' ? `${site.base}/${slug}/` : `${site.base}/${date.slice(0, 4)}/${date.slice(5, 7)}/${slug}/`;
  const comments = Array.from(
    { length: post.comments ?? 0 },
    (_, i) =>
      `<wp:comment><wp:comment_id>${post.id * 100 + i}</wp:comment_id><wp:comment_author>${cdata('Người dân')}</wp:comment_author><wp:comment_content>${cdata('Cảm ơn phường!')}</wp:comment_content><wp:comment_approved>${cdata('1')}</wp:comment_approved></wp:comment>`,
  ).join('');
  return `  <item>
    <title>${cdata(post.title)}</title>
    <link>${link}</link>
    <pubDate>Mon, 13 Jan 2020 03:00:00 +0000</pubDate>
    <dc:creator>${cdata(post.creator ?? 'admin')}</dc:creator>
    <guid isPermaLink="false">${site.base}/?p=${post.id}</guid>
    <description></description>
    <content:encoded>${cdata(post.content)}</content:encoded>
    <excerpt:encoded>${cdata(post.excerpt ?? '')}</excerpt:encoded>
    <wp:post_id>${post.id}</wp:post_id>
    <wp:post_date>${cdata(date)}</wp:post_date>
    <wp:post_date_gmt>${cdata(date)}</wp:post_date_gmt>
    <wp:post_modified>${cdata(post.modified ?? date)}</wp:post_modified>
    <wp:post_modified_gmt>${cdata(post.modified ?? date)}</wp:post_modified_gmt>
    <wp:comment_status>${cdata('open')}</wp:comment_status>
    <wp:ping_status>${cdata('open')}</wp:ping_status>
    <wp:post_name>${cdata(slug)}</wp:post_name>
    <wp:status>${cdata(post.status ?? (type === 'attachment' ? 'inherit' : 'publish'))}</wp:status>
    <wp:post_parent>0</wp:post_parent>
    <wp:menu_order>0</wp:menu_order>
    <wp:post_type>${cdata(type)}</wp:post_type>
    <wp:post_password>${cdata('')}</wp:post_password>
    <wp:is_sticky>${post.sticky ? 1 : 0}</wp:is_sticky>
${post.attachmentUrl ? `    <wp:attachment_url>${cdata(post.attachmentUrl)}</wp:attachment_url>\n` : ''}${(post.categories ?? []).map((c) => `    <category domain="category" nicename="${c.slug}">${cdata(c.name)}</category>\n`).join('')}${(post.tags ?? []).map((t) => `    <category domain="post_tag" nicename="${t.slug}">${cdata(t.name)}</category>\n`).join('')}${Object.entries(
    post.meta ?? {},
  )
    .map(([k, v]) => `    <wp:postmeta><wp:meta_key>${cdata(k)}</wp:meta_key><wp:meta_value>${cdata(v)}</wp:meta_value></wp:postmeta>\n`)
    .join('')}${comments}
  </item>
`;
}

/** A whole export. */
export function buildWxr(site: WxrSite, posts: WxrPost[]): string {
  return `${wxrHead(site)}${posts.map((p) => wxrItem(site, p)).join('')}</channel>\n</rss>\n`;
}

/** A JPEG photo of a given width, for uploads. */
export async function jpeg(width: number, height = Math.round(width * 0.66)): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 30, g: 120, b: 80 } } })
    .jpeg()
    .toBuffer();
}

/**
 * Writes a large export to a file, post by post, without holding it in
 * memory: `posts` posts of about `postBytes` of Vietnamese text each, each
 * with `comments` comments (which an import counts and leaves out).
 */
export async function writeLargeWxr(file: string, site: WxrSite, posts: number, postBytes: number, comments = 0): Promise<number> {
  const stream = fs.createWriteStream(file);
  let failed: Error | null = null;
  stream.on('error', (error) => (failed = error));
  const write = async (chunk: string) => {
    if (failed) throw failed;
    if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
  };
  await write(wxrHead(site));
  const paragraph =
    '<p>Ủy ban nhân dân phường tổ chức hội nghị tổng kết công tác dân vận, vận động xây dựng 10 căn nhà tình thương trị giá 438.000.000đ.</p>\n';
  const body = paragraph.repeat(Math.max(1, Math.round(postBytes / Buffer.byteLength(paragraph))));
  for (let i = 1; i <= posts; i++) {
    await write(
      wxrItem(site, {
        id: i,
        title: `Tin số ${i}: hội nghị tổng kết`,
        content: `<!-- wp:paragraph -->\n${body}<!-- /wp:paragraph -->`,
        slug: `tin-so-${i}`,
        comments,
      }),
    );
  }
  await write('</channel>\n</rss>\n');
  await new Promise<void>((resolve) => stream.end(resolve));
  return fs.statSync(file).size;
}
