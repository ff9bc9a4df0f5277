import type { Kysely } from 'kysely';
import { inTransaction } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { AppError, validationError } from '../../errors.ts';
import { CategoryRepository } from '../../repositories/category-repository.ts';
import { ReliefCampaignRepository } from '../../repositories/relief-campaign-repository.ts';
import { slugify } from '../../text/vietnamese.ts';
import { escapeHtml } from '../../views/html.ts';
import { recordAudit } from '../audit-service.ts';
import { type Actor, can } from '../permissions.ts';
import { parseArticleForm, saveArticle } from '../articles/article-editor.ts';
import { who } from './campaigns.ts';
import { ledgerSummary, yearScope } from './ledger-summary.ts';
import { reliefPaths } from './relief-labels.ts';

/** A figure placeholder: computed when the article is shown, from the records as they stood at its publication. */
const figure = (year: number, metric: string, label: string, param = '') =>
  `<span data-figure="y${year}:${metric}${param ? `:${param}` : ''}">${escapeHtml(label)}</span>`;

/** The body of a year's summary: every figure a placeholder, each total next to the parts it adds up. */
export async function annualSummaryBody(db: Kysely<Database>, siteId: number, authority: string, year: number): Promise<string> {
  const campaigns = await new ReliefCampaignRepository(db, siteId).publicInYear(year);
  const summary = await ledgerSummary(db, siteId, { ...yearScope(year), publicOnly: true });
  const f = (metric: string, label: string, param = '') => figure(year, metric, label, param);
  const goods = summary.received.goods.map((g) => f('thu-don-vi', `số ${g.unit} đã nhận`, slugify(g.unitKey)));
  const given = summary.spent.goods.map((g) => f('chi-don-vi', `số ${g.unit} đã cấp`, slugify(g.unitKey)));
  const categories = summary.spent.byCategory.map(
    (c) =>
      `<li>${escapeHtml(c.name)}: ${f('so-nguoi', `số ${c.name.toLowerCase()}`, c.category)}, trị giá ${f('chi-doi-tuong', `giá trị hỗ trợ ${c.name.toLowerCase()}`, c.category)};</li>`,
  );
  const list = campaigns.map((c) => `<li><a href="${reliefPaths.campaign(c.slug)}">${escapeHtml(c.title)}</a></li>`);
  return [
    `<p>Trong năm ${year}, ${escapeHtml(authority)} thực hiện ${campaigns.length} cuộc vận động, cứu trợ:</p>`,
    list.length ? `<ul>${list.join('')}</ul>` : '',
    `<p>Tổng giá trị vận động trong năm ${year} là ${f('tong-thu', 'tổng giá trị đã nhận')}, gồm ${f('thu-tien', 'tiền đã nhận')} tiền mặt và chuyển khoản và hiện vật trị giá ${f('thu-hien-vat', 'giá trị hiện vật đã nhận')}${goods.length ? ` (${goods.join('; ')})` : ''}.</p>`,
    `<p>Trong năm đã cất mới ${f('nha-xay-moi', 'số nhà xây mới')}, sửa chữa ${f('nha-sua-chua', 'số nhà sửa chữa')} nhà tình thương, nhà đại đoàn kết với tổng trị giá ${f('gia-tri-nha', 'giá trị nhà')}${given.length ? `; cấp phát ${given.join('; ')}` : ''}.</p>`,
    categories.length ? `<p>Hỗ trợ theo đối tượng:</p><ul>${categories.join('')}</ul>` : '',
    `<p>Tổng giá trị đã chi, hỗ trợ trong năm ${year} là ${f('tong-chi', 'tổng giá trị đã chi')}; số tiền còn lại đến cuối năm là ${f('so-du-tien', 'số tiền còn lại')}.</p>`,
    `<p>Mọi số liệu trên được tính từ sổ thu chi công khai tại <a href="${reliefPaths.year(year)}">trang vận động năm ${year}</a>.</p>`,
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * Creates the draft article of a site's yearly mobilisation summary, in the
 * first news category, through the newsroom's own save (a revision, audited):
 * the editor writes around the figures, which stay computed.
 */
export async function draftAnnualSummary(db: Kysely<Database>, actor: Actor, authority: string, year: number): Promise<{ articleId: number }> {
  if (!can(actor, 'relief.edit') || !can(actor, 'article.create')) throw new AppError('forbidden');
  if (!Number.isInteger(year) || year < 1990 || year > 2200) throw validationError([{ field: 'year', message: 'năm không hợp lệ' }]);
  return inTransaction(db, async (trx) => {
    const categories = await new CategoryRepository(trx, actor.siteId).list();
    const category = categories.find((c) => c.kind === 'news') ?? categories[0];
    if (!category) throw validationError([{ field: 'year', message: 'cổng chưa có chuyên mục nào để đặt bài' }]);
    const body = await annualSummaryBody(trx, actor.siteId, authority, year);
    const form = parseArticleForm({
      title: `Tổng kết công tác vận động, cứu trợ năm ${year}`,
      body_html: body,
      category_id: String(category.id),
      summary: `Số liệu vận động, cứu trợ năm ${year} tính từ sổ thu chi công khai.`,
    });
    const saved = await saveArticle(trx, actor, null, form);
    await recordAudit(trx, who(actor), { action: 'relief.summary_drafted', targetType: 'article', targetId: saved.id, summary: `Năm ${year}` });
    return { articleId: saved.id };
  });
}
