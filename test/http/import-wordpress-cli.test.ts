import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildWxr, writeLargeWxr } from '../support/wxr.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/xaphuong.js');

for (const dialect of DIALECTS) {
  describe(`npx xaphuong import-wordpress [${dialect}]`, () => {
    let dataDir: string;
    let pgDb: TestDatabase | undefined;
    let env: NodeJS.ProcessEnv;

    before(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-wp-cli-'));
      env = { ...process.env, XAPHUONG_DATA: dataDir, LOG_LEVEL: 'silent' };
      delete env.DATABASE_URL;
      if (dialect === 'postgres') {
        pgDb = await openTestDatabase('postgres');
        env.DATABASE_URL = pgDb.url;
      }
      const created = run('create-site', '--name', 'Phường Mới', '--type', 'phuong', '--province', 'Đồng Tháp', '--host', 'moi.test');
      assert.equal(created.status, 0, created.stderr);
    });
    after(async () => {
      await pgDb?.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8' });

    it('imports an export with a progress bar and a report, and a second run updates nothing twice', () => {
      const file = path.join(dataDir, 'phuong.xml');
      fs.writeFileSync(
        file,
        buildWxr({ base: 'http://phuong-cu.example' }, [
          { id: 1, title: 'Hội nghị tổng kết công tác dân vận', content: 'Đoạn một.\n\nTin: Việt Thắng, Ảnh: Thanh An.', comments: 3 },
          { id: 2, title: 'Bài đã xóa', status: 'trash', content: 'x' },
        ]),
      );
      const first = run('import-wordpress', file, '--site', 'moi.test', '--offline');
      assert.equal(first.status, 0, first.stderr);
      assert.match(first.stderr, /Nhập \[#+\] 2\/2 mục · [\d,]+ mục\/giây/);
      assert.match(first.stdout, /^Đã nhập mới: 1$/m);
      assert.match(first.stdout, /^Bình luận \(không nhập\): 3$/m);
      assert.match(first.stdout, /^ {2}- Bài #2 “Bài đã xóa”: trạng thái "trash" không nhập/m);
      const second = run('import-wordpress', file, '--site', 'moi.test', '--offline');
      assert.equal(second.status, 0, second.stderr);
      assert.match(second.stdout, /^Đã nhập mới: 0$/m);
      assert.match(second.stdout, /^Không đổi từ lần nhập trước: 1$/m);
    });

    it('wrong use and a broken file explain themselves in Vietnamese', () => {
      const missing = run('import-wordpress', path.join(dataDir, 'khong-co.xml'), '--site', 'moi.test');
      assert.equal(missing.status, 2);
      assert.match(missing.stderr, /Không có tệp/);
      const broken = path.join(dataDir, 'hong.xml');
      fs.writeFileSync(
        broken,
        '<?xml version="1.0"?><rss><channel><wp:wxr_version xmlns:wp="http://wordpress.org/export/1.2/">1.2</wp:wxr_version><item><title>Tin',
      );
      const result = run('import-wordpress', broken, '--site', 'moi.test', '--offline');
      assert.equal(result.status, 1);
      assert.match(result.stderr, /tệp bị cắt cụt/);
      assert.doesNotMatch(result.stderr, /at .*\.ts:\d+/, 'no stack trace');
    });

    if (dialect === 'sqlite') {
      it('a 40 MB export imports within a 48 MB JavaScript heap: the file is streamed, never held', async () => {
        // The process itself holds about 30 MB once loaded, so the file, held whole, could not fit beside it.
        const file = path.join(dataDir, 'lon.xml');
        // 64 posts, each with 2.600 comments: the bytes are mostly what an import reads and leaves out.
        const size = await writeLargeWxr(file, { base: 'http://lon.example' }, 64, 2000, 2600);
        assert.ok(size > 40 * 1024 * 1024, `file of ${size} bytes`);
        const result = spawnSync(process.execPath, ['--max-old-space-size=48', BIN, 'import-wordpress', file, '--site', 'moi.test', '--offline'], {
          env,
          encoding: 'utf8',
        });
        assert.equal(result.status, 0, result.stderr.slice(-2000));
        assert.match(result.stdout, /^Đã nhập mới: 64$/m);
        assert.match(result.stdout, /^Bình luận \(không nhập\): 166\.400$/m);
        const rss = Number(/Bộ nhớ dùng nhiều nhất: ([\d.]+) MB/.exec(result.stdout)?.[1]?.replace(/\./g, ''));
        assert.ok(rss > 0 && rss < 300, `peak RSS ${rss} MB`);
      });
    }
  });
}
