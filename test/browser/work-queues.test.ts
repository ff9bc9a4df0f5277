/**
 * Work finds the people who must do it, in real Chromium: a reporter sends an
 * article for review and follows it in "Bài của tôi"; a resident's question
 * arrives; the editor finds both on the dashboard (and counted in the menu),
 * sends the article back with a comment and submits an answer; the reporter
 * reads the comment; the leader finds the answer waiting for approval. Each
 * dashboard passes axe at 1280 and 360 px and is screenshotted.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { normalizeSpace } from '../support/browser.ts';
import { checkAtBothWidths, openPage, useBrowserSuite } from '../support/browser-suite.ts';
import { APPROVER, CONTRIBUTOR, EDITOR, noticeOf, personPage, richEditor, submitAndWait } from '../support/newsroom-page.ts';

const ARTICLE = 'Phường ra quân tổng vệ sinh kênh Xáng trước mùa mưa';
const COMMENT = 'Ghi rõ số người tham gia và khối lượng rác thu gom.';
const QUESTION = 'Xin hỏi thời gian cấp lại thẻ bảo hiểm y tế';
const ANSWER = 'Ông mang căn cước đến bộ phận một cửa; thẻ được cấp lại trong 5 ngày làm việc.';

/** The badge of a menu entry: how many things wait there (0 without one). */
async function badgeOf(page: Page, path: string): Promise<number> {
  const badge = page.locator(`#menu-quan-tri-ds a[href="${path}"] .nav-count`);
  if ((await badge.count()) === 0) return 0;
  return Number(/^\d+/.exec(normalizeSpace(await badge.innerText()))?.[0]);
}

/** A dashboard section, by its heading. */
const sectionNamed = (page: Page, heading: RegExp) => page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: heading }) });

