import type { ConsultationRow } from '../../db/schema/consultations.ts';
import { slugify } from '../../text/vietnamese.ts';
import { formatDay, vietnamDayOf } from '../questions/working-days.ts';

/**
 * Where a published consultation stands on a day, Vietnam time: not yet open,
 * open (both the opening and the closing day included), closed and waiting
 * for its summary, or summarised.
 */
export type ConsultationPhase = 'upcoming' | 'open' | 'closed' | 'summarised';

/** What residents read for each phase. */
export const PHASE_NAMES: Record<ConsultationPhase, string> = {
  upcoming: 'Sắp lấy ý kiến',
  open: 'Đang lấy ý kiến',
  closed: 'Đã hết hạn góp ý',
  summarised: 'Đã có báo cáo tổng hợp',
};

/** The phase of a consultation at an instant. */
export function phaseOf(c: Pick<ConsultationRow, 'opens_on' | 'closes_on' | 'summary_published_at'>, now: Date = new Date()): ConsultationPhase {
  if (c.summary_published_at) return 'summarised';
  const today = vietnamDayOf(now);
  if (today < c.opens_on) return 'upcoming';
  return today <= c.closes_on ? 'open' : 'closed';
}

const DAY_MS = 86_400_000;

/** Whole days from one yyyy-mm-dd to another. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Days left to comment, the closing day counted ("Còn 1 ngày" on the last day); 0 when not open. */
export function daysLeft(c: Pick<ConsultationRow, 'opens_on' | 'closes_on' | 'summary_published_at'>, now: Date = new Date()): number {
  return phaseOf(c, now) === 'open' ? daysBetween(vietnamDayOf(now), c.closes_on) + 1 : 0;
}

/** Public addresses of the consultation pages. */
export const consultationPaths = {
  index: () => '/lay-y-kien',
  detail: (c: Pick<ConsultationRow, 'id' | 'slug'>) => `/lay-y-kien/${c.id}-${c.slug}`,
  comment: (c: Pick<ConsultationRow, 'id' | 'slug'>) => `/lay-y-kien/${c.id}-${c.slug}/gop-y`,
  rss: () => '/lay-y-kien/rss.xml',
};

/** The slug of a consultation's address, from its title. */
export const consultationSlug = (title: string) => slugify(title) || 'du-thao';

/** The page-cache tag of every public page showing consultations (the home page and sitemaps among them). */
export const consultationsTag = (siteId: number) => `s${siteId}:consult`;

/** Why comments are not taken in this phase, in words a resident understands; null while open. */
export function closedMessage(c: Pick<ConsultationRow, 'opens_on' | 'closes_on'>, phase: ConsultationPhase): string | null {
  if (phase === 'open') return null;
  if (phase === 'upcoming') return `Dự thảo chưa mở lấy ý kiến; bạn có thể góp ý từ ngày ${formatDay(c.opens_on)} đến hết ngày ${formatDay(c.closes_on)}.`;
  return `Đã hết thời gian lấy ý kiến (ngày cuối là ${formatDay(c.closes_on)}); cơ quan không nhận thêm góp ý.`;
}
