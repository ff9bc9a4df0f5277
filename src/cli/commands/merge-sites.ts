import { type MergeReport, mergeSites } from '../../services/merge/merge-sites.ts';
import { confirmMerge, listMerges, undoMerge } from '../../services/merge/merge-undo.ts';
import { parseOptions } from '../options.ts';
import { UsageError, openRuntime } from '../runtime.ts';

/** The lines a merge's report prints. */
export function mergeReportLines(report: MergeReport): string[] {
  return report.units.flatMap((u) => [
    `${u.name} (${u.hosts.join(', ')}):`,
    `  ${u.articles} bài viết, ${u.documents} văn bản, ${u.questions} câu hỏi, ${u.media} tệp, ${u.users} người dùng được chuyển`,
    `  ${u.duplicates} mục trùng với cổng mới được gộp làm một`,
    `  ${u.provinceNotices ?? 0} thông báo của tỉnh nay hiện trên cổng mới`,
    `  chuyên mục: ${Object.entries(u.categories)
      .map(([a, b]) => (a === b ? a : `${a} → ${b}`))
      .join(', ')}`,
    `  ${u.redirects} đường dẫn cũ chuyển tiếp (301) tới địa chỉ mới`,
  ]);
}

/** `xaphuong merge-sites --into HOST --from HOST... | --undo ID | --confirm ID | --list` */
export async function mergeSitesCommand(args: string[]): Promise<void> {
  const { values } = parseOptions('merge-sites', args, {
    into: { type: 'string' },
    from: { type: 'string', multiple: true },
    undo: { type: 'string' },
    confirm: { type: 'string' },
    list: { type: 'boolean', default: false },
  });
  const chosen = [values.into !== undefined, values.undo !== undefined, values.confirm !== undefined, values.list].filter(Boolean).length;
  if (chosen !== 1) throw new UsageError('Dùng một trong: --into TÊN_MIỀN --from TÊN_MIỀN..., --undo SỐ, --confirm SỐ, --list.');
  const id = Number(values.undo ?? values.confirm);
  if ((values.undo || values.confirm) && !Number.isInteger(id)) throw new UsageError('Số lần gộp phải là số nguyên (xem --list).');
  const { handle, media } = await openRuntime();
  const who = { system: 'dòng lệnh', siteId: null };
  try {
    if (values.list) {
      for (const m of await listMerges(handle.db))
        console.log(
          `#${m.id} ${m.status} ${m.created_at.slice(0, 10)}: ${JSON.parse(m.from_sites)
            .map((s: { name: string }) => s.name)
            .join(', ')}`,
        );
    } else if (values.undo) {
      await undoMerge(handle.db, media, id, who);
      console.log(`Đã hoàn tác lần gộp số ${id}.`);
    } else if (values.confirm) {
      await confirmMerge(handle.db, media, id, who);
      console.log(`Đã xác nhận lần gộp số ${id}: các cổng cũ đã được xóa, tên miền cũ tiếp tục chuyển tiếp.`);
    } else {
      if (!values.from?.length) throw new UsageError('Cần ít nhất một --from TÊN_MIỀN.');
      const { mergeId, report } = await mergeSites(handle.db, media, values.into!, values.from, who);
      console.log(`Đã gộp (lần gộp số ${mergeId}, chưa xác nhận):`);
      for (const line of mergeReportLines(report)) console.log(line);
      console.log(`Kiểm tra cổng mới, rồi xác nhận: npx xaphuong merge-sites --confirm ${mergeId} (hoặc hoàn tác: --undo ${mergeId}).`);
    }
  } finally {
    await media.close();
    await handle.close();
  }
}
