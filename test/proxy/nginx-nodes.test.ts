import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { publishProvinceNotice, setProvinceNoticeWithdrawn } from '../../src/services/province-notices/notice-editor.ts';
import { LocalStorage } from '../../src/services/storage/local-storage.ts';
import { multipart } from '../support/admin.ts';
import { platformActorOf } from '../support/factories.ts';
import { type ProxiedNodes, startProxiedNodes } from '../support/nginx.ts';
import { publishArticle, request, signIn } from '../support/portal-process.ts';

/** Item 8 of issue 26, with nginx: two nodes on one PostgreSQL and one data folder behind the shipped configuration. */
describe('two nodes behind nginx share one portal [postgres]', () => {
  let h: ProxiedNodes;
  const [A, B] = [0, 1] as const;

  before(async () => {
    h = await startProxiedNodes();
  });
  after(() => h?.close());

  it('nginx spreads requests over both nodes', async () => {
    const pids = new Set<number>();
    for (let i = 0; i < 6; i++) pids.add(JSON.parse((await request(h.nginx.port, '/healthz')).body).pid);
    assert.deepEqual([...pids].sort(), [h.nodes[A].child.pid, h.nodes[B].child.pid].sort());
  });

  it('an article published on node B is read on node A and through nginx', async () => {
    for (const port of [h.ports[A], h.nginx.port]) assert.equal((await request(port, '/')).status, 200); // both caches hold the home page
    await publishArticle(h.ports[B], 'Lịch tiếp công dân tháng 12 đăng ở nút B');
    const deadline = Date.now() + 8_000;
    for (const port of [h.ports[A], h.nginx.port]) {
      while (!(await request(port, '/')).body.includes('Lịch tiếp công dân tháng 12 đăng ở nút B')) {
        assert.ok(Date.now() < deadline, `the home page on port ${port} still lacks the article`);
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  });

  it('a session opened on node A works on node B, and through nginx on whichever node answers', async () => {
    const staff = await signIn(h.ports[A], 'bientap@phuong1.demo');
    const onB = await request(h.ports[B], '/quan-tri/tai-khoan', { headers: { cookie: staff.cookie } });
    assert.equal(onB.status, 200);
    assert.match(onB.body, /Lê Văn Biên Tập/);
    for (let i = 0; i < 4; i++) {
      const res = await request(h.nginx.port, '/quan-tri/tai-khoan', { headers: { cookie: staff.cookie } });
      assert.equal(res.status, 200, 'signed in on both nodes');
      assert.match(res.body, /Lê Văn Biên Tập/);
      assert.equal(res.headers['x-cache-status'], 'BYPASS');
    }
  });

  /** Uploads a file through node A's newsroom form; returns its public URL and the bytes stored in the shared folder. */
  async function uploadOnA(file: { name: string; type: string; bytes: Buffer }, fields: Record<string, string>): Promise<{ url: string; onDisk: Buffer }> {
    const staff = await signIn(h.ports[A], 'bientap@phuong1.demo');
    const body = multipart(fields, file);
    const uploaded = await request(h.ports[A], '/quan-tri/media', {
      method: 'POST',
      headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf, accept: 'application/json', 'content-type': body.contentType },
      body: body.payload,
      timeoutMs: 30_000,
    });
    assert.equal(uploaded.status, 200, uploaded.body);
    const url: string = JSON.parse(uploaded.body).media.url;
    const site = await h.database.db.selectFrom('site_hosts').select('site_id').where('host', '=', 'localhost').executeTakeFirstOrThrow();
    return { url, onDisk: fs.readFileSync(path.join(h.dataDir, 'media', String(site.site_id), path.basename(url))) };
  }

  it('a photo uploaded through node A is served by node B, and by nginx from the shared folder', async () => {
    const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#0b3d75' } })
      .jpeg()
      .toBuffer();
    const { url, onDisk } = await uploadOnA({ name: 'ra-quan.jpg', type: 'image/jpeg', bytes: photo }, { alt: 'Lễ ra quân', caption: 'Đoàn viên ra quân' });

    const fromB = await request(h.ports[B], url);
    assert.equal(fromB.status, 200);
    assert.deepEqual(fromB.bytes, onDisk);

    for (let i = 0; i < 2; i++) {
      const proxied = await request(h.nginx.port, url);
      assert.equal(proxied.status, 200);
      assert.equal(proxied.headers['content-type'], 'image/jpeg');
      assert.equal(proxied.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.equal(proxied.headers['x-content-type-options'], 'nosniff');
      assert.equal(proxied.headers['x-accel-redirect'], undefined, 'the internal address stays inside nginx');
      assert.deepEqual(proxied.bytes, onDisk);
    }
    // A byte range is nginx's static file module answering: the nodes always send the whole file.
    const range = await request(h.nginx.port, url, { headers: { range: 'bytes=0-99' } });
    assert.equal(range.status, 206);
    assert.deepEqual(range.bytes, onDisk.subarray(0, 100));
    const internal = url.replace('/media/', '/_xaphuong_media/1/');
    assert.equal((await request(h.nginx.port, internal)).status, 404, 'the internal location is not public');
  });

  it('an attachment sent by nginx keeps its type and original name', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(3000, 32), Buffer.from('\n%%EOF')]);
    const { url, onDisk } = await uploadOnA({ name: 'Kế hoạch 2026.pdf', type: 'application/pdf', bytes: pdf }, { title: 'Kế hoạch năm 2026' });
    const proxied = await request(h.nginx.port, url, { headers: { range: 'bytes=0-8' } });
    assert.equal(proxied.status, 206, 'sent by nginx');
    assert.equal(proxied.headers['content-type'], 'application/pdf');
    assert.equal(proxied.headers['content-disposition'], `attachment; filename*=UTF-8''${encodeURIComponent('Kế hoạch 2026.pdf')}`);
    assert.deepEqual(proxied.bytes, onDisk.subarray(0, 9));
  });

  it('a province notice’s file is checked by a node and sent by nginx, and stops at once when the notice is withdrawn', async () => {
    const db = h.database.db;
    const ward = await db.selectFrom('site_hosts').select('site_id').where('host', '=', 'localhost').executeTakeFirstOrThrow();
    const actor = await platformActorOf(db, 'tinh@dongthap.demo', ward.site_id);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(5000, 32), Buffer.from('\n%%EOF')]);
    const notice = await publishProvinceNotice(
      db,
      actor,
      'Đồng Tháp',
      {
        kind: 'document',
        issuer: 'UBND tỉnh Đồng Tháp',
        title: 'Kế hoạch chuyển đổi số năm 2027',
        body_html: '<p>Kèm theo kế hoạch.</p>',
        scope: 'chosen',
        sites: [ward.site_id],
      },
      { storage: new LocalStorage(path.join(h.dataDir, 'media')), uploads: [{ name: 'Kế hoạch 2027.pdf', bytes: pdf }] },
    );
    const file = await db.selectFrom('province_notice_files').select('file_key').where('notice_id', '=', notice.id).executeTakeFirstOrThrow();
    const url = `/thong-bao-tinh/${notice.slug}/tep/${file.file_key}`;

    const fromNode = await request(h.ports[B], url, { headers: { range: 'bytes=0-8' } });
    assert.equal(fromNode.status, 200, 'a node sends the whole file');
    assert.deepEqual(fromNode.bytes, pdf);
    for (let i = 0; i < 2; i++) {
      const proxied = await request(h.nginx.port, url, { headers: { range: 'bytes=0-8' } });
      assert.equal(proxied.status, 206, 'sent by nginx');
      assert.deepEqual(proxied.bytes, pdf.subarray(0, 9));
      assert.equal(proxied.headers['content-type'], 'application/pdf');
      assert.equal(proxied.headers['content-disposition'], `attachment; filename*=UTF-8''${encodeURIComponent('Kế hoạch 2027.pdf')}`);
      assert.equal(proxied.headers['cache-control'], 'no-cache');
      assert.equal(proxied.headers['x-content-type-options'], 'nosniff');
      assert.equal(proxied.headers['x-accel-redirect'], undefined, 'the internal address stays inside nginx');
    }
    const page = await request(h.nginx.port, `/thong-bao-tinh/${notice.slug}`);
    assert.equal(page.status, 200);
    assert.ok(page.body.includes(url), 'the notice’s page links its file');
    assert.equal(page.headers['x-content-type-options'], 'nosniff', 'the page keeps the security headers');

    await setProvinceNoticeWithdrawn(db, actor, notice.id, true);
    const withdrawn = await request(h.nginx.port, url);
    assert.equal(withdrawn.status, 404, 'nginx sends only what a node names');
    assert.equal(withdrawn.headers['x-frame-options'], 'SAMEORIGIN', 'a node’s answer gets the security headers once');
    assert.equal(String(withdrawn.headers['content-security-policy']).split(',').length, 1);
  });

  it('a client that asks a node itself for X-Accel-Redirect gets the file: only the trusted nginx may ask', async () => {
    const home = await request(h.ports[A], '/');
    const image = /src="(\/media\/[^"]+)"/.exec(home.body)?.[1];
    assert.ok(image, 'the demo home page shows an image');
    const res = await request(h.ports[A], image, { localAddress: '127.0.0.8', headers: { 'x-sendfile-type': 'X-Accel-Redirect' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers['x-accel-redirect'], undefined);
    assert.ok(res.bytes.length > 0);
  });
});
