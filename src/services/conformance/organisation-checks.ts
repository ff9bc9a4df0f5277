import type { SiteRow } from '../../db/schema.ts';
import { PAGE_KINDS, pageKindOf } from '../organisation/page-kinds.ts';
import { BASIS, defineCheck, missing, ok } from './check.ts';
import { type PublicOrganisation, pageHasEnglish, pageIsFilled, publicOrganisation } from './organisation-facts.ts';

const of = (facts: Map<number, PublicOrganisation>, site: SiteRow) => facts.get(site.id)!;
const pageForm = (slug: string) => `/quan-tri/gioi-thieu/trang/${slug}`;
const names = (list: Array<{ name: string }>) => list.map((p) => p.name).join(', ');

/** Every Giới thiệu page written and published. */
export const organisationPagesCheck = defineCheck({
  key: 'gioi-thieu',
  label: 'Các trang Giới thiệu đã viết và đăng',
  basis: BASIS,
  load: publicOrganisation,
  judge(site, facts) {
    const lacking = PAGE_KINDS.filter((kind) => !pageIsFilled(kind, of(facts, site)));
    if (lacking.length) return missing(`Chưa viết hoặc chưa đăng: ${lacking.map((k) => k.title).join(', ')}.`, pageForm(lacking[0]!.slug));
    return ok(`Đủ ${PAGE_KINDS.length} trang.`, '/quan-tri/gioi-thieu');
  },
});

/** A people list (leaders, focal officials, the spokesperson) published, each with a phone and an e-mail. */
function peopleCheck(key: string, label: string, basis: string, role: 'leaders' | 'focal' | 'spokesperson', noun: string) {
  return defineCheck({
    key,
    label,
    basis,
    load: publicOrganisation,
    judge(site, facts) {
      const people = of(facts, site)[role];
      if (people.length === 0) return missing(`Chưa đăng ${noun} nào.`, '/quan-tri/gioi-thieu/nguoi/moi');
      const lacking = people.filter((p) => p.phone.trim() === '' || p.email.trim() === '');
      if (lacking.length) return missing(`Thiếu điện thoại hoặc thư điện tử: ${names(lacking)}.`, `/quan-tri/gioi-thieu/nguoi/${lacking[0]!.id}`);
      return ok(`${people.length} ${noun}, đủ điện thoại và thư điện tử.`, '/quan-tri/gioi-thieu');
    },
  });
}

export const leadersCheck = peopleCheck('lanh-dao', 'Lãnh đạo có điện thoại, thư điện tử', BASIS, 'leaders', 'lãnh đạo');
export const focalOfficialCheck = peopleCheck('dau-moi', 'Cán bộ đầu mối', BASIS, 'focal', 'cán bộ đầu mối');
export const spokespersonCheck = peopleCheck('phat-ngon', 'Người phát ngôn', BASIS, 'spokesperson', 'người phát ngôn');

/** The pages the English version must carry: what the unit does and how it is organised. */
const ENGLISH_KINDS = ['chuc-nang-nhiem-vu', 'co-cau-to-chuc'].map((slug) => pageKindOf(slug)!);

/** The English version of the organisation and contact information. */
export const englishPagesCheck = defineCheck({
  key: 'tieng-anh',
  label: 'Trang tiếng Anh',
  basis: BASIS,
  load: publicOrganisation,
  judge(site, facts) {
    const lacking = ENGLISH_KINDS.filter((kind) => !pageHasEnglish(kind, of(facts, site)));
    if (lacking.length) return missing(`Chưa có bản tiếng Anh đã đăng: ${lacking.map((k) => k.title).join(', ')}.`, pageForm(lacking[0]!.slug));
    if (site.address.trim() === '' || site.phone.trim() === '') return missing('Trang liên hệ tiếng Anh thiếu địa chỉ hoặc điện thoại.', '/quan-tri/cai-dat');
    return ok('Có giới thiệu, cơ cấu tổ chức và liên hệ bằng tiếng Anh.', '/quan-tri/gioi-thieu');
  },
});
