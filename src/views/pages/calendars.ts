import type { CalendarEntrySnapshot, ReceptionSlotSnapshot } from '../../services/calendars/calendar-review.ts';
import type { CalendarWeek } from '../../services/calendars/work-calendar.ts';
import { type IsoWeek, displayDay, weekDays, weekKey } from '../../services/calendars/weeks.ts';
import { type SafeHtml, html } from '../html.ts';
import { type PageContext, layout } from '../layout.ts';
import { paths } from '../../paths.ts';

/** Public paths of the calendars. */
export const calendarPaths = {
  current: () => '/lich-cong-tac',
  week: (week: IsoWeek) => `/lich-cong-tac/${weekKey(week)}`,
  reception: () => '/lich-tiep-cong-dan',
};

/** One entry as the public page shows it. */
export interface CalendarEntryView {
  time: string;
  isoTime: string;
  task: string;
  presider: string;
  participants: string;
  location: string;
}

/** A week of Lịch công tác, ready to render. */
export interface CalendarWeekView {
  title: string;
  number: number;
  days: Array<{ id: string; heading: string; halves: Array<{ name: string; empty: string; entries: CalendarEntryView[] }> }>;
  previous: { url: string; label: string };
  next: { url: string; label: string };
  current: { url: string; isPage: boolean };
  canonicalPath: string;
}

/** "Lịch công tác tuần 48 (từ 23/11/2026 đến 29/11/2026)". */
export function weekTitle(week: IsoWeek): string {
  const days = weekDays(week);
  return `Lịch công tác tuần ${week.week} (từ ${displayDay(days[0]!)} đến ${displayDay(days[6]!)})`;
}

const presentEntry = (e: CalendarEntrySnapshot): CalendarEntryView => ({
  time: e.start_time,
  isoTime: `${e.day}T${e.start_time}`,
  task: e.task,
  presider: e.presider,
  participants: e.participants,
  location: e.location,
});

/**
 * Rows of a calendar week to the page's view model. A week page never depends
 * on today's date (it is cached); only /lich-cong-tac itself, `isCurrent`, marks "Tuần này" as the page.
 */
export function presentCalendarWeek(week: CalendarWeek, isCurrent: boolean): CalendarWeekView {
  const label = (w: IsoWeek) => (w.year === week.week.year ? `Tuần ${w.week}` : `Tuần ${w.week}/${w.year}`);
  return {
    title: weekTitle(week.week),
    number: week.week.week,
    days: week.days.map((d) => ({
      id: `ngay-${d.day}`,
      heading: `${d.name}, ${d.display}`,
      halves: [
        { name: 'Sáng', empty: 'Không có lịch buổi sáng.', entries: d.sang.map(presentEntry) },
        { name: 'Chiều', empty: 'Không có lịch buổi chiều.', entries: d.chieu.map(presentEntry) },
      ],
    })),
    previous: { url: calendarPaths.week(week.previous), label: label(week.previous) },
    next: { url: calendarPaths.week(week.next), label: label(week.next) },
    current: { url: calendarPaths.current(), isPage: isCurrent },
    canonicalPath: calendarPaths.week(week.week),
  };
}

function detail(term: string, value: string): SafeHtml {
  return value ? html`<div><dt>${term}:</dt> <dd>${value}</dd></div>` : html``;
}

function entryItem(e: CalendarEntryView): SafeHtml {
  return html`<li class="cal-entry">
  <p class="cal-time"><time datetime="${e.isoTime}">${e.time}</time></p>
  <div class="cal-body">
    <p class="cal-task">${e.task}</p>
    <dl class="cal-meta">${detail('Chủ trì', e.presider)}${detail('Thành phần', e.participants)}${detail('Địa điểm', e.location)}</dl>
  </div>
</li>`;
}

function weekNav(view: CalendarWeekView, where: 'trên' | 'dưới'): SafeHtml {
  return html`<nav class="cal-weeknav" aria-label="Chuyển tuần (${where})"><ul>
  <li><a href="${view.previous.url}" rel="prev">← ${view.previous.label}</a></li>
  <li><a href="${view.current.url}"${view.current.isPage ? html` aria-current="page"` : ''}>Tuần này</a></li>
  <li><a href="${view.next.url}" rel="next">${view.next.label} →</a></li>
</ul></nav>`;
}

/** Lịch công tác of one week: each day, Thứ Hai to Chủ nhật, split into Sáng and Chiều. */
export function calendarWeekPage(ctx: PageContext, view: CalendarWeekView): string {
  const body = html`<nav class="breadcrumb" aria-label="Đường dẫn"><ol><li><a href="${paths.home()}">Trang chủ</a></li><li aria-current="page">Lịch công tác</li></ol></nav>
<h1 class="page-title">${view.title}</h1>
<p class="cal-links"><a href="${calendarPaths.reception()}">Xem lịch tiếp công dân</a></p>
${weekNav(view, 'trên')}
<div class="cal-week">
${view.days.map(
  (d) => html`<section class="cal-day" aria-labelledby="${d.id}">
  <h2 id="${d.id}">${d.heading}</h2>
  ${d.halves.map(
    (half) => html`<div class="cal-half">
    <h3>${half.name}</h3>
    ${half.entries.length ? html`<ul class="cal-entries">${half.entries.map(entryItem)}</ul>` : html`<p class="cal-empty">${half.empty}</p>`}
  </div>`,
  )}
</section>`,
)}
</div>
${weekNav(view, 'dưới')}`;
  return layout(ctx, { title: view.title, description: `${view.title} của ${ctx.site.authority}.`, canonicalPath: view.canonicalPath }, body);
}

/** One row of Lịch tiếp công dân, ready to render. */
export interface ReceptionSlotView {
  name: string;
  position: string;
  days: string;
  hours: string;
  place: string;
}

/** Reception rows to the page's view model. */
export function presentReceptionSlot(s: ReceptionSlotSnapshot): ReceptionSlotView {
  return { name: s.official_name, position: s.position, days: s.days, hours: s.hours, place: s.place };
}

/** Lịch tiếp công dân: who receives citizens, on which days, at what hours and where. */
export function receptionPage(ctx: PageContext, slots: ReceptionSlotView[]): string {
  const body = html`<nav class="breadcrumb" aria-label="Đường dẫn"><ol><li><a href="${paths.home()}">Trang chủ</a></li><li><a href="${calendarPaths.current()}">Lịch công tác</a></li><li aria-current="page">Lịch tiếp công dân</li></ol></nav>
<h1 class="page-title">Lịch tiếp công dân</h1>
<p class="cal-links"><a href="${calendarPaths.current()}">Xem lịch công tác tuần này</a></p>
${
  slots.length
    ? html`<ul class="reception-list">${slots.map(
        (s) => html`<li class="reception-slot">
    <h2>${s.name}</h2>
    ${s.position ? html`<p>${s.position}</p>` : ''}
    <dl class="cal-meta">${detail('Ngày tiếp', s.days)}${detail('Thời gian', s.hours)}${detail('Địa điểm', s.place)}</dl>
  </li>`,
      )}</ul>`
    : html`<p class="cal-empty">Chưa có lịch tiếp công dân.</p>`
}`;
  return layout(ctx, { title: 'Lịch tiếp công dân', description: `Lịch tiếp công dân của ${ctx.site.authority}.` }, body);
}
