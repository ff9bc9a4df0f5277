import { displayDay, vietnamToday } from '../calendars/weeks.ts';
import { BASIS, defineCheck, missing, ok } from './check.ts';

/** Lấy ý kiến dự thảo: every closed consultation has its summary of comments published (tổng hợp, tiếp thu, giải trình). */
export const consultationSummaryCheck = defineCheck({
  key: 'lay-y-kien',
  label: 'Báo cáo tổng hợp ý kiến dự thảo',
  basis: `${BASIS}, Luật Thực hiện dân chủ ở cơ sở 2022`,
  load: (run) => run.reads.unsummarisedConsultations(run.siteIds, vietnamToday(run.now)),
  judge(site, waiting) {
    const row = waiting.find((r) => r.site_id === site.id);
    if (row)
      return missing(
        `${row.count} dự thảo đã hết hạn góp ý chưa công bố báo cáo tổng hợp, sớm nhất hết hạn ngày ${displayDay(row.earliest)}.`,
        '/quan-tri/lay-y-kien',
      );
    return ok('Mọi dự thảo đã hết hạn góp ý đều có báo cáo tổng hợp.', '/quan-tri/lay-y-kien');
  },
});
