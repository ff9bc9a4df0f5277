import type { FastifyInstance } from 'fastify';
import { adminOrganisationRoutes, adminRatingRoutes } from '../admin/organisation-routes.ts';
import { adminPortalRoutes } from '../admin/portal-routes.ts';
import { downtimeNoticeHook } from '../public/downtime.ts';
import { organisationPublicRoutes } from '../public/organisation.ts';
import { ratingPublicRoutes } from '../public/ratings.ts';
import { visitorRoutes } from '../public/visitors.ts';

/** Registers the public and admin routes of the module — Giới thiệu (organisation, with English pages), satisfaction ratings, visitor counter, downtime notices and related links. */
export function organisationModule(app: FastifyInstance): void {
  downtimeNoticeHook(app);
  organisationPublicRoutes(app);
  adminOrganisationRoutes(app);
  ratingPublicRoutes(app);
  adminRatingRoutes(app);
  adminPortalRoutes(app);
  visitorRoutes(app);
}
