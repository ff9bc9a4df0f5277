import type { MediaRow } from '../db/schema.ts';
import type { ConsultationCommentRow, ConsultationRow } from '../db/schema/consultations.ts';
import { type ConsultationPhase, PHASE_NAMES, consultationPaths, daysLeft, phaseOf } from '../services/consultations/consultation-phase.ts';
import type { ConsultationListing } from '../services/consultations/consultation-reader.ts';
import { documentTypeName, documentPath, formatDay } from '../services/documents/document-types.ts';
import type { DocumentRow } from '../db/schema/documents.ts';
import { attachmentLabel } from '../services/media-types.ts';
import { formatDate, formatDateTime, formatFileSize, formatNumber } from '../text/format.ts';
import { attachmentsOf } from '../services/questions/attachments.ts';
import { STATUS_NAMES } from '../services/review/rules.ts';
import type { AdminConsultationItem, Choice, ConsultationFormValues, StaffComment } from './admin/consultations.ts';
import { paths } from '../paths.ts';
import type { ConsultationCard, ConsultationSection, PublicComment } from './pages/consultations.ts';

/** "Từ 01/12/2026 đến 31/12/2026". */
export const periodOf = (c: Pick<ConsultationRow, 'opens_on' | 'closes_on'>) => `Từ ${formatDay(c.opens_on)} đến ${formatDay(c.closes_on)}`;

/** A consultation row as the public list and page show it, on the given day. */
export function presentConsultationCard(c: ConsultationRow & { comment_count?: number }, received: number, now = new Date()): ConsultationCard {
  const phase = phaseOf(c, now);
  const left = daysLeft(c, now);
  return {
    url: consultationPaths.detail(c),
    title: c.title,
    phase,
    phaseName: PHASE_NAMES[phase],
    period: periodOf(c),
    comments: `${formatNumber(received)} góp ý`,
    left: left > 0 ? `Còn ${formatNumber(left)} ngày` : '',
  };
}

const HEADINGS: Record<ConsultationPhase, string> = {
  open: 'Đang lấy ý kiến',
  upcoming: 'Sắp lấy ý kiến',
  closed: 'Đã hết hạn, đang tổng hợp ý kiến',
  summarised: 'Đã có báo cáo tổng hợp, tiếp thu, giải trình',
};

/** The public list's sections in the order residents need them. */
export function presentConsultationSections(listing: ConsultationListing, now = new Date()): ConsultationSection[] {
  return (['open', 'upcoming', 'closed', 'summarised'] as const).map((phase) => ({
    phase,
    heading: HEADINGS[phase],
    cards: listing[phase].map((c) => presentConsultationCard(c, c.comment_count, now)),
  }));
}

/** A published comment: the name only when the resident agreed. */
export function presentPublicComment(comment: ConsultationCommentRow): PublicComment {
  return { author: comment.show_name ? comment.name : 'Người dân (không công khai tên)', date: formatDate(comment.received_at), content: comment.content };
}

/** A library file as a download link shows it. */
export function presentFileLink(file: MediaRow): { url: string; name: string; meta: string } {
  return {
    url: paths.media(file.storage_key),
    name: file.title || file.original_name,
    meta: `${attachmentLabel(file.mime_type)}, ${formatFileSize(file.byte_size)}`,
  };
}

/** The draft's document as a link: "Quyết định số 12/QĐ-UBND: …". */
export function presentDocumentLink(document: DocumentRow): { url: string; label: string } {
  return { url: documentPath(document), label: `${documentTypeName(document.doc_type)} số ${document.number_symbol}: ${document.summary}` };
}

/** A consultation row as the newsroom's list shows it. */
export function presentAdminConsultation(c: ConsultationRow & { comment_count: number }): AdminConsultationItem {
  return {
    id: c.id,
    title: c.title,
    period: periodOf(c),
    statusName: STATUS_NAMES[c.status],
    phaseName: PHASE_NAMES[phaseOf(c)],
    comments: `${formatNumber(c.comment_count)} góp ý`,
  };
}

/** A saved consultation as its form shows it. */
export function consultationFormValues(c: ConsultationRow | null): ConsultationFormValues {
  if (!c) return { title: '', body_html: '', document_id: '', media_id: '', opens_on: '', closes_on: '' };
  return {
    title: c.title,
    body_html: c.body_html,
    document_id: c.document_id === null ? '' : String(c.document_id),
    media_id: c.media_id === null ? '' : String(c.media_id),
    opens_on: formatDay(c.opens_on),
    closes_on: formatDay(c.closes_on),
  };
}

/** What was posted, as the form shows it again after an error. */
export function consultationValuesFromBody(body: Record<string, unknown>): ConsultationFormValues {
  const str = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : '');
  return {
    title: str('title'),
    body_html: str('body_html'),
    document_id: str('document_id'),
    media_id: str('media_id'),
    opens_on: str('opens_on'),
    closes_on: str('closes_on'),
  };
}

/** Documents and library files as the form's choices. */
export const documentChoice = (d: DocumentRow): Choice => ({ id: String(d.id), label: `${d.number_symbol}: ${d.summary}`.slice(0, 160) });
export const fileChoice = (f: MediaRow): Choice => ({ id: String(f.id), label: f.title || f.original_name });

/** A comment as staff see it, contact details and file included. */
export function presentStaffComment(consultationId: number, c: ConsultationCommentRow): StaffComment {
  const [file] = attachmentsOf(c);
  return {
    id: c.id,
    name: c.name,
    contact: [c.phone, c.email].filter(Boolean).join(' · '),
    received: formatDateTime(c.received_at),
    content: c.content,
    file: file ? { url: `/quan-tri/lay-y-kien/${consultationId}/gop-y/${c.id}/tep`, name: file.name } : null,
    published: c.is_published === 1,
    showName: c.show_name === 1,
  };
}
