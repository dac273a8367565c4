import { api } from '../../app/api.js';

/** Every incident query starts with this key, so one invalidation refreshes the feature. */
export const INC = 'incidents';

export interface ReportInput {
  what: string;
  when: string;
  where: string;
  contact: string;
  attachments: { filename: string; data: string }[];
}

/** A file as base64 for the report body (the server sniffs its type and size). */
export async function fileToAttachment(file: File) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { filename: file.name, data: btoa(binary) };
}

export function reportPublic(tenantCode: string, body: ReportInput) {
  return api<{ reference: string; receivedAt: string }>(`/report/${encodeURIComponent(tenantCode)}`, {
    method: 'POST',
    body,
  });
}

export function reportSignedIn(body: ReportInput) {
  return api<{ id: string }>('/incidents', { method: 'POST', body });
}

/** Elapsed time as "2日 3時間" / "2d 3h". */
export function formatElapsed(minutes: number, lang: string): string {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const ja = lang.startsWith('ja');
  const parts = [
    d ? (ja ? `${d}日` : `${d}d`) : '',
    h ? (ja ? `${h}時間` : `${h}h`) : '',
    !d && (m || !h) ? (ja ? `${m}分` : `${m}m`) : '',
  ].filter(Boolean);
  return parts.join(' ');
}
