/**
 * The browser the tests drive has fonts that draw Vietnamese: every letter
 * with its tone marks, in the portal's own font stacks, is drawn with a real
 * glyph and not the missing-glyph box. Screenshots are only worth looking at
 * when this holds, whichever Chromium npm test found or provided.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useBrowserSuite } from '../support/browser-suite.ts';

/** Every Vietnamese letter beyond ASCII, capital and small. */
const LETTERS = 'ĂÂĐÊÔƠƯÀẢÃÁẠẰẲẴẮẶẦẨẪẤẬÈẺẼÉẸỀỂỄẾỆÌỈĨÍỊÒỎÕÓỌỒỔỖỐỘỜỞỠỚỢÙỦŨÚỤỪỬỮỨỰỲỶỸÝỴ';
const ALL_LETTERS = LETTERS + LETTERS.toLowerCase();

describe('phông chữ tiếng Việt trong trình duyệt kiểm thử', () => {
  const suite = useBrowserSuite();

  it('draws every Vietnamese letter with a real glyph in the body, bold and heading fonts of the home page', async () => {
    const page = await suite.newPage();
    await page.goto(`${suite.portal.baseUrl}/`, { waitUntil: 'load' });
    const missing = await page.evaluate((letters) => {
      // No named helpers in here: the test loader would wrap them in a function the page lacks.
      const canvas = document.createElement('canvas');
      canvas.width = 48;
      canvas.height = 48;
      const g = canvas.getContext('2d')!;
      const body = getComputedStyle(document.body);
      const heading = getComputedStyle(document.querySelector('h1')!);
      const fonts: Array<[string, string]> = [
        ['body', `${body.fontWeight} 28px ${body.fontFamily}`],
        ['bold', `700 28px ${body.fontFamily}`],
        ['heading', `${heading.fontWeight} 28px ${heading.fontFamily}`],
      ];
      const out: Record<string, string> = {};
      for (const [name, font] of fonts) {
        g.font = font;
        const drawn = ['\u{10FFFD}', ...letters].map((text) => {
          g.clearRect(0, 0, 48, 48);
          g.fillText(text, 6, 34);
          return g.getImageData(0, 0, 48, 48).data.join(',');
        });
        // The first is a code point no font has: what the missing-glyph box looks like in this font.
        out[name] = [...letters].filter((_, i) => drawn[i + 1] === drawn[0]).join('');
      }
      return out;
    }, ALL_LETTERS);
    assert.deepEqual(missing, { body: '', bold: '', heading: '' }, 'các chữ vẽ thành ô trống (thiếu phông tiếng Việt)');
  });
});
