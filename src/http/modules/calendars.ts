import type { FastifyInstance } from 'fastify';

/** Registers the public and admin routes of the module — Lịch công tác and lịch tiếp công dân. */
export function calendarModule(_app: FastifyInstance): void {}
