// What a working paper (監査調書) may be: a size limit and a content-type allow-list, the declared type
// checked against the file's first bytes so an HTML page cannot arrive labelled as a PDF.

export const PAPER_LIMIT_BYTES = 10 * 1024 * 1024;

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const SIGNATURES: Record<string, number[] | 'text'> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ZIP,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ZIP,
  'text/plain': 'text',
  'text/csv': 'text',
};

export const PAPER_TYPES = Object.keys(SIGNATURES);

/** The media type without parameters, lower-cased: "Text/Plain; charset=utf-8" → "text/plain". */
export function baseType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Text must be UTF-8 without NUL bytes and without markup that a browser might render. */
function isPlainText(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('\uFFFD')) return false;
  return !/^\s*<(?:!doctype|html|script|svg)/i.test(text);
}

export type PaperCheck =
  | { ok: true; type: string }
  | { ok: false; reason: 'type' | 'content' | 'size' | 'empty' };

export function checkPaper(contentType: string | undefined, bytes: Buffer): PaperCheck {
  const type = baseType(contentType);
  const sig = SIGNATURES[type];
  if (!sig) return { ok: false, reason: 'type' };
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  if (bytes.length > PAPER_LIMIT_BYTES) return { ok: false, reason: 'size' };
  const ok = sig === 'text' ? isPlainText(bytes) : sig.every((b, i) => bytes[i] === b);
  return ok ? { ok: true, type } : { ok: false, reason: 'content' };
}

/** A file name safe to store and to put in a header: no path, no control characters, at most 200 characters. */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return (clean || 'file').slice(0, 200);
}
