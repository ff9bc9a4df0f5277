import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CATEGORY_KINDS } from '../services/category-service.ts';
import { parseInput } from '../services/validation.ts';
import { stripControlCharactersDeep } from '../text/control-characters.ts';
import { parseDisplayDate, vietnamDay } from '../text/format.ts';

/**
 * Query and path schemas of the public routes, parsed once at the edge.
 * Request types are derived from them.
 */

const pageNumber = z.coerce.number({ message: 'phải là số' }).int('phải là số nguyên').min(1, 'nhỏ nhất là 1').max(100_000, 'quá lớn');

export const ListingQuery = z.object({ trang: pageNumber.default(1) });
export const SlugParams = z.object({ slug: z.string().min(1).max(200) });
/** A date filter typed as dd/mm/yyyy (the form) or yyyy-mm-dd (the API); blank means none. */
const dateFilter = z
  .string()
  .trim()
  .default('')
  .transform((value, ctx) => {
    if (!value) return undefined;
    const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    const date = iso ? vietnamDay(Number(iso[3]), Number(iso[2]), Number(iso[1]), 0) : parseDisplayDate(value);
    if (!date) {
      ctx.addIssue({ code: 'custom', message: 'ngày phải viết dd/mm/yyyy' });
      return z.NEVER;
    }
    return iso ? date : new Date(date.getTime() - 8 * 3_600_000);
  });

const searchFields = {
  // Any text is accepted; what is past the first 200 characters is ignored, never an error.
  q: z
    .union([z.string(), z.array(z.string())])
    .default('')
    .transform((v) => (Array.isArray(v) ? v.join(' ') : v)),
  loai: z.enum([...CATEGORY_KINDS.map((k) => k.kind), 'relief', '']).default(''),
  chuyen_muc: z.string().max(200).default(''),
  tu: dateFilter,
  den: dateFilter,
  // "1": the query as typed only, never a correction in its place.
  chinh_xac: z.enum(['1', '']).default(''),
};
export const SearchQuery = z.object({ ...searchFields, trang: pageNumber.default(1) });
export const ApiSearchQuery = z.object({
  q: searchFields.q,
  kind: searchFields.loai,
  category: searchFields.chuyen_muc,
  from: dateFilter,
  to: dateFilter,
  exact: searchFields.chinh_xac,
  page: pageNumber.default(1),
});
export const ApiListQuery = z.object({
  page: pageNumber.default(1),
  per_page: z.coerce.number({ message: 'phải là số' }).int('phải là số nguyên').min(1, 'nhỏ nhất là 1').max(100, 'lớn nhất là 100').default(20),
  category: z.string().max(200).optional(),
});
export const MediaParams = z.object({ key: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,120}$/, 'tên tệp không hợp lệ') });

/** Parses request input against a schema; a mismatch becomes validation_failed with field errors. */
export const parse = parseInput;

/**
 * Strips control characters from everything a request carries as text (query,
 * path parameters, form and JSON bodies) before any route reads it, so routes
 * that read a field by hand are as safe as those that parse with a schema.
 * Multipart fields go through parseInput, which does the same.
 */
export function registerInputCleaning(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    request.query = stripControlCharactersDeep(request.query);
    request.params = stripControlCharactersDeep(request.params);
    request.body = stripControlCharactersDeep(request.body);
  });
}
