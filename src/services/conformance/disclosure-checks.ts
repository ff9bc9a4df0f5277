import { vietnamToday } from '../calendars/weeks.ts';
import { defineCheck, missing, ok } from './check.ts';

/** The disclosures every commune makes each year, by built-in item: what the checklist asks to be current. */
const YEARLY = [
  ['budget', 'dự toán ngân sách'],
  ['socio_economic_plan', 'kế hoạch phát triển kinh tế – xã hội'],
] as const;

/** Công khai: this year's budget and socio-economic plan disclosed, and within their disclosure period. */
export const disclosureCheck = defineCheck({
  key: 'cong-khai',
  label: 'Công khai ngân sách, kế hoạch năm',
  basis: 'Luật Thực hiện dân chủ ở cơ sở 2022',
  load: (run) => {
    const today = vietnamToday(run.now);
    return run.reads.currentDisclosures(
      run.siteIds,
      YEARLY.map(([key]) => key),
      today,
      Number(today.slice(0, 4)),
    );
  },
  judge(site, current, now) {
    const year = vietnamToday(now).slice(0, 4);
    const lacking = YEARLY.filter(([key]) => !current.some((c) => c.site_id === site.id && c.item_key === key)).map(([, name]) => name);
    if (lacking.length) return missing(`Chưa công khai ${lacking.join(' và ')} năm ${year}, hoặc đã hết thời hạn công khai.`, '/quan-tri/cong-khai/moi');
    return ok(`Đang công khai dự toán ngân sách và kế hoạch phát triển kinh tế – xã hội năm ${year}.`, '/quan-tri/cong-khai');
  },
});
