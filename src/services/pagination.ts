/** A page of a list: which page, how many pages, and where it starts. */
export interface Pagination {
  page: number;
  perPage: number;
  total: number;
  totalPages: number;
  offset: number;
}

/** Computes a page window; a page past the end is clamped to the last page. */
export function paginate(total: number, requestedPage: number, perPage: number): Pagination {
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  const page = Math.min(Math.max(1, Math.floor(requestedPage) || 1), totalPages);
  return { page, perPage, total, totalPages, offset: (page - 1) * perPage };
}
