import fs from 'node:fs';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { AppError } from '../../../errors.ts';

/**
 * Reads a WordPress export (WXR 1.0–1.2, as wp-admin/includes/export.php
 * writes it) as a stream with saxes: authors, categories and tags from the
 * channel, then one item at a time. Memory holds one item, never the file.
 */

/** A WordPress user named in the export. */
export interface WxrAuthor {
  login: string;
  email: string;
  displayName: string;
}

/** A category or tag of the channel. */
export interface WxrTerm {
  taxonomy: 'category' | 'post_tag';
  slug: string;
  name: string;
  parent: string;
}

/** One <item>: a post, page, attachment or anything else WordPress exports. */
export interface WxrItem {
  postId: number;
  title: string;
  link: string;
  guid: string;
  creator: string;
  content: string;
  excerpt: string;
  postDateGmt: string;
  postDate: string;
  modifiedGmt: string;
  postName: string;
  status: string;
  postType: string;
  postParent: number;
  isSticky: boolean;
  attachmentUrl: string;
  terms: Array<{ domain: string; nicename: string; name: string }>;
  meta: Record<string, string>;
  comments: number;
}

/** The channel's own facts. */
export interface WxrChannel {
  title: string;
  link: string;
  baseSiteUrl: string;
  baseBlogUrl: string;
  version: string;
}

/** What the reader hands on, in file order. */
export type WxrRecord =
  { type: 'channel'; channel: WxrChannel } | { type: 'author'; author: WxrAuthor } | { type: 'term'; term: WxrTerm } | { type: 'item'; item: WxrItem };

const WP = /^http:\/\/wordpress\.org\/export\/1\.\d+\/$/;
const NAMESPACES: Array<[RegExp, string]> = [
  [WP, 'wp'],
  [/^http:\/\/wordpress\.org\/export\/1\.\d+\/excerpt\/$/, 'excerpt'],
  [/^http:\/\/purl\.org\/rss\/1\.0\/modules\/content\/$/, 'content'],
  [/^http:\/\/purl\.org\/dc\/elements\/1\.1\/$/, 'dc'],
];

/** An element's name with WordPress's usual prefix, whatever prefix the file declared. */
function nameOf(tag: SaxesTagNS): string {
  if (!tag.uri) return tag.local;
  const known = NAMESPACES.find(([uri]) => uri.test(tag.uri));
  return known ? `${known[1]}:${tag.local}` : `${tag.uri}:${tag.local}`;
}

function emptyItem(): WxrItem {
  return {
    postId: 0,
    title: '',
    link: '',
    guid: '',
    creator: '',
    content: '',
    excerpt: '',
    postDateGmt: '',
    postDate: '',
    modifiedGmt: '',
    postName: '',
    status: '',
    postType: '',
    postParent: 0,
    isSticky: false,
    attachmentUrl: '',
    terms: [],
    meta: {},
    comments: 0,
  };
}

const ITEM_FIELDS: Record<string, (item: WxrItem, text: string) => void> = {
  title: (i, t) => (i.title = t),
  link: (i, t) => (i.link = t.trim()),
  guid: (i, t) => (i.guid = t.trim()),
  'dc:creator': (i, t) => (i.creator = t.trim()),
  'content:encoded': (i, t) => (i.content = t),
  'excerpt:encoded': (i, t) => (i.excerpt = t),
  'wp:post_id': (i, t) => (i.postId = Number(t.trim()) || 0),
  'wp:post_date': (i, t) => (i.postDate = t.trim()),
  'wp:post_date_gmt': (i, t) => (i.postDateGmt = t.trim()),
  'wp:post_modified_gmt': (i, t) => (i.modifiedGmt = t.trim()),
  'wp:post_name': (i, t) => (i.postName = t.trim()),
  'wp:status': (i, t) => (i.status = t.trim()),
  'wp:post_type': (i, t) => (i.postType = t.trim()),
  'wp:post_parent': (i, t) => (i.postParent = Number(t.trim()) || 0),
  'wp:is_sticky': (i, t) => (i.isSticky = t.trim() === '1'),
  'wp:attachment_url': (i, t) => (i.attachmentUrl = t.trim()),
};

/** Why a file is no WXR, or where it breaks, in Vietnamese. */
function xmlError(message: string, file: string): AppError {
  const at = /^(\d+):(\d+): (.*)$/.exec(message);
  const where = at ? ` ở dòng ${at[1]}, cột ${at[2]}` : '';
  const reason = at?.[3] ?? message;
  const what = /unclosed tag|unexpected end/i.test(reason)
    ? 'tệp bị cắt cụt (thiếu phần cuối), có thể do tải về chưa xong'
    : `tệp XML không hợp lệ${where} (${reason})`;
  return new AppError('import_failed', `Không nhập được "${file}": ${what}. Chưa có gì được nhập.`);
}

/** Progress of a read: bytes read of the file's size. */
export type ReadProgress = (bytesRead: number, totalBytes: number) => void;

/**
 * Streams a WXR file, calling `onRecord` for each record and awaiting it
 * before reading on. Throws import_failed (in Vietnamese) for a file that
 * is not well-formed XML, is cut short, or is no WordPress export.
 */
