import { organisationPaths } from '../../services/organisation/page-kinds.ts';
import { type SafeHtml, html, trustedHtml } from '../html.ts';
import { type PageContext, layout } from '../layout.ts';
import type { OrganisationPageView, PersonView } from '../organisation-presenters.ts';
import { personCard, spokespersonSection } from './organisation.ts';

/** The English pages' own header: name of the unit, English menu, and the way back to Vietnamese. */
export interface EnglishHeader {
  authority: string;
  province: string;
}

function englishNav(current: string, vietnameseUrl: string): SafeHtml {
  const items = [
    { url: organisationPaths.enHome(), label: 'About us' },
    { url: organisationPaths.enLeaders(), label: 'Leaders' },
    { url: organisationPaths.enContact(), label: 'Contact' },
  ];
  return html`<nav class="box org-menu" aria-label="English pages"><ul class="title-list">${items.map(
    (i) => html`<li><a href="${i.url}"${i.url === current ? html` aria-current="page"` : ''}>${i.label}</a></li>`,
  )}</ul><p><a href="${vietnameseUrl}" lang="vi" hreflang="vi">Tiếng Việt</a></p></nav>`;
}

function englishPage(ctx: PageContext, header: EnglishHeader, title: string, current: string, vietnameseUrl: string, content: SafeHtml): string {
  const body = html`<p>${header.authority}, ${header.province}</p>
<div class="org-layout">
<article class="org-page">
<h1 class="page-title">${title}</h1>
${content}
</article>
${englishNav(current, vietnameseUrl)}
</div>`;
  return layout(ctx, { title, description: `${title} – ${header.authority}.`, lang: 'en' }, body);
}

/** /en: About us, from every Giới thiệu page with an English body. */
export function englishHomePage(ctx: PageContext, header: EnglishHeader, sections: OrganisationPageView[]): string {
  const content = sections.length
    ? html`${sections.map(
        (s) => html`<section aria-labelledby="en-${s.slug}"><h2 class="section-title" id="en-${s.slug}">${s.title}</h2>
${s.image ? html`<figure class="org-figure"><img src="${s.image.src}" alt="${s.image.alt}" loading="lazy"${s.image.width ? html` width="${s.image.width}"` : ''}${s.image.height ? html` height="${s.image.height}"` : ''}></figure>` : ''}
<div class="article-body">${trustedHtml(s.bodyHtml)}</div></section>`,
      )}`
    : html`<p>The English version of this page is being prepared. Please see the <a href="${organisationPaths.enContact()}">contact details</a>.</p>`;
  return englishPage(ctx, header, 'About us', organisationPaths.enHome(), organisationPaths.index(), content);
}

/** /en/leaders: the leaders, with English positions where given. */
export function englishLeadersPage(ctx: PageContext, header: EnglishHeader, leaders: PersonView[]): string {
  const content = leaders.length
    ? html`<ul class="org-people">${leaders.map((p) => personCard(p, { phone: 'Phone', email: 'Email' }))}</ul>`
    : html`<p>The list of leaders is being updated.</p>`;
  return englishPage(ctx, header, 'Leaders', organisationPaths.enLeaders(), organisationPaths.page('lanh-dao'), content);
}

/** /en/contact: the unit's address, phone and email, its spokesperson and its focal officials. */
export function englishContactPage(ctx: PageContext, header: EnglishHeader, focal: PersonView[], spokesperson: PersonView[] = []): string {
  const s = ctx.site;
  const content = html`<p>${header.authority}${s.address ? html`<br>Address: <span lang="vi">${s.address}</span>` : ''}
${s.phone ? html`<br>Phone: <a href="tel:${s.phone.replace(/[^\d+]/g, '')}">${s.phone}</a>` : ''}
${s.email ? html`<br>Email: <a href="mailto:${s.email}">${s.email}</a>` : ''}</p>
${spokespersonSection(spokesperson, 'Spokesperson', { phone: 'Phone', email: 'Email' })}
${focal.length ? html`<section aria-labelledby="en-focal"><h2 id="en-focal">Focal officials</h2><ul class="org-people">${focal.map((p) => personCard(p, { phone: 'Phone', email: 'Email' }, 'h3'))}</ul></section>` : ''}`;
  return englishPage(ctx, header, 'Contact', organisationPaths.enContact(), organisationPaths.index(), content);
}
