import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { rebuildSearchIndex } from '../../src/services/search/rebuild.ts';
import { type SearchOutcome, type SearchParams, search } from '../../src/services/search/search-service.ts';
import type { Actor } from '../../src/services/permissions.ts';
import { transitionArticle } from '../support/review.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildArticle, buildSite, buildUser } from '../support/factories.ts';

/** The fixed corpus: [title, body, category, year-month-day]. */
const CORPUS: Array<[string, string, string, string]> = [
  ['Khánh thành nhà văn hóa khu phố 3', 'Nhà văn hóa mới là nơi sinh hoạt cộng đồng của bà con khu phố.', 'tin-tuc', '2024-03-01'],
  ['Phòng khám nha khoa miễn phí cho học sinh', 'Các bác sĩ nha khoa khám răng cho học sinh tiểu học.', 'tin-tuc', '2024-08-01'],
  ['Xây dựng nhà tình thương cho hộ nghèo phường 1', 'Phường trao 10 căn nhà tình thương với tổng trị giá 438.000.000đ.', 'tin-tuc', '2024-05-10'],
  [
    'Hội nghị tổng kết công tác dân vận năm 2019',
    'Tại hội trường Ủy ban nhân dân phường 1, hội nghị tổng kết công tác khối vận. Tổng giá trị vận động là 1.151.800đ.',
    'tin-tuc',
    '2020-01-13',
  ],
  ['Đường Nguyễn Huệ được nâng cấp', 'Tuyến đường được mở rộng, lát lại vỉa hè và trồng cây xanh.', 'tin-tuc', '2024-02-02'],
  ['Thông báo lịch tiêm vắc xin covid-19 đợt 3', 'Trạm y tế tiêm mũi nhắc lại vắc xin COVID-19 cho người dân.', 'thong-bao', '2022-06-01'],
  ['Đảng ủy phường đối thoại với nhân dân', 'Bí thư Đảng ủy lắng nghe ý kiến của bà con.', 'tin-tuc', '2024-09-11'],
  ['Ủy ban nhân dân phường ban hành kế hoạch phòng chống thiên tai', 'Kế hoạch ứng phó bão lũ năm 2024.', 'thong-bao', '2024-07-01'],
  ['Ban chỉ đạo họp bàn việc dân cư', 'Nhân dịp này, ủy quyền cho trưởng ban điều hành việc dân cư khu phố.', 'tin-tuc', '2024-07-02'],
  ['Đoàn công tác tỉnh Hoà Bình thăm phường', 'Đoàn trao đổi kinh nghiệm cải cách hành chính.', 'tin-tuc', '2024-04-04'],
  ['Nạo vét kênh mương thủy lợi nội đồng', 'Công trình thủy lợi phục vụ sản xuất vụ đông xuân.', 'tin-tuc', '2024-01-15'],
  ['Thông báo tuyển dụng công chức năm 2023', 'Ủy ban tuyển dụng công chức địa chính.', 'thong-bao', '2023-03-01'],
  ['Thông báo tuyển dụng công chức năm 2024', 'Ủy ban tuyển dụng công chức văn hóa - xã hội.', 'thong-bao', '2024-03-01'],
  ['Trao học bổng cho học sinh nghèo vượt khó', 'Hội khuyến học trao quà cho các em.', 'tin-tuc', '2024-09-05'],
  ['Ngày hội đọc sách ở trường tiểu học', 'Dịp này nhà trường trao học bổng cho học sinh giỏi.', 'tin-tuc', '2024-09-06'],
  ['Vận động 21.090 kg gạo hỗ trợ hộ khó khăn', 'Mạnh thường quân trao gạo và nhu yếu phẩm.', 'tin-tuc', '2019-12-20'],
  ['Hướng dẫn đăng ký tạm trú trực tuyến', 'Người dân đăng ký tạm trú qua Cổng dịch vụ công quốc gia.', 'tai-lieu', '2024-06-06'],
  ['Tài liệu tuyên truyền phòng chống ma túy', 'Tài liệu dành cho đoàn viên thanh niên.', 'tai-lieu', '2024-06-26'],
  ['Ra quân dọn vệ sinh đường làng', 'Đoàn viên dọn dẹp đường làng ngõ xóm.', 'tin-tuc', '2024-10-01'],
  ['Khoẻ mạnh mỗi ngày với thể dục buổi sáng', 'Câu lạc bộ dưỡng sinh tập thể dục ở công viên.', 'tin-tuc', '2024-10-02'],
];

