import type { QuestionRow } from '../../db/schema/questions.ts';
import type { KindItem } from '../../services/dashboard.ts';
import type { QuestionQueues } from '../../services/questions/question-queues.ts';
import { formatDay, vietnamDayOf } from '../../services/questions/working-days.ts';
import { STATUS_NAMES, capitalise } from '../../services/review/rules.ts';
import { formatDateTime } from '../../text/format.ts';
import type { OwnItemView, QuestionQueuesView, QueuedQuestionView } from './work-queues.ts';

/** A question as the dashboard lists it, marked when past its due day. */
function presentQueuedQuestion(q: QuestionRow, today: string): QueuedQuestionView {
  return { code: q.code, title: q.title, url: `/quan-tri/hoi-dap/${q.id}`, due: formatDay(q.due_on), overdue: q.due_on < today };
}

/** The dashboard's Hỏi đáp lists. */
export function presentQuestionQueues(queues: QuestionQueues | null, now = new Date()): QuestionQueuesView | undefined {
  if (!queues) return undefined;
  const today = vietnamDayOf(now);
  const rows = (list: QuestionRow[]) => list.map((q) => presentQueuedQuestion(q, today));
  return {
    overdue: rows(queues.overdue),
    dueSoon: rows(queues.dueSoon),
    received: rows(queues.received),
    answers: queues.answers && rows(queues.answers),
    returned: rows(queues.returned),
  };
}

/** One's own module item, with the editor's comment when it was sent back. */
export function presentOwnItem({ kind, item }: KindItem): OwnItemView {
  return {
    module: capitalise(kind.noun),
    title: item.title,
    url: kind.adminPath(item.item_key),
    status: STATUS_NAMES[item.status],
    statusKey: item.status,
    comment: item.status === 'returned' ? item.return_comment : '',
    updated: formatDateTime(item.updated_at),
  };
}
