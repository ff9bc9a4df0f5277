import type { Kysely } from 'kysely';
import { z } from 'zod';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { SearchAbbreviationRepository } from '../../repositories/search-abbreviation-repository.ts';
import { SiteRepository } from '../../repositories/site-repository.ts';
import { toNfc } from '../../text/vietnamese.ts';
import { type AuditWho, recordAudit } from '../audit-service.ts';
import { parseInput } from '../validation.ts';
import { type Abbreviation, type AbbreviationText, BUILT_IN_ABBREVIATIONS, abbreviationKey, formWords, toMatchable } from './abbreviations.ts';

/** One pair as a province's list shows it: built in or added there, and whether search reads it. */
export interface ProvinceAbbreviation extends AbbreviationText {
  key: string;
  builtIn: boolean;
  enabled: boolean;
}

/** The built-in list, each pair with its key. */
const BUILT_IN = BUILT_IN_ABBREVIATIONS.map((entry) => ({ ...entry, key: abbreviationKey(entry) }));

/** A province's list: the built-in pairs, on or off, then the pairs it added. */
export async function provinceAbbreviations(db: Kysely<Database>, province: string): Promise<ProvinceAbbreviation[]> {
  const edits = await new SearchAbbreviationRepository(db).list(toNfc(province).trim());
  const byKey = new Map(edits.map((row) => [row.pair_key, row]));
  const builtIn = BUILT_IN.map((entry) => ({ ...entry, builtIn: true, enabled: byKey.get(entry.key)?.enabled !== 0 }));
  const keys = new Set(BUILT_IN.map((e) => e.key));
  const added = edits
    .filter((row) => !keys.has(row.pair_key) && row.enabled === 1)
    .map((row) => ({ short: row.short_form, long: row.long_form, key: row.pair_key, builtIn: false, enabled: true }));
  return [...builtIn, ...added];
}

/** How long a process reads a province's list from memory before reading it again: edits on another node arrive within it. */
const CACHE_MS = 30_000;
/** Per database, as a process may open more than one (tests, the benchmark). */
const caches = new WeakMap<Kysely<Database>, Map<string, { at: number; list: Promise<Abbreviation[]> }>>();
const cacheOf = (db: Kysely<Database>) => caches.get(db) ?? caches.set(db, new Map()).get(db)!;

/** The pairs search reads for a site of a province, from memory for CACHE_MS. */
export function abbreviationsFor(db: Kysely<Database>, province: string, now = Date.now()): Promise<Abbreviation[]> {
  const cache = cacheOf(db);
  const hit = cache.get(province);
  if (hit && now - hit.at < CACHE_MS) return hit.list;
  const list = provinceAbbreviations(db, province).then((all) => toMatchable(all.filter((e) => e.enabled)));
  cache.set(province, { at: now, list });
  list.catch(() => cache.delete(province));
  return list;
}

const Form = (max: number) =>
  z
    .string()
    .transform((s) => toNfc(s).replace(/\s+/g, ' ').trim())
    .pipe(z.string().min(1, 'không được để trống').max(max, `tối đa ${max} ký tự`))
    .refine((s) => formWords(s).length > 0, 'cần có chữ hoặc số');

const AbbreviationInput = z
  .object({ province: Form(100), short_form: Form(30), long_form: Form(150) })
  .refine((v) => formWords(v.short_form).join(' ') !== formWords(v.long_form).join(' '), { path: ['long_form'], message: 'phải khác từ viết tắt' })
  .refine((v) => formWords(v.short_form).length <= 4, { path: ['short_form'], message: 'tối đa 4 chữ' });

/** Adds a pair to a province's list, or switches a built-in one back on. */
export async function addAbbreviation(db: Kysely<Database>, input: Record<string, string | undefined>, who: AuditWho): Promise<void> {
  const data = parseInput(AbbreviationInput, input);
  const key = abbreviationKey({ short: data.short_form, long: data.long_form });
  await inTransaction(db, async (trx) => {
    const repo = new SearchAbbreviationRepository(trx);
    if (BUILT_IN.some((e) => e.key === key)) await repo.remove(data.province, key);
    else await repo.put({ province: data.province, short_form: data.short_form, long_form: data.long_form, pair_key: key, enabled: 1 }, nowIso());
    await recordAudit(trx, who, {
      action: 'search.abbreviation_added',
      targetType: 'province',
      summary: `${data.province}: ${data.short_form} = ${data.long_form}`,
    });
  });
  cacheOf(db).delete(data.province);
}

/** Takes a pair off a province's list: a built-in one is switched off, an added one deleted. */
export async function removeAbbreviation(db: Kysely<Database>, province: string, key: string, who: AuditWho): Promise<void> {
  const name = toNfc(province).trim();
  const entry = (await provinceAbbreviations(db, name)).find((e) => e.key === key && e.enabled);
  if (!entry) throw new AppError('not_found', 'Không có từ viết tắt này trong danh sách của tỉnh.');
  await inTransaction(db, async (trx) => {
    const repo = new SearchAbbreviationRepository(trx);
    if (entry.builtIn) await repo.put({ province: name, short_form: entry.short, long_form: entry.long, pair_key: key, enabled: 0 }, nowIso());
    else await repo.remove(name, key);
    await recordAudit(trx, who, { action: 'search.abbreviation_removed', targetType: 'province', summary: `${name}: ${entry.short} = ${entry.long}` });
  });
  cacheOf(db).delete(name);
}

/** The provinces an operator can pick: the current one and every province a site is in, in Vietnamese order. */
export async function knownProvinces(db: Kysely<Database>, current: string): Promise<string[]> {
  const sites = await new SiteRepository(db).list();
  return [...new Set([current, ...sites.map((s) => s.province)])].sort((a, b) => a.localeCompare(b, 'vi'));
}