export async function readWxr(file: string, onRecord: (record: WxrRecord) => Promise<void> | void, onProgress?: ReadProgress): Promise<void> {
  const name = file.split('/').pop() ?? file;
  const totalBytes = fs.statSync(file).size;
  const parser = new SaxesParser({ xmlns: true, position: true });
  const queue: WxrRecord[] = [];
  const path: string[] = [];
  let text = '';
  let failure: string | null = null;
  let item: WxrItem | null = null;
  let author: Partial<WxrAuthor> | null = null;
  let term: (Partial<WxrTerm> & { taxonomy: WxrTerm['taxonomy'] }) | null = null;
  let metaKey = '';
  let termAttrs: { domain: string; nicename: string } | null = null;
  const channel: WxrChannel = { title: '', link: '', baseSiteUrl: '', baseBlogUrl: '', version: '' };
  let channelSent = false;
  let sawRss = false;

  const sendChannel = () => {
    if (channelSent) return;
    channelSent = true;
    if (!channel.version) failure = failure ?? 'not-wxr';
    queue.push({ type: 'channel', channel });
  };

  parser.on('error', (error) => {
    failure = failure ?? error.message;
  });
  parser.on('opentag', (tag) => {
    const tagName = nameOf(tag);
    path.push(tagName);
    text = '';
    if (path.length === 1) sawRss = tagName === 'rss';
    if (tagName === 'item') {
      sendChannel();
      item = emptyItem();
    } else if (tagName === 'wp:author' && !item) author = {};
    else if (tagName === 'wp:category' && !item) term = { taxonomy: 'category' };
    else if (tagName === 'wp:tag' && !item) term = { taxonomy: 'post_tag' };
    else if (tagName === 'category' && item) {
      const attr = (n: string) => String((tag.attributes[n] as { value?: string } | undefined)?.value ?? '');
      termAttrs = { domain: attr('domain'), nicename: attr('nicename') };
    }
  });
  const onText = (chunk: string) => {
    text += chunk;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', (tag) => {
    const tagName = nameOf(tag);
    path.pop();
    const parent = path[path.length - 1];
    if (item) {
      if (tagName === 'item') {
        queue.push({ type: 'item', item });
        item = null;
      } else if (parent === 'item' && ITEM_FIELDS[tagName]) ITEM_FIELDS[tagName](item, text);
      else if (tagName === 'category' && termAttrs) item.terms.push({ ...termAttrs, name: text.trim() });
      else if (tagName === 'wp:meta_key' && parent === 'wp:postmeta') metaKey = text.trim();
      else if (tagName === 'wp:meta_value' && parent === 'wp:postmeta') item.meta[metaKey] = text;
      else if (tagName === 'wp:comment') item.comments++;
    } else if (author) {
      const fields: Record<string, keyof WxrAuthor> = { 'wp:author_login': 'login', 'wp:author_email': 'email', 'wp:author_display_name': 'displayName' };
      if (fields[tagName]) author[fields[tagName]] = text.trim();
      if (tagName === 'wp:author') {
        queue.push({ type: 'author', author: { login: author.login ?? '', email: author.email ?? '', displayName: author.displayName ?? author.login ?? '' } });
        author = null;
      }
    } else if (term) {
      if (tagName === 'wp:category_nicename' || tagName === 'wp:tag_slug') term.slug = text.trim();
      else if (tagName === 'wp:cat_name' || tagName === 'wp:tag_name') term.name = text.trim();
      else if (tagName === 'wp:category_parent') term.parent = text.trim();
      else if (tagName === 'wp:category' || tagName === 'wp:tag') {
        if (term.slug)
          queue.push({ type: 'term', term: { taxonomy: term.taxonomy, slug: term.slug, name: term.name || term.slug, parent: term.parent ?? '' } });
        term = null;
      }
    } else if (parent === 'channel') {
      if (tagName === 'title') channel.title = text.trim();
      else if (tagName === 'link') channel.link = text.trim();
      else if (tagName === 'wp:base_site_url') channel.baseSiteUrl = text.trim();
      else if (tagName === 'wp:base_blog_url') channel.baseBlogUrl = text.trim();
      else if (tagName === 'wp:wxr_version') channel.version = text.trim();
    }
    text = '';
  });

  const drain = async () => {
    if (failure) throw failure === 'not-wxr' ? notWxr(name) : xmlError(failure, name);
    while (queue.length) await onRecord(queue.shift()!);
  };
  let bytesRead = 0;
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 256 * 1024 })) {
    bytesRead += (chunk as Buffer).length;
    parser.write(decoder.decode(chunk as Buffer, { stream: true }));
    await drain();
    onProgress?.(bytesRead, totalBytes);
  }
  parser.write(decoder.decode());
  parser.close();
  if (!sawRss) throw notWxr(name);
  sendChannel();
  await drain();
}

function notWxr(name: string): AppError {
  return new AppError(
    'import_failed',
    `Không nhập được "${name}": đây không phải tệp xuất của WordPress (WXR: thiếu <rss> hoặc <wp:wxr_version>). Chưa có gì được nhập.`,
  );
}
