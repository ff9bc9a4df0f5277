import type { FastifyInstance } from 'fastify';
import { adminDisclosureRoutes } from '../admin/disclosure-routes.ts';
import { publicDisclosureRoutes } from '../public/disclosure.ts';
import type { MediaStorage } from '../../services/storage/media-storage.ts';

/** Registers the public and admin routes of the module — Công khai: what the Law on Grassroots Democracy asks a commune to disclose. */
export function disclosureModule(app: FastifyInstance, options: { media: MediaStorage }): void {
  publicDisclosureRoutes(app);
  adminDisclosureRoutes(app, options.media);
}
