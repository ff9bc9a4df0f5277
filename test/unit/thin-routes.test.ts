/**
 * Routes parse, call one service and present (STYLE.md): SQL stays in
 * repositories, and only services build repositories. This scans every file
 * under src/http and names each line that constructs a repository, except in
 * the page cache and the site context, which sit below the routes.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

const HTTP = path.resolve(import.meta.dirname, '../../src/http');
const ALLOWED = [path.join(HTTP, 'cache') + path.sep, path.join(HTTP, 'site-context.ts')];
const CONSTRUCTS_REPOSITORY = /new \w+Repository\(/g;

/** Every TypeScript file under a folder. */
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The lines of a source text that construct a repository, as "file:line: text". */
function repositoryConstructions(file: string, text: string): string[] {
  return text.split('\n').flatMap((line, i) => (line.match(CONSTRUCTS_REPOSITORY) ? [`${path.relative(HTTP, file)}:${i + 1}: ${line.trim()}`] : []));
}

describe('thin routes', () => {
  it('the scan finds a repository built in a route, so an empty result means something', () => {
    assert.deepEqual(repositoryConstructions(path.join(HTTP, 'admin/x-routes.ts'), 'const a = 1;\n  const rows = await new UserRepository(db).list();\n'), [
      'admin/x-routes.ts:2: const rows = await new UserRepository(db).list();',
    ]);
  });

  it('no file under src/http builds a repository outside the page cache and the site context', () => {
    const files = sourceFiles(HTTP);
    assert.ok(files.length > 20, 'src/http should hold the route files');
    const found = files
      .filter((file) => !ALLOWED.some((allowed) => file === allowed || file.startsWith(allowed)))
      .flatMap((file) => repositoryConstructions(file, fs.readFileSync(file, 'utf8')));
    assert.deepEqual(found, [], `routes must call a service instead of building a repository:\n${found.join('\n')}`);
  });
});
