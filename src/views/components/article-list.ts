import { type SafeHtml, html } from '../html.ts';
import type { ArticleCard, ImageView } from '../presenters.ts';

/** An <img> with its intrinsic size set, so the page does not jump as it loads. */
export function image(img: ImageView, options: { lazy?: boolean; className?: string; sizes?: string } = {}): SafeHtml {
  return html`<img src="${img.src}"${img.srcset ? html` srcset="${img.srcset}" sizes="${options.sizes ?? '(max-width: 48rem) 100vw, 48rem'}"` : ''} alt="${img.alt}" ${img.width ? html`width="${img.width}"` : ''} ${img.height ? html`height="${img.height}"` : ''} ${options.lazy === false ? '' : html`loading="lazy"`} decoding="async"${options.className ? html` class="${options.className}"` : ''}>`;
}

/** Marks demo content so nobody mistakes it for a real notice. */
export function demoBadge(isDemo: boolean): SafeHtml {
  return isDemo ? html`<span class="badge-demo">Nội dung mẫu</span>` : html``;
}

/** Marks a notice the province pushed down to this site with its issuer. */
export function issuerBadge(issuer: string | undefined): SafeHtml {
  return issuer ? html` <span class="badge-province">${issuer}</span>` : html``;
}

/** A list of article cards with thumbnail, date and summary. */
export function articleCards(cards: ArticleCard[], headingLevel: 2 | 3 = 2): SafeHtml {
  if (cards.length === 0) return html`<p class="empty">Chưa có bài viết nào.</p>`;
  const heading = (card: ArticleCard) =>
    headingLevel === 2
      ? html`<h2 class="card-title"><a href="${card.url}">${card.title}</a></h2>`
      : html`<h3 class="card-title"><a href="${card.url}">${card.title}</a></h3>`;
  return html`<ul class="cards">
${cards.map(
  (card) => html`<li class="card">
  ${card.image ? html`<div class="card-thumb">${image(card.image)}</div>` : ''}
  <div class="card-body">
    ${heading(card)}
    <p class="meta"><time datetime="${card.isoDate}">${card.date}</time> ${demoBadge(card.isDemo)}${issuerBadge(card.issuer)}</p>
    ${card.summary ? html`<p class="card-summary">${card.summary}</p>` : ''}
  </div>
</li>`,
)}
</ul>`;
}

/** A compact list of titles with dates, for side boxes. */
export function titleList(cards: ArticleCard[]): SafeHtml {
  if (cards.length === 0) return html`<p class="empty">Chưa có bài viết nào.</p>`;
  return html`<ul class="title-list">
${cards.map((card) => html`<li><a href="${card.url}">${card.title}</a> <span class="date">(<time datetime="${card.isoDate}">${card.date}</time>)</span>${issuerBadge(card.issuer)}</li>`)}
</ul>`;
}
