/**
 * The province's documents in a commune's searchable Văn bản table: among
 * the commune's own documents in the asked order, paged together, found by
 * the words, issuer and dates they have, and left out of a search by what
 * they lack (number, type, signer, field).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { type DocumentQuery, readDocumentList } from '../../src/services/documents/document-reader.ts';
import { provinceDocumentDay } from '../../src/services/documents/document-reader.ts';
import { publishProvinceNotice } from '../../src/services/province-notices/notice-editor.ts';
import { foldVietnamese } from '../../src/text/vietnamese.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';

for (const dialect of DIALECTS) {
  describe(`province documents in a commune's Văn bản table [${dialect}]`, () => {
    let t: TestDatabase;
    let site: SiteRow;
    let other: SiteRow;
    let provinceDoc: number;
    const list = (query: Partial<DocumentQuery> = {}, siteId = site.id) =>
      readDocumentList(t.db, siteId, { sort: { by: 'issued', direction: 'desc' }, page: 1, ...query });
    /** The rows' titles: the province's marked with "tỉnh:". */
    const titles = (rows: Awaited<ReturnType<typeof list>>['rows']) => rows.map((r) => (r.own ? r.own.summary : `tỉnh: ${r.province.title}`));
    const insertDocument = async (n: number, issuedOn: string, summary: string) => {
      const now = new Date().toISOString();
      await t.db
        .insertInto('documents')
        .values({
          site_id: site.id,
          doc_type: 'ke-hoach',
          number_symbol: `${n}/KH-UBND`,
          number_key: `${n}khubnd`,
          number_value: n,
          issue_year: Number(issuedOn.slice(0, 4)),
          issuing_body: 'UBND phường 1',
          signer: 'Nguyễn Văn An',
          issued_on: issuedOn,
          effective_on: issuedOn,
          expires_on: null,
          summary,
          field: 'Hành chính',
          search_text: foldVietnamese(`${summary} ${n}/KH-UBND UBND phường 1`),
          status: 'published',
          published_at: now,
          created_by: null,
          updated_by: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
    };

    before(async () => {
      t = await openTestDatabase(dialect);
      site = await buildSite(t.db, { name: 'Phường 1' });
      other = await buildSite(t.db, { name: 'Phường 2' });
      const platform = (await buildUser(t.db, site, null, { isPlatformAdmin: true })).actor;
      await insertDocument(3, '2024-03-01', 'Kế hoạch phòng chống thiên tai');
      await insertDocument(12, '2025-06-01', 'Kế hoạch tiếp công dân');
      await insertDocument(7, '2026-01-10', 'Kế hoạch chuyển đổi số của phường');
      const doc = await publishProvinceNotice(t.db, platform, 'Đồng Tháp', {
        kind: 'document',
        issuer: 'UBND tỉnh Đồng Tháp',
        title: 'Kế hoạch chuyển đổi số của tỉnh',
        body_html: '<p>Kế hoạch.</p>',
        scope: 'chosen',
        sites: [site.id],
      });
      provinceDoc = doc.id;
    });
    after(() => t.close());

    it('the province’s document sits among the commune’s own by day, in either direction, and after the numbered ones by number', async () => {
      const newest = await list();
      assert.deepEqual(titles(newest.rows), [
        'tỉnh: Kế hoạch chuyển đổi số của tỉnh',
        'Kế hoạch chuyển đổi số của phường',
        'Kế hoạch tiếp công dân',
        'Kế hoạch phòng chống thiên tai',
      ]);
      assert.equal(newest.pagination.total, 4);
      assert.deepEqual(
        newest.documents.map((d) => d.summary),
        ['Kế hoạch chuyển đổi số của phường', 'Kế hoạch tiếp công dân', 'Kế hoạch phòng chống thiên tai'],
      );
      assert.equal(titles((await list({ sort: { by: 'issued', direction: 'asc' } })).rows).at(-1), 'tỉnh: Kế hoạch chuyển đổi số của tỉnh');
      assert.deepEqual(titles((await list({ sort: { by: 'number', direction: 'desc' } })).rows), [
        'Kế hoạch tiếp công dân',
        'Kế hoạch chuyển đổi số của phường',
        'Kế hoạch phòng chống thiên tai',
        'tỉnh: Kế hoạch chuyển đổi số của tỉnh',
      ]);
      assert.equal((await list({}, other.id)).rows.length, 0, 'a commune not chosen lists none');
    });

    it('words without tones, the issuer and the dates find it; a number, type, signer or field leave it out', async () => {
      assert.deepEqual(titles((await list({ q: 'chuyen doi so' })).rows), ['tỉnh: Kế hoạch chuyển đổi số của tỉnh', 'Kế hoạch chuyển đổi số của phường']);
      assert.equal((await list({ q: 'chuyen doi so' })).pagination.total, 2);
      const byIssuer = await list({ issuingBody: 'UBND tỉnh Đồng Tháp' });
      assert.deepEqual(titles(byIssuer.rows), ['tỉnh: Kế hoạch chuyển đổi số của tỉnh']);
      assert.ok(byIssuer.choices.issuingBodies.includes('UBND tỉnh Đồng Tháp'), 'its issuer is one of the choices');
      const [row] = (await list()).rows;
      const day = provinceDocumentDay(row!.province!);
      assert.equal(titles((await list({ issuedFrom: day, issuedTo: day })).rows).length, 1);
      assert.deepEqual(titles((await list({ issuedTo: '2025-12-31' })).rows), ['Kế hoạch tiếp công dân', 'Kế hoạch phòng chống thiên tai']);
      for (const query of [{ number: '7' }, { docType: 'ke-hoach' }, { signer: 'Nguyễn Văn An' }, { field: 'Hành chính' }]) {
        assert.ok(!titles((await list({ ...query, q: 'chuyen doi' })).rows).some((r) => r.startsWith('tỉnh:')), JSON.stringify(query));
      }
    });

    it('pages are cut from the merged order: every row once, none lost between pages', async () => {
      for (let n = 100; n < 120; n++) await insertDocument(n, `2025-0${1 + (n % 9)}-15`, `Kế hoạch số ${n}`);
      const first = await list();
      const second = await list({ page: 2 });
      assert.equal(first.pagination.total, 24);
      assert.equal(first.rows.length, 20);
      assert.equal(second.rows.length, 4);
      const keys = [...first.rows, ...second.rows].map((r) => (r.own ? `d${r.own.id}` : `p${r.province.id}`));
      assert.equal(new Set(keys).size, 24);
      assert.ok(keys.includes(`p${provinceDoc}`));
    });
  });
}
