import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AppError } from '../../src/errors.ts';
import { CategoryRepository } from '../../src/repositories/category-repository.ts';
import { SiteRepository } from '../../src/repositories/site-repository.ts';
import { addCategory } from '../../src/services/category-service.ts';
import { SiteResolver, createSite, normalizeHost } from '../../src/services/site-service.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildSite } from '../support/factories.ts';

function errorCode(error: unknown): string {
  assert.ok(error instanceof AppError, String(error));
  return error.code;
}

for (const dialect of DIALECTS) {
  describe(`sites [${dialect}]`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await openTestDatabase(dialect);
    });
    after(() => t.close());

    it('creating a site gives it its host names and the news, notices and documents categories', async () => {
      const site = await buildSite(t.db, { name: 'Phường Mỹ Phú', unitType: 'phuong', hosts: ['MyPhu.DongThap.gov.vn', 'myphu.test'] });
      assert.deepEqual(await new SiteRepository(t.db).hostsOf(site.id), ['myphu.dongthap.gov.vn', 'myphu.test']);
      const categories = await new CategoryRepository(t.db, site.id).list();
      assert.deepEqual(
        categories.map((c) => [c.slug, c.kind]),
        [
          ['tin-tuc', 'news'],
          ['thong-bao', 'notice'],
          ['tai-lieu', 'document'],
        ],
      );
    });

    it('a request finds its site by Host header, port and case ignored', async () => {
      const site = await buildSite(t.db, { hosts: ['xa-tan-phu.test'] });
      const resolver = new SiteResolver(t.db);
      assert.equal((await resolver.resolve('XA-TAN-PHU.test:8080'))?.id, site.id);
      assert.equal(await resolver.resolve('khong-co.test'), undefined);
      assert.equal(normalizeHost('[::1]:3000'), '[::1]');
    });

    it('a host name taken by another site fails the whole creation and writes nothing', async () => {
      await buildSite(t.db, { hosts: ['trung.test'] });
      const before = await new SiteRepository(t.db).count();
      await assert.rejects(buildSite(t.db, { hosts: ['moi.test', 'trung.test'] }), (e) => errorCode(e) === 'validation_failed');
      assert.equal(await new SiteRepository(t.db).count(), before);
      assert.equal(await new SiteRepository(t.db).findByHost('moi.test'), undefined);
    });

    it('bad site input names each field in Vietnamese', async () => {
      await assert.rejects(createSite(t.db, { name: '', unitType: 'quan' as 'xa', province: 'Đồng Tháp', hosts: ['khong hop le'] }), (error) => {
        assert.equal(errorCode(error), 'validation_failed');
        const fields = (error as AppError).fields.map((f) => f.field).sort();
        assert.deepEqual(fields, ['hosts.0', 'name', 'unitType']);
        return true;
      });
    });

    it('categories are per site: the same slug may exist on two sites, not twice on one', async () => {
      const a = await buildSite(t.db);
      const b = await buildSite(t.db);
      await addCategory(t.db, a.id, { name: 'Lịch công tác' });
      await addCategory(t.db, b.id, { name: 'Lịch công tác' });
      assert.equal((await new CategoryRepository(t.db, a.id).findBySlug('lich-cong-tac'))?.name, 'Lịch công tác');
      await assert.rejects(addCategory(t.db, a.id, { name: 'Lịch công tác' }), (e) => errorCode(e) === 'validation_failed');
    });
  });
}
