import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPlainText, plainTextAsHtml } from '../../src/text/rich-text.ts';
import { richTextHtml } from '../../src/text/sanitize.ts';
import { paragraphs } from '../../src/views/pages/questions.ts';

describe('plain text as rich text', () => {
  it('text without tags becomes one paragraph per blank-line-separated block, its line breaks kept', () => {
    assert.equal(plainTextAsHtml('Một.\r\nHai.\r\n\r\n  \r\nBa.'), '<p>Một.<br>Hai.</p>\n<p>Ba.</p>');
  });

  it('markup is left as it is, and a lone < or > in plain text is escaped', () => {
    assert.equal(plainTextAsHtml('<p>Đã có <strong>thẻ</strong></p>'), '<p>Đã có <strong>thẻ</strong></p>');
    assert.equal(plainTextAsHtml('Phí < 50.000đ, > 0 & miễn'), '<p>Phí &lt; 50.000đ, &gt; 0 & miễn</p>');
    assert.equal(isPlainText('a <b>đậm</b>'), false);
    assert.equal(isPlainText('2 < 3 và 5 > 4'), true);
  });

  it('saving and showing sanitise either form: script and event handlers never survive', () => {
    assert.equal(richTextHtml('Đoạn một.\n\nĐoạn hai.'), '<p>Đoạn một.</p>\n<p>Đoạn hai.</p>');
    assert.equal(richTextHtml('<p onclick="x()">Chào</p><script>x()</script>'), '<p>Chào</p>');
    assert.equal(richTextHtml('<p></p><p> </p>'), '');
  });

  it('residents’ plain text goes through the same converter, every character escaped', () => {
    assert.equal(paragraphs('A & <b>\n"c"\n\nD').value, '<p>A &amp; &lt;b&gt;<br>&quot;c&quot;</p>\n<p>D</p>');
  });
});
