import { z } from 'zod';
import { type FieldError, validationError } from '../errors.ts';
import { stripControlCharactersDeep } from '../text/control-characters.ts';

/** Turns zod issues into `field: message` pairs. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join('.') : 'input',
    message: issue.message,
  }));
}

/**
 * Parses input once at the edge; throws validation_failed with field errors
 * when it does not fit. Control characters are stripped from every string
 * first, so no NUL byte reaches either database.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(stripControlCharactersDeep(input));
  if (!result.success) throw validationError(fieldErrors(result.error));
  return result.data;
}

// Validation messages that no schema overrides are shown in Vietnamese too.
z.config(z.locales.vi());