type Expect = (o: SearchOutcome) => void;
const titles = (o: SearchOutcome) => o.hits.map((h) => h.title);
const first =
  (title: string): Expect =>
  (o) =>
    assert.equal(titles(o)[0], title, `got ${JSON.stringify(titles(o))}`);
const order =
  (...expected: string[]): Expect =>
  (o) =>
    assert.deepEqual(titles(o).slice(0, expected.length), expected);
const has =
  (title: string): Expect =>
  (o) =>
    assert.ok(titles(o).includes(title), `missing ${title} in ${JSON.stringify(titles(o))}`);
const lacks =
  (title: string): Expect =>
  (o) =>
    assert.ok(!titles(o).includes(title), `unexpected ${title}`);
const total =
  (n: number): Expect =>
  (o) =>
    assert.equal(o.total, n, `got ${JSON.stringify(titles(o))}`);
const all =
  (...checks: Expect[]): Expect =>
  (o) =>
    checks.forEach((c) => c(o));
const nothing: Expect = (o) => assert.equal(o.total, 0);

/** Forty-odd queries and what they must give, covering every search rule. */
const CASES: Array<[query: string, expect: Expect, params?: Partial<SearchParams>]> = [
  // Folding: tones and đ.
  ['nha tinh thuong', first('Xây dựng nhà tình thương cho hộ nghèo phường 1')],
  ['NHA TINH THUONG', first('Xây dựng nhà tình thương cho hộ nghèo phường 1')],
  ['nhà tình thương', first('Xây dựng nhà tình thương cho hộ nghèo phường 1')],
  ['nhà tình thương'.normalize('NFD'), first('Xây dựng nhà tình thương cho hộ nghèo phường 1')],
  ['duong nguyen hue', first('Đường Nguyễn Huệ được nâng cấp')],
  ['dang uy', first('Đảng ủy phường đối thoại với nhân dân')],
  ['đảng ủy', first('Đảng ủy phường đối thoại với nhân dân')],
  ['đăng ký tạm trú', first('Hướng dẫn đăng ký tạm trú trực tuyến')],
  // Exact diacritics rank first.
  [
    'nhà',
    (o) => {
      const khoa = titles(o).indexOf('Phòng khám nha khoa miễn phí cho học sinh');
      for (const exact of ['Khánh thành nhà văn hóa khu phố 3', 'Xây dựng nhà tình thương cho hộ nghèo phường 1'])
        assert.ok(titles(o).indexOf(exact) < khoa, `${exact} before nha khoa`);
    },
  ],
  ['nha khoa', first('Phòng khám nha khoa miễn phí cho học sinh')],
  ['nhà văn hóa', first('Khánh thành nhà văn hóa khu phố 3')],
  ['đăng', first('Hướng dẫn đăng ký tạm trú trực tuyến')],
  ['đảng', first('Đảng ủy phường đối thoại với nhân dân')],
  // Tone placement: hoà/hòa, thuỷ/thủy, uỷ/ủy, khoẻ/khỏe.
  ['hòa bình', first('Đoàn công tác tỉnh Hoà Bình thăm phường')],
  ['hoà bình', first('Đoàn công tác tỉnh Hoà Bình thăm phường')],
  ['thuỷ lợi', first('Nạo vét kênh mương thủy lợi nội đồng')],
  ['uỷ ban nhân dân', first('Ủy ban nhân dân phường ban hành kế hoạch phòng chống thiên tai')],
  ['khỏe mạnh', first('Khoẻ mạnh mỗi ngày với thể dục buổi sáng')],
  // Title above body.
  ['học bổng', order('Trao học bổng cho học sinh nghèo vượt khó', 'Ngày hội đọc sách ở trường tiểu học')],
  // Phrase above scattered words; quotes demand the phrase.
  ['ủy ban nhân dân', order('Ủy ban nhân dân phường ban hành kế hoạch phòng chống thiên tai', 'Hội nghị tổng kết công tác dân vận năm 2019')],
  ['"ủy ban nhân dân"', all(total(2), lacks('Ban chỉ đạo họp bàn việc dân cư'))],
  ['"uy ban nhan dan"', all(total(2), has('Hội nghị tổng kết công tác dân vận năm 2019'))],
  ['"nhân dân ủy ban"', nothing],
  // Recency breaks ties.
  ['tuyển dụng công chức', order('Thông báo tuyển dụng công chức năm 2024', 'Thông báo tuyển dụng công chức năm 2023')],
  // The last word as a prefix while typing.
  ['nha tinh thuon', first('Xây dựng nhà tình thương cho hộ nghèo phường 1')],
  ['tuyen dun', has('Thông báo tuyển dụng công chức năm 2024')],
  ['nha tinh thuong ', first('Xây dựng nhà tình thương cho hộ nghèo phường 1')],
  // Numbers and hyphenated words.
  ['covid-19', first('Thông báo lịch tiêm vắc xin covid-19 đợt 3')],
  ['COVID 19', first('Thông báo lịch tiêm vắc xin covid-19 đợt 3')],
  ['1.151.800', first('Hội nghị tổng kết công tác dân vận năm 2019')],
  ['438.000.000đ', first('Xây dựng nhà tình thương cho hộ nghèo phường 1')],
  ['21.090 kg', first('Vận động 21.090 kg gạo hỗ trợ hộ khó khăn')],
  // Robustness: syntax characters, emoji, huge and empty input.
  ['"', nothing],
  ['***', nothing],
  ['( OR AND NOT NEAR(', nothing],
  ['{title_f}: nha', nothing],
  ['nha*', has('Khánh thành nhà văn hóa khu phố 3')],
  ["'; drop table articles; --", nothing],
  ['😀 nhà tình thương 😀', first('Xây dựng nhà tình thương cho hộ nghèo phường 1')],
  [`${'nhà tình thương '.repeat(400)}`, first('Xây dựng nhà tình thương cho hộ nghèo phường 1')],
  ['', nothing],
  ['   ', nothing],
  // Only this site's published items.
  ['bí mật chưa đăng', nothing],
  ['hẹn giờ tương lai', nothing],
  ['bài đã xóa', nothing],
  ['xã bên cạnh', nothing],
  // Filters.
  ['tuyển dụng', all(total(2), (o) => assert.ok(o.hits.every((h) => h.kind === 'notice'))), { kind: 'notice' }],
  ['tài liệu', all(total(1), first('Tài liệu tuyên truyền phòng chống ma túy')), { categorySlug: 'tai-lieu' }],
  ['tuyển dụng', all(total(1), first('Thông báo tuyển dụng công chức năm 2024')), { from: new Date('2024-01-01T00:00:00+07:00') }],
  ['tuyển dụng', all(total(1), first('Thông báo tuyển dụng công chức năm 2023')), { to: new Date('2023-12-31T00:00:00+07:00') }],
  // Highlighting in the original diacritics, title and passage.
  [
    'nha tinh thuong',
    (o) => {
      assert.equal(o.hits[0]!.titleHtml, 'Xây dựng <mark>nhà</mark> <mark>tình</mark> <mark>thương</mark> cho hộ nghèo phường 1');
      assert.match(o.hits[0]!.snippetHtml, /căn <mark>nhà<\/mark> <mark>tình<\/mark> <mark>thương<\/mark> với/);
    },
  ],
  ['<b>nhà</b>', (o) => assert.ok(o.hits.every((h) => !h.titleHtml.includes('<b>')))],
  // Did you mean.
  [
    'nha tinh thuogn',
    (o) => {
      assert.equal(o.total, 0);
      assert.equal(o.suggestion, 'nha tinh thuong');
    },
  ],
  [
    'tuyen dungg cong chuc',
    (o) => {
      assert.equal(o.total, 0);
      assert.equal(o.suggestion, 'tuyen dung cong chuc');
    },
  ],
  [
    'xyzxyz',
    (o) => {
      assert.equal(o.total, 0);
      assert.equal(o.suggestion, null);
    },
  ],
];

