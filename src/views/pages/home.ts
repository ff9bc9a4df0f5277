import type { HomeBlockKey } from '../../services/site-shape/home-blocks.ts';
import { articleCards, demoBadge, image, titleList } from '../components/article-list.ts';
import { type SafeHtml, html } from '../html.ts';
import { type PageContext, layout } from '../layout.ts';
import { type ArticleCard } from '../presenters.ts';
import { paths } from '../../paths.ts';

/** A line of a side box: a title linking somewhere, and its date. */
export interface BoxItem {
  title: string;
  url: string;
  date: string;
  isoDate: string;
  /** A few words before the title (a document's number and symbol). */
  lead?: string;
}

export interface HomeView {
  /** The blocks the site admin chose, in order. */
  blocks: HomeBlockKey[];
  featured: ArticleCard[];
  news: ArticleCard[];
  notices: ArticleCard[];
  documents: ArticleCard[];
  disclosures: ArticleCard[];
  legal: BoxItem[];
  questions: BoxItem[];
  /** "Xem tất cả" of each article block: the site's category of that kind, if it has one. */
  links: { news: string | null; notices: string | null; documents: string | null; disclosures: string | null };
  /** The "Liên kết" box: links to related agencies, set at /quan-tri/lien-ket. */
  relatedLinks: Array<{ title: string; url: string }>;
}

const MAIN_BLOCKS: ReadonlySet<HomeBlockKey> = new Set(['featured', 'news']);

const more = (url: string | null, label: string) => (url ? html`<p class="more"><a href="${url}">${label}</a></p>` : '');

function featuredBlock(view: HomeView): SafeHtml {
  const [lead, ...rest] = view.featured;
  return html`<section class="home-block" aria-labelledby="tin-noi-bat">
    <h2 id="tin-noi-bat" class="section-title">Tin nổi bật</h2>
    ${
      lead
        ? html`<article class="lead">
      ${lead.image ? html`<div class="lead-image">${image(lead.image, { lazy: false })}</div>` : ''}
      <h3 class="lead-title"><a href="${lead.url}">${lead.title}</a></h3>
      <p class="meta"><time datetime="${lead.isoDate}">${lead.date}</time> ${demoBadge(lead.isDemo)}</p>
      <p>${lead.summary}</p>
    </article>`
        : html`<p class="empty">Chưa có tin nổi bật.</p>`
    }
    ${rest.length ? articleCards(rest, 3) : ''}
  </section>`;
}

function box(id: string, title: string, content: SafeHtml, footer: SafeHtml | string = ''): SafeHtml {
  return html`<section class="box" aria-labelledby="${id}">
      <h2 id="${id}" class="box-title">${title}</h2>
      ${content}
      ${footer}
    </section>`;
}

function boxList(items: BoxItem[], empty: string): SafeHtml {
  if (items.length === 0) return html`<p class="empty">${empty}</p>`;
  return html`<ul class="title-list">
${items.map((item) => html`<li>${item.lead ? html`<strong>${item.lead}</strong> ` : ''}<a href="${item.url}">${item.title}</a> <span class="date">(<time datetime="${item.isoDate}">${item.date}</time>)</span></li>`)}
</ul>`;
}

/** One block of the home page. */
function block(key: HomeBlockKey, view: HomeView): SafeHtml {
  switch (key) {
    case 'featured':
      return featuredBlock(view);
    case 'news':
      return html`<section class="home-block" aria-labelledby="tin-tuc-moi"><h2 id="tin-tuc-moi" class="section-title">Tin tức mới</h2>
    ${articleCards(view.news, 3)}
    ${more(view.links.news, 'Xem tất cả tin tức')}</section>`;
    case 'notices':
      return box('hop-thong-bao', 'Thông báo', titleList(view.notices), more(view.links.notices, 'Xem tất cả thông báo'));
    case 'documents':
      return box('hop-tai-lieu', 'Tài liệu', titleList(view.documents), more(view.links.documents, 'Xem tất cả tài liệu'));
    case 'disclosure':
      return box('hop-cong-khai', 'Công khai', titleList(view.disclosures), more(view.links.disclosures, 'Xem tất cả thông tin công khai'));
    case 'legal':
      return box('hop-van-ban', 'Văn bản mới', boxList(view.legal, 'Chưa có văn bản nào.'), more('/van-ban', 'Tra cứu văn bản'));
    case 'questions':
      return box(
        'hop-hoi-dap',
        'Hỏi đáp',
        boxList(view.questions, 'Chưa có câu hỏi nào được trả lời công khai.'),
        html`<p class="more"><a href="/hoi-dap/gui">Gửi câu hỏi</a> · <a href="/hoi-dap">Xem tất cả hỏi đáp</a></p>`,
      );
    case 'calendar':
      return box(
        'hop-lich',
        'Lịch công tác',
        html`<ul class="title-list"><li><a href="/lich-cong-tac">Lịch công tác tuần này</a></li><li><a href="/lich-tiep-cong-dan">Lịch tiếp công dân</a></li></ul>`,
      );
    case 'links':
      return box(
        'hop-lien-ket',
        'Liên kết',
        html`<ul class="title-list">
        ${view.relatedLinks.map((l) => html`<li><a href="${l.url}" rel="noopener">${l.title}</a></li>`)}
      </ul>`,
      );
  }
}

/** The home page: the blocks the site admin chose, news in the main column and boxes beside it. */
export function homePage(ctx: PageContext, view: HomeView): string {
  const main = view.blocks.filter((key) => MAIN_BLOCKS.has(key));
  const side = view.blocks.filter((key) => !MAIN_BLOCKS.has(key));
  const body = html`<h1 class="visually-hidden">${ctx.site.authority}</h1>
<div class="home-grid${main.length && side.length ? '' : ' home-grid-single'}">
  ${main.length ? html`<div class="home-main">${main.map((key) => block(key, view))}</div>` : ''}
  ${side.length ? html`<aside class="home-side" aria-label="Thông báo, văn bản và liên kết">${side.map((key) => block(key, view))}</aside>` : ''}
</div>`;
  return layout(
    ctx,
    {
      title: ctx.site.authority,
      description: `Cổng thông tin điện tử ${ctx.site.authority}, ${ctx.site.provinceInSentence}.`,
      canonicalPath: paths.home(),
    },
    body,
  );
}
