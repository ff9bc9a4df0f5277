import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tar from 'tar';
import { type DatabaseHandle, inTransaction, nowIso } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { SchemaRepository } from '../../repositories/schema-repository.ts';
import { SiteRepository } from '../../repositories/site-repository.ts';
import { hashPassword } from '../auth/passwords.ts';
import { rebuildSearchIndex } from '../search/rebuild.ts';
import { ITEM_REFERENCES, ITEM_TABLES, type PlannedTable, exportPlan } from './export-plan.ts';
import { copyIn, copyOut } from '../storage/folder-copy.ts';
import type { MediaStorage } from '../storage/media-storage.ts';

type Row = Record<string, unknown>;

/** The export's own description: what it holds, counted, so an import can check every table. */
export interface Manifest {
  format: 'xaphuong-site';
  version: 1;
  exportedAt: string;
  site: Row;
  hosts: string[];
  counts: Record<string, number>;
  users: number;
  withPasswords: boolean;
}

const isArchive = (target: string) => /\.(tar\.gz|tgz)$/i.test(target);

/**
 * Writes one site with everything it holds (content, revisions, media,
 * settings, people) to a folder, or to a .tar.gz archive: a manifest, one
 * JSON-lines file per table, the users (without password hashes unless
 * asked) and the media files.
 */
export async function exportSite(
  handle: DatabaseHandle,
  storage: MediaStorage,
  host: string,
  target: string,
  options: { withPasswords?: boolean } = {},
): Promise<Manifest> {
  const site = await new SiteRepository(handle.db).findByHost(host.toLowerCase());
  if (!site) throw new AppError('site_not_found', `Không có cổng nào với tên miền "${host}".`);
  const folder = isArchive(target) ? fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-export-')) : path.resolve(target);
  if (fs.existsSync(folder) && fs.readdirSync(folder).length > 0)
    throw new AppError('validation_failed', `Thư mục "${folder}" đã có dữ liệu: hãy chọn thư mục trống hoặc chưa tồn tại.`);
  fs.mkdirSync(path.join(folder, 'data'), { recursive: true });
  const schema = new SchemaRepository(handle.db, handle.dialect);
  const plan = await exportPlan(schema);
  const ids = new Map<string, Array<number | string>>();
  const counts: Record<string, number> = {};
  const userIds = new Set<number>();
  for (const table of plan) {
    const rows =
      'parent' in table.scope
        ? await schema.rowsWhere(table.name, table.scope.column, ids.get(table.scope.parent) ?? [])
        : await schema.rowsWhere(table.name, 'site_id', [site.id]);
    if (table.hasId)
      ids.set(
        table.name,
        rows.map((r) => r.id as number),
      );
    for (const fk of table.foreignKeys) if (fk.table === 'users') for (const row of rows) if (row[fk.column] != null) userIds.add(Number(row[fk.column]));
    counts[table.name] = rows.length;
    fs.writeFileSync(path.join(folder, 'data', `${table.name}.jsonl`), rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : ''));
  }
  const users = (await schema.rowsWhere('users', 'id', [...userIds])).map((u) =>
    options.withPasswords ? u : { ...u, password_hash: '', totp_secret: null, totp_enabled: 0 },
  );
  fs.writeFileSync(path.join(folder, 'users.jsonl'), users.map((u) => JSON.stringify(u)).join('\n') + (users.length ? '\n' : ''));
  await copyOut(storage, `${site.id}/`, path.join(folder, 'media'));
  const manifest: Manifest = {
    format: 'xaphuong-site',
    version: 1,
    exportedAt: nowIso(),
    site: site as unknown as Row,
    hosts: await new SiteRepository(handle.db).hostsOf(site.id),
    counts,
    users: users.length,
    withPasswords: Boolean(options.withPasswords),
  };
  fs.writeFileSync(path.join(folder, 'manifest.json'), JSON.stringify(manifest, null, 2));
  if (isArchive(target)) {
    await tar.create({ gzip: true, file: path.resolve(target), cwd: folder }, ['.']);
    fs.rmSync(folder, { recursive: true, force: true });
  }
  return manifest;
}

function readLines(file: string): Row[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line, i) => {
      try {
        return JSON.parse(line) as Row;
      } catch {
        throw new AppError('import_failed', `Tệp ${path.basename(file)} hỏng ở dòng ${i + 1}. Chưa có gì được nhập.`);
      }
    });
}

/** Reads an export's folder (an archive is unpacked first) and checks it is one. */
async function openExport(source: string): Promise<{ folder: string; manifest: Manifest; cleanup: () => void }> {
  let folder = path.resolve(source);
  let cleanup = () => {};
  if (isArchive(source)) {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-import-'));
    cleanup = () => fs.rmSync(folder, { recursive: true, force: true });
    try {
      await tar.extract({ file: path.resolve(source), cwd: folder, strict: true });
    } catch {
      cleanup();
      throw new AppError('import_failed', `Không đọc được tệp nén "${path.basename(source)}": tệp hỏng hoặc bị cắt cụt. Chưa có gì được nhập.`);
    }
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    cleanup();
    throw new AppError('import_failed', `"${source}" không phải bản xuất của xaphuong (thiếu hoặc hỏng manifest.json). Chưa có gì được nhập.`);
  }
  if (manifest.format !== 'xaphuong-site' || manifest.version !== 1) {
    cleanup();
    throw new AppError('import_failed', `"${source}" không phải bản xuất cổng của xaphuong (phiên bản 1). Chưa có gì được nhập.`);
  }
  return { folder, manifest, cleanup };
}

