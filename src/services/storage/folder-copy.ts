import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { MediaStorage } from './media-storage.ts';

/** Copies every key below a prefix ("" for all) into a folder, keeping the keys' paths below the prefix; returns how many files. */
export async function copyOut(storage: MediaStorage, prefix: string, dir: string): Promise<number> {
  let count = 0;
  fs.mkdirSync(dir, { recursive: true });
  for await (const { key } of storage.list(prefix)) {
    // Readiness probes (.probe…) are not media.
    if (key.startsWith('.')) continue;
    const found = await storage.open(key);
    if (!found) continue;
    const file = path.join(dir, ...key.slice(prefix.length).split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await pipeline(found.body, fs.createWriteStream(file));
    count++;
  }
  return count;
}

/** The files below a folder, as keys relative to it ("a/b.jpg"). */
export function filesBelow(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) =>
      path
        .relative(dir, path.join(entry.parentPath ?? entry.path, entry.name))
        .split(path.sep)
        .join('/'),
    );
}

/** Stores every file below a folder under prefix + its path; returns how many files. */
export async function copyIn(storage: MediaStorage, dir: string, prefix: string): Promise<number> {
  const files = filesBelow(dir);
  for (const file of files) await storage.putFile(prefix + file, path.join(dir, ...file.split('/')));
  return files.length;
}
