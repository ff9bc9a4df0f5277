import { receptionReview, workWeekReview } from '../calendars/calendar-review.ts';
import { documentReview } from '../documents/document-review.ts';
import { organisationPageReview, organisationPeopleReview } from '../organisation/organisation-review.ts';
import type { ReviewKind } from './item-review.ts';

/** The modules that go through the shared review workflow, in the order the dashboard lists them. */
export const REVIEW_KINDS: ReviewKind[] = [documentReview, workWeekReview, receptionReview, organisationPageReview, organisationPeopleReview];