/** A row with its references rewritten to the ids the new installation gave. */
function remap(table: PlannedTable, row: Row, siteId: number, maps: Map<string, Map<string, number>>): Row {
  const out: Row = { ...row };
  if (table.hasId) delete out.id;
  if ('site_id' in out) out.site_id = siteId;
  for (const fk of table.foreignKeys) {
    if (out[fk.column] == null || fk.column === 'site_id') continue;
    out[fk.column] = maps.get(fk.table)?.get(String(out[fk.column])) ?? null;
  }
  const ref = ITEM_REFERENCES[table.name];
  const refTable = ref && ITEM_TABLES[String(out[ref.typeColumn])];
  if (ref && refTable && out[ref.idColumn] != null) {
    const mapped = maps.get(refTable)?.get(String(out[ref.idColumn]));
    if (mapped !== undefined) out[ref.idColumn] = typeof row[ref.idColumn] === 'string' ? String(mapped) : mapped;
  }
  return out;
}

/**
 * Reads an export into this installation as a new site, in one transaction,
 * every id given anew and every reference rewritten; people are matched by
 * e-mail. The rows of each table are counted against the export's manifest:
 * any difference, or any error, and nothing is kept.
 */
export async function importSite(
  handle: DatabaseHandle,
  storage: MediaStorage,
  source: string,
  options: { hosts?: string[] } = {},
): Promise<{ siteId: number; counts: Record<string, number> }> {
  const { folder, manifest, cleanup } = await openExport(source);
  const hosts = options.hosts?.length ? options.hosts : manifest.hosts;
  let siteId = 0;
  try {
    const taken = await new SiteRepository(handle.db).takenHosts(hosts);
    if (taken.length) throw new AppError('validation_failed', `Tên miền đã có cổng dùng: ${taken.join(', ')}. Hãy chỉ định tên miền khác bằng --host.`);
    // Each table's file must hold what the manifest counted: a file cut short is caught before anything is written.
    for (const [name, expected] of Object.entries(manifest.counts)) {
      const found = readLines(path.join(folder, 'data', `${name}.jsonl`)).length;
      if (found !== expected) throw new AppError('import_failed', `Bảng ${name}: bản xuất ghi ${expected} dòng nhưng tệp có ${found}. Chưa có gì được nhập.`);
    }
    // Media keys are unique across an installation: the same export cannot come in twice.
    const keys = readLines(path.join(folder, 'data', 'media.jsonl')).map((m) => String(m.storage_key));
    if (keys.length && (await new SchemaRepository(handle.db, handle.dialect).count('media', 'storage_key', keys)) > 0) {
      throw new AppError('validation_failed', 'Các tệp của bản xuất này đã có trong cài đặt này: bản xuất đã được nhập rồi.');
    }
    const counts = await inTransaction(handle.db, async (trx) => {
      const schema = new SchemaRepository(trx, handle.dialect);
      const sites = new SiteRepository(trx);
      const { id: _oldId, ...site } = manifest.site;
      siteId = await sites.insert(site as never);
      await sites.addHosts(siteId, hosts);
      const maps = new Map<string, Map<string, number>>();
      const users = new Map<string, number>();
      for (const user of readLines(path.join(folder, 'users.jsonl'))) {
        const existing = await schema.rowsWhere('users', 'email', [String(user.email)]);
        const { id, ...fields } = user;
        const newId = existing[0]
          ? Number(existing[0].id)
          : await schema.insert(
              'users',
              {
                ...fields,
                password_hash: fields.password_hash || (await hashPassword(randomBytes(24).toString('base64url'))),
                must_change_password: fields.password_hash ? fields.must_change_password : 1,
              },
              true,
            );
        users.set(String(id), newId!);
      }
      maps.set('users', users);
      const plan = await exportPlan(schema);
      const counts: Record<string, number> = {};
      for (const table of plan) {
        const map = new Map<string, number>();
        const rows = readLines(path.join(folder, 'data', `${table.name}.jsonl`));
        for (const row of rows) {
          const id = await schema.insert(table.name, remap(table, row, siteId, maps), table.hasId);
          if (table.hasId) map.set(String(row.id), id!);
        }
        maps.set(table.name, map);
        counts[table.name] = rows.length;
      }
      // Counted back from the database, table by table, against what the export says it holds.
      const ids = new Map<string, number[]>();
      for (const table of plan) {
        const expected = manifest.counts[table.name] ?? 0;
        const actual =
          'parent' in table.scope
            ? await schema.count(table.name, table.scope.column, ids.get(table.scope.parent) ?? [])
            : await schema.count(table.name, 'site_id', [siteId]);
        if (table.hasId) ids.set(table.name, [...(maps.get(table.name)?.values() ?? [])]);
        if (actual !== expected)
          throw new AppError('import_failed', `Bảng ${table.name}: bản xuất có ${expected} dòng, nhập được ${actual}. Chưa có gì được nhập.`);
      }
      for (const name of Object.keys(manifest.counts))
        if (!(name in counts))
          throw new AppError('import_failed', `Bản xuất có bảng "${name}" mà cài đặt này không có: hãy cập nhật xaphuong trước. Chưa có gì được nhập.`);
      await rebuildSearchIndex(trx, siteId);
      return counts;
    });
    await copyIn(storage, path.join(folder, 'media'), `${siteId}/`);
    return { siteId, counts };
  } finally {
    cleanup();
  }
}
