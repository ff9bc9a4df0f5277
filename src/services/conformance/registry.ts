import { receptionScheduleCheck, workCalendarCheck } from './calendar-checks.ts';
import type { ConformanceCheck } from './check.ts';
import { disclosureCheck } from './disclosure-checks.ts';
import { consultationSummaryCheck } from './consultation-checks.ts';
import { englishPagesCheck, focalOfficialCheck, leadersCheck, organisationPagesCheck, spokespersonCheck } from './organisation-checks.ts';
import { documentsThisYearCheck, downtimeNoticeCheck, questionsOnTimeCheck, siteContactsCheck } from './site-checks.ts';

/**
 * Every requirement the checklist shows, in its order on screens and in the
 * CSV. A module adds its requirement here with one line (and its import).
 */
export const CONFORMANCE_CHECKS: readonly ConformanceCheck[] = [
  siteContactsCheck,
  organisationPagesCheck,
  leadersCheck,
  focalOfficialCheck,
  spokespersonCheck,
  englishPagesCheck,
  documentsThisYearCheck,
  workCalendarCheck,
  receptionScheduleCheck,
  questionsOnTimeCheck,
  downtimeNoticeCheck,
  disclosureCheck,
  consultationSummaryCheck,
];
