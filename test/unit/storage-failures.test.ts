import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { failureLogger, storageFailure } from '../../src/db/failures.ts';

/** An error as a driver throws it: a message and a code. */
function driverError(message: string, code?: string): Error {
  return Object.assign(new Error(message), code === undefined ? {} : { code });
}

describe('failures of the database or the data folder', () => {
  it('PostgreSQL going away is database_unavailable: refused, restarting, shutting down, a broken connection', () => {
    for (const error of [
      driverError('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      driverError('terminating connection due to administrator command', '57P01'),
      driverError('the database system is shutting down', '57P03'),
      driverError('Connection terminated unexpectedly'),
      driverError('timeout exceeded when trying to connect'),
    ]) {
      assert.equal(storageFailure(error)?.code, 'database_unavailable', error.message);
    }
  });

  it('finds the cause inside a wrapping error, as the migrator throws it', () => {
    const wrapped = new Error('Chuyển đổi cơ sở dữ liệu thất bại', { cause: driverError('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED') });
    assert.equal(storageFailure(wrapped)?.code, 'database_unavailable');
  });

  it('a wrong password or a missing database names its own fix', () => {
    assert.match(storageFailure(driverError('password authentication failed', '28P01'))!.fix, /DATABASE_URL/);
    assert.match(storageFailure(driverError('database "x" does not exist', '3D000'))!.fix, /createdb/);
  });

  it('SQLite busy is database_busy; a read-only or unopenable file, and a folder refusing writes, are storage_unavailable', () => {
    assert.equal(storageFailure(driverError('database is locked', 'SQLITE_BUSY'))?.code, 'database_busy');
    assert.equal(storageFailure(driverError('attempt to write a readonly database', 'SQLITE_READONLY_DIRECTORY'))?.code, 'storage_unavailable');
    assert.equal(
      storageFailure(Object.assign(driverError('EACCES: permission denied', 'EACCES'), { path: '/data/media/1/a.webp' }))?.code,
      'storage_unavailable',
    );
  });

  it('anything else is not such a failure: a constraint, a bug, a port taken', () => {
    assert.equal(storageFailure(driverError('UNIQUE constraint failed: sites.slug', 'SQLITE_CONSTRAINT_UNIQUE')), null);
    assert.equal(storageFailure(driverError('duplicate key value', '23505')), null);
    assert.equal(storageFailure(new TypeError('x is undefined')), null);
    assert.equal(storageFailure(Object.assign(driverError('listen EADDRINUSE', 'EADDRINUSE'), { syscall: 'listen' })), null);
  });

  it('while the database is away, the log gets one line per kind, not one per failure; other errors each time', () => {
    const lines: Array<[string, object]> = [];
    const log = failureLogger({ warn: (details, message) => lines.push(['warn', details]), error: (details, message) => lines.push(['error', details]) });
    for (let i = 0; i < 50; i++) log('yêu cầu', driverError('connect ECONNREFUSED', 'ECONNREFUSED'));
    log('yêu cầu', driverError('database is locked', 'SQLITE_BUSY'));
    log('yêu cầu', new TypeError('lỗi lập trình'));
    log('yêu cầu', new TypeError('lỗi lập trình'));
    assert.deepEqual(
      lines.map(([level, details]) => [level, (details as { code?: string }).code ?? 'stack']),
      [
        ['warn', 'database_unavailable'],
        ['warn', 'database_busy'],
        ['error', 'stack'],
        ['error', 'stack'],
      ],
    );
  });
});
