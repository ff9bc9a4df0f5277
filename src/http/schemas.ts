import { z } from 'zod';
import { parseInput } from '../services/validation.ts';

/**
 * Query and path schemas of the public routes, parsed once at the edge.
 * Request types are derived from them.
 */

const pageNumber = z.coerce.number({ message: 'phải là số' }).int('phải là số nguyên').min(1, 'nhỏ nhất là 1').max(100_000, 'quá lớn');

export const ListingQuery = z.object({ trang: pageNumber.default(1) });
export const SlugParams = z.object({ slug: z.string().min(1).max(200) });
export const SearchQuery = z.object({
  q: z.string().max(200, 'tối đa 200 ký tự').default(''),
  trang: pageNumber.default(1),
});
export const ApiListQuery = z.object({
  page: pageNumber.default(1),
  per_page: z.coerce.number({ message: 'phải là số' }).int('phải là số nguyên').min(1, 'nhỏ nhất là 1').max(100, 'lớn nhất là 100').default(20),
  category: z.string().max(200).optional(),
});
export const MediaParams = z.object({ key: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,120}$/, 'tên tệp không hợp lệ') });

/** Parses request input against a schema; a mismatch becomes validation_failed with field errors. */
export const parse = parseInput;
