import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { DEMO_PASSWORD } from '../../src/services/demo/demo-content.ts';

export { freePort } from '../../scripts/postgres-server.mjs';

/** The xaphuong command, as operators run it. */
export const BIN = path.resolve(import.meta.dirname, '../../bin/xaphuong.js');

/** A reply read to its end. */
export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  bytes: Buffer;
}

/** What to send: method, headers (host defaults to localhost, the demo site), body; from which loopback address; and how long to wait for the whole reply. */
export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  localAddress?: string;
  timeoutMs?: number;
}

/** One request on its own connection to 127.0.0.1, so the kernel may hand it to any worker; rejects on a connection error or past its time. */
export function request(port: number, pathname: string, options: RequestOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: pathname,
        method: options.method ?? 'GET',
        agent: false,
        localAddress: options.localAddress,
        headers: { host: 'localhost', ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: bytes.toString('utf8'), bytes });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.setTimeout(options.timeoutMs ?? 10_000, () => req.destroy(new Error('quá thời gian chờ')));
    req.end(options.body);
  });
}

/** The environment of `xaphuong serve` on 127.0.0.1:PORT with `workers` processes, its data in `dataDir`, and `extra` added. */
export function serveEnv(port: number, dataDir: string, workers: number, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { PORT: String(port), HOST: '127.0.0.1', XAPHUONG_DATA: dataDir, XAPHUONG_WORKERS: String(workers), ...extra };
}

/** A running `xaphuong serve` (or other command) and what it printed so far. */
export interface PortalProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<number | string>;
}

/** Starts `xaphuong ARGS` with `env` added to the environment (DATABASE_URL removed unless given); `wrap` runs it under another command (setpriv). */
export function startPortal(args: string[], env: NodeJS.ProcessEnv, wrap: string[] = []): PortalProcess {
  const full: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...env };
  if (!('DATABASE_URL' in env)) delete full.DATABASE_URL;
  const [command, ...prefix] = wrap.length ? wrap : [process.execPath];
  const child = spawn(command!, [...prefix, ...(wrap.length ? [process.execPath] : []), BIN, ...args], { env: full, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Waits (bounded) until `workers` different processes have answered /healthz with 200; returns their pids. */
export async function waitForWorkers(port: number, portal: PortalProcess, workers = 1, withinMs = 120_000): Promise<Set<number>> {
  const deadline = Date.now() + withinMs;
  const pids = new Set<number>();
  let exited = false;
  void portal.exited.then(() => (exited = true));
  while (pids.size < workers) {
    assert.ok(!exited, `the portal exited before serving:\n${portal.stderr()}`);
    assert.ok(Date.now() < deadline, `the portal did not serve with ${workers} process(es) in time:\n${portal.stderr()}`);
    try {
      const res = await request(port, '/healthz');
      if (res.status === 200) pids.add(JSON.parse(res.body).pid);
      else await new Promise((r) => setTimeout(r, 300));
    } catch {
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  return pids;
}

/** Stops a portal with SIGTERM and waits (bounded) for it to exit; kills it if it does not. */
export async function stopPortal(portal: PortalProcess, withinMs = 30_000): Promise<number | string> {
  if (portal.child.exitCode !== null || portal.child.signalCode !== null) return portal.exited;
  portal.child.kill('SIGTERM');
  const timer = setTimeout(() => portal.child.kill('SIGKILL'), withinMs);
  const code = await portal.exited;
  clearTimeout(timer);
  return code;
}

/** Signs in through the real form; returns the session cookie and its CSRF token. */
export async function signIn(port: number, email: string): Promise<{ cookie: string; csrf: string }> {
  const form = await request(port, '/quan-tri/dang-nhap');
  const loginCookie = String(form.headers['set-cookie']).split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
  const res = await request(port, '/quan-tri/dang-nhap', {
    method: 'POST',
    headers: { cookie: loginCookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, email, password: DEMO_PASSWORD }).toString(),
    timeoutMs: 30_000,
  });
  assert.equal(res.status, 303, `sign-in of ${email}`);
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  const account = await request(port, '/quan-tri/tai-khoan', { headers: { cookie } });
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(account.body)![1]! };
}

/** A stack trace line, which an operator's message never holds. */
export const STACK_LINE = /^\s+at .+\(?.+:\d+:\d+\)?$/m;

/**
 * Posts questions as residents do, through the real form: the form's token
 * is read once and used after the 3 s the form asks for, and each post
 * comes from its own address (the portal must run with TRUST_PROXY=1), so
 * the limit of 5 per address and hour never refuses one. Resolves to a
 * function that posts one, with any headers added, and gives its reply.
 */
export async function questionSender(port: number): Promise<(headers?: Record<string, string>) => Promise<Reply>> {
  const form = await request(port, '/hoi-dap/gui');
  assert.equal(form.status, 200, 'the question form');
  const token = /name="form_token" value="([^"]+)"/.exec(form.body)![1]!;
  await new Promise((r) => setTimeout(r, 3_100));
  let sent = 0;
  return (headers = {}) => {
    sent += 1;
    const body = new URLSearchParams({
      form_token: token,
      name: 'Nguyễn Văn Hỏi',
      address: 'Khóm 3, Phường 1',
      phone: '0912 345 678',
      title: `Hỏi về giờ tiếp dân lần ${sent}`,
      content: 'Xin cho biết giờ tiếp công dân vào thứ Bảy.',
    }).toString();
    const forwardedFor = `10.${(sent >> 16) & 255}.${(sent >> 8) & 255}.${sent & 255}`;
    return request(port, '/hoi-dap/gui', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': forwardedFor, ...headers },
      body,
      timeoutMs: 60_000,
    });
  };
}

