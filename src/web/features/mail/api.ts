import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.js';

export const MAIL_PURPOSES = [
  'selfcheck.remind',
  'training.remind',
  'training.notice',
  'classification.review-remind',
  'classification.expiry-notice',
  'exception.expiry-remind',
  'secaudit.milestone-remind',
  'systems.advisory-notice',
  'inspection.notice',
] as const;
export type MailPurpose = (typeof MAIL_PURPOSES)[number];

export interface MailFailure {
  id: string;
  purpose: MailPurpose;
  subject: string;
  recipientName: string | null;
  email: string | null;
  unitName: string | null;
  reason: 'refused' | 'no_address' | 'delivery_unknown';
  error: string | null;
  attempts: number;
  at: string;
}

export const MAIL_PAGE_SIZE = 50;

export function useMailFailures(purpose: MailPurpose | '', page: number) {
  return useQuery({
    queryKey: ['mail', 'failures', purpose, page],
    queryFn: ({ signal }) =>
      api<{ total: number; items: MailFailure[] }>('/mail/failures', {
        signal,
        query: { purpose, page, pageSize: MAIL_PAGE_SIZE },
      }),
    placeholderData: keepPreviousData,
  });
}
