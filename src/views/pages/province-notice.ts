import { fileList } from '../components/file-list.ts';
import { issuerBadge } from '../components/article-list.ts';
import { html, trustedHtml } from '../html.ts';
import { type PageContext, layout } from '../layout.ts';
import type { ProvinceNoticeView } from '../province-notice-presenters.ts';
import { paths } from '../../paths.ts';
import { newsArticleJsonLd } from './article.ts';

/** A province's notice or document on a commune's site: the site's own page, saying whose notice it is. */
export function provinceNoticePage(ctx: PageContext, view: ProvinceNoticeView): string {
  const body = html`<nav class="breadcrumb" aria-label="Đường dẫn"><ol><li><a href="${paths.home()}">Trang chủ</a></li><li><a href="${view.categoryUrl}">${view.categoryName}</a></li></ol></nav>
<article class="article province-notice">
  <p class="province-notice-source">${view.kindName} của ${view.issuer}</p>
  <h1 class="article-title">${view.title}</h1>
  <p class="meta">
    <span>Ngày đăng: <time datetime="${view.isoDate}">${view.date}</time></span>
    ${issuerBadge(view.issuer)}
  </p>
  ${view.summary ? html`<p class="article-summary">${view.summary}</p>` : ''}
  <div class="article-body">
${trustedHtml(view.bodyHtml)}
  </div>
  ${view.files.length ? html`<h2>Tệp đính kèm</h2>${fileList(view.files)}` : ''}
  <p class="credits">Nguồn: ${view.issuer}.</p>
</article>`;
  return layout(
    ctx,
    {
      title: view.title,
      description: view.summary,
      canonicalPath: view.url,
      ogType: 'article',
      publishedTime: view.isoDate,
      modifiedTime: view.updatedIso,
      jsonLd: newsArticleJsonLd(ctx, view, { author: { '@type': 'GovernmentOrganization', name: view.issuer } }),
    },
    body,
  );
}