describe('việc tìm đến người làm: phóng viên, biên tập viên, lãnh đạo', () => {
  const suite = useBrowserSuite();
  let reporter: Page;
  let editor: Page;

  it('the reporter writes and sends an article for review, then finds it in "Bài của tôi"', async () => {
    reporter = await personPage(suite, CONTRIBUTOR.email);
    await openPage(reporter, `${suite.portal.baseUrl}/quan-tri/bai-viet/moi`);
    await reporter.locator('#title').fill(ARTICLE);
    const body = await richEditor(reporter);
    await body.click();
    await reporter.keyboard.type('Sáng Chủ nhật, hơn hai trăm đoàn viên và người dân đã ra quân vớt rác trên kênh Xáng.');
    await submitAndWait(reporter, () => reporter.getByRole('button', { name: 'Lưu', exact: true }).click());
    await submitAndWait(reporter, () => reporter.getByRole('button', { name: 'Gửi duyệt', exact: true }).click());
    assert.equal(await noticeOf(reporter), 'Đã gửi duyệt.');

    await reporter.getByRole('navigation', { name: 'Quản trị' }).getByRole('link', { name: 'Bài của tôi' }).click();
    await reporter.waitForLoadState('load');
    const waiting = sectionNamed(reporter, /Đã gửi, chờ duyệt/);
    assert.equal(await waiting.getByRole('link', { name: ARTICLE }).count(), 1);
    assert.match(normalizeSpace(await waiting.innerText()), /\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
  });

  it('a resident sends a question from the public form', async () => {
    const resident = await suite.newPage();
    await openPage(resident, `${suite.portal.baseUrl}/hoi-dap/gui`);
    await resident.locator('#name').fill('Đặng Văn Hùng');
    await resident.locator('#address').fill('Khóm 2, Phường 1');
    await resident.locator('#phone').fill('0918 222 333');
    await resident.locator('#title').fill(QUESTION);
    await resident.locator('#content').fill('Thẻ bảo hiểm y tế của tôi bị mất, xin hỏi bao lâu thì được cấp lại.');
    // A person takes more than 3 s to fill the form; the portal refuses faster posts.
    await resident.waitForTimeout(3_100);
    await Promise.all([resident.waitForURL(/\/hoi-dap\/da-gui\?ma=/), resident.getByRole('button', { name: 'Gửi câu hỏi' }).click()]);
  });

  it('the editor finds the article and the question on the dashboard, counted in the menu, returns the article with a comment and submits an answer', async () => {
    editor = await personPage(suite, EDITOR.email);
    await openPage(editor, `${suite.portal.baseUrl}/quan-tri`);
    assert.ok((await badgeOf(editor, '/quan-tri/bai-viet')) >= 1, 'the article waiting is counted on "Bài viết"');
    assert.ok((await badgeOf(editor, '/quan-tri/hoi-dap')) >= 1, 'the new question is counted on "Hỏi đáp"');
    assert.equal(
      await sectionNamed(editor, /^Câu hỏi mới nhận/)
        .getByRole('link', { name: QUESTION })
        .count(),
      1,
    );
    await checkAtBothWidths(editor, { shot: 'viec-cho-bien-tap-vien' });

    const articlesBefore = await badgeOf(editor, '/quan-tri/bai-viet');
    await sectionNamed(editor, /^Bài chờ duyệt/)
      .getByRole('link', { name: ARTICLE })
      .click();
    await editor.waitForLoadState('load');
    await editor.locator('#comment').fill(COMMENT);
    await submitAndWait(editor, () => editor.getByRole('button', { name: 'Trả lại', exact: true }).click());
    assert.equal(await noticeOf(editor), 'Đã trả lại kèm nhận xét.');
    assert.equal(await badgeOf(editor, '/quan-tri/bai-viet'), articlesBefore - 1, 'the returned article no longer waits for the editor');

    await openPage(editor, `${suite.portal.baseUrl}/quan-tri`);
    await sectionNamed(editor, /^Câu hỏi mới nhận/)
      .getByRole('link', { name: QUESTION })
      .click();
    await editor.waitForLoadState('load');
    await editor.getByRole('textbox', { name: 'Nội dung trả lời' }).fill(ANSWER);
    await Promise.all([editor.waitForURL(/\?ok=gui-duyet$/), editor.getByRole('button', { name: 'Gửi duyệt' }).click()]);
  });

  it('the reporter reads the editor’s comment on the article sent back, in "Bài của tôi" and on the dashboard', async () => {
    await openPage(reporter, `${suite.portal.baseUrl}/quan-tri`);
    assert.ok((await badgeOf(reporter, '/quan-tri/bai-viet')) >= 1, 'the returned article is counted for its author');
    assert.equal(
      await sectionNamed(reporter, /^Bài của tôi đang viết/)
        .getByRole('link', { name: ARTICLE })
        .count(),
      1,
    );
    await checkAtBothWidths(reporter, { shot: 'viec-cho-phong-vien' });
    await openPage(reporter, `${suite.portal.baseUrl}/quan-tri/bai-cua-toi`);
    const back = sectionNamed(reporter, /^Bị trả lại, cần sửa/);
    assert.equal(await back.getByRole('link', { name: ARTICLE }).count(), 1);
    assert.ok(normalizeSpace(await back.innerText()).includes(COMMENT));
    assert.equal(
      await sectionNamed(reporter, /Đã gửi, chờ duyệt/)
        .getByRole('link', { name: ARTICLE })
        .count(),
      0,
    );
    await checkAtBothWidths(reporter, { shot: 'viec-cho-bai-cua-toi' });
  });

  it('the leader finds the answer waiting for approval on the dashboard, counted in the menu, and opens it', async () => {
    const leader = await personPage(suite, APPROVER.email);
    await openPage(leader, `${suite.portal.baseUrl}/quan-tri`);
    assert.ok((await badgeOf(leader, '/quan-tri/hoi-dap')) >= 1);
    const answers = sectionNamed(leader, /^Câu trả lời chờ duyệt/);
    assert.equal(await answers.getByRole('link', { name: QUESTION }).count(), 1);
    await checkAtBothWidths(leader, { shot: 'viec-cho-lanh-dao' });
    await answers.getByRole('link', { name: QUESTION }).click();
    await leader.waitForLoadState('load');
    assert.equal(await leader.getByRole('button', { name: 'Duyệt và xuất bản' }).count(), 1);
  });
});
