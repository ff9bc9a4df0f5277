/**
 * The view layer's one rule: everything interpolated into `html` is escaped,
 * unless it is already SafeHtml. Raw markup enters only through `trustedHtml`,
 * which is reserved for HTML the sanitiser produced.
 */

/** A string of markup that is safe to place in a page as it is. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and quoted attribute values. */
const NEEDS_ESCAPING = /[&<>"']/;

export function escapeHtml(text: string): string {
  // Most interpolated text (titles, dates, paths) has nothing to escape.
  return NEEDS_ESCAPING.test(text) ? text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string) : text;
}

type Value = SafeHtml | string | number | boolean | null | undefined | Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** Tagged template that builds markup, escaping every interpolated value. */
export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0] as string;
  for (let i = 0; i < values.length; i++) out += render(values[i] as Value) + (strings[i + 1] as string);
  return new SafeHtml(out);
}

/** Marks already-sanitised HTML (an article body) as safe. Never pass user input here. */
export function trustedHtml(sanitized: string): SafeHtml {
  return new SafeHtml(sanitized);
}

/** Serialises data for a JSON-LD script block, escaping "<" so it cannot close the tag. */
export function jsonForScript(data: unknown): SafeHtml {
  return new SafeHtml(JSON.stringify(data).replace(/</g, '\\u003c'));
}
