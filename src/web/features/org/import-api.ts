import { api } from '../../app/api.js';

export type ImportKind = 'org' | 'staff';

/** What an import did, or would do on a dry run (src/modules/org/import-routes.ts). */
export interface ImportSummary {
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  left: number;
  rolesAdded: number;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends the file as the request body; the server reads CSV (UTF-8 or Shift_JIS) or .xlsx. */
export function runImport(kind: ImportKind, file: File, opts: { dryRun: boolean; fullRoster: boolean }) {
  const contentType = file.name.toLowerCase().endsWith('.xlsx') ? XLSX : 'text/csv';
  return api<ImportSummary>(`/imports/${kind}`, {
    method: 'POST',
    file: { data: file, contentType },
    query: {
      dryRun: String(opts.dryRun),
      fullRoster: kind === 'staff' ? String(opts.fullRoster) : undefined,
    },
  });
}
