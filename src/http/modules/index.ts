import type { FastifyInstance } from 'fastify';
import { calendarModule } from './calendars.ts';
import { consultationModule } from './consultations.ts';
import { disclosureModule } from './disclosure.ts';
import { documentModule } from './documents.ts';
import { organisationModule } from './organisation.ts';
import { questionModule } from './questions.ts';
import { reliefModule } from './relief.ts';

/** The government modules the law asks a commune portal to carry, each registering its own routes. */
export function registerModules(app: FastifyInstance, options: { mediaDir: string }): void {
  documentModule(app);
  disclosureModule(app, { mediaDir: options.mediaDir });
  questionModule(app, { mediaDir: options.mediaDir });
  calendarModule(app);
  organisationModule(app);
  reliefModule(app, { mediaDir: options.mediaDir });
  consultationModule(app, { mediaDir: options.mediaDir });
}
