import type { FastifyInstance } from 'fastify';

/** Registers the public and admin routes of the module — Văn bản: the documents database (legal and administrative documents). */
export function documentModule(_app: FastifyInstance): void {}
