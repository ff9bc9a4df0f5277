import type { FastifyInstance } from 'fastify';
import { adminConsultationRoutes } from '../admin/consultation-routes.ts';
import { publicConsultationRoutes } from '../public/consultations.ts';
import type { MediaStorage } from '../../services/storage/media-storage.ts';

/**
 * Registers the public and admin routes of the module — Lấy ý kiến dự thảo:
 * drafts opened for residents' comments. Comment files need the media folder;
 * without it the form takes no files. They are private, like Q&A files.
 */
export function consultationModule(app: FastifyInstance, options: { media?: MediaStorage | undefined } = {}): void {
  publicConsultationRoutes(app, options.media);
  adminConsultationRoutes(app, options.media);
}
