import type { Kysely } from 'kysely';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database, MediaRow, SiteRow } from '../../db/schema.ts';
import { AppError, validationError } from '../../errors.ts';
import { MediaRepository } from '../../repositories/media-repository.ts';
import { SiteRepository } from '../../repositories/site-repository.ts';
import { type AuditWho, recordAudit } from '../audit-service.ts';
import { inspectImage, storeUpload } from '../media-service.ts';
import { pageTags, pagesChanged } from '../pages/page-changes.ts';
import { authorityName } from '../site-service.ts';
import { ACCENTS, accentOf } from './palette.ts';
import type { MediaStorage } from '../storage/media-storage.ts';

/** The two images a site admin may set: the logo beside the unit's name, and the banner that replaces the masthead. */
export type SiteImage = 'logo' | 'banner';

const IMAGE_RULES: Record<SiteImage, { name: string; column: 'logo_media_id' | 'banner_media_id'; check: (w: number, h: number) => string | null }> = {
  logo: {
    name: 'Biểu trưng',
    column: 'logo_media_id',
    check: (w, h) =>
      w < 64 || h < 64 ? `ảnh quá nhỏ (${w}×${h} điểm ảnh); cần ít nhất 64×64` : w > h * 4 ? 'ảnh quá dẹt cho biểu trưng; hãy dùng ảnh gần vuông' : null,
  },
  banner: {
    name: 'Ảnh đầu trang',
    column: 'banner_media_id',
    check: (w, h) =>
      w < 960
        ? `ảnh hẹp quá (rộng ${w} điểm ảnh); cần rộng ít nhất 960`
        : w < h * 3
          ? `ảnh chưa đủ dẹt (${w}×${h}); chiều rộng cần gấp 3 lần chiều cao trở lên`
          : null,
  },
};

/** The size of an uploaded image, with the media library's refusals (SVG, too many pixels) told at this form's field. */
async function imageSize(bytes: Buffer, field: SiteImage): Promise<{ width: number; height: number } | null> {
  try {
    return await inspectImage(bytes);
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation_failed') throw validationError(error.fields.map((f) => ({ ...f, field })));
    throw error;
  }
}

/** Changes the site's accent colour to one of the palette's. Audited; every page changes. */
export async function setAccent(db: Kysely<Database>, site: SiteRow, key: string, who: AuditWho): Promise<void> {
  if (!ACCENTS.some((a) => a.key === key)) throw validationError([{ field: 'accent', message: 'hãy chọn một màu trong bảng màu' }]);
  await inTransaction(db, async (trx) => {
    await new SiteRepository(trx).update(site.id, { accent: key, updated_at: nowIso() });
    await pagesChanged(trx, [pageTags.all(site.id)]);
    await recordAudit(trx, who, {
      action: 'appearance.accent_changed',
      targetType: 'site',
      targetId: site.id,
      summary: `${accentOf(site.accent).name} → ${accentOf(key).name}`,
    });
  });
}

/**
 * Sets the site's logo or banner from an upload, checked by its bytes
 * through the media library (which keeps it, with its WebP variants): it
 * must be an image of a usable size. Anything else is refused before
 * anything is stored. Audited; every page changes.
 */
export async function uploadSiteImage(
  db: Kysely<Database>,
  storage: MediaStorage,
  site: SiteRow,
  which: SiteImage,
  upload: { bytes: Buffer; originalName: string },
  who: AuditWho,
): Promise<void> {
  const rule = IMAGE_RULES[which];
  if (upload.bytes.length === 0) throw validationError([{ field: which, message: 'chưa chọn tệp ảnh' }]);
  const size = await imageSize(upload.bytes, which);
  if (!size) throw validationError([{ field: which, message: 'tệp không phải ảnh; hãy chọn ảnh PNG, JPEG, WebP hoặc GIF' }]);
  const problem = rule.check(size.width, size.height);
  if (problem) throw validationError([{ field: which, message: problem }]);
  await inTransaction(db, async (trx) => {
    const alt = `${rule.name} ${authorityName(site)}`;
    const media = await storeUpload(trx, storage, site.id, { bytes: upload.bytes, originalName: upload.originalName, alt, title: alt }, who);
    await new SiteRepository(trx).update(site.id, { [rule.column]: media.id, updated_at: nowIso() });
    await pagesChanged(trx, [pageTags.all(site.id)]);
    await recordAudit(trx, who, { action: 'appearance.image_changed', targetType: 'site', targetId: site.id, summary: `${rule.name}: ${media.original_name}` });
  });
}

/** Takes the logo (back to the emblem) or the banner off the site; the image stays in the library. Audited. */
export async function removeSiteImage(db: Kysely<Database>, site: SiteRow, which: SiteImage, who: AuditWho): Promise<void> {
  const rule = IMAGE_RULES[which];
  await inTransaction(db, async (trx) => {
    await new SiteRepository(trx).update(site.id, { [rule.column]: null, updated_at: nowIso() });
    await pagesChanged(trx, [pageTags.all(site.id)]);
    await recordAudit(trx, who, { action: 'appearance.image_removed', targetType: 'site', targetId: site.id, summary: rule.name });
  });
}

/** The site row as it is now: the request's copy may be a few seconds old. */
export async function currentSite(db: Kysely<Database>, site: SiteRow): Promise<SiteRow> {
  return (await new SiteRepository(db).findById(site.id)) ?? site;
}

/** The site's logo and banner images, where set. */
export async function siteImages(db: Kysely<Database>, site: SiteRow): Promise<{ logo: MediaRow | null; banner: MediaRow | null }> {
  const ids = [site.logo_media_id, site.banner_media_id].filter((id): id is number => id !== null);
  const media = await new MediaRepository(db, site.id).findByIds(ids);
  const image = (id: number | null) => media.find((m) => m.id === id) ?? null;
  return { logo: image(site.logo_media_id), banner: image(site.banner_media_id) };
}
