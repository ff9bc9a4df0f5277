import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import semver from 'semver';

const ROOT = path.resolve(import.meta.dirname, '../..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));

describe('the Node version the portal asks for', () => {
  const range: string = readJson('package.json').engines.node;
  const oldest = semver.minVersion(range)!.version;

  it('every package in the lock file runs on the oldest Node that package.json accepts, so npm install prints no EBADENGINE', () => {
    const packages: Record<string, { version?: string; engines?: { node?: string } | string[] }> = readJson('package-lock.json').packages;
    const refusing = Object.entries(packages)
      .filter(([where, info]) => where !== '' && !Array.isArray(info.engines) && info.engines?.node && !semver.satisfies(oldest, info.engines.node))
      .map(([where, info]) => `${where}@${info.version} wants node ${(info.engines as { node: string }).node}`);
    assert.deepEqual(refusing, []);
  });

  it('the README names the same oldest Node as package.json', () => {
    const [major, minor] = oldest.split('.');
    assert.match(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'), new RegExp(`Node\\.js ${major}\\.${minor} or newer`));
  });
});
