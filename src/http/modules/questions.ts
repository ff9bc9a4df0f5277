import type { FastifyInstance } from 'fastify';

/** Registers the public and admin routes of the module — Hỏi đáp – phản ánh, kiến nghị: questions with tracking codes and due dates. */
export function questionModule(_app: FastifyInstance): void {}
