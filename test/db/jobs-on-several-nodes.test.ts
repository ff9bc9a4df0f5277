import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DatabaseHandle } from '../../src/db/database.ts';
import type { SiteRow } from '../../src/db/schema.ts';
import { MailQueueRepository } from '../../src/repositories/mail-repository.ts';
import { QuestionRepository } from '../../src/repositories/question-repository.ts';
import { queueQuestionDigests } from '../../src/services/notifications/question-mail.ts';
import { sendQueuedMail, smtpTransport } from '../../src/services/notifications/sender.ts';
import { submitQuestion } from '../../src/services/questions/question-service.ts';
import { DIALECTS, openTwoNodes } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';
import { type LoopbackSmtp, startLoopbackSmtp } from '../support/smtp.ts';

const FROM = 'Cổng thông tin <no-reply@xa.test>';
const MORNING = new Date('2026-12-09T01:00:00Z');

/**
 * Every node runs every background job: two nodes, each with its own
 * connections to one database, run the mail jobs at the same moment.
 */
for (const dialect of DIALECTS) {
  describe(`the mail jobs on two nodes at once [${dialect}]`, () => {
    let dir: string;
    let shared: Awaited<ReturnType<typeof openTwoNodes>>;
    let nodes: DatabaseHandle[];
    let smtp: LoopbackSmtp;
    let site: SiteRow;
    /** Runs a job on both nodes: at the same time on PostgreSQL; on SQLite one after the other, as better-sqlite3 waits for the write lock synchronously within one process. */
    const onBoth = async <T>(job: (node: DatabaseHandle) => Promise<T>): Promise<T[]> => {
      if (dialect === 'postgres') return Promise.all(nodes.map(job));
      const results: T[] = [];
      for (const node of nodes) results.push(await job(node));
      return results;
    };

    before(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-jobs-'));
      shared = await openTwoNodes(dialect, dir);
      nodes = shared.nodes;
      smtp = await startLoopbackSmtp();
      site = await buildSite(nodes[0]!.db);
    });
    after(async () => {
      await smtp.close();
      await shared.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('each queued mail is sent once, whichever node takes it', async () => {
      const now = new Date();
      const due = new Date(now.getTime() - 60_000).toISOString();
      await new MailQueueRepository(nodes[0]!.db).enqueue(
        Array.from({ length: 40 }, (_, i) => ({
          site_id: site.id,
          user_id: null,
          recipient: `nguoi${i}@xa.test`,
          subject: `Thông báo số ${i}`,
          body: 'Có câu hỏi mới.',
          kind: 'question',
          dedupe_key: null,
          status: 'queued' as const,
          next_attempt_at: due,
          created_at: due,
          sent_at: null,
        })),
      );
      const transport = smtpTransport({ url: smtp.url, from: FROM });
      const sent = await onBoth((node) => sendQueuedMail(node.db, transport, FROM, now));
      assert.equal(sent[0]! + sent[1]!, 40);
      const recipients = smtp.received.flatMap((m) => m.to);
      assert.equal(recipients.length, 40);
      assert.equal(new Set(recipients).size, 40, 'nobody got a mail twice');
      const rows = await new MailQueueRepository(nodes[0]!.db).listForSite(site.id);
      assert.ok(rows.every((r) => r.status === 'sent' && r.attempts === 0));
    });

    it('the day’s digest is queued once for each handler when both nodes queue it at once', async () => {
      const editor = await buildUser(nodes[0]!.db, site, 'editor');
      const questions = new QuestionRepository(nodes[0]!.db, site.id);
      const asked = await submitQuestion(
        nodes[0]!.db,
        site.id,
        { name: 'Trần Văn Dân', address: 'Ấp 3', phone: '0912345678', email: '', title: 'Đường ngập nước', content: 'Xin hỏi khi nào sửa.', consent: '1' },
        { ip: '10.9.0.1', now: new Date('2026-11-20T03:00:00Z') },
      );
      await questions.update((await questions.findByCode(asked.code))!.id, { due_on: '2026-12-10' });
      await nodes[0]!.db.deleteFrom('mail_queue').execute();

      await onBoth((node) => queueQuestionDigests(node.db, MORNING));
      const digests = (await new MailQueueRepository(nodes[0]!.db).listForSite(site.id)).filter((m) => m.kind === 'digest');
      assert.ok(digests.some((m) => m.recipient === editor.user.email));
      assert.equal(new Set(digests.map((m) => m.recipient)).size, digests.length, 'one digest per handler');
    });
  });
}
