/**
 * Pages as old Vietnamese commune portals serve them, for the import-html
 * tests: three common layouts, each with its menus, "Thông tin khác" list
 * and footer around the article, and a home page that holds no article.
 */

export interface PortalArticle {
  title: string;
  /** dd/mm/yyyy as the portal shows it. */
  date: string;
  paragraphs: string[];
  credits: string;
  image?: string;
  file?: { href: string; label: string };
  canonical?: string;
}

const chromeMenu = `<div class="menu"><ul><li><a href="/">Trang chủ</a></li><li><a href="/gioi-thieu">Giới thiệu</a></li><li><a href="/tin-tuc">Tin tức – Sự kiện</a></li></ul></div>`;
const otherNews = `<h3>Thông tin khác</h3><ul><li><a href="/tin/1">Phường 1 ra quân vệ sinh môi trường (12/01/2020)</a></li><li><a href="/tin/2">Tổ chức Hội nghị cán bộ công chức (10/01/2020)</a></li></ul>`;
const footer = `<div class="footer"><p>Bản quyền thuộc Ủy ban nhân dân Phường 1 – Địa chỉ: 02 Hùng Vương, Sa Đéc</p></div>`;

function bodyOf(a: PortalArticle): string {
  return [
    ...a.paragraphs.map((p) => `<p>${p}</p>`),
    a.image ? `<p style="text-align:center"><img src="${a.image}" alt=""></p>` : '',
    a.file ? `<p>Tải về: <a href="${a.file.href}">${a.file.label}</a></p>` : '',
    `<p style="text-align:right"><strong>${a.credits}</strong></p>`,
  ].join('\n');
}

function head(a: PortalArticle, charset = 'utf-8'): string {
  return `<head><meta charset="${charset}"><title>${a.title} - Cổng thông tin điện tử Phường 1</title>${a.canonical ? `<link rel="canonical" href="${a.canonical}">` : ''}</head>`;
}

/** A portal whose article sits in div.news-detail (title, date, content), "Thông tin khác" below it. */
export function newsDetailLayout(a: PortalArticle): string {
  return `<!DOCTYPE html><html lang="vi">${head(a)}<body>${chromeMenu}
<div class="main"><div class="news-detail"><h1 class="title">${a.title}</h1><div class="date">Ngày đăng: ${a.date} 08:30</div>
<div class="content">${bodyOf(a)}</div><div class="other-news">${otherNews}</div></div></div>${footer}</body></html>`;
}

/** An older ASP portal built of tables: td.tieude, td.ngaydang, td.noidung, "Các tin khác" in the next row. */
export function tableLayout(a: PortalArticle, charset = 'utf-8'): string {
  return `<html>${head(a, charset)}<body><table width="980"><tr><td colspan="2">${chromeMenu}</td></tr>
<tr><td width="200" class="left">Liên kết website<br><a href="http://dongthap.gov.vn">Cổng tỉnh</a></td><td><table>
<tr><td class="tieude">${a.title}</td></tr><tr><td class="ngaydang">(${a.date})</td></tr>
<tr><td class="noidung">${bodyOf(a)}<p><b>Các tin khác</b></p><p><a href="/tin/3">Tin cũ hơn</a></p></td></tr></table></td></tr>
<tr><td colspan="2">${footer}</td></tr></table></body></html>`;
}

/** A portal of no known layout, with the article among sidebars: left to the readability extractor. */
export function unknownLayout(a: PortalArticle): string {
  return `<!DOCTYPE html><html lang="vi">${head(a)}<body><header><div class="logo">UBND PHƯỜNG 1</div>${chromeMenu}</header>
<div id="wrap"><aside class="sidebar"><h4>Văn bản mới</h4><ul><li><a href="/vb/1">Quyết định số 12/QĐ-UBND</a></li></ul></aside>
<article><h1>${a.title}</h1><p class="meta">Cập nhật: ${a.date}</p>${bodyOf(a)}</article>
<section>${otherNews}</section></div>${footer}</body></html>`;
}

/** A home page: menus and lists of links, no article. */
export function homePage(): string {
  return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Trang chủ</title></head><body>${chromeMenu}<ul><li><a href="/tin/1">Tin 1</a></li></ul>${footer}</body></html>`;
}
