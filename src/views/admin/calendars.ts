import type { CalendarEntryRow, ReceptionSlotRow } from '../../db/schema/calendars.ts';
import type { FieldError } from '../../errors.ts';
import { SESSION_NAMES } from '../../services/calendars/work-calendar.ts';
import { type IsoWeek, dayName, displayDay, weekKey } from '../../services/calendars/weeks.ts';
import { type SafeHtml, html } from '../html.ts';
import { weekTitle } from '../pages/calendars.ts';
import { type AdminContext, adminLayout, csrfField, errorSummary, fieldError, invalidAttrs, tableRegion, textField } from './layout.ts';
import { type ReviewPanelView, reviewPanel } from './review-panel.ts';

/** Admin paths of the calendars. */
export const adminCalendarPaths = {
  week: (week: IsoWeek) => `/quan-tri/lich-cong-tac?tuan=${weekKey(week)}`,
  entry: (id: number) => `/quan-tri/lich-cong-tac/${id}`,
  /** Where a week's review actions post, and its revision history. */
  weekReview: (week: IsoWeek) => `/quan-tri/lich-cong-tac/tuan/${weekKey(week)}`,
  reception: () => '/quan-tri/lich-tiep-cong-dan',
  slot: (id: number) => `/quan-tri/lich-tiep-cong-dan/${id}`,
};

/** What the entry form holds: as typed, so a form with errors keeps its input. */
export interface EntryFormValues {
  day: string;
  session: string;
  start_time: string;
  task: string;
  presider: string;
  participants: string;
  location: string;
}

/** What the reception form holds, as typed. */
export interface SlotFormValues {
  official_name: string;
  position: string;
  days: string;
  hours: string;
  place: string;
  sort_order: string;
}

const ENTRY_LABELS: Record<keyof EntryFormValues, string> = {
  day: 'Ngày',
  session: 'Buổi',
  start_time: 'Giờ',
  task: 'Nội dung công việc',
  presider: 'Chủ trì',
  participants: 'Thành phần',
  location: 'Địa điểm',
};

const SLOT_LABELS: Record<keyof SlotFormValues, string> = {
  official_name: 'Họ tên người tiếp',
  position: 'Chức vụ',
  days: 'Ngày tiếp',
  hours: 'Thời gian',
  place: 'Địa điểm',
  sort_order: 'Thứ tự hiển thị',
};

/** A saved entry as its edit form starts. */
export function entryValuesOf(e: CalendarEntryRow): EntryFormValues {
  return {
    day: displayDay(e.day),
    session: e.session,
    start_time: e.start_time,
    task: e.task,
    presider: e.presider,
    participants: e.participants,
    location: e.location,
  };
}

/** A posted entry form, as typed. */
export function entryValuesFrom(body: Record<string, unknown>): EntryFormValues {
  const s = (k: keyof EntryFormValues) => (typeof body[k] === 'string' ? (body[k] as string) : '');
  return {
    day: s('day'),
    session: s('session'),
    start_time: s('start_time'),
    task: s('task'),
    presider: s('presider'),
    participants: s('participants'),
    location: s('location'),
  };
}

/** A saved reception row as its edit form starts. */
export function slotValuesOf(s: ReceptionSlotRow): SlotFormValues {
  return { official_name: s.official_name, position: s.position, days: s.days, hours: s.hours, place: s.place, sort_order: String(s.sort_order) };
}

/** A posted reception form, as typed. */
export function slotValuesFrom(body: Record<string, unknown>): SlotFormValues {
  const s = (k: keyof SlotFormValues) => (typeof body[k] === 'string' ? (body[k] as string) : '');
  return { official_name: s('official_name'), position: s('position'), days: s('days'), hours: s('hours'), place: s('place'), sort_order: s('sort_order') };
}

function textArea(name: string, label: string, value: string, errors: FieldError[], required = false): SafeHtml {
  return html`<div class="field">
  <label for="${name}">${label}${required ? html` <span class="required">(bắt buộc)</span>` : ''}</label>
  ${fieldError(errors, name)}
  <textarea id="${name}" name="${name}" rows="3"${required ? html` required` : ''}${invalidAttrs(errors, name)}>${value}</textarea>
</div>`;
}

