import type { Kysely } from 'kysely';
import type { Database, SiteRow } from '../../src/db/schema.ts';
import { MediaRepository } from '../../src/repositories/media-repository.ts';
import { parseConsultationForm, saveConsultation } from '../../src/services/consultations/consultation-editor.ts';
import { consultationReview } from '../../src/services/consultations/consultation-review.ts';
import type { Actor } from '../../src/services/permissions.ts';
import { vietnamDayOf } from '../../src/services/questions/working-days.ts';
import { transition } from '../../src/services/review/engine.ts';

/** A day counted from today in Vietnam, as the form takes it (dd/mm/yyyy). */
export function dayFromToday(offset: number, now = new Date()): string {
  const [y, m, d] = vietnamDayOf(new Date(now.getTime() + offset * 86_400_000)).split('-');
  return `${d}/${m}/${y}`;
}

/** A library PDF of the site, for a draft or a summary. */
export async function buildLibraryPdf(db: Kysely<Database>, site: SiteRow): Promise<number> {
  return new MediaRepository(db, site.id).insert({
    kind: 'file',
    storage_key: `${Math.random().toString(36).slice(2).padEnd(24, 'x')}.pdf`,
    original_name: 'du-thao.pdf',
    mime_type: 'application/pdf',
    byte_size: 54_321,
    width: null,
    height: null,
    alt: '',
    caption: '',
    uploaded_by: null,
    deleted_at: null,
    created_at: new Date().toISOString(),
  });
}

/** A consultation written by `writer` and published by `leader`, open between the two day offsets from today. */
export async function buildConsultation(
  db: Kysely<Database>,
  writer: Actor,
  leader: Actor,
  options: { opens: number; closes: number; mediaId: number; title?: string; publish?: boolean },
): Promise<number> {
  const { id } = await saveConsultation(
    db,
    writer,
    null,
    parseConsultationForm({
      title: options.title ?? 'Dự thảo Quy chế quản lý chợ xã',
      body_html: '<p>Ủy ban nhân dân xã xin ý kiến người dân về <strong>giờ họp chợ</strong>.</p><script>alert(1)</script>',
      media_id: String(options.mediaId),
      opens_on: dayFromToday(options.opens),
      closes_on: dayFromToday(options.closes),
    }),
  );
  if (options.publish !== false) {
    await transition(db, writer, consultationReview, id, 'submit');
    await transition(db, leader, consultationReview, id, 'publish');
  }
  return id;
}
