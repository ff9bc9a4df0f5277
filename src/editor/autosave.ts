/**
 * Autosave for a form with data-autosave-url: every 15 s (or at once on the
 * form event "xaphuong:autosave-now"), if any field changed since the last
 * save, POST the fields urlencoded and show the result in [data-autosave-status].
 */
import { jsonOrNull, readError } from './upload.ts';

/** How often the form is checked for changes. */
export const AUTOSAVE_INTERVAL_MS = 15_000;

/** Dispatch this on the form to autosave now (tests, a "save draft" shortcut). */
export const AUTOSAVE_NOW_EVENT = 'xaphuong:autosave-now';

/**
 * The form's text fields as application/x-www-form-urlencoded, like
 * new URLSearchParams(new FormData(form)). File inputs are left out: they cannot
 * travel urlencoded and are saved with the normal submit.
 */
export function formBody(form: HTMLFormElement): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) {
    if (typeof value === 'string') params.append(name, value);
  }
  return params;
}

/** Dispatched on the form when an autosave has stored everything it holds (the newsroom script stops asking before leaving). */
export const SAVED_EVENT = 'xaphuong:saved';

/**
 * Puts the version the server answered into the form's version field, so the
 * next save is not taken for someone else's; returns the sent body as it now stands.
 */
function carryVersion(form: HTMLFormElement, body: string, version: unknown): string {
  const field = form.querySelector<HTMLInputElement>('input[name="version"]');
  if (!field || typeof version !== 'string') return body;
  field.value = version;
  const sent = new URLSearchParams(body);
  sent.set('version', version);
  return sent.toString();
}

/**
 * Starts autosaving `form`. `beforeSave` must copy each editor's HTML into its
 * textarea. Returns a function that stops it. Does nothing without data-autosave-url.
 */
export function startAutosave(form: HTMLFormElement, beforeSave: () => void, intervalMs = AUTOSAVE_INTERVAL_MS): () => void {
  const url = form.dataset.autosaveUrl;
  if (!url) return () => {};
  const status = form.querySelector<HTMLElement>('[data-autosave-status]');
  const show = (text: string) => {
    if (status) status.textContent = text;
  };

  beforeSave();
  let lastSaved = formBody(form).toString();
  let inFlight = false;
  let again = false;
  let stopped = false;

  const save = async (): Promise<void> => {
    if (stopped) return;
    if (inFlight) {
      // Never two saves at once; look again as soon as this one is done.
      again = true;
      return;
    }
    beforeSave();
    const body = formBody(form).toString();
    if (body === lastSaved) return;
    inFlight = true;
    const csrf = form.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value ?? '';
    try {
      const response = await fetch(url, {
        method: 'POST',
        body,
        credentials: 'same-origin',
        headers: {
          'content-type': 'application/x-www-form-urlencoded;charset=UTF-8',
          'x-csrf-token': csrf,
          accept: 'application/json',
        },
      });
      const json = (await jsonOrNull(response)) as { saved_at?: unknown; version?: unknown } | null;
      if (response.ok && json && typeof json.saved_at === 'string') {
        lastSaved = carryVersion(form, body, json.version);
        show(`Đã tự động lưu lúc ${json.saved_at}`);
        // Nothing typed since: what the page holds is saved, and leaving it loses nothing.
        if (formBody(form).toString() === lastSaved) form.dispatchEvent(new Event(SAVED_EVENT, { bubbles: true }));
      } else {
        show(`Chưa tự động lưu được: ${readError(json, response.status).message}`);
      }
    } catch {
      show('Chưa tự động lưu được: không kết nối được máy chủ.');
    } finally {
      inFlight = false;
    }
    if (again) {
      again = false;
      await save();
    }
  };

  const onNow = () => void save();
  const onHidden = () => {
    if (document.visibilityState === 'hidden') void save();
  };
  // The real submit saves everything; an autosave racing it could only confuse.
  // (Checked after other handlers ran, in case one of them cancelled the submit.)
  const onSubmit = (event: Event) => {
    window.setTimeout(() => {
      if (!event.defaultPrevented) stop();
    }, 0);
  };
  const timer = window.setInterval(() => void save(), intervalMs);
  form.addEventListener(AUTOSAVE_NOW_EVENT, onNow);
  form.addEventListener('submit', onSubmit);
  document.addEventListener('visibilitychange', onHidden);

  function stop() {
    stopped = true;
    window.clearInterval(timer);
    form.removeEventListener(AUTOSAVE_NOW_EVENT, onNow);
    form.removeEventListener('submit', onSubmit);
    document.removeEventListener('visibilitychange', onHidden);
  }
  return stop;
}
