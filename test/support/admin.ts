import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/** A signed-in browser, as far as HTTP is concerned: its cookie and the CSRF token of its session. */
export interface Agent {
  host: string;
  cookie: string;
  csrf: string;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, form: Record<string, string>, options?: { csrf?: string | null }): Promise<LightMyRequestResponse>;
}

/** Encodes a form body as a browser does. */
export function formBody(form: Record<string, string>): string {
  return new URLSearchParams(form).toString();
}

/** Opens the sign-in page and returns its double-submit cookie and token. */
export async function loginForm(app: FastifyInstance, host: string): Promise<{ cookie: string; csrf: string }> {
  const page = await app.inject({ url: '/quan-tri/dang-nhap', headers: { host } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  assert.ok(csrf, 'the sign-in form carries a CSRF token');
  return { cookie: String(page.headers['set-cookie']).split(';')[0]!, csrf };
}

/** Posts the sign-in form. */
export async function postLogin(app: FastifyInstance, host: string, email: string, password: string) {
  const form = await loginForm(app, host);
  return app.inject({
    method: 'POST',
    url: '/quan-tri/dang-nhap',
    headers: { host, cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: formBody({ _csrf: form.csrf, email, password }),
  });
}

/** Signs in through the real form and returns an agent for further requests. */
export async function signInAs(app: FastifyInstance, host: string, email: string, password = 'mat-khau-du-dai'): Promise<Agent> {
  const res = await postLogin(app, host, email, password);
  assert.equal(res.statusCode, 303, `sign-in of ${email} on ${host}: ${res.body.slice(0, 200)}`);
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  const account = await app.inject({ url: '/quan-tri/tai-khoan', headers: { host, cookie } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(account.body)?.[1] ?? '';
  return agent(app, host, cookie, csrf);
}

/** An agent for an existing cookie and CSRF token. */
export function agent(app: FastifyInstance, host: string, cookie: string, csrf: string): Agent {
  return {
    host,
    cookie,
    csrf,
    get: (url) => app.inject({ url, headers: { host, cookie } }),
    post: (url, form, options = {}) =>
      app.inject({
        method: 'POST',
        url,
        headers: { host, cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: formBody(options.csrf === null ? form : { _csrf: options.csrf ?? csrf, ...form }),
      }),
  };
}

/** A file of a multipart body: under the field "file" unless named. */
export interface MultipartFile {
  name: string;
  type: string;
  bytes: Buffer;
  field?: string;
}

/** A multipart/form-data body, as a browser builds it; a list value repeats its field (ticked boxes). */
export function multipart(fields: Record<string, string | string[]>, file?: MultipartFile | MultipartFile[]) {
  const boundary = '----xaphuong-test-boundary';
  const parts: Buffer[] = [];
  for (const f of file === undefined ? [] : [file].flat()) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'file'}"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`),
    );
    parts.push(f.bytes, Buffer.from('\r\n'));
  }
  for (const [name, values] of Object.entries(fields)) {
    for (const value of [values].flat()) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
