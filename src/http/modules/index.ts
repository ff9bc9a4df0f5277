import type { FastifyInstance } from 'fastify';
import { calendarModule } from './calendars.ts';
import { consultationModule } from './consultations.ts';
import { disclosureModule } from './disclosure.ts';
import { documentModule } from './documents.ts';
import { organisationModule } from './organisation.ts';
import { questionModule } from './questions.ts';
import { reliefModule } from './relief.ts';
import type { MediaStorage } from '../../services/storage/media-storage.ts';

/** The government modules the law asks a commune portal to carry, each registering its own routes. */
export function registerModules(app: FastifyInstance, options: { media: MediaStorage }): void {
  documentModule(app);
  disclosureModule(app, { media: options.media });
  questionModule(app, { media: options.media });
  calendarModule(app);
  organisationModule(app);
  reliefModule(app, { media: options.media });
  consultationModule(app, { media: options.media });
}
