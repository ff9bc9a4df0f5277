import { formatNumber } from '../../text/format.ts';

/**
 * What an import did, item by item in counts, and each item it skipped or
 * warned about with its reason in Vietnamese: the report printed at the end
 * and kept with the run.
 */
export class ImportReport {
  imported = 0;
  updated = 0;
  unchanged = 0;
  mediaImported = 0;
  mediaReused = 0;
  comments = 0;
  redirects = 0;
  convertedFromLegacy = 0;
  readonly skipped: Array<{ item: string; reason: string }> = [];
  readonly warnings: string[] = [];
  /** Reasons are listed up to this many; the counts stay exact. */
  static readonly LIST_MAX = 500;
  skippedCount = 0;
  warningCount = 0;

  skip(item: string, reason: string): void {
    this.skippedCount++;
    if (this.skipped.length < ImportReport.LIST_MAX) this.skipped.push({ item, reason });
  }

  warn(message: string): void {
    this.warningCount++;
    if (this.warnings.length < ImportReport.LIST_MAX) this.warnings.push(message);
  }

  /** The report as kept with the run (JSON). */
  toJson(): string {
    return JSON.stringify(this);
  }

  /** A report resumed from a run's saved JSON. */
  static fromJson(json: string): ImportReport {
    const report = new ImportReport();
    try {
      const data = JSON.parse(json) as Partial<ImportReport>;
      for (const key of [
        'imported',
        'updated',
        'unchanged',
        'mediaImported',
        'mediaReused',
        'comments',
        'redirects',
        'convertedFromLegacy',
        'skippedCount',
        'warningCount',
      ] as const) {
        if (typeof data[key] === 'number') report[key] = data[key];
      }
      report.skipped.push(...(data.skipped ?? []));
      report.warnings.push(...(data.warnings ?? []));
    } catch {
      // A report that cannot be read starts again from zero; the items themselves are kept.
    }
    return report;
  }

  /** The lines printed at the end of a command. */
  lines(): string[] {
    const n = formatNumber;
    const out = [
      `Đã nhập mới: ${n(this.imported)}`,
      `Đã cập nhật: ${n(this.updated)}`,
      `Không đổi từ lần nhập trước: ${n(this.unchanged)}`,
      `Tệp ảnh, tài liệu: ${n(this.mediaImported)} tệp mới, ${n(this.mediaReused)} tệp đã có`,
      `Đường dẫn cũ được giữ: ${n(this.redirects)}`,
    ];
    if (this.comments) out.push(`Bình luận (không nhập): ${n(this.comments)}`);
    if (this.convertedFromLegacy) out.push(`Chuyển từ TCVN3/VNI sang Unicode: ${n(this.convertedFromLegacy)}`);
    out.push(`Bỏ qua: ${n(this.skippedCount)}`, ...this.skipped.map((s) => `  - ${s.item}: ${s.reason}`));
    if (this.skippedCount > this.skipped.length) out.push(`  … và ${n(this.skippedCount - this.skipped.length)} mục khác`);
    out.push(`Cảnh báo: ${n(this.warningCount)}`, ...this.warnings.map((w) => `  - ${w}`));
    if (this.warningCount > this.warnings.length) out.push(`  … và ${n(this.warningCount - this.warnings.length)} cảnh báo khác`);
    return out;
  }
}