function entryForm(ctx: AdminContext, action: string, submit: string, values: EntryFormValues, errors: FieldError[], week?: IsoWeek): SafeHtml {
  return html`${errorSummary(errors, ENTRY_LABELS)}
<form method="post" action="${action}" class="stack">${csrfField(ctx)}${week ? html`<input type="hidden" name="tuan" value="${weekKey(week)}">` : ''}
  ${textField('day', ENTRY_LABELS.day, values.day, errors, { required: true, hint: 'Viết dd/mm/yyyy, ví dụ 23/11/2026.' })}
  ${textField('start_time', ENTRY_LABELS.start_time, values.start_time, errors, { required: true, hint: 'Viết HH:mm, ví dụ 07:30 hoặc 14:00.' })}
  <div class="field"><label for="session">${ENTRY_LABELS.session}</label>${fieldError(errors, 'session')}
  <select id="session" name="session"${invalidAttrs(errors, 'session')}>
    <option value=""${values.session === '' ? html` selected` : ''}>Theo giờ (trước 12:00 là Sáng)</option>
    <option value="sang"${values.session === 'sang' ? html` selected` : ''}>Sáng</option>
    <option value="chieu"${values.session === 'chieu' ? html` selected` : ''}>Chiều</option>
  </select></div>
  ${textArea('task', ENTRY_LABELS.task, values.task, errors, true)}
  ${textField('presider', ENTRY_LABELS.presider, values.presider, errors)}
  ${textArea('participants', ENTRY_LABELS.participants, values.participants, errors)}
  ${textField('location', ENTRY_LABELS.location, values.location, errors)}
  <div class="form-actions"><button type="submit" class="primary">${submit}</button></div>
</form>`;
}

/** The staff view of one week: its entries, a week picker, and the form to add an entry. */
export interface CalendarWeekAdminView {
  week: IsoWeek;
  previous: IsoWeek;
  next: IsoWeek;
  weekInput: string;
  entries: CalendarEntryRow[];
  values: EntryFormValues;
  errors: FieldError[];
  /** The week's review state and actions; status null when the week has nothing yet. */
  review: ReviewPanelView;
}

/** /quan-tri/lich-cong-tac: pick a week, see and change its entries, add one. */
export function calendarAdminPage(ctx: AdminContext, view: CalendarWeekAdminView): string {
  const weekError = view.errors.filter((e) => e.field === 'tuan');
  const formErrors = view.errors.filter((e) => e.field !== 'tuan' && e.field !== 'comment');
  const title = weekTitle(view.week);
  const body = html`<div class="page-head"><h1>${title}</h1><p><a href="/lich-cong-tac/${weekKey(view.week)}">Xem trên cổng</a> · <a href="${adminCalendarPaths.reception()}">Lịch tiếp công dân</a></p></div>
${reviewPanel(ctx, view.review)}
<form method="get" action="/quan-tri/lich-cong-tac" class="filters">
  ${textField('tuan', 'Chọn tuần', view.weekInput, weekError, { hint: 'Viết tuần dạng 2026-W48, hoặc một ngày dd/mm/yyyy trong tuần.' })}
  <button type="submit" class="secondary">Xem tuần</button>
</form>
<p class="cal-admin-weeknav"><a href="${adminCalendarPaths.week(view.previous)}">← Tuần trước</a> · <a href="${adminCalendarPaths.week(view.next)}">Tuần sau →</a></p>
${
  view.entries.length
    ? tableRegion(
        `Các mục của ${title.charAt(0).toLowerCase()}${title.slice(1)}`,
        html`<table class="data-table">
  <caption>Các mục trong tuần</caption>
  <thead><tr><th scope="col">Ngày</th><th scope="col">Buổi</th><th scope="col">Giờ</th><th scope="col">Nội dung</th><th scope="col">Chủ trì</th><th scope="col">Thao tác</th></tr></thead>
  <tbody>${view.entries.map(
    (e) => html`<tr>
    <td>${dayName(e.day)}, ${displayDay(e.day)}</td><td>${SESSION_NAMES[e.session]}</td><td>${e.start_time}</td><td class="cal-task-cell">${e.task}</td><td>${e.presider}</td>
    <td><a href="${adminCalendarPaths.entry(e.id)}">Sửa<span class="visually-hidden"> mục ${e.start_time} ${displayDay(e.day)}</span></a>
      <form method="post" action="${adminCalendarPaths.entry(e.id)}/xoa" class="inline-form">${csrfField(ctx)}<button type="submit" class="secondary">Xóa<span class="visually-hidden"> mục ${e.start_time} ${displayDay(e.day)}</span></button></form></td>
  </tr>`,
  )}</tbody>
</table>`,
      )
    : html`<p class="hint">Tuần này chưa có mục nào.</p>`
}
<form method="post" action="/quan-tri/lich-cong-tac/sao-chep-tuan-truoc" class="inline-form">${csrfField(ctx)}<input type="hidden" name="tuan" value="${weekKey(view.week)}">
  <button type="submit" class="secondary">Sao chép các mục của tuần trước sang tuần này</button>
  <span class="hint">Mỗi mục sang cùng thứ, cùng giờ; mục đã có không bị chép lại.</span></form>
<section aria-labelledby="them-muc" class="panel"><h2 id="them-muc">Thêm mục vào lịch</h2>
${entryForm(ctx, '/quan-tri/lich-cong-tac', 'Thêm vào lịch', view.values, formErrors, view.week)}
</section>`;
  return adminLayout(ctx, 'Lịch công tác', body);
}

