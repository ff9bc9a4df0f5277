import type { Kysely } from 'kysely';
import type { Database, SiteRow, UserRow } from '../../db/schema.ts';
import { QuestionRepository } from '../../repositories/question-repository.ts';
import { RECEPTION_KEY, receptionReview, workWeekReview } from '../calendars/calendar-review.ts';
import { parseReceptionSlot, saveReceptionSlot } from '../calendars/reception-schedule.ts';
import { addDays, currentWeek, displayDay, vietnamToday, weekDays, weekKey } from '../calendars/weeks.ts';
import { parseCalendarEntry, saveCalendarEntry } from '../calendars/work-calendar.ts';
import { parseDocumentForm, saveDocument } from '../documents/document-editor.ts';
import { documentReview } from '../documents/document-review.ts';
import { PEOPLE_KEY, organisationPageReview, organisationPeopleReview } from '../organisation/organisation-review.ts';
import { saveOrganisationPage, savePerson } from '../organisation/organisation-service.ts';
import type { Actor } from '../permissions.ts';
import { transition } from '../review/engine.ts';
import type { ReviewKind } from '../review/kind.ts';
import { storeUpload } from '../media-service.ts';
import { answerReview } from '../questions/answer-review.ts';
import { setQuestionPublished, submitQuestion } from '../questions/question-service.ts';
import { seedDemoDisclosures } from './demo-disclosure.ts';
import { actorOf } from './demo-relief.ts';
import type { MediaStorage } from '../storage/media-storage.ts';

/**
 * What the law asks the demo ward to carry beyond its news: every Giới thiệu
 * page, its leaders, focal official and spokesperson, a document of this year, this week's
 * work calendar and the reception schedule, each written by an editor and
 * published by an approver, so that the demo site's checklist is complete.
 * Names, numbers and figures are invented and say so.
 */

const SAMPLE = ' (nội dung mẫu)';

const PAGES: Array<{ slug: string; body: string; titleEn?: string; bodyEn?: string }> = [
  {
    slug: 'chuc-nang-nhiem-vu',
    body: `<h2>Vị trí, chức năng</h2><p>Ủy ban nhân dân phường là cơ quan hành chính nhà nước ở địa phương, chịu trách nhiệm trước Hội đồng nhân dân phường và cơ quan hành chính nhà nước cấp trên${SAMPLE}.</p><h2>Nhiệm vụ, quyền hạn</h2><p>Tổ chức thi hành Hiến pháp, pháp luật; quản lý đất đai, đô thị, dân cư; bảo đảm an ninh, trật tự và giải quyết thủ tục hành chính cho người dân.</p>`,
    titleEn: 'Functions and duties',
    bodyEn: '<p>The People’s Committee of Ward 1 is the local state administrative body. It enforces the law, manages land, urban order and residents, and handles administrative procedures for citizens (sample text).</p>',
  },
  {
    slug: 'co-cau-to-chuc',
    body: `<h2>Thường trực Ủy ban nhân dân</h2><p>Chủ tịch và hai Phó Chủ tịch Ủy ban nhân dân phường${SAMPLE}.</p><h2>Các cơ quan chuyên môn, đơn vị trực thuộc</h2><ul><li>Văn phòng Hội đồng nhân dân và Ủy ban nhân dân</li><li>Phòng Kinh tế, Hạ tầng và Đô thị</li><li>Phòng Văn hóa – Xã hội</li><li>Trung tâm Phục vụ hành chính công</li></ul>`,
    titleEn: 'Organisation chart',
    bodyEn: '<p>The Chairman and two Vice Chairmen lead the Committee, with the Office, the Economy, Infrastructure and Urban Division, the Culture and Society Division and the Public Administration Service Centre (sample text).</p>',
  },
  { slug: 'lanh-dao', body: `<h2>Phân công nhiệm vụ của lãnh đạo</h2><p>Chủ tịch phụ trách chung; các Phó Chủ tịch phụ trách kinh tế – đô thị và văn hóa – xã hội${SAMPLE}.</p>` },
  { slug: 'can-bo-dau-moi', body: `<h2>Cán bộ đầu mối cung cấp thông tin</h2><p>Tiếp nhận yêu cầu cung cấp thông tin của công dân theo Luật Tiếp cận thông tin${SAMPLE}.</p>` },
  { slug: 'ban-do-hanh-chinh', body: `<h2>Vị trí địa lý, ranh giới hành chính</h2><p>Phường nằm ở trung tâm thành phố, giáp sông Sa Đéc${SAMPLE}.</p><h2>Các ấp, khóm, tổ dân phố</h2><p>Gồm 6 khóm.</p>` },
  { slug: 'dieu-kien-tu-nhien', body: `<h2>Vị trí địa lý</h2><p>Ven sông Tiền${SAMPLE}.</p><h2>Diện tích, dân số</h2><p>Diện tích 2,5 km², dân số khoảng 18.000 người.</p><h2>Khí hậu, địa hình</h2><p>Nhiệt đới gió mùa, địa hình bằng phẳng.</p>` },
  { slug: 'lich-su-van-hoa', body: `<h2>Lịch sử hình thành</h2><p>Phường được thành lập từ năm 1994${SAMPLE}.</p><h2>Văn hóa, lễ hội truyền thống</h2><p>Lễ hội hoa kiểng và lễ cúng đình hằng năm.</p>` },
  { slug: 'di-tich', body: `<h2>Di tích đã được xếp hạng</h2><p>Nhà cổ Huỳnh Thủy Lê, di tích cấp quốc gia.</p><h2>Địa chỉ, thời gian tham quan</h2><p>Mở cửa từ 8 giờ đến 17 giờ hằng ngày${SAMPLE}.</p>` },
];