/** questionSender's posts as outcome labels, for load loops. */
export async function questionPoster(port: number): Promise<() => Promise<string>> {
  const send = await questionSender(port);
  return () => outcome(send());
}

/** A request's outcome as a label: its status ("303"), or its connection error's code ("ECONNRESET"), or "timeout". */
export async function outcome(reply: Promise<Reply>): Promise<string> {
  try {
    return String((await reply).status);
  } catch (error) {
    const e = error as { code?: string; message?: string };
    return e.message === 'quá thời gian chờ' ? 'timeout' : (e.code ?? e.message ?? 'error');
  }
}

/** Runs `clients` loops of `task` until `done()` says stop, and counts the labels they give. */
export async function runLoad(clients: number, task: () => Promise<string>, done: () => boolean): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (!done()) {
        const label = await task();
        counts.set(label, (counts.get(label) ?? 0) + 1);
      }
    }),
  );
  return counts;
}

/** Writes an article through the newsroom's forms on one process (a reporter submits it, the leader publishes it), as the demo's accounts. */
export async function publishArticle(port: number, title: string, bodyHtml = '<p>Người dân chằng chống nhà cửa.</p>'): Promise<void> {
  const reporter = await signIn(port, 'phongvien@phuong1.demo');
  const categoryId = /<option value="(\d+)"[^>]*>Tin tức<\/option>/.exec(
    (await request(port, '/quan-tri/bai-viet/moi', { headers: { cookie: reporter.cookie } })).body,
  )![1]!;
  const form = (fields: Record<string, string>, csrf: string) => new URLSearchParams({ _csrf: csrf, ...fields }).toString();
  const post = (who: { cookie: string }, url: string, body: string) =>
    request(port, url, { method: 'POST', headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body });
  const created = await post(reporter, '/quan-tri/bai-viet', form({ title, body_html: bodyHtml, category_id: categoryId }, reporter.csrf));
  assert.equal(created.status, 303, 'the article is saved');
  const id = /\/quan-tri\/bai-viet\/(\d+)/.exec(String(created.headers.location))![1]!;
  assert.equal((await post(reporter, `/quan-tri/bai-viet/${id}/thao-tac`, form({ action: 'submit' }, reporter.csrf))).status, 303, 'submitted');
  const leader = await signIn(port, 'lanhdao@phuong1.demo');
  assert.equal((await post(leader, `/quan-tri/bai-viet/${id}/thao-tac`, form({ action: 'publish' }, leader.csrf))).status, 303, 'published');
}
