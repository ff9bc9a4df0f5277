import type { FastifyInstance } from 'fastify';
import { adminDisclosureRoutes } from '../admin/disclosure-routes.ts';
import { publicDisclosureRoutes } from '../public/disclosure.ts';

/** Registers the public and admin routes of the module — Công khai: what the Law on Grassroots Democracy asks a commune to disclose. */
export function disclosureModule(app: FastifyInstance, options: { mediaDir: string }): void {
  publicDisclosureRoutes(app);
  adminDisclosureRoutes(app, options.mediaDir);
}
