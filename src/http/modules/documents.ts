import type { FastifyInstance } from 'fastify';
import { adminDocumentRoutes } from '../admin/document-routes.ts';
import { publicDocumentRoutes } from '../public/documents.ts';

/** Registers the public and admin routes of the module — Văn bản: the documents database (legal and administrative documents). */
export function documentModule(app: FastifyInstance): void {
  publicDocumentRoutes(app);
  adminDocumentRoutes(app);
}
