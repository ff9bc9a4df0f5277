import { articleCards, demoBadge, image, titleList } from '../components/article-list.ts';
import { html } from '../html.ts';
import { type PageContext, layout } from '../layout.ts';
import { type ArticleCard } from '../presenters.ts';
import { paths } from '../../paths.ts';

export interface HomeView {
  featured: ArticleCard[];
  news: ArticleCard[];
  notices: ArticleCard[];
  documents: ArticleCard[];
  links: { news: string; notices: string; documents: string };
  /** The "Liên kết" box: links to related agencies, set at /quan-tri/lien-ket. */
  relatedLinks: Array<{ title: string; url: string }>;
}

/** The home page: featured and latest news, latest notices and documents. */
export function homePage(ctx: PageContext, view: HomeView): string {
  const [lead, ...moreFeatured] = view.featured;
  const body = html`<h1 class="visually-hidden">${ctx.site.authority}</h1>
<div class="home-grid">
  <section class="home-main" aria-labelledby="tin-noi-bat">
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
    ${moreFeatured.length ? articleCards(moreFeatured, 3) : ''}
    <h2 class="section-title">Tin tức mới</h2>
    ${articleCards(view.news, 3)}
    <p class="more"><a href="${view.links.news}">Xem tất cả tin tức</a></p>
  </section>
  <aside class="home-side" aria-label="Thông báo và tài liệu">
    <section class="box" aria-labelledby="hop-thong-bao">
      <h2 id="hop-thong-bao" class="box-title">Thông báo</h2>
      ${titleList(view.notices)}
      <p class="more"><a href="${view.links.notices}">Xem tất cả thông báo</a></p>
    </section>
    <section class="box" aria-labelledby="hop-tai-lieu">
      <h2 id="hop-tai-lieu" class="box-title">Tài liệu</h2>
      ${titleList(view.documents)}
      <p class="more"><a href="${view.links.documents}">Xem tất cả tài liệu</a></p>
    </section>
    <section class="box" aria-labelledby="hop-lien-ket">
      <h2 id="hop-lien-ket" class="box-title">Liên kết</h2>
      <ul class="title-list">
        ${view.relatedLinks.map((l) => html`<li><a href="${l.url}" rel="noopener">${l.title}</a></li>`)}
      </ul>
    </section>
  </aside>
</div>`;
  return layout(
    ctx,
    {
      title: ctx.site.authority,
      description: `Cổng thông tin điện tử ${ctx.site.authority}, ${ctx.site.province.toLowerCase()}.`,
      canonicalPath: paths.home(),
    },
    body,
  );
}
