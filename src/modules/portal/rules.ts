// Pure rules of the security portal: what staff see as current, which links and files are accepted.

/** Staff see an item while it is published and today lies within its period (days in Japan time). */
export function isCurrent(
  item: { published: boolean; publishedFrom: string | null; publishedUntil: string | null },
  today: string,
): boolean {
  if (!item.published) return false;
  if (item.publishedFrom !== null && item.publishedFrom > today) return false;
  if (item.publishedUntil !== null && item.publishedUntil < today) return false;
  return true;
}

/** Links open in the reader's browser: http and https only, never javascript:, data: or file:. */
export function isSafeUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

export const PORTAL_FILE_MAX_BYTES = 10 * 1024 * 1024;
/** Materials staff read: PDF, Office documents, images and plain text (no HTML, no executables). */
export const PORTAL_FILE_TYPES = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'image/png',
  'image/jpeg',
  'text/plain',
] as const;

export function baseType(contentType: string): string {
  return contentType.split(';')[0]!.trim().toLowerCase();
}

export function fileTypeAllowed(contentType: string): boolean {
  return (PORTAL_FILE_TYPES as readonly string[]).includes(baseType(contentType));
}

/** A period is valid when it has no end or ends on or after its start. */
export function validPeriod(from: string | null, until: string | null): boolean {
  return from === null || until === null || from <= until;
}
