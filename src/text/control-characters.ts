/**
 * Control characters never belong in text people type, and PostgreSQL
 * refuses a NUL byte in text outright; tab and line breaks stay.
 */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const CONTROL_CHARACTERS = new RegExp(CONTROL_CHARACTER.source, 'g');

/** Removes control characters (C0 but tab and line breaks, DEL, C1) from a string. */
export function stripControlCharacters(text: string): string {
  return CONTROL_CHARACTER.test(text) ? text.replace(CONTROL_CHARACTERS, '') : text;
}

/** Plain objects, and the prototype-less dictionaries query parsers make; never class instances such as Buffer or Date. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype || Object.getPrototypeOf(proto) === null;
}

/**
 * The same for every string inside a value (strings, arrays and plain
 * objects, as forms, queries and JSON give them); anything else (bytes,
 * dates) is returned as it is. Returns a copy only where something changed.
 */
export function stripControlCharactersDeep<T>(value: T): T {
  if (typeof value === 'string') return stripControlCharacters(value) as T;
  if (Array.isArray(value)) {
    const items = value.map((item) => stripControlCharactersDeep(item));
    return (items.some((item, i) => item !== value[i]) ? items : value) as T;
  }
  if (!isPlainObject(value)) return value;
  let copy: Record<string, unknown> | null = null;
  for (const [key, item] of Object.entries(value)) {
    const clean = stripControlCharactersDeep(item);
    if (clean !== item) {
      copy ??= { ...value };
      copy[key] = clean;
    }
  }
  return (copy ?? value) as T;
}
