import type { FastifyInstance } from 'fastify';
import { adminConsultationRoutes } from '../admin/consultation-routes.ts';
import { publicConsultationRoutes } from '../public/consultations.ts';

/**
 * Registers the public and admin routes of the module — Lấy ý kiến dự thảo:
 * drafts opened for residents' comments. Comment files need the media folder;
 * without it the form takes no files. They are private, like Q&A files.
 */
export function consultationModule(app: FastifyInstance, options: { mediaDir?: string | undefined } = {}): void {
  publicConsultationRoutes(app, options.mediaDir);
  adminConsultationRoutes(app, options.mediaDir);
}
