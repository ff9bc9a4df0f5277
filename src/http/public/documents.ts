import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { FieldError } from '../../errors.ts';
import { readDocument, readDocumentList } from '../../services/documents/document-reader.ts';
import { DOCUMENT_TYPES, documentPath, documentsTag, parseDay } from '../../services/documents/document-types.ts';
import { type DocumentFilterValues, documentDetailPage, documentListPage, presentDocumentDetail, presentDocumentItem } from '../../views/pages/documents.ts';
import { presentProvinceDocumentItem } from '../../views/province-notice-presenters.ts';
import { parse } from '../schemas.ts';
import { pageContext, siteOf } from '../site-context.ts';

// Any text is accepted in a filter; a value that is not one of the choices simply filters nothing.
const textFilter = (max: number) =>
  z
    .union([z.string(), z.array(z.string())])
    .default('')
    .transform((v) => (Array.isArray(v) ? (v[0] ?? '') : v).trim().normalize('NFC').slice(0, max));

const DocumentListQuery = z.object({
  q: textFilter(200),
  so: textFilter(60),
  loai: textFilter(40).transform((v) => (DOCUMENT_TYPES.some((t) => t.key === v) ? v : '')),
  co_quan: textFilter(200),
  nguoi_ky: textFilter(120),
  linh_vuc: textFilter(120),
  tu: textFilter(20),
  den: textFilter(20),
  sap_xep: textFilter(20).transform((v) => (['ngay-ban-hanh', 'ngay-hieu-luc', 'so'].includes(v) ? v : '')),
  thu_tu: textFilter(10).transform((v) => (v === 'tang' || v === 'giam' ? v : '')),
  trang: z.coerce.number({ message: 'phải là số' }).int('phải là số nguyên').min(1, 'nhỏ nhất là 1').max(100_000, 'quá lớn').default(1),
});
const DocumentParams = z.object({ ref: z.string().regex(/^[1-9]\d{0,9}(-[a-z0-9-]*)?$/, 'địa chỉ văn bản không hợp lệ') });

const SORT_BY = { 'ngay-ban-hanh': 'issued', 'ngay-hieu-luc': 'effective', so: 'number' } as const;

/** Public Văn bản pages: GET /van-ban (filters, order, pages) and GET /van-ban/:id-:slug. */
export function publicDocumentRoutes(app: FastifyInstance): void {
  app.get('/van-ban', { config: { cache: true } }, async (request, reply) => {
    const { trang, ...values } = parse(DocumentListQuery, request.query);
    const site = siteOf(request);
    // A mistyped date is shown beside its field and left out of the filter, never a bare error page.
    const errors: FieldError[] = [];
    const day = (field: 'tu' | 'den') => {
      if (!values[field]) return undefined;
      const parsed = parseDay(values[field]);
      if (!parsed) errors.push({ field, message: 'ngày phải viết dd/mm/yyyy' });
      return parsed ?? undefined;
    };
    const listing = await readDocumentList(app.db, site.id, {
      q: values.q,
      number: values.so,
      docType: values.loai || undefined,
      issuingBody: values.co_quan || undefined,
      signer: values.nguoi_ky || undefined,
      field: values.linh_vuc || undefined,
      issuedFrom: day('tu'),
      issuedTo: day('den'),
      sort: { by: SORT_BY[values.sap_xep as keyof typeof SORT_BY] ?? 'issued', direction: values.thu_tu === 'tang' ? 'asc' : 'desc' },
      page: trang,
    });
    request.cacheTags = [documentsTag(site.id)];
    const page = documentListPage(pageContext(request), {
      values: values satisfies DocumentFilterValues,
      errors,
      items: listing.rows.map((row) => (row.own ? presentDocumentItem(row.own) : presentProvinceDocumentItem(row.province))),
      pagination: listing.pagination,
      choices: listing.choices,
    });
    return reply.type('text/html; charset=utf-8').send(page);
  });

  app.get('/van-ban/:ref', { config: { cache: true } }, async (request, reply) => {
    const { ref } = parse(DocumentParams, request.params);
    const site = siteOf(request);
    const { document, files } = await readDocument(app.db, site.id, Number.parseInt(ref, 10));
    // One address per document: an old or shortened slug moves to the current one.
    const path = documentPath(document);
    if (request.url.split('?')[0] !== path) return reply.redirect(path, 301);
    request.cacheTags = [documentsTag(site.id)];
    return reply.type('text/html; charset=utf-8').send(documentDetailPage(pageContext(request), presentDocumentDetail(document, files)));
  });
}
