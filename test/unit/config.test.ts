import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config/config.ts';

describe('configuration', () => {
  it('defaults to SQLite in ./data on port 3000 with the demo on', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3000);
    assert.deepEqual(config.database, { kind: 'sqlite', file: path.resolve('data', 'xaphuong.sqlite') });
    assert.equal(config.seedDemo, true);
  });

  it('uses PostgreSQL when DATABASE_URL is set, and no demo in production', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db/x', NODE_ENV: 'production' });
    assert.deepEqual(config.database, { kind: 'postgres', url: 'postgres://u@db/x' });
    assert.equal(config.seedDemo, false);
  });

  it('sends no mail without SMTP_URL, and takes SMTP_FROM or a no-reply address on the SMTP host with it', () => {
    assert.equal(loadConfig({}).mail, null);
    assert.deepEqual(loadConfig({ SMTP_URL: 'smtp://u:p@mail.tinh.gov.vn:587' }).mail, {
      url: 'smtp://u:p@mail.tinh.gov.vn:587',
      from: 'no-reply@mail.tinh.gov.vn',
    });
    assert.equal(loadConfig({ SMTP_URL: 'smtps://mail.tinh.gov.vn', SMTP_FROM: 'Cổng xã <cong@xa.gov.vn>' }).mail?.from, 'Cổng xã <cong@xa.gov.vn>');
  });

  it('keeps media in XAPHUONG_DATA/media unless a bucket is named, then in S3 with the bucket in the path for an endpoint', () => {
    assert.deepEqual(loadConfig({ XAPHUONG_DATA: '/srv/xp' }).mediaStorage, { kind: 'local', dir: path.resolve('/srv/xp', 'media') });
    assert.deepEqual(
      loadConfig({
        XAPHUONG_MEDIA_S3_BUCKET: 'xaphuong',
        XAPHUONG_MEDIA_S3_ENDPOINT: 'http://minio.tinh.gov.vn:9000',
        XAPHUONG_MEDIA_S3_PREFIX: 'cong/',
        XAPHUONG_MEDIA_S3_ACCESS_KEY_ID: 'khoa',
        XAPHUONG_MEDIA_S3_SECRET_ACCESS_KEY: 'bi-mat',
      }).mediaStorage,
      {
        kind: 's3',
        bucket: 'xaphuong',
        prefix: 'cong/',
        region: 'us-east-1',
        endpoint: 'http://minio.tinh.gov.vn:9000',
        forcePathStyle: true,
        credentials: { accessKeyId: 'khoa', secretAccessKey: 'bi-mat' },
      },
    );
    const aws = loadConfig({ XAPHUONG_MEDIA_S3_BUCKET: 'xaphuong', XAPHUONG_MEDIA_S3_REGION: 'ap-southeast-1' }).mediaStorage;
    assert.ok(aws.kind === 's3' && !aws.forcePathStyle && aws.credentials === null && aws.region === 'ap-southeast-1');
  });

  it('refuses an S3 endpoint that is not http(s), a prefix without its slash, and one key without the other', () => {
    assert.throws(
      () => loadConfig({ XAPHUONG_MEDIA_S3_BUCKET: 'xaphuong', XAPHUONG_MEDIA_S3_ENDPOINT: 'minio:9000', XAPHUONG_MEDIA_S3_PREFIX: 'cong' }),
      (error: unknown) => error instanceof ConfigError && error.problems.length === 2,
    );
    assert.throws(
      () => loadConfig({ XAPHUONG_MEDIA_S3_BUCKET: 'xaphuong', XAPHUONG_MEDIA_S3_ACCESS_KEY_ID: 'khoa' }),
      (error: unknown) => error instanceof ConfigError && error.problems[0]!.includes('XAPHUONG_MEDIA_S3_SECRET_ACCESS_KEY'),
    );
  });

  it('serves no metrics without XAPHUONG_METRICS_PORT, binds them to loopback by default, and refuses a port out of range', () => {
    assert.equal(loadConfig({}).metrics, null);
    assert.deepEqual(loadConfig({ XAPHUONG_METRICS_PORT: '9464' }).metrics, { port: 9464, host: '127.0.0.1' });
    assert.deepEqual(loadConfig({ XAPHUONG_METRICS_PORT: '9464', XAPHUONG_METRICS_HOST: '10.0.0.21' }).metrics, { port: 9464, host: '10.0.0.21' });
    assert.throws(
      () => loadConfig({ XAPHUONG_METRICS_PORT: '70000' }),
      (error: unknown) => error instanceof ConfigError && error.problems.length === 1 && error.problems[0]!.startsWith('XAPHUONG_METRICS_PORT'),
    );
  });

  it('refuses an SMTP_URL that is not smtp:// or smtps://', () => {
    assert.throws(
      () => loadConfig({ SMTP_URL: 'mail.tinh.gov.vn:25' }),
      (error: unknown) => error instanceof ConfigError && error.problems.length === 1 && error.problems[0]!.startsWith('SMTP_URL'),
    );
  });

  it('reports every problem at once', () => {
    assert.throws(
      () => loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.deepEqual(error.problems.map((p) => p.split(':')[0]).sort(), ['DATABASE_URL', 'LOG_LEVEL', 'PORT']);
        return true;
      },
    );
  });

  it('TRUST_PROXY trusts no proxy by default, 1 means a proxy on this machine, and takes a list of addresses and ranges', () => {
    assert.deepEqual(loadConfig({}).trustProxy, []);
    assert.deepEqual(loadConfig({ TRUST_PROXY: '0' }).trustProxy, []);
    assert.deepEqual(loadConfig({ TRUST_PROXY: '1' }).trustProxy, ['loopback']);
    assert.deepEqual(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,fd00::/8' }).trustProxy, ['127.0.0.1', '10.0.0.0/8', 'fd00::/8']);
    assert.deepEqual(loadConfig({ TRUST_PROXY: 'loopback,uniquelocal' }).trustProxy, ['loopback', 'uniquelocal']);
  });

  it('TRUST_PROXY names each entry that is not an address or a range', () => {
    assert.throws(
      () => loadConfig({ TRUST_PROXY: '10.0.0.0/8,proxy.local,10.0.0.0/33,true' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.problems.length, 3);
        assert.ok(error.problems.every((p) => p.startsWith('TRUST_PROXY:')));
        return true;
      },
    );
  });
});