/** /quan-tri/lich-cong-tac/:id: edit or delete one entry. */
export function calendarEntryPage(ctx: AdminContext, view: { id: number; week: IsoWeek; values: EntryFormValues; errors: FieldError[] }): string {
  const body = html`<h1>Sửa mục lịch công tác</h1>
<p><a href="${adminCalendarPaths.week(view.week)}">← Về lịch tuần ${view.week.week}</a></p>
${entryForm(ctx, adminCalendarPaths.entry(view.id), 'Lưu', view.values, view.errors)}
<form method="post" action="${adminCalendarPaths.entry(view.id)}/xoa" class="stack">${csrfField(ctx)}<button type="submit" class="secondary">Xóa mục này</button></form>`;
  return adminLayout(ctx, 'Sửa mục lịch công tác', body);
}

function slotForm(ctx: AdminContext, action: string, submit: string, values: SlotFormValues, errors: FieldError[]): SafeHtml {
  return html`${errorSummary(errors, SLOT_LABELS)}
<form method="post" action="${action}" class="stack">${csrfField(ctx)}
  ${textField('official_name', SLOT_LABELS.official_name, values.official_name, errors, { required: true })}
  ${textField('position', SLOT_LABELS.position, values.position, errors, { hint: 'Ví dụ: Chủ tịch UBND xã.' })}
  ${textField('days', SLOT_LABELS.days, values.days, errors, { required: true, hint: 'Ví dụ: Thứ Năm hằng tuần; hoặc các ngày 05/12/2026, 19/12/2026.' })}
  ${textField('hours', SLOT_LABELS.hours, values.hours, errors, { hint: 'Ví dụ: Sáng 07:30–11:00, chiều 13:30–16:30.' })}
  ${textField('place', SLOT_LABELS.place, values.place, errors)}
  ${textField('sort_order', SLOT_LABELS.sort_order, values.sort_order, errors, { hint: 'Số nhỏ hiện trước; để trống là 0.' })}
  <div class="form-actions"><button type="submit" class="primary">${submit}</button></div>
</form>`;
}

/** /quan-tri/lich-tiep-cong-dan: the schedule's rows and the form to add one. */
export function receptionAdminPage(
  ctx: AdminContext,
  view: { slots: ReceptionSlotRow[]; values: SlotFormValues; errors: FieldError[]; review: ReviewPanelView },
): string {
  const body = html`<div class="page-head"><h1>Lịch tiếp công dân</h1><p><a href="/lich-tiep-cong-dan">Xem trên cổng</a> · <a href="/quan-tri/lich-cong-tac">Lịch công tác</a></p></div>
${reviewPanel(ctx, view.review)}
${
  view.slots.length
    ? tableRegion(
        'Lịch tiếp công dân',
        html`<table class="data-table">
  <caption>Người tiếp công dân</caption>
  <thead><tr><th scope="col">Thứ tự</th><th scope="col">Họ tên</th><th scope="col">Chức vụ</th><th scope="col">Ngày tiếp</th><th scope="col">Thời gian</th><th scope="col">Địa điểm</th><th scope="col">Thao tác</th></tr></thead>
  <tbody>${view.slots.map(
    (s) => html`<tr>
    <td>${s.sort_order}</td><td>${s.official_name}</td><td>${s.position}</td><td>${s.days}</td><td>${s.hours}</td><td>${s.place}</td>
    <td><a href="${adminCalendarPaths.slot(s.id)}">Sửa<span class="visually-hidden"> lịch của ${s.official_name}</span></a>
      <form method="post" action="${adminCalendarPaths.slot(s.id)}/xoa" class="inline-form">${csrfField(ctx)}<button type="submit" class="secondary">Xóa<span class="visually-hidden"> lịch của ${s.official_name}</span></button></form></td>
  </tr>`,
  )}</tbody>
</table>`,
      )
    : html`<p class="hint">Chưa có lịch tiếp công dân.</p>`
}
<section aria-labelledby="them-lich-tiep" class="panel"><h2 id="them-lich-tiep">Thêm người tiếp công dân</h2>
${slotForm(
  ctx,
  adminCalendarPaths.reception(),
  'Thêm',
  view.values,
  view.errors.filter((e) => e.field !== 'comment'),
)}
</section>`;
  return adminLayout(ctx, 'Lịch tiếp công dân', body);
}

/** /quan-tri/lich-tiep-cong-dan/:id: edit or delete one row. */
export function receptionSlotPage(ctx: AdminContext, view: { id: number; values: SlotFormValues; errors: FieldError[] }): string {
  const body = html`<h1>Sửa lịch tiếp công dân</h1>
<p><a href="${adminCalendarPaths.reception()}">← Về lịch tiếp công dân</a></p>
${slotForm(ctx, adminCalendarPaths.slot(view.id), 'Lưu', view.values, view.errors)}
<form method="post" action="${adminCalendarPaths.slot(view.id)}/xoa" class="stack">${csrfField(ctx)}<button type="submit" class="secondary">Xóa dòng này</button></form>`;
  return adminLayout(ctx, 'Sửa lịch tiếp công dân', body);
}
