import type { FastifyInstance } from 'fastify';
import { adminCalendarRoutes } from '../admin/calendar-routes.ts';
import { publicCalendarRoutes } from '../public/calendars.ts';

/** Registers the public and admin routes of the module — Lịch công tác and lịch tiếp công dân. */
export function calendarModule(app: FastifyInstance): void {
  publicCalendarRoutes(app);
  adminCalendarRoutes(app);
}