const PEOPLE = [
  { role: 'leader', name: 'Nguyễn Văn An (tên mẫu)', job_title: 'Chủ tịch Ủy ban nhân dân phường', job_title_en: 'Chairman', phone: '0277 3861 002', email: 'chutich.phuong1@dongthap.gov.vn', sort_order: '1' },
  { role: 'leader', name: 'Trần Thị Hoa (tên mẫu)', job_title: 'Phó Chủ tịch Ủy ban nhân dân phường', job_title_en: 'Vice Chairwoman', phone: '0277 3861 003', email: 'phochutich.phuong1@dongthap.gov.vn', sort_order: '2' },
  { role: 'focal', name: 'Lê Minh Tuấn (tên mẫu)', job_title: 'Công chức Văn phòng – Thống kê', job_title_en: 'Information officer', phone: '0277 3861 004', email: 'daumoi.phuong1@dongthap.gov.vn', sort_order: '1' },
  { role: 'spokesperson', name: 'Trần Thị Hoa (tên mẫu)', job_title: 'Phó Chủ tịch Ủy ban nhân dân phường', job_title_en: 'Vice Chairwoman, spokesperson', phone: '0277 3861 003', email: 'phochutich.phuong1@dongthap.gov.vn', sort_order: '1' },
];

/** A one-page PDF saying it is a sample (ASCII: the standard fonts carry no Vietnamese), with a correct cross-reference table. */
function samplePdf(): Buffer {
  const text = 'BT /F1 14 Tf 72 760 Td (Van ban mau - tai lieu mau cua cong thong tin xaphuong) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = pdf.length;
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** An editor's item submitted, then published by an approver: the workflow every real item goes through. */
async function submitAndPublish(db: Kysely<Database>, editor: Actor, approver: Actor, kind: ReviewKind, key: string | number): Promise<void> {
  await transition(db, editor, kind, key, 'submit');
  await transition(db, approver, kind, key, 'publish');
}

/** Seeds the demo ward's legally required content, written by the editor and published by the approver. */
export async function seedDemoGovernment(
  db: Kysely<Database>,
  storage: MediaStorage,
  site: SiteRow,
  editorUser: UserRow,
  approverUser: UserRow,
  now = new Date(),
): Promise<void> {
  const editor = actorOf(editorUser, site, 'editor');
  const approver = actorOf(approverUser, site, 'approver');
  for (const page of PAGES) {
    await saveOrganisationPage(db, editor, page.slug, { body_html: page.body, title_en: page.titleEn ?? '', body_en_html: page.bodyEn ?? '' });
    await submitAndPublish(db, editor, approver, organisationPageReview, page.slug);
  }
  for (const person of PEOPLE) await savePerson(db, editor, null, person);
  await submitAndPublish(db, editor, approver, organisationPeopleReview, PEOPLE_KEY);

  const today = vietnamToday(now);
  const file = await storeUpload(db, storage, site.id, { bytes: samplePdf(), originalName: 'quyet-dinh-mau.pdf', title: 'Quyết định mẫu' });
  const document = await saveDocument(
    db,
    editor,
    null,
    parseDocumentForm({
      doc_type: 'quyet-dinh',
      number_symbol: `1/QĐ-UBND`,
      issuing_body: 'Ủy ban nhân dân Phường 1',
      signer: 'Nguyễn Văn An (tên mẫu)',
      issued_on: displayDay(`${today.slice(0, 4)}-01-02`),
      effective_on: displayDay(`${today.slice(0, 4)}-01-02`),
      summary: `Quyết định ban hành kế hoạch cải cách hành chính năm ${today.slice(0, 4)} của Ủy ban nhân dân phường${SAMPLE}`,
      field: 'Cải cách hành chính',
      media_ids: [String(file.id)],
    }),
  );
  await submitAndPublish(db, editor, approver, documentReview, document.id);

  const week = currentWeek(now);
  const [monday] = weekDays(week);
  const entries = [
    { day: displayDay(monday!), start_time: '07:30', task: `Họp giao ban Ủy ban nhân dân phường${SAMPLE}`, presider: 'Chủ tịch UBND phường', location: 'Hội trường UBND phường' },
    { day: displayDay(addDays(monday!, 2)), start_time: '14:00', task: `Tiếp công dân định kỳ${SAMPLE}`, presider: 'Phó Chủ tịch UBND phường', location: 'Phòng tiếp công dân' },
  ];
  for (const entry of entries) await saveCalendarEntry(db, editor, null, parseCalendarEntry(entry));
  await submitAndPublish(db, editor, approver, workWeekReview, weekKey(week));

  const slot = { official_name: 'Nguyễn Văn An (tên mẫu)', position: 'Chủ tịch UBND phường', days: 'Thứ Năm hằng tuần', hours: '7:30 – 11:00', place: 'Phòng tiếp công dân, UBND phường' };
  await saveReceptionSlot(db, editor, null, parseReceptionSlot(slot));
  await submitAndPublish(db, editor, approver, receptionReview, RECEPTION_KEY);
  await seedDemoQuestion(db, site, editor, approver, now);
  await seedDemoDisclosures(db, site, editor, approver, now);
}

/** A resident's question, answered by the editor, approved and published by the approver, well within its 15 working days. */
async function seedDemoQuestion(db: Kysely<Database>, site: SiteRow, editor: Actor, approver: Actor, now: Date): Promise<void> {
  const question = {
    name: 'Nguyễn Thị Mai (tên mẫu)',
    address: 'Khóm 2, Phường 1',
    phone: '0912 000 111',
    email: '',
    title: 'Thủ tục đăng ký khai sinh cho con',
    content: 'Xin hỏi đăng ký khai sinh cho con cần những giấy tờ gì và nộp ở đâu?',
    consent: '1',
  };
  const { code } = await submitQuestion(db, site.id, question, { ip: '127.0.0.1', now });
  const { id } = (await new QuestionRepository(db, site.id).findByCode(code))!;
  const answer = `<p>Ông/bà mang giấy chứng sinh và căn cước của cha hoặc mẹ đến Bộ phận một cửa của phường, hoặc nộp trực tuyến trên Cổng Dịch vụ công quốc gia${SAMPLE}.</p>`;
  await transition(db, editor, answerReview, id, 'submit', { save: { answer } });
  await transition(db, approver, answerReview, id, 'publish', { options: {} });
  await setQuestionPublished(db, approver, id, true);
}
