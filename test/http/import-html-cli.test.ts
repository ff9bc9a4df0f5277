import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { newsDetailLayout } from '../support/portal-pages.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/xaphuong.js');

describe('npx xaphuong import-html', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8' });

  before(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-html-cli-'));
    env = { ...process.env, XAPHUONG_DATA: dataDir, LOG_LEVEL: 'silent' };
    delete env.DATABASE_URL;
    const created = run('create-site', '--name', 'Phường 1', '--type', 'phuong', '--province', 'Đồng Tháp', '--host', 'p1.test');
    assert.equal(created.status, 0, created.stderr);
    fs.mkdirSync(path.join(dataDir, 'trang'));
    fs.writeFileSync(
      path.join(dataDir, 'trang', 'hoi-nghi.html'),
      newsDetailLayout({
        title: 'Hội nghị tổng kết công tác dân vận năm 2019',
        date: '13/01/2020',
        paragraphs: ['Đảng ủy Phường 1 tổ chức hội nghị tổng kết công tác dân vận năm 2019 với sự tham dự của các đoàn thể và đại diện khu phố.'],
        credits: 'Tin: Việt Thắng, Ảnh: Thanh Tâm',
      }),
    );
  });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('a dry run prints what each page gives, then the import prints its report', () => {
    const dry = run('import-html', path.join(dataDir, 'trang'), '--site', 'p1.test', '--dry-run', '--offline');
    assert.equal(dry.status, 0, dry.stderr);
    assert.match(dry.stdout, /^ {2}Tiêu đề: Hội nghị tổng kết công tác dân vận năm 2019$/m);
    assert.match(dry.stdout, /^ {2}Ngày đăng: 13\/01\/2020$/m);
    assert.match(dry.stdout, /^ {2}Tin: Việt Thắng; Ảnh: Thanh Tâm$/m);
    assert.match(dry.stdout, /^ {2}Bỏ ra \(phần khung của cổng cũ\): .*“Thông tin khác”/m);
    const real = run('import-html', path.join(dataDir, 'trang'), '--site', 'p1.test', '--offline');
    assert.equal(real.status, 0, real.stderr);
    assert.match(real.stdout, /^Đã nhập mới: 1$/m);
  });

  it('a mistyped command names the problem in Vietnamese and exits non-zero', () => {
    const none = run('import-html', '--site', 'p1.test');
    assert.notEqual(none.status, 0);
    assert.match(none.stderr, /Cần TỆP hoặc THƯ_MỤC/);
    assert.doesNotMatch(none.stderr, /\n\s+at /, 'no stack');
    const missing = run('import-html', path.join(dataDir, 'khong-co'), '--site', 'p1.test');
    assert.notEqual(missing.status, 0);
    assert.match(missing.stderr, /Không có tệp hay thư mục/);
  });
});
