import { z } from 'zod';

/**
 * Control characters (C0, DEL, C1) other than tab, line feed and carriage return. PostgreSQL cannot
 * store NUL in text, and none of these belong in what people type, so requests refuse them up front.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** The reason a field error carries, so the problem can say it in Japanese and English. */
export const CONTROL_CHARACTERS_REASON = 'control_characters';

export function hasControlCharacters(s: string): boolean {
  return CONTROL_CHARACTERS.test(s);
}

/** For text from outside that must be kept rather than refused (mail headers): each one becomes U+FFFD. */
export function replaceControlCharacters(s: string): string {
  return s.replace(new RegExp(CONTROL_CHARACTERS.source, 'g'), '\uFFFD');
}

/**
 * Every string a request carries (query, path, body) starts here instead of `z.string()`: the same
 * string schema, refusing control characters with a 400 that names the field.
 */
export function str() {
  return z.string().refine((s) => !hasControlCharacters(s), {
    params: { reason: CONTROL_CHARACTERS_REASON },
  });
}
