import type { FastifyInstance } from 'fastify';
import { adminReliefImportRoutes } from '../admin/relief-import-routes.ts';
import { adminReliefLedgerRoutes } from '../admin/relief-ledger-routes.ts';
import { adminReliefRoutes } from '../admin/relief-routes.ts';
import { publicReliefRoutes } from '../public/relief.ts';
import type { MediaStorage } from '../../services/storage/media-storage.ts';

/**
 * Registers the public and admin routes of the module — Vận động – cứu trợ:
 * campaigns, receipts and spending, bank-statement imports (kept in the
 * media folder's private part until read), the public statement and its figures.
 */
export function reliefModule(app: FastifyInstance, options: { media: MediaStorage }): void {
  publicReliefRoutes(app);
  adminReliefRoutes(app);
  adminReliefLedgerRoutes(app);
  adminReliefImportRoutes(app, options.media);
}
