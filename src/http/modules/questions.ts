import type { FastifyInstance } from 'fastify';
import { adminQuestionRoutes } from '../admin/question-routes.ts';
import { publicQuestionRoutes } from '../public/questions.ts';
import type { MediaStorage } from '../../services/storage/media-storage.ts';

/**
 * Registers the public and admin routes of the module — Hỏi đáp – phản ánh,
 * kiến nghị: questions with tracking codes and due dates. Attachments need the
 * media folder; without it the form takes no files. They are kept private and
 * only staff download them, through the newsroom.
 */
export function questionModule(app: FastifyInstance, options: { media?: MediaStorage | undefined } = {}): void {
  publicQuestionRoutes(app, options.media);
  adminQuestionRoutes(app, options.media);
}
