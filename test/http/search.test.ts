import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedDemo } from '../../src/services/demo/seed-demo.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { LocalStorage } from '../../src/services/storage/local-storage.ts';

for (const dialect of DIALECTS) {
  describe(`search over HTTP [${dialect}]`, () => {
    let h: TestApp;
    const get = (url: string) => h.app.inject({ url, headers: { host: 'localhost' } });

    before(async () => {
      h = await openTestApp(dialect);
      await seedDemo(h.t.db, new LocalStorage(h.mediaDir));
    });
    after(() => h.close());

    it('the results page counts, highlights in the original diacritics and links each result', async () => {
      const res = await get('/tim-kiem?q=nha+tinh+thuong+phuong+1');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /Tìm thấy 1 kết quả cho “nha tinh thuong phuong 1”/);
      assert.match(res.body, /<mark>nhà<\/mark> <mark>tình<\/mark> <mark>thương<\/mark>/);
      assert.match(res.body, /<a href="\/bai-viet\/hoi-nghi-tong-ket-cong-tac-dan-van/);
    });

    it('a query that is one quoted phrase is quoted back once, not “"…"”', async () => {
      const phrase = (await get(`/tim-kiem?q=${encodeURIComponent('"trung thu"')}`)).body;
      assert.match(phrase, /Tìm thấy 1 kết quả cho “trung thu”\./);
      assert.match(phrase, /<mark>TRUNG THU<\/mark>/, 'the phrase is marked as one');
      assert.doesNotMatch(phrase, /<mark>(trung|thu|TRUNG|THU|Trung|Thu)<\/mark>/, 'and its words are not marked alone');
      const curly = (await get(`/tim-kiem?q=${encodeURIComponent('“trung thu”')}`)).body;
      assert.match(curly, /Tìm thấy 1 kết quả cho “trung thu”\./, 'typographic quotes too');
      const missing = (await get(`/tim-kiem?q=${encodeURIComponent('"trung thuu"')}`)).body;
      assert.match(missing, /Không tìm thấy kết quả nào cho “trung thuu”\./);
      const mixed = (await get(`/tim-kiem?q=${encodeURIComponent('"trung thu" vui')}`)).body;
      assert.match(
        mixed,
        /kết quả nào cho “&quot;trung thu&quot; vui”|kết quả cho “&quot;trung thu&quot; vui”/,
        'a phrase among other words keeps its own quotes',
      );
    });

    it('a query typed without diacritics finds "Đảng ủy" in the demo content', async () => {
      const body = (await get('/api/v1/search?q=dang+uy')).json();
      assert.ok(body.total >= 2);
      assert.match(body.data[0].title, /ĐẢNG ỦY|Đảng ủy/);
    });

    it('the API returns total and results with kind, title, url, snippet and date', async () => {
      const res = await get(`/api/v1/search?q=${encodeURIComponent('"trung thu"')}&kind=news`);
      const body = res.json();
      assert.equal(body.total, 1);
      assert.deepEqual(Object.keys(body.data[0]).sort(), ['kind', 'published_at', 'snippet', 'title', 'title_html', 'url']);
      assert.equal(body.data[0].kind, 'news');
      assert.match(body.data[0].url, /^http:\/\/localhost\/bai-viet\/am-ap-chuong-trinh-trung-thu/);
      assert.equal((await get(`/api/v1/search?q=${encodeURIComponent('"trung thu"')}&kind=notice`)).json().total, 0);
      const words = (await get('/api/v1/search?q=trung+thu+')).json();
      assert.ok(words.total > 1, 'unquoted words may stand apart');
      assert.match(words.data[0].title, /TRUNG THU/);
    });

    it('any input gets a page, never an error', async () => {
      const inputs = ['covid-19', '"', '***', 'NEAR(a b)', '😀', 'a'.repeat(5000), 'nhà'.normalize('NFD'), 'NHA TINH THUONG', '%', "' or 1=1 --"];
      for (const q of inputs) {
        const res = await get(`/tim-kiem?q=${encodeURIComponent(q)}`);
        assert.equal(res.statusCode, 200, q.slice(0, 20));
        assert.equal((await get(`/api/v1/search?q=${encodeURIComponent(q)}`)).statusCode, 200, q.slice(0, 20));
      }
      assert.match((await get('/tim-kiem?q=%21%21%21')).body, /Từ khóa chỉ gồm dấu câu hoặc ký hiệu/);
    });

    it('no match, searched exactly as typed, offers a close word, and keeps the filters', async () => {
      const res = await get('/tim-kiem?q=trung+thuu&loai=news&chinh_xac=1');
      assert.match(res.body, /Không tìm thấy kết quả nào cho “trung thuu”/);
      assert.match(res.body, /Có phải bạn muốn tìm: <a href="\/tim-kiem\?q=trung\+thu&amp;loai=news">trung thu<\/a>/);
    });

    it('a query typed with the Vietnamese keyboard off shows the results of the word meant, says so, and links to the query as typed', async () => {
      const res = await get(`/tim-kiem?q=${encodeURIComponent('nhaf tinhf thuongw')}&loai=news`);
      assert.equal(res.statusCode, 200);
      assert.match(
        res.body,
        /Hiển thị kết quả cho <a href="\/tim-kiem\?q=nh%C3%A0\+t%C3%ACnh\+th%C6%B0%C6%A1ng&amp;loai=news"><strong>nhà tình thương<\/strong><\/a>/,
      );
      assert.match(res.body, /Tìm chính xác từ khóa đã gõ: <a href="\/tim-kiem\?q=nhaf\+tinhf\+thuongw&amp;loai=news&amp;chinh_xac=1">nhaf tinhf thuongw<\/a>/);
      assert.match(res.body, /Tìm thấy \d+ kết quả cho “nhà tình thương”/);
      assert.match(res.body, /<mark>nhà<\/mark> <mark>tình<\/mark> <mark>thương<\/mark>/);
    });

    it('the API gives the corrected query and its results, or the query as typed only when asked', async () => {
      const corrected = (await get(`/api/v1/search?q=${encodeURIComponent('nhaf tinhf thuongw')}`)).json();
      assert.equal(corrected.corrected_query, 'nhà tình thương');
      assert.equal(corrected.query_total, 0);
      assert.ok(corrected.total > 0 && corrected.data.length > 0);
      const exact = (await get(`/api/v1/search?q=${encodeURIComponent('nhaf tinhf thuongw')}&exact=1`)).json();
      assert.equal(exact.corrected_query, null);
      assert.equal(exact.total, 0);
      assert.equal(exact.suggestion, 'nhà tình thương');
      const bad = await get('/api/v1/search?q=nha&exact=co');
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.code, 'validation_failed');
      assert.deepEqual(
        bad.json().error.fields.map((f: { field: string }) => f.field),
        ['exact'],
      );
    });

    it('a bad date filter is shown next to its field, with the query kept', async () => {
      const res = await get('/tim-kiem?q=tin&tu=32%2F13%2F2024');
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /<p class="field-error" id="tu-loi">ngày phải viết dd\/mm\/yyyy<\/p>/);
      assert.match(res.body, /value="tin"/);
      const api = await get('/api/v1/search?q=tin&from=hom-qua');
      assert.equal(api.statusCode, 400);
      assert.deepEqual(
        api.json().error.fields.map((f: { field: string }) => f.field),
        ['from'],
      );
    });

    it('results page through with the filters kept', async () => {
      const res = await get('/tim-kiem?q=phuong&loai=news');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /Tìm thấy \d+ kết quả/);
    });
  });
}
