import { formatDate } from '../../text/format.ts';
import { displayDay, vietnamToday } from '../calendars/weeks.ts';
import { NOTICE_WORKING_DAYS, earliestNoticeStart } from '../organisation/downtime.ts';
import { BASIS, countOf, defineCheck, late, missing, ok } from './check.ts';

const CONTACT_FIELDS = [
  ['address', 'địa chỉ'],
  ['phone', 'điện thoại'],
  ['email', 'thư điện tử'],
  ['responsible_person', 'người chịu trách nhiệm'],
] as const;

/** The footer's contacts: address, phone, e-mail and the person responsible for the portal. */
export const siteContactsCheck = defineCheck<null>({
  key: 'lien-he',
  label: 'Thông tin liên hệ của cổng',
  basis: BASIS,
  load: async () => null,
  judge(site) {
    const lacking = CONTACT_FIELDS.filter(([field]) => site[field].trim() === '').map(([, name]) => name);
    if (lacking.length) return missing(`Chưa có ${lacking.join(', ')}.`, '/quan-tri/cai-dat');
    return ok(`${site.address}; ${site.phone}; ${site.email}; ${site.responsible_person}.`, '/quan-tri/cai-dat');
  },
});

/** Văn bản: at least one document issued this year, published. */
export const documentsThisYearCheck = defineCheck({
  key: 'van-ban',
  label: 'Văn bản ban hành trong năm',
  basis: BASIS,
  load: (run) => run.reads.publishedDocumentCounts(run.siteIds, `${vietnamToday(run.now).slice(0, 4)}-01-01`),
  judge(site, counts, now) {
    const year = vietnamToday(now).slice(0, 4);
    const count = countOf(counts, site.id);
    if (count === 0) return missing(`Chưa đăng văn bản nào ban hành năm ${year}.`, '/quan-tri/van-ban/moi');
    return ok(`${count} văn bản ban hành năm ${year} đã đăng.`, '/quan-tri/van-ban');
  },
});

/** Hỏi đáp: every question answered within 15 working days; none past its due day unanswered. */
export const questionsOnTimeCheck = defineCheck({
  key: 'hoi-dap',
  label: 'Trả lời hỏi đáp trong 15 ngày làm việc',
  basis: BASIS,
  load: (run) => run.reads.overdueQuestions(run.siteIds, vietnamToday(run.now)),
  judge(site, overdue) {
    const row = overdue.find((r) => r.site_id === site.id);
    if (row) return late(`${row.count} câu hỏi quá hạn trả lời, câu sớm nhất hạn ${displayDay(row.earliest)}.`, '/quan-tri/hoi-dap?qua_han=1');
    return ok('Không có câu hỏi nào quá hạn trả lời.', '/quan-tri/hoi-dap');
  },
});

const YEAR_MS = 365 * 24 * 3_600_000;

/** Planned downtime announced at least 7 working days ahead, over the last year. */
export const downtimeNoticeCheck = defineCheck({
  key: 'tam-dung',
  label: `Báo trước tạm dừng ${NOTICE_WORKING_DAYS} ngày làm việc`,
  basis: BASIS,
  load: (run) => run.reads.downtimeNotices(run.siteIds, new Date(run.now.getTime() - YEAR_MS).toISOString()),
  judge(site, notices) {
    const own = notices.filter((n) => n.site_id === site.id);
    const lateOnes = own.filter((n) => new Date(n.starts_at) < earliestNoticeStart(new Date(n.created_at)));
    if (lateOnes.length) {
      return late(
        `${lateOnes.length} lần tạm dừng báo trước chưa đủ ${NOTICE_WORKING_DAYS} ngày làm việc, lần đầu ngày ${formatDate(lateOnes[0]!.starts_at)}.`,
        '/quan-tri/thong-bao-bao-tri',
      );
    }
    const said = own.length ? `${own.length} lần tạm dừng trong năm qua, đều báo trước đủ hạn.` : 'Không có lần tạm dừng nào trong năm qua.';
    return ok(said, '/quan-tri/thong-bao-bao-tri');
  },
});
