import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openSqlite } from '../../src/db/database.ts';
import { SAMPLE_PAGE } from '../../src/services/demo/seed-demo.ts';
import { search } from '../../src/services/search/search-service.ts';
import { DIALECTS } from '../support/databases.ts';
import { type TestDatabase, openTestDatabase } from '../support/databases.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/xaphuong.js');

for (const dialect of DIALECTS) {
  describe(`the xaphuong command [${dialect}]`, () => {
    let dataDir: string;
    let pgDb: TestDatabase | undefined;
    let env: NodeJS.ProcessEnv;

    before(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-cli-'));
      env = { ...process.env, XAPHUONG_DATA: dataDir, LOG_LEVEL: 'silent' };
      delete env.DATABASE_URL;
      if (dialect === 'postgres') {
        pgDb = await openTestDatabase('postgres');
        env.DATABASE_URL = pgDb.url;
      }
    });
    after(async () => {
      await pgDb?.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8' });

    it('create-site, then import-text of the sample, then re-import updates it', () => {
      const created = run('create-site', '--name', 'Phường Sa Đéc', '--type', 'phuong', '--province', 'Đồng Tháp', '--host', 'sadec.test');
      assert.equal(created.status, 0, created.stderr);
      assert.match(created.stdout, /Đã tạo cổng "Phường Sa Đéc"/);
      assert.match(created.stderr, /địa chỉ \(--address\), điện thoại \(--phone\)/, 'the command names the footer contacts it was not given');

      const first = run('import-text', SAMPLE_PAGE, '--site', 'sadec.test');
      assert.equal(first.status, 0, first.stderr);
      assert.match(first.stdout, /^Đã nhập: .*sample-ward-page.txt → \/bai-viet\/hoi-nghi-tong-ket-cong-tac-dan-van/);
      const again = run('import-text', SAMPLE_PAGE, '--site', 'sadec.test', '--date', '14/01/2020');
      assert.equal(again.status, 0, again.stderr);
      assert.match(again.stdout, /^Đã cập nhật: /);
    });

    it('reindex rebuilds the index with progress, merges it, and search finds the same page', async () => {
      const rebuilt = run('reindex');
      assert.equal(rebuilt.status, 0, rebuilt.stderr);
      assert.match(rebuilt.stdout, /Phường Sa Đéc: 1 bài trong [\d,]+ giây\./);
      assert.match(rebuilt.stderr, /Lập chỉ mục \[#{24}\] 1\/1 bài/, "a bar over every site's published articles");
      assert.match(rebuilt.stdout, /Đã gộp chỉ mục trong [\d,]+ giây\./);
      const handle = dialect === 'postgres' ? pgDb! : openSqlite(path.join(dataDir, 'xaphuong.sqlite'));
      try {
        const site = await handle.db.selectFrom('sites').selectAll().where('name', '=', 'Phường Sa Đéc').executeTakeFirstOrThrow();
        const outcome = await search(handle.db, site, { q: 'tong ket cong tac dan van', page: 1, perPage: 10 });
        assert.equal(outcome.total, 1);
        assert.match(outcome.hits[0]!.path, /^\/bai-viet\/hoi-nghi-tong-ket-cong-tac-dan-van/);
      } finally {
        if (dialect === 'sqlite') await handle.close();
      }
      assert.equal(run('reindex', '--site', 'khong-co.test').status, 1);
    });

    it('a file it cannot parse is named with the reason, in Vietnamese, with a failing exit code', () => {
      const bad = path.join(dataDir, 'trang-hong.txt');
      fs.writeFileSync(bad, '');
      const result = run('import-text', bad, '--site', 'sadec.test');
      assert.equal(result.status, 1);
      assert.equal(result.stderr.trim(), 'Không nhập được tệp "trang-hong.txt": tệp trống.');
    });

    it('wrong use explains itself', () => {
      const badDate = run('import-text', SAMPLE_PAGE, '--date', '2020-01-13');
      assert.equal(badDate.status, 2);
      assert.match(badDate.stderr, /Ngày "2020-01-13" không hợp lệ: hãy viết dd\/mm\/yyyy/);
      const unknown = run('khong-co-lenh');
      assert.equal(unknown.status, 2);
      assert.match(unknown.stderr, /Không có lệnh "khong-co-lenh"/);
      const noSite = run('import-text', SAMPLE_PAGE, '--site', 'khong-co.test');
      assert.equal(noSite.status, 1);
      assert.match(noSite.stderr, /Không có cổng nào với tên miền "khong-co.test"/);
    });
  });
}