for (const dialect of DIALECTS) {
  describe(`search relevance [${dialect}]`, () => {
    let t: TestDatabase;
    let site: SiteRow;

    before(async () => {
      t = await openTestDatabase(dialect);
      site = await buildSite(t.db);
      for (const [title, body, categorySlug, day] of CORPUS) {
        await buildArticle(t.db, site, { title, bodyHtml: `<p>${body}</p>`, categorySlug, publishedAt: new Date(`${day}T09:00:00+07:00`) });
      }
      // Things search must never show: another site's post, a draft, a scheduled post, a trashed post.
      await buildArticle(t.db, await buildSite(t.db), { title: 'Tin của xã bên cạnh', bodyHtml: '<p>Xã bên cạnh.</p>' });
      const leader: Actor = (await buildUser(t.db, site, 'approver')).actor;
      await buildArticle(t.db, site, { title: 'Hẹn giờ tương lai', bodyHtml: '<p>Hẹn giờ tương lai.</p>', publishedAt: new Date(Date.now() + 86_400_000) });
      const trashed = await buildArticle(t.db, site, { title: 'Bài đã xóa', bodyHtml: '<p>Bài đã xóa.</p>' });
      await transitionArticle(t.db, leader, trashed.id, 'trash');
      const unpublished = await buildArticle(t.db, site, { title: 'Bí mật chưa đăng', bodyHtml: '<p>Bí mật chưa đăng.</p>' });
      await transitionArticle(t.db, leader, unpublished.id, 'unpublish');
    });
    after(() => t.close());

    for (const [query, expect, params] of CASES) {
      const label = query.length > 40 ? `${query.slice(0, 37)}… (${query.length} ký tự)` : JSON.stringify(query);
      it(`${label}${params ? ` với bộ lọc ${JSON.stringify(params)}` : ''}`, async () => {
        expect(await search(t.db, site, { q: query, page: 1, perPage: 10, ...params }));
      });
    }

    it('rebuilding the index from the articles gives the same answers', async () => {
      const before = await search(t.db, site, { q: 'nhà tình thương', page: 1, perPage: 10 });
      assert.equal(await rebuildSearchIndex(t.db, site.id), CORPUS.length);
      const after = await search(t.db, site, { q: 'nhà tình thương', page: 1, perPage: 10 });
      assert.deepEqual(titles(after), titles(before));
      assert.equal((await search(t.db, site, { q: 'nha tinh thuogn', page: 1, perPage: 10 })).suggestion, 'nha tinh thuong');
    });

    it('an article that is edited, unpublished and republished is found by its current text only', async () => {
      const leader: Actor = (await buildUser(t.db, site, 'approver')).actor;
      const { id } = await buildArticle(t.db, site, { title: 'Chợ đêm phố đi bộ', bodyHtml: '<p>Khai trương chợ đêm.</p>' });
      assert.equal((await search(t.db, site, { q: 'cho dem', page: 1, perPage: 10 })).total, 1);
      await transitionArticle(t.db, leader, id, 'unpublish');
      assert.equal((await search(t.db, site, { q: 'cho dem', page: 1, perPage: 10 })).total, 0);
    });
  });
}
