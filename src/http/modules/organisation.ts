import type { FastifyInstance } from 'fastify';

/** Registers the public and admin routes of the module — Giới thiệu (organisation, with English pages), satisfaction ratings, visitor counter, downtime notices and related links. */
export function organisationModule(_app: FastifyInstance): void {}
