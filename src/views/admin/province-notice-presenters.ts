import type { ProvinceNoticeRow } from '../../db/schema/province-notices.ts';
import { formatDate } from '../../text/format.ts';
import { PROVINCE_NOTICE_KINDS } from '../province-notice-presenters.ts';
import type { NoticeListItem } from './province-notices.ts';

/** A province notice as the admin lists show it; `siteCount` where the list says how far it reaches (the platform admin's). */
export function presentNoticeItem(n: ProvinceNoticeRow, siteCount: number | null): NoticeListItem {
  return {
    id: n.id,
    title: n.title,
    kindName: PROVINCE_NOTICE_KINDS[n.kind],
    issuer: n.issuer,
    date: formatDate(n.published_at),
    statusName: n.status === 'withdrawn' ? 'Đã gỡ' : 'Đang hiện',
    withdrawn: n.status === 'withdrawn',
    reach: siteCount === null ? '' : n.to_all ? `Mọi xã, phường (${siteCount})` : `${siteCount} xã, phường`,
  };
}
