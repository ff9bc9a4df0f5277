import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { type Agent, signInAs } from '../support/admin.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { buildArticle, buildSite, buildUser } from '../support/factories.ts';
import { NEWSROOM_SCREENS, PLATFORM_SCREENS } from '../support/newsroom-screens.ts';

const HOST = 'tieng-viet.test';

/** English words that once showed in the UI, or might: each has a Vietnamese name ("Thư điện tử", "Thư viện ảnh và tệp", "Đường dẫn"). */
const FORBIDDEN = [
  'e-mail',
  'email',
  'media',
  'dashboard',
  'slug',
  'alt',
  'upload',
  'download',
  'preview',
  'admin',
  'login',
  'logout',
  'password',
  'username',
  'draft',
  'submit',
  'cancel',
  'delete',
  'edit',
  'save',
  'trash',
  'settings',
  'online',
  'website',
  'site',
  'menu',
  'link',
  'logo',
  'banner',
  'tag',
  'feed',
  'ok',
];

/** The public pages in Vietnamese (the English pages under /en are meant to be English). */
const PUBLIC = [
  '/',
  '/gioi-thieu',
  '/gioi-thieu/lanh-dao',
  '/hoi-dap',
  '/hoi-dap/gui',
  '/hoi-dap/tra-cuu',
  '/van-ban',
  '/lich-cong-tac',
  '/lich-tiep-cong-dan',
  '/van-dong',
  '/cong-khai',
  '/lay-y-kien',
  '/tim-kiem?q=phuong',
  '/so-do-cong',
  '/thong-ke-truy-cap',
];

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };

/** What a person reads or hears on a page: its text, and the names and hints in alt, title, placeholder and aria-label. */
function visibleText(body: string): string {
  const withoutCode = body.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ');
  const named = [...withoutCode.matchAll(/\s(?:alt|title|placeholder|aria-label)="([^"]*)"/g)].map((m) => m[1]);
  const text = `${withoutCode.replace(/<[^>]*>/g, ' ')} ${named.join(' ')}`;
  return text.replace(/&(?:amp|lt|gt|quot|#39|nbsp);/g, (e) => ENTITIES[e]!);
}

/** The forbidden words a text holds, as whole words in any case. */
function englishWords(text: string): string[] {
  return FORBIDDEN.filter((word) => new RegExp(`(?<![\\p{L}\\p{N}-])${word}(?![\\p{L}\\p{N}-])`, 'iu').test(text));
}

for (const dialect of DIALECTS) {
  describe(`the UI speaks Vietnamese only [${dialect}]`, () => {
    let h: TestApp;
    let site: SiteRow;
    let admin: Agent;

    before(async () => {
      h = await openTestApp(dialect);
      site = await buildSite(h.t.db, { hosts: [HOST], name: 'Phường Mỹ Phú' });
      await buildArticle(h.t.db, site, { title: 'Phường ra quân dọn vệ sinh', bodyHtml: '<p>Sáng chủ nhật, phường ra quân.</p>' });
      const user = await buildUser(h.t.db, site, 'site_admin', { isPlatformAdmin: true });
      admin = await signInAs(h.app, HOST, user.user.email);
    });
    after(() => h.close());

    it('the word finder sees English in text and in accessible names, and not in addresses or code', () => {
      assert.deepEqual(englishWords(visibleText('<p>Gửi qua E-mail</p><img alt="Ảnh (alt)"><a href="/quan-tri/media">Thư viện</a>')), ['e-mail', 'alt']);
      assert.deepEqual(englishWords(visibleText('<script src="/assets/editor.js"></script><p>Lưu bản sửa</p>')), []);
    });

    it('no newsroom page shows an English word', async () => {
      const found: string[] = [];
      for (const url of [...NEWSROOM_SCREENS, ...PLATFORM_SCREENS]) {
        const res = await admin.get(url);
        assert.equal(res.statusCode, 200, `${url} answers`);
        const words = englishWords(visibleText(res.body));
        if (words.length) found.push(`${url}: ${words.join(', ')}`);
      }
      assert.deepEqual(found, []);
    });

    it('no public page in Vietnamese shows an English word, nor the sign-in page', async () => {
      const found: string[] = [];
      for (const url of [...PUBLIC, '/quan-tri/dang-nhap']) {
        const res = await h.app.inject({ url, headers: { host: HOST } });
        assert.equal(res.statusCode, 200, `${url} answers`);
        const words = englishWords(visibleText(res.body));
        if (words.length) found.push(`${url}: ${words.join(', ')}`);
      }
      assert.deepEqual(found, []);
    });
  });
}
