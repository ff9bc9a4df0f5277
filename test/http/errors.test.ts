import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openTestApp } from '../support/app.ts';
import { buildSite } from '../support/factories.ts';

describe('unexpected errors', () => {
  it('become a plain 500 with a request id, and no stack reaches the page', async () => {
    const h = await openTestApp('sqlite');
    await buildSite(h.t.db, { hosts: ['loi.test'] });
    // Warm the site cache, then lose the database under the running app.
    assert.equal((await h.app.inject({ url: '/', headers: { host: 'loi.test' } })).statusCode, 200);
    await h.t.db.destroy();

    const page = await h.app.inject({ url: '/chuyen-muc/tin-tuc', headers: { host: 'loi.test' } });
    assert.equal(page.statusCode, 500);
    assert.match(page.body, /Hệ thống gặp lỗi/);
    const requestId = /Mã yêu cầu: <code>([0-9a-f-]{36})<\/code>/.exec(page.body)?.[1];
    assert.ok(requestId, 'the page shows a request id');
    assert.doesNotMatch(page.body, /at |\.ts:\d+|destroyed/i);

    const api = await h.app.inject({ url: '/api/v1/articles', headers: { host: 'loi.test' } });
    assert.equal(api.statusCode, 500);
    assert.equal(api.json().error.code, 'internal');
    assert.match(api.json().error.request_id, /^[0-9a-f-]{36}$/);

    const health = await h.app.inject({ url: '/healthz' });
    assert.equal(health.statusCode, 503);
    assert.equal(health.json().error.code, 'database_unavailable');
    await h.app.close();
  });
});
