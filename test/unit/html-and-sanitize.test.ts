import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { htmlToPlainText, sanitizeBodyHtml } from '../../src/text/sanitize.ts';
import { html, jsonForScript, trustedHtml } from '../../src/views/html.ts';

describe('html template', () => {
  it('escapes every interpolated value', () => {
    const evil = '<script>alert("x")</script>';
    assert.equal(
      html`<p title="${evil}">${evil}</p>`.value,
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>',
    );
  });

  it('nests templates and lists without double escaping, and drops null and booleans', () => {
    const items = ['a&b', 'c'].map((t) => html`<li>${t}</li>`);
    assert.equal(html`<ul>${items}${null}${false}</ul>`.value, '<ul><li>a&amp;b</li><li>c</li></ul>');
    assert.equal(html`${trustedHtml('<b>x</b>')}`.value, '<b>x</b>');
  });

  it('keeps JSON-LD from closing its script tag', () => {
    assert.equal(jsonForScript({ t: '</script><script>x' }).value, '{"t":"\\u003c/script>\\u003cscript>x"}');
  });
});

describe('sanitizeBodyHtml', () => {
  it('removes scripts, event handlers, inline styles and javascript: links', () => {
    const dirty =
      '<p style="color:red" onclick="x()">Chào <a href="javascript:alert(1)">bà con</a></p><script>alert(1)</script><img src="x.jpg" onerror="y()" alt="ảnh">';
    const clean = sanitizeBodyHtml(dirty);
    assert.doesNotMatch(clean, /script|onclick|onerror|style=|javascript:/i);
    assert.match(clean, /<p>Chào <a>bà con<\/a><\/p>/);
    assert.match(clean, /<img src="x.jpg" alt="ảnh" \/>/);
  });

  it('keeps figures with captions, tables and safe external links', () => {
    const clean = sanitizeBodyHtml(
      '<figure><img src="/media/a.webp" alt="Hội nghị"><figcaption>Quang cảnh</figcaption></figure><table><tr><td>1</td></tr></table><a href="https://dichvucong.gov.vn">DVC</a>',
    );
    assert.match(clean, /<figure><img src="\/media\/a.webp" alt="Hội nghị" \/><figcaption>Quang cảnh<\/figcaption><\/figure>/);
    assert.match(clean, /<td>1<\/td>/);
    assert.match(clean, /<a href="https:\/\/dichvucong.gov.vn" rel="noopener noreferrer">/);
  });

  it('stores text as NFC', () => {
    const nfd = '<p>Thủy lợi</p>'.normalize('NFD');
    assert.equal(sanitizeBodyHtml(nfd), '<p>Thủy lợi</p>'.normalize('NFC'));
  });

  it('turns markup into plain text with paragraphs separated', () => {
    assert.equal(htmlToPlainText('<p>Một &amp; hai</p><p>Ba</p>'), 'Một & hai Ba');
  });
});
