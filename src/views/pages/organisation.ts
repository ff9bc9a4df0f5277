import { organisationPaths } from '../../services/organisation/page-kinds.ts';
import { type SafeHtml, html, trustedHtml } from '../html.ts';
import { type PageContext, layout } from '../layout.ts';
import type { OrganisationPageView, PageLinkView, PersonView } from '../organisation-presenters.ts';
import { type ImageView } from '../presenters.ts';
import { paths } from '../../paths.ts';

const breadcrumb = (current?: string) =>
  html`<nav class="breadcrumb" aria-label="Đường dẫn"><ol><li><a href="${paths.home()}">Trang chủ</a></li>${
    current
      ? html`<li><a href="${organisationPaths.index()}">Giới thiệu</a></li><li aria-current="page">${current}</li>`
      : html`<li aria-current="page">Giới thiệu</li>`
  }</ol></nav>`;

function figure(image: ImageView, caption?: string): SafeHtml {
  return html`<figure class="org-figure"><img src="${image.src}" alt="${image.alt}"${image.srcset ? html` srcset="${image.srcset}" sizes="(max-width: 48rem) 100vw, 48rem"` : ''}${image.width ? html` width="${image.width}"` : ''}${image.height ? html` height="${image.height}"` : ''} loading="lazy">${caption || image.caption ? html`<figcaption>${caption || image.caption}</figcaption>` : ''}</figure>`;
}

/** One person's card: photo, name, position, and tel:/mailto: links. */
export function personCard(
  person: PersonView,
  labels: { phone: string; email: string } = { phone: 'Điện thoại', email: 'Thư điện tử' },
  headingLevel: 'h2' | 'h3' = 'h2',
): SafeHtml {
  const heading = headingLevel === 'h2' ? html`<h2 class="org-person-name">${person.name}</h2>` : html`<h3 class="org-person-name">${person.name}</h3>`;
  const contacts = [
    person.phone ? html`${labels.phone}: <a href="tel:${person.phoneHref}">${person.phone}</a>` : null,
    person.email ? html`${labels.email}: <a href="mailto:${person.email}">${person.email}</a>` : null,
  ].filter((c) => c !== null);
  return html`<li class="org-person">
  ${person.photo ? html`<img src="${person.photo.src}" alt="${person.photo.alt}" width="120" height="150" loading="lazy">` : ''}
  <div>
    ${heading}
    ${person.jobTitle ? html`<p>${person.jobTitle}</p>` : ''}
    ${contacts.length ? html`<p>${contacts.map((c, i) => html`${i ? html`<br>` : ''}${c}`)}</p>` : ''}
    ${person.bioHtml ? html`<div class="article-body">${trustedHtml(person.bioHtml)}</div>` : ''}
  </div>
</li>`;
}

function aboutMenu(links: PageLinkView[], currentUrl?: string): SafeHtml {
  if (links.length === 0) return html``;
  return html`<nav class="box org-menu" aria-label="Các trang giới thiệu"><ul class="title-list">${links.map(
    (l) => html`<li><a href="${l.url}"${l.url === currentUrl ? html` aria-current="page"` : ''}>${l.title}</a></li>`,
  )}</ul><p><a href="${organisationPaths.enHome()}" lang="en" hreflang="en">English</a></p></nav>`;
}

/** The spokesperson's section (Decree 42/2022): name, position, phone and e-mail. */
export function spokespersonSection(people: PersonView[], heading = 'Người phát ngôn', labels?: { phone: string; email: string }): SafeHtml {
  if (people.length === 0) return html``;
  return html`<section aria-labelledby="nguoi-phat-ngon" class="org-spokesperson"><h2 id="nguoi-phat-ngon">${heading}</h2><ul class="org-people">${people.map((p) => personCard(p, labels, 'h3'))}</ul></section>`;
}

/** /gioi-thieu: links to every Giới thiệu page that has content, and the spokesperson. */
export function organisationIndexPage(ctx: PageContext, view: { links: PageLinkView[]; spokesperson?: PersonView[]; footer?: SafeHtml }): string {
  const body = html`${breadcrumb()}
<h1 class="page-title">Giới thiệu</h1>
${
  view.links.length
    ? html`<ul class="title-list">${view.links.map((l) => html`<li><a href="${l.url}">${l.title}</a></li>`)}</ul>`
    : html`<p>Nội dung giới thiệu đang được cập nhật.</p>`
}
${spokespersonSection(view.spokesperson ?? [])}
<p><a href="${organisationPaths.enHome()}" lang="en" hreflang="en">English: About us</a></p>
<p><a href="/thong-ke-truy-cap">Thống kê truy cập</a></p>
${view.footer ?? ''}`;
  return layout(ctx, { title: 'Giới thiệu', description: `Giới thiệu ${ctx.site.authority}: chức năng, nhiệm vụ, cơ cấu tổ chức, lãnh đạo.` }, body);
}

/** /gioi-thieu/<kind>: one page, with its image or its people. */
export function organisationPage(ctx: PageContext, view: { page: OrganisationPageView; links: PageLinkView[]; footer?: SafeHtml }): string {
  const p = view.page;
  const body = html`${breadcrumb(p.title)}
<div class="org-layout">
<article class="org-page">
<h1 class="page-title">${p.title}</h1>
${p.image ? figure(p.image) : ''}
${p.bodyHtml ? html`<div class="article-body">${trustedHtml(p.bodyHtml)}</div>` : ''}
${p.people.length ? html`<ul class="org-people">${p.people.map((person) => personCard(person))}</ul>` : ''}
${spokespersonSection(p.spokesperson)}
${!p.image && !p.bodyHtml && !p.people.length && !p.spokesperson.length ? html`<p>Nội dung đang được cập nhật.</p>` : ''}
</article>
${aboutMenu(view.links, p.url)}
</div>
${view.footer ?? ''}`;
  return layout(ctx, { title: p.title, description: `${p.title} – ${ctx.site.authority}.` }, body);
}
