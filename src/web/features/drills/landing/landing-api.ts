import { api } from '../../../app/api.js';
import type { Landing } from '../types.js';

export function fetchLanding(token: string) {
  return api<Landing>(`/t/landing/${encodeURIComponent(token)}`);
}

export function sendSurvey(token: string, answers: Record<string, string>) {
  return api<unknown>(`/t/survey/${encodeURIComponent(token)}`, {
    method: 'POST',
    body: { answers },
  });
}
