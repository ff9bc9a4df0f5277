import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, type FieldError } from '../../errors.ts';
import { importsOfCampaign } from '../../services/relief/admin-reads.ts';
import { loadCampaign } from '../../services/relief/campaigns.ts';
import { reliefAdminPaths } from '../../services/relief/relief-labels.ts';
import { MAX_STATEMENT_BYTES, loadImport, previewImport, setImportMapping, uploadStatement } from '../../services/relief/statement-import.ts';
import { confirmClaimedImport, readClaimedImport, startConfirm, startImport } from '../../services/relief/statement-run.ts';
import { formatNumber } from '../../text/format.ts';
import { importJobPage, importListPage, presentImportJob } from '../../views/admin/relief-import.ts';
import { accountChoice } from '../../views/admin/relief-presenters.ts';
import { parse } from '../schemas.ts';
import { adminContext } from './context.ts';
import { authOf } from './guard.ts';
import { formStrings, isValidation, sendHtml } from '../replies.ts';
import type { MediaStorage } from '../../services/storage/media-storage.ts';

const CampaignParams = z.object({ id: z.coerce.number().int().positive() });
const JobParams = z.object({ id: z.coerce.number().int().positive(), job: z.coerce.number().int().positive() });

async function sendList(request: FastifyRequest, reply: FastifyReply, errors: FieldError[]) {
  const { id } = parse(CampaignParams, request.params);
  const db = request.server.db;
  const siteId = authOf(request).actor.siteId;
  const { campaign, accounts, jobs } = await importsOfCampaign(db, siteId, id);
  const view = { campaignId: id, title: campaign.title, accounts: accounts.map(accountChoice), jobs: jobs.map(presentImportJob), errors };
  return sendHtml(reply, importListPage(adminContext(request), view), errors.length ? 400 : 200);
}

async function sendJob(request: FastifyRequest, reply: FastifyReply, storage: MediaStorage, errors: FieldError[] = []) {
  const { id, job: jobId } = parse(JobParams, request.params);
  const db = request.server.db;
  const siteId = authOf(request).actor.siteId;
  const campaign = await loadCampaign(db, siteId, id);
  const job = await loadImport(db, siteId, jobId);
  if (job.campaign_id !== campaign.id) throw new AppError('not_found', 'Không tìm thấy lần nhập sao kê.');
  const preview = job.status === 'previewed' || job.status === 'failed' ? await previewImport(db, siteId, storage, job) : null;
  return sendHtml(
    reply,
    importJobPage(adminContext(request), { title: campaign.title, job: presentImportJob(job), preview, errors }),
    errors.length ? 400 : 200,
  );
}

/** Reads the upload form: the account field, then the file, streamed to the private folder. */
async function receiveUpload(request: FastifyRequest, storage: MediaStorage, campaignId: number) {
  let accountId: number | null = null;
  for await (const part of request.parts({ limits: { fileSize: MAX_STATEMENT_BYTES, files: 1, fields: 5, fieldSize: 200 } })) {
    if (part.type === 'field') {
      if (part.fieldname === 'account_id' && /^[1-9]\d{0,9}$/.test(String(part.value))) accountId = Number(part.value);
      continue;
    }
    const file = part as MultipartFile;
    const job = await uploadStatement(request.server.db, { actor: authOf(request).actor }, storage, {
      campaignId,
      accountId,
      fileName: file.filename,
      source: file.file,
    });
    if (file.file.truncated) throw new AppError('payload_too_large', 'Tệp sao kê quá lớn.', [{ field: 'file', message: 'tệp quá lớn' }]);
    return job;
  }
  throw new AppError('validation_failed', 'Chưa chọn tệp sao kê.', [{ field: 'file', message: 'chọn tệp CSV hoặc XLSX' }]);
}

/** Newsroom pages of statement imports: upload, preview and columns, reading and confirming in the background with progress. */
export function adminReliefImportRoutes(app: FastifyInstance, storage: MediaStorage): void {
  app.get('/quan-tri/van-dong/:id/nhap-sao-ke', { config: { access: 'relief.edit' } }, (request, reply) => sendList(request, reply, []));

  app.post('/quan-tri/van-dong/:id/nhap-sao-ke', { config: { access: 'relief.edit' } }, async (request, reply) => {
    const { id } = parse(CampaignParams, request.params);
    try {
      const job = await receiveUpload(request, storage, id);
      return reply.redirect(reliefAdminPaths.importJob(id, job.id), 303);
    } catch (error) {
      if (!(error instanceof AppError) || !['validation_failed', 'import_failed', 'payload_too_large'].includes(error.code)) throw error;
      return sendList(request, reply, error.fields.length ? error.fields : [{ field: 'file', message: error.message }]);
    }
  });

  app.get('/quan-tri/van-dong/:id/nhap-sao-ke/:job', { config: { access: 'relief.edit' } }, (request, reply) => sendJob(request, reply, storage));

  app.get('/quan-tri/van-dong/:id/nhap-sao-ke/:job/tien-do.json', { config: { access: 'relief.edit' } }, async (request) => {
    const job = presentImportJob(await loadImport(app.db, authOf(request).actor.siteId, parse(JobParams, request.params).job));
    const running = job.status === 'running' || job.status === 'confirming';
    const text =
      job.status === 'confirming'
        ? `Đã xác nhận ${formatNumber(job.confirmed)} khoản (${job.percent}%)`
        : `Đã đọc ${formatNumber(job.rowsRead)} dòng (${job.percent}%)`;
    return { status: job.status, running, percent: job.percent, text };
  });

  app.post('/quan-tri/van-dong/:id/nhap-sao-ke/:job/cot', { config: { access: 'relief.edit' } }, async (request, reply) => {
    const { id, job } = parse(JobParams, request.params);
    try {
      await setImportMapping(app.db, authOf(request).actor, storage, job, formStrings(request.body));
      return reply.redirect(reliefAdminPaths.importJob(id, job), 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return sendJob(request, reply, storage, error.fields);
    }
  });

  app.post('/quan-tri/van-dong/:id/nhap-sao-ke/:job/chay', { config: { access: 'relief.edit' } }, async (request, reply) => {
    const { id, job: jobId } = parse(JobParams, request.params);
    const by = { actor: authOf(request).actor };
    const job = await startImport(app.db, by, jobId);
    // The file is read after the answer, in this process; the page follows the job's progress in the database.
    readClaimedImport(app.db, by, storage, job).catch((error) => app.log.error({ err: error, job: jobId }, 'nhập sao kê thất bại'));
    return reply.redirect(reliefAdminPaths.importJob(id, jobId), 303);
  });

  app.post('/quan-tri/van-dong/:id/nhap-sao-ke/:job/xac-nhan', { config: { access: 'relief.confirm' } }, async (request, reply) => {
    const { id, job: jobId } = parse(JobParams, request.params);
    const actor = authOf(request).actor;
    const job = await startConfirm(app.db, actor, jobId);
    confirmClaimedImport(app.db, actor, job).catch((error) => app.log.error({ err: error, job: jobId }, 'xác nhận lần nhập sao kê thất bại'));
    return reply.redirect(reliefAdminPaths.importJob(id, jobId), 303);
  });
}
