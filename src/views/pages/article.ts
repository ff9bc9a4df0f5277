import { demoBadge, image } from '../components/article-list.ts';
import { type SafeHtml, html, trustedHtml } from '../html.ts';
import { type PageContext, type PageMeta, layout } from '../layout.ts';
import { type ArticleView, type ImageView } from '../presenters.ts';
import { paths } from '../../paths.ts';

function figure(img: ImageView): SafeHtml {
  return html`<figure class="article-figure">
  ${image(img, { lazy: false })}
  ${img.caption ? html`<figcaption>${img.caption}</figcaption>` : ''}
</figure>`;
}

/** The summary is shown unless it merely repeats the opening of the body. */
function showsSummary(view: ArticleView): boolean {
  const opening = view.summary.replace(/…$/, '').slice(0, 60);
  return opening.length > 0 && !view.bodyHtml.includes(html`${opening}`.value);
}

/** Summary, featured figure, body and credits: the same on screen and in print. */
function articleContent(view: ArticleView): SafeHtml {
  return html`${showsSummary(view) ? html`<p class="article-summary">${view.summary}</p>` : ''}
  ${view.image ? figure(view.image) : ''}
  <div class="article-body">
${trustedHtml(view.bodyHtml)}
  </div>
  ${view.credits ? html`<p class="credits">${view.credits}</p>` : ''}`;
}

/** A page's schema.org NewsArticle, published by the site's authority; `extra` adds its image, author and contributor. */
export function newsArticleJsonLd(
  ctx: PageContext,
  view: { title: string; summary: string; isoDate: string; updatedIso: string; url: string },
  extra: Record<string, unknown>,
): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: view.title,
    description: view.summary,
    datePublished: view.isoDate,
    dateModified: view.updatedIso,
    mainEntityOfPage: `${ctx.origin}${view.url}`,
    inLanguage: 'vi',
    ...extra,
    publisher: { '@type': 'GovernmentOrganization', name: ctx.site.authority },
  };
}

function articleMeta(ctx: PageContext, view: ArticleView): PageMeta {
  return {
    title: view.title,
    description: view.summary,
    canonicalPath: view.url,
    ogType: 'article',
    ogImage: view.shareImage ? { url: view.shareImage.src, width: view.shareImage.width, height: view.shareImage.height, alt: view.shareImage.alt } : null,
    publishedTime: view.isoDate,
    modifiedTime: view.updatedIso,
    jsonLd: newsArticleJsonLd(ctx, view, {
      ...(view.shareImage ? { image: [`${ctx.origin}${view.shareImage.src}`] } : {}),
      ...(view.writer ? { author: { '@type': 'Person', name: view.writer } } : {}),
      ...(view.photographer ? { contributor: { '@type': 'Person', name: view.photographer, jobTitle: 'Nhiếp ảnh' } } : {}),
    }),
  };
}

/** The article page: everything the legacy ward page carries, plus print and share metadata. */
export function articlePage(ctx: PageContext, view: ArticleView, options: { preview?: boolean } = {}): string {
  const body = html`${options.preview ? html`<p class="preview-banner" role="note">Bản xem trước: bài viết này chưa được xuất bản hoặc đang chờ thay đổi. Liên kết này không hiện trên cổng.</p>` : ''}
<nav class="breadcrumb" aria-label="Đường dẫn"><ol><li><a href="${paths.home()}">Trang chủ</a></li><li><a href="${view.categoryUrl}">${view.categoryName}</a></li></ol></nav>
<article class="article">
  <h1 class="article-title">${view.title}</h1>
  <p class="meta">
    <span>Ngày đăng: <time datetime="${view.isoDate}">${view.date}</time></span>
    <span>Lượt xem: ${view.views}</span>
    ${view.formerUnit ? html`<span>Đơn vị: <a href="${view.formerUnit.url}">${view.formerUnit.label}</a></span>` : ''}
    ${demoBadge(view.isDemo)}
  </p>
  <p class="article-tools"><a href="${view.printUrl}" rel="nofollow">In bài viết</a></p>
  ${articleContent(view)}
</article>
${otherPosts(view)}`;
  return layout(ctx, { ...articleMeta(ctx, view), noindex: options.preview ?? false }, body);
}

/** "Thông tin khác": the site's latest other posts, titles cut as on the legacy portals. */
function otherPosts(view: ArticleView): SafeHtml {
  if (view.others.length === 0) return html``;
  return html`<section class="other-posts" aria-labelledby="thong-tin-khac">
  <h2 id="thong-tin-khac">Thông tin khác</h2>
  <ul>
    ${view.others.map(
      (o) =>
        html`<li><a href="${o.url}"${o.shortTitle === o.title ? '' : html` title="${o.title}"`}>${o.shortTitle}</a> <span class="date">(${o.date})</span></li>`,
    )}
  </ul>
</section>`;
}

/** A print-friendly view: the article alone, with its source address. */
export function articlePrintPage(ctx: PageContext, view: ArticleView): string {
  return html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${view.title} – ${ctx.site.authority}</title>
<link rel="canonical" href="${ctx.origin}${view.url}">
<link rel="stylesheet" href="${ctx.assets.css}">
<script src="${ctx.assets.js}" defer></script>
</head>
<body class="print-view">
<main class="wrap main">
  <p class="print-actions" hidden><button type="button" data-print>In trang này</button> <a href="${view.url}">Quay lại bài viết</a></p>
  <p class="print-unit">${ctx.site.authorityUpper}</p>
  <article class="article">
    <h1 class="article-title">${view.title}</h1>
    <p class="meta"><span>Ngày đăng: <time datetime="${view.isoDate}">${view.date}</time></span></p>
    ${articleContent(view)}
  </article>
  <p class="print-source">Nguồn: ${ctx.site.authority} – ${ctx.origin}${view.url}</p>
</main>
</body>
</html>`.value;
}
